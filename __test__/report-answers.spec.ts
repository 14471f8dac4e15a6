import { describe, expect, it } from 'vitest';

import { summarize } from '../benchmark/report/analyze.js';
import { answerLine, answerWord, questions, type AnswerSpec } from '../benchmark/report/answers.js';
import { renderMarkdown } from '../benchmark/report/markdown.js';
import { controls, record } from './fixtures/synthetic-records.js';

/** A record of `id` where Rust-inspired runs `ratio` times as fast as traditional. */
const rustAt = (id: string, ratio: number, noise = 0.02, size = 1 << 20) =>
  record(id, size, {
    traditional: { kind: 'traditional', ns: 10_000, noise },
    rust_inspired: { kind: 'rust_inspired', ns: 10_000 / ratio, noise },
  });

const views = questions.find((q) => q.title === 'Views vs copies')!;

/** The answer line RESULTS.md prints under `title`. */
function printed(title: string, records: ReturnType<typeof rustAt>[]): string {
  const md = renderMarkdown([...controls(), ...records]);
  const at = md.indexOf(`. ${title}\n`);
  return md
    .slice(at)
    .split('\n')
    .find((l) => l.startsWith('**Answer'))!;
}

describe('research question answers', () => {
  it('every question names at least one row to answer from', () => {
    expect(questions).toHaveLength(10);
    for (const q of questions) expect(q.answer.rows.length, q.title).toBeGreaterThan(0);
  });

  it('follows the data: faster rows answer yes, slower rows no, a row straddling 1.1x undecided', () => {
    const yes = printed(views.title, [rustAt('zero-copy/view-slicing', 20), rustAt('zero-copy/records', 4)]);
    expect(yes).toMatch(
      /^\*\*Answer: yes\.\*\* Views beat copies\. Rows: `zero-copy\/view-slicing` Rust-inspired vs traditional at 1 MiB: much faster (19\.\d|20\.\d)× \[/,
    );
    expect(yes).toMatch(
      /`zero-copy\/records` Rust-inspired vs traditional at 1 MiB: faster [34]\.\d\d× \[[\d.]+–[\d.]+\]/,
    );

    const no = printed(views.title, [rustAt('zero-copy/view-slicing', 0.25), rustAt('zero-copy/records', 1)]);
    expect(no).toMatch(/^\*\*Answer: no\.\*\* Views do not beat copies\./);
    expect(no).toContain('equivalent');

    // A true ratio of 2 sits on the slightly-faster/faster boundary: its class is undecided, but
    // the whole interval is a win, and the question asks which way.
    const onBoundary = printed(views.title, [
      rustAt('zero-copy/view-slicing', 2, 0.1),
      rustAt('zero-copy/records', 4),
    ]);
    expect(onBoundary).toMatch(/^\*\*Answer: yes\.\*\*/);
    expect(onBoundary).toMatch(
      /view-slicing` Rust-inspired vs traditional at 1 MiB: (?:undecided|slightly faster to faster) [12]\.\d\d× \[/,
    );

    // A true ratio of 1.1 sits on the edge of equivalence: the direction itself is open.
    const open = printed(views.title, [
      rustAt('zero-copy/view-slicing', 1.1, 0.1),
      rustAt('zero-copy/records', 4),
    ]);
    expect(open).toMatch(/^\*\*Answer: undecided\.\*\* The data cannot tell yet\./);

    const split = printed(views.title, [
      rustAt('zero-copy/view-slicing', 4),
      rustAt('zero-copy/records', 0.25),
    ]);
    expect(split).toMatch(/^\*\*Answer: it depends\.\*\* The rows disagree\./);
  });

  it('counts equivalent as a yes for "can X match Y" questions, and names rows it lacks', () => {
    const spec: AnswerSpec = {
      rows: [
        { case: 'async/tokio-spawn', compare: { challenger: 'traditional', incumbent: 'rust' } },
        { case: 'async/tokio-channel', compare: { challenger: 'traditional', incumbent: 'rust' } },
      ],
      yesWhen: 'not-slower',
      yes: 'JS matches',
      no: 'JS does not match',
    };
    const spawn = record('async/tokio-spawn', 1000, {
      traditional: { kind: 'traditional', ns: 1000 },
      rust: { kind: 'rust', ns: 1000 },
    });
    const line = answerLine(spec, summarize([spawn]));
    expect(line).toMatch(
      /^\*\*Answer: yes\.\*\* JS matches\. Rows: `async\/tokio-spawn` traditional vs rust at .*: equivalent /,
    );
    expect(line).toContain('Not measured: `async/tokio-channel`.');
    expect(answerLine(spec, [])).toBe(
      '**Answer: not measured.** Not measured: `async/tokio-spawn`, `async/tokio-channel`.',
    );
  });

  it('combines votes: any disagreement is "it depends", else any undecided row is undecided', () => {
    expect(answerWord(['yes', 'yes'])).toBe('yes');
    expect(answerWord(['no', 'undecided'])).toBe('undecided');
    expect(answerWord(['yes', 'no', 'undecided'])).toBe('it depends');
    expect(answerWord([])).toBe('not measured');
  });
});
