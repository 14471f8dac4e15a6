/**
 * One-line answers to the research questions (`questions` below), generated from the rows the
 * case files name for each (`BenchCase.questions`): the headline verdict (largest size) of a comparison of the report, or of two
 * named forms, with its class and interval. Yes when every measured row points the way the
 * question's claim needs, no when every one points the other way, undecided when a row's
 * interval cannot tell and the decided rows agree, and "it depends" when decided rows disagree.
 * No number is typed in: every figure in an answer comes from the records.
 */
import type { QuestionNumber } from '../engine/case.js';
import { directionOf } from '../engine/stats.js';
import { allCases } from '../cases/index.js';
import {
  compareForms,
  findCrossover,
  formatSize,
  formatVerdict,
  type CaseSummary,
  type ComparisonName,
  type PointVerdict,
} from './analyze.js';

/** One row behind an answer: a case and the comparison read from it. */
export interface AnswerRow {
  case: string;
  /** A comparison of the report, or two named forms (challenger over incumbent). */
  compare: ComparisonName | { challenger: string; incumbent: string };
}

/** How a question is answered from its rows. */
export interface AnswerSpec {
  rows: AnswerRow[];
  /**
   * `faster`: yes when every row's challenger is faster; `not-slower`: yes when none is slower
   * (equivalent counts), for questions of the form "can X match Y".
   */
  yesWhen: 'faster' | 'not-slower';
  /** The claim a yes makes, and the one a no makes. */
  yes: string;
  no: string;
}

/** A research question: its wording, and how its one-line answer reads its rows. */
export interface QuestionText extends Omit<AnswerSpec, 'rows'> {
  number: QuestionNumber;
  title: string;
}

/**
 * A research question with the cases that inform it and the rows its answer reads, both in matrix
 * order, taken from the case files.
 */
export interface Question {
  number: QuestionNumber;
  title: string;
  cases: string[];
  answer: AnswerSpec;
}

const questionTexts: readonly QuestionText[] = [
  {
    number: 1,
    title: 'Views vs copies',
    yesWhen: 'faster',
    yes: 'views beat copies',
    no: 'views do not beat copies',
  },
  {
    number: 2,
    title: "Can async match Rust's async?",
    yesWhen: 'not-slower',
    yes: "JS async is at least as fast as tokio's current-thread runtime",
    no: "JS async is slower than tokio's current-thread runtime",
  },
  {
    number: 3,
    title: 'When does parallelism overcome its overhead?',
    yesWhen: 'faster',
    yes: 'a warm worker pool beats one thread at the largest sizes, from the size each row gives',
    no: 'a warm worker pool does not beat one thread even at the largest sizes',
  },
  {
    number: 4,
    title: 'Object pooling in modern V8',
    yesWhen: 'faster',
    yes: 'pooling pays for long-lived and short-lived objects alike',
    no: 'pooling does not pay',
  },
  {
    number: 5,
    title: 'Rust-like zero-copy across Node-API',
    yesWhen: 'faster',
    yes: 'native code on borrowed bytes beats the fastest JS, built-ins included',
    no: 'native code on borrowed bytes does not beat the fastest JS, built-ins included',
  },
  {
    number: 6,
    title: 'TypedArray vs Array',
    yesWhen: 'faster',
    yes: 'typed arrays beat JS arrays',
    no: 'typed arrays do not beat JS arrays',
  },
  {
    number: 7,
    title: 'Microtask vs macrotask',
    yesWhen: 'faster',
    yes: 'a microtask hop is cheaper than a macrotask hop',
    no: 'a microtask hop is not cheaper than a macrotask hop',
  },
  {
    number: 8,
    title: 'When do workers overcome serialization?',
    yesWhen: 'faster',
    yes: 'transferring beats cloning and a warm pool beats the main thread at the largest sizes',
    no: 'neither transferring nor a warm pool beats the copy or the main thread',
  },
  {
    number: 9,
    title: 'Can SharedArrayBuffer enable true parallelism?',
    yesWhen: 'faster',
    yes: 'workers sharing one SharedArrayBuffer beat one thread and beat counting apart',
    no: 'workers sharing one SharedArrayBuffer do not beat one thread or counting apart',
  },
  {
    number: 10,
    title: 'Do ownership semantics pay in a GC language?',
    yesWhen: 'faster',
    yes: 'moves and explicit release beat the GC-managed forms',
    no: 'moves and explicit release do not beat the GC-managed forms',
  },
];

/** The ten questions, each with the cases that name it (`BenchCase.questions`), in matrix order. */
export const questions: readonly Question[] = questionTexts.map(({ number, title, ...how }) => {
  const links = allCases.flatMap((c) =>
    (c.questions ?? []).filter((q) => q.question === number).map((q) => ({ id: c.id, q })),
  );
  return {
    number,
    title,
    cases: links.map((l) => l.id),
    answer: {
      ...how,
      rows: links.flatMap(({ id, q }) => (q.answers ?? []).map((compare) => ({ case: id, compare }))),
    },
  };
});

export type AnswerWord = 'yes' | 'no' | 'undecided' | 'it depends' | 'not measured';

const comparisonWords: Record<ComparisonName, string> = {
  rust_inspired_vs_traditional: 'Rust-inspired vs traditional',
  native_vs_best_js: 'native vs the fastest JS',
  best_builtin_vs_traditional: 'the fastest Node built-in vs traditional',
};

/** The verdicts of one row over the case's sizes (ascending), empty where not measured. */
function series(c: CaseSummary, row: AnswerRow): PointVerdict[] {
  if (typeof row.compare !== 'string')
    return compareForms(c.points, row.compare.challenger, row.compare.incumbent);
  const cmp =
    row.compare === 'rust_inspired_vs_traditional'
      ? c.rust
      : row.compare === 'native_vs_best_js'
        ? c.native
        : c.builtin;
  return cmp?.bySize ?? [];
}

function rowLabel(row: AnswerRow, v: PointVerdict): string {
  if (typeof row.compare !== 'string') return `${row.compare.challenger} vs ${row.compare.incumbent}`;
  if (row.compare === 'native_vs_best_js') return `${comparisonWords[row.compare]} (${v.incumbent})`;
  if (row.compare === 'best_builtin_vs_traditional') return `${v.challenger} vs traditional`;
  return comparisonWords[row.compare];
}

/**
 * Whether a row supports the claim (`yes`), contradicts it (`no`), or cannot tell. A question asks
 * which way, not how much: the direction comes from the interval (`directionOf`), so 1.97x
 * [1.87-2.02], undecided between slightly faster and faster, still says "faster".
 */
function vote(v: PointVerdict, yesWhen: AnswerSpec['yesWhen']): 'yes' | 'no' | 'undecided' {
  const d = directionOf(v);
  if (d === 'undecided') return 'undecided';
  if (yesWhen === 'faster') return d === 'wins' ? 'yes' : 'no';
  return d === 'loses' ? 'no' : 'yes';
}

/** The answer word from the rows' votes (see the module comment). */
export function answerWord(votes: Array<'yes' | 'no' | 'undecided'>): AnswerWord {
  if (votes.length === 0) return 'not measured';
  const decided = new Set(votes.filter((v) => v !== 'undecided'));
  if (decided.size > 1) return 'it depends';
  if (votes.includes('undecided')) return 'undecided';
  return votes[0]!;
}

/** The question's answer as one Markdown line, naming every row and its interval. */
export function answerLine(spec: AnswerSpec, cases: CaseSummary[]): string {
  const votes: Array<'yes' | 'no' | 'undecided'> = [];
  const evidence: string[] = [];
  const missing: string[] = [];
  for (const row of spec.rows) {
    const c = cases.find((x) => x.id === row.case);
    const points = c ? series(c, row) : [];
    const head = points[points.length - 1];
    if (!c || !head) {
      missing.push(`\`${row.case}\``);
      continue;
    }
    votes.push(vote(head, spec.yesWhen));
    let text = `\`${c.id}\` ${rowLabel(row, head)} at ${formatSize(head.size, c.unit)}: ${formatVerdict(head)}`;
    // Where the challenger starts to win for good, when that is not at the smallest size.
    const x = findCrossover(points);
    if (x?.kind === 'from') text += `, faster from ${formatSize(x.size, c.unit)} up`;
    evidence.push(text);
  }
  const word = answerWord(votes);
  const claim = {
    yes: spec.yes,
    no: spec.no,
    'it depends': 'the rows disagree',
    undecided: 'the data cannot tell yet',
    'not measured': '',
  }[word];
  const rows = evidence.length > 0 ? ` Rows: ${evidence.join('; ')}.` : '';
  const notMeasured = missing.length > 0 ? ` Not measured: ${missing.join(', ')}.` : '';
  return `**Answer: ${word}.**${claim ? ` ${claim.charAt(0).toUpperCase()}${claim.slice(1)}.` : ''}${rows}${notMeasured}`;
}
