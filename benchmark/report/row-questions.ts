/**
 * Questions some rows ask between two of their own forms, which the matrix's two verdicts
 * (Rust-inspired vs traditional, native vs the fastest JS) do not answer: moving a Vec out
 * against copying it out, Rust's atomics and mutex against local counting, an offload against
 * the same kernel on the main thread, and the event-loop delay of each offload form. Each pair
 * is compared at every size with the engine's interval (`verdict`, seeded by its name) and read
 * by where its whole interval lies (`directionOf` in stats.ts, the crossover rule of analyze.ts).
 */
import type { ProcessSamples, ResultRecord } from '../engine/record.js';
import { allCases } from '../cases/index.js';
import { verdict, type Sampled } from '../engine/stats.js';
import {
  compareForms,
  findCrossover,
  formatInterval,
  formatSize,
  formatVerdict,
  verdictWords,
  type CaseSummary,
  type PointVerdict,
} from './analyze.js';

/** Two forms of one case whose comparison is a question the row asks. */
export interface FormPair {
  id: string;
  challenger: string;
  incumbent: string;
  /** The question, naming both forms. */
  question: string;
}

/** Every case's pairs (`BenchCase.formPairs`), in matrix order. */
export const formPairs: readonly FormPair[] = allCases.flatMap((c) =>
  (c.formPairs ?? []).map((p) => ({ id: c.id, ...p })),
);

/** The smallest size from which the challenger of a pair wins at every larger size, in words. */
export function pairCrossoverText(points: PointVerdict[], unit: string): string {
  // The report's crossover rule (analyze.ts), read in a pair's words.
  const x = findCrossover(points);
  if (!x) return '—';
  if (x.kind === 'never') {
    const there = { loses: 'the second faster', ties: 'equivalent', undecided: 'undecided', wins: '' }[
      x.there
    ];
    return `never up to ${formatSize(x.largest, unit)} (${there} there)`;
  }
  if (x.kind === 'always') return `at every size (from ${formatSize(x.size, unit)})`;
  return `from ${formatSize(x.size, unit)}`;
}

/** The "Questions between forms" table: every declared pair with a verdict per size. */
export function formPairsSection(cases: CaseSummary[]): string[] {
  const rows = formPairs.flatMap((pair) => {
    const c = cases.find((x) => x.id === pair.id);
    if (!c) return [];
    const points = compareForms(c.points, pair.challenger, pair.incumbent);
    if (points.length === 0) return [];
    const bySize = points.map((p) => `${formatSize(p.size, c.unit)}: ${formatVerdict(p)}`).join('; ');
    return [[`\`${c.id}\``, pair.question, bySize, pairCrossoverText(points, c.unit)]];
  });
  if (rows.length === 0) return [];
  return [
    '## Questions between forms',
    '',
    'Rows whose question is between two of their own forms: the first form against the second at every size, as a speed ratio (above 1× the first is faster) with its 95% interval and verdict. The last column is the smallest size from which the first form wins at every larger size: where its whole interval lies above the equivalence band (1.1×), whichever faster class that is.',
    '',
    table(['Case', 'Question', 'By size', 'First form wins']),
    ...rows.map((r) => line(r)),
    '',
  ];
}

/** The name prefix of event-loop delay p99 samples in `process_samples`. */
export const ELD_P99 = 'eld_p99_ms:';

/** A pooled sample list as the statistics read samples (lower is better, as with time). */
function asSampled(s: ProcessSamples): Sampled {
  return { samples_ns: s.values, sample_process: s.process };
}

/**
 * A delay ratio's verdict in words (lower delay is better): `verdictWords` with faster and slower
 * read as lower and higher ("slightly lower to lower", "lower (by how much: undecided)").
 */
function delayWords(v: Pick<PointVerdict, 'lo' | 'hi'>): string {
  return verdictWords(v)
    .replace(/faster/g, 'lower')
    .replace(/slower/g, 'higher');
}

/** Median of the pooled values. */
function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * The event-loop delay rows of one record: each form's p99 (median over every round of every
 * process) and its ratio to the traditional form's p99 (above 1×: lower delay), bootstrapped
 * over processes and rounds like a speed ratio.
 */
export function delayRows(r: ResultRecord): string[][] {
  const samples = r.process_samples ?? {};
  const base = samples[`${ELD_P99}traditional`];
  if (!base) return [];
  return Object.entries(samples)
    .filter(([name]) => name.startsWith(ELD_P99))
    .map(([name, s]) => {
      const form = name.slice(ELD_P99.length);
      const processes = new Set(s.process ?? [0]).size;
      const cell =
        form === 'traditional'
          ? 'baseline'
          : (() => {
              const v = verdict(asSampled(s), asSampled(base), `${r.benchmark}|${r.size}|eld_p99|${form}`);
              return `${delayWords(v)} ${formatInterval(v)}`;
            })();
      return [
        `\`${r.benchmark}\``,
        formatSize(r.size, r.unit),
        form,
        `${middle(s.values).toFixed(2)} ms`,
        `${s.values.length} / ${processes}`,
        cell,
      ];
    });
}

/** The "Event-loop delay" table for every record with p99 samples, or nothing. */
export function delaySection(records: ResultRecord[]): string[] {
  const rows = records
    .filter((r) => r.process_samples && Object.keys(r.process_samples).some((k) => k.startsWith(ELD_P99)))
    .sort((a, b) => a.benchmark.localeCompare(b.benchmark) || a.size - b.size)
    .flatMap(delayRows);
  if (rows.length === 0) return [];
  return [
    '## Event-loop delay with calls in flight',
    '',
    "The p99 event-loop delay (`monitorEventLoopDelay`, 1 ms resolution; an idle loop reads about 1.1 ms) while each form runs N calls at once (the case's description gives N), measured in every process in interleaved rounds. The last column is the traditional form's p99 over the form's (above 1× the form keeps the loop more responsive) with its 95% interval, bootstrapped over processes and then rounds; the class reads 'lower' or 'higher' delay, and 'by how much: undecided' where the interval lies wholly on one side of the equivalence band but across a class boundary.",
    '',
    table(['Case', 'Size', 'Form', 'p99 (median)', 'Rounds / processes', 'vs traditional (JS sync)']),
    ...rows.map((r) => line(r)),
    '',
  ];
}

function line(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function table(header: string[]): string {
  return `${line(header)}\n| ${header.map(() => '---').join(' | ')} |`;
}
