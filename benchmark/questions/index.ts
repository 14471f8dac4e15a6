/**
 * The ten research questions of the developers' brief, in order, each answered by its own module
 * from the rows it names. `renderAnswers` is what RESULTS.md prints first.
 */
import type { ResultRecord } from '../engine/record.js';
import type { Answer, Question, QuestionCheck } from './common.js';
import { q01 } from './q01-views.js';
import { q02 } from './q02-async.js';
import { q03 } from './q03-parallelism.js';
import { q04 } from './q04-pooling.js';
import { q05 } from './q05-zero-copy.js';
import { q06 } from './q06-typed-arrays.js';
import { q07 } from './q07-scheduling.js';
import { q08 } from './q08-messaging.js';
import { q09 } from './q09-shared-memory.js';
import { q10 } from './q10-ownership.js';

export type { Answer, Question, QuestionCheck } from './common.js';

export const questions: readonly Question[] = [q01, q02, q03, q04, q05, q06, q07, q08, q09, q10];

/** The longest line an answer renders (RESULTS.md keeps lines under 300 characters). */
export const MAX_LINE = 300;

/**
 * Text broken into lines of at most `MAX_LINE` characters, at clause boundaries ("; ", ": ",
 * ", " in that order of preference), continuation lines indented.
 */
export function wrap(text: string, indent = '  '): string[] {
  const lines: string[] = [];
  let rest = text;
  let prefix = '';
  while (prefix.length + rest.length > MAX_LINE) {
    const room = MAX_LINE - prefix.length - 2;
    let cut = -1;
    for (const sep of ['. ', '; ', ': ', ', ']) {
      cut = rest.lastIndexOf(sep, room - sep.length);
      if (cut > room / 3) {
        cut += sep.length - 1;
        break;
      }
      cut = -1;
    }
    if (cut < 0) break;
    lines.push(prefix + rest.slice(0, cut + 1).trimEnd());
    rest = rest.slice(cut + 1).trimStart();
    prefix = indent;
  }
  lines.push(prefix + rest);
  return lines;
}

/** Items joined with "; " after `head`, wrapped. */
export function pack(head: string, items: readonly string[], indent = '  '): string[] {
  return items.length === 0 ? [] : wrap(`${head}${items.join('; ')}.`, indent);
}

/** One question's answer as Markdown lines: the answer, then evidence, runtimes, caveat and gaps. */
export function renderAnswer(q: Question, a: Answer): string[] {
  const checks = a.checks
    .filter((c) => c.kind === 'hypothesis')
    .map((c) => `hypothesis "${c.statement}": ${c.status}`);
  const tail = [
    ...(a.runtimes ? [`runtimes: ${a.runtimes}`] : []),
    ...(a.caveat ? [`caveat: ${a.caveat}`] : []),
    ...(a.missing.length > 0 ? [`not in these results: ${a.missing.join(', ')}`] : []),
  ];
  return [
    // One list item per question, its evidence a nested item: consecutive answers then need no
    // blank line between them (a line after a list item would otherwise continue it).
    ...wrap(`- **${q.number}. ${q.title}** ${a.answer}`),
    ...pack('  - ', [...a.evidence, ...checks, ...tail], '    '),
  ];
}

/** Every check of every question (seed hypotheses and questions between forms), in question order. */
export function questionChecks(records: ResultRecord[]): Array<{ question: number } & QuestionCheck> {
  return questions.flatMap((q) => q.answer(records).checks.map((c) => ({ question: q.number, ...c })));
}

/**
 * The seed's hypotheses as table rows (statement, status, evidence), judged by the questions: what
 * the report's Hypotheses table prints in place of verdicts written in `markdown.ts`.
 */
export function hypothesisRows(records: ResultRecord[]): string[][] {
  return questionChecks(records)
    .filter((c) => c.kind === 'hypothesis')
    .map((c) => [`Q${c.question}: ${c.statement}`, c.status, c.evidence]);
}

/** The ten answers as Markdown lines, in the brief's order. */
export function renderAnswers(records: ResultRecord[]): string[] {
  return questions.flatMap((q) => renderAnswer(q, q.answer(records)));
}
