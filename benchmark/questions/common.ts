/**
 * What every question module shares: the records of each runtime, named rows read as verdicts
 * (direction and interval from `engine/stats.ts`), cost models (`engine/cost-model.ts`), and the
 * words an answer is written in. A question names its rows; nothing here knows a case id.
 */
import { fitCost, fitCrossover, type CostFit, type Estimate, type SizedForm } from '../engine/cost-model.js';
import type { ResultRecord } from '../engine/record.js';
import { directionOf, verdict, type RatioInterval, type VerdictClass } from '../engine/stats.js';
import { findCrossover, formatInterval, formatSize, sig, type PointVerdict } from '../report/analyze.js';
import { groupByRuntime, mainGroup, type RuntimeGroup } from '../report/runtimes.js';

/** Which way a comparison points: the challenger faster, slower, equivalent, or undecided. */
export type Direction = 'faster' | 'slower' | 'equivalent' | 'undecided';

/** A comparison of two forms at one size, with its direction. */
export interface Compared extends RatioInterval {
  size: number;
  class: VerdictClass;
  direction: Direction;
}

/** The rows, forms and sizes a question reads (sizes: every size measured when absent). */
export interface Reads {
  case: string;
  forms: string[];
  sizes?: number[];
}

/**
 * A claim judged by a question, the same kind of verdict as its answer: a seed hypothesis
 * (`hypothesis`, rendered with the answer) or a question between two forms of one row (`pair`,
 * for the report's tables).
 */
export interface QuestionCheck {
  kind: 'hypothesis' | 'pair';
  statement: string;
  status: 'confirmed' | 'refuted' | 'undecided' | 'not measured';
  /** The comparison that decided it, when one did. */
  verdict: Compared | null;
  evidence: string;
}

/** A question's answer: one or two sentences with numbers, then evidence, runtimes and a caveat. */
export interface Answer {
  answer: string;
  evidence: string[];
  /** The runtimes on which the answer differs (or that it holds on all). */
  runtimes: string;
  caveat: string;
  /** Rows the answer needs that the records lack, by case and form. */
  missing: string[];
  checks: QuestionCheck[];
}

export interface Question {
  number: number;
  /** The question in the developers' brief's words. */
  title: string;
  reads: Reads[];
  answer(records: ResultRecord[]): Answer;
}

/** The runtime the answer reads first (the matrix's), and every runtime's records. */
export interface Runs {
  main: RuntimeGroup;
  all: RuntimeGroup[];
}

export function runsOf(records: ResultRecord[]): Runs | null {
  const main = mainGroup(records);
  return main ? { main, all: groupByRuntime(records) } : null;
}

/** The records of one case, sizes ascending. */
export function rowsOf(records: readonly ResultRecord[], id: string): ResultRecord[] {
  return records.filter((r) => r.benchmark === id).sort((a, b) => a.size - b.size);
}

/** The record of a case at a size (the largest when `size` is absent). */
export function recordAt(records: readonly ResultRecord[], id: string, size?: number): ResultRecord | null {
  const rows = rowsOf(records, id);
  return (size === undefined ? rows[rows.length - 1] : rows.find((r) => r.size === size)) ?? null;
}

export function directionWord(iv: Pick<RatioInterval, 'lo' | 'hi'>): Direction {
  return ({ wins: 'faster', loses: 'slower', ties: 'equivalent', undecided: 'undecided' } as const)[
    directionOf(iv)
  ];
}

/**
 * Challenger over incumbent at one size (above 1: the challenger is faster), seeded as the report
 * seeds `compareForms`, so the same pair renders the same interval everywhere.
 */
export function compare(r: ResultRecord | null, challenger: string, incumbent: string): Compared | null {
  const c = r?.forms[challenger];
  const i = r?.forms[incumbent];
  if (!r || !c || !i || c.samples_ns.length === 0 || i.samples_ns.length === 0) return null;
  const v = verdict(c, i, `${r.benchmark}|${r.size}|${challenger}|${incumbent}`);
  return { ...v, size: r.size, direction: directionWord(v) };
}

/** The comparison at every size where both forms were measured. */
export function compareAll(
  records: readonly ResultRecord[],
  id: string,
  challenger: string,
  incumbent: string,
): Compared[] {
  return rowsOf(records, id).flatMap((r) => {
    const v = compare(r, challenger, incumbent);
    return v ? [v] : [];
  });
}

/** A form's samples at each size it was measured. */
export function sized(records: readonly ResultRecord[], id: string, form: string): SizedForm[] {
  return rowsOf(records, id).flatMap((r) => {
    const f = r.forms[form];
    return f && f.samples_ns.length > 0 ? [{ size: r.size, form: f }] : [];
  });
}

/** The cost model of a form (null below three sizes). */
export function fitOf(records: readonly ResultRecord[], id: string, form: string): CostFit | null {
  const rows = sized(records, id, form);
  return rows.length < 3
    ? null
    : remember(rows, `${id}|${form}|fit`, () => fitCost(rows, `${id}|${form}|fit`));
}

/**
 * Fits already made, by the samples they were made from (the first size's form) and their seed:
 * each answer, check list and table reads the same fits, and a bootstrapped fit costs
 * milliseconds. Samples are never changed once recorded.
 */
const fits = new WeakMap<object, Map<string, unknown>>();

function remember<T>(rows: readonly SizedForm[], key: string, make: () => T): T {
  const anchor = rows[0]!.form;
  let byKey = fits.get(anchor);
  if (!byKey) fits.set(anchor, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, make());
  return byKey.get(key) as T;
}

/** The fitted crossover of two forms, remembered like the fits. */
export function crossoverOf(
  records: readonly ResultRecord[],
  id: string,
  a: string,
  b: string,
  seed: string,
) {
  const rowsA = sized(records, id, a);
  const rowsB = sized(records, id, b);
  if (rowsA.length === 0 || rowsB.length === 0) return null;
  return remember(rowsA, `${seed}|${b}`, () => fitCrossover(rowsA, rowsB, seed));
}

/**
 * Where two forms' cost lines cross, as words with the interval: `844 kB [705 kB–1.03 MB]`; a
 * crossing outside the sizes measured is marked as extrapolated; without a crossing at a positive
 * size, which form the lines make cheaper at every size.
 */
export function fitCrossoverText(
  records: readonly ResultRecord[],
  id: string,
  a: string,
  b: string,
  unit: string,
  names: [string, string] = [a, b],
): string {
  const rowsA = sized(records, id, a);
  const x = crossoverOf(records, id, a, b, `${id}|${a}|${b}|crossover`);
  if (!x) return 'not fitted';
  const measured = measuredWindow(compareAll(records, id, a, b));
  if (x.size === null) {
    const fa = fitOf(records, id, a);
    const fb = fitOf(records, id, b);
    const [na, nb] = names;
    if (!fa || !fb) return 'nowhere';
    const aCheaper = fa.fixed.value + fa.marginal.value <= fb.fixed.value + fb.marginal.value;
    // No crossing agrees with a measurement where one form wins at every size, or never.
    const agrees = !measured || (aCheaper ? measured.lo === 0 : measured.hi === Infinity);
    return `none (the fitted lines make ${aCheaper ? na : nb} cheaper at every size${agrees ? '' : DISAGREES})`;
  }
  const lo = x.lo === null ? '?' : formatSize(Math.round(x.lo), unit);
  const hi = x.hi === null ? 'open' : formatSize(Math.round(x.hi), unit);
  const sizes = rowsA.map((r) => r.size);
  const outside = x.size < Math.min(...sizes) || x.size > Math.max(...sizes);
  const agrees = !measured || ((x.lo ?? 0) <= measured.hi && (x.hi ?? Infinity) >= measured.lo);
  return `${formatSize(Math.round(x.size), unit)} [${lo}–${hi}]${outside ? ' (extrapolated beyond the sizes measured)' : ''}${agrees ? '' : ` (${DISAGREES.slice(2)})`}`;
}

/** Said where a fitted crossover falls outside the measured one's window (agreement is silent). */
const DISAGREES = ', which the measured crossover contradicts';

/**
 * The window in which the measured crossover lies: above the largest size where the challenger
 * decisively does not win (slower or equivalent; 0 when there is none) and up to the smallest size
 * from which it wins at every larger size (infinity when it does not win at the largest). Sizes
 * where the interval cannot tell bound nothing. Null when nothing was compared.
 */
export function measuredWindow(points: readonly Compared[]): { lo: number; hi: number } | null {
  if (points.length === 0) return null;
  let first = points.length;
  while (first > 0 && points[first - 1]!.direction === 'faster') first--;
  const hi = first < points.length ? points[first]!.size : Infinity;
  const notWinning = points
    .slice(0, first)
    .filter((p) => p.direction === 'slower' || p.direction === 'equivalent')
    .pop();
  return { lo: notWinning?.size ?? 0, hi };
}

/**
 * A question between two forms of one row as a check: the claim that the challenger is faster,
 * judged at the largest size measured, with the measured crossover as its evidence.
 */
export function pairCheck(
  records: readonly ResultRecord[],
  id: string,
  challenger: string,
  incumbent: string,
  statement: string,
  unit: string,
): QuestionCheck {
  const points = compareAll(records, id, challenger, incumbent);
  const head = points[points.length - 1];
  if (!head) return { kind: 'pair', statement, status: 'not measured', verdict: null, evidence: '' };
  const status =
    head.direction === 'faster' ? 'confirmed' : head.direction === 'undecided' ? 'undecided' : 'refuted';
  return {
    kind: 'pair',
    statement,
    status,
    verdict: head,
    evidence: `\`${id}\` at ${formatSize(head.size, unit)}: ${head.direction} ${ratio(head)}; ${measuredCrossoverText(points, unit)}`,
  };
}

/** A comparison as a phrase: `slower (0.63× [0.56–0.67]) than`, `equivalent (…) to`. */
/**
 * A hypothesis's status from the verdict that tests it: confirmed when it points the way the
 * hypothesis says, undecided when its direction is, refuted otherwise (equivalent included).
 */
export function hypothesisStatus(
  v: Pick<Compared, 'direction'> | null | undefined,
  confirmedWhen: Direction,
): QuestionCheck['status'] {
  if (!v) return 'not measured';
  if (v.direction === confirmedWhen) return 'confirmed';
  return v.direction === 'undecided' ? 'undecided' : 'refuted';
}

export function against(v: Compared | null | undefined): string {
  if (!v) return 'not measured against';
  const link = { faster: 'than', slower: 'than', equivalent: 'to', undecided: 'against' }[v.direction];
  return `${v.direction} (${ratio(v)}) ${link}`;
}

/** The lead word of an answer from the directions of its rows. */
export function leadOf(dirs: ReadonlyArray<Direction | undefined>): string {
  const d = dirs.filter((x): x is Direction => x !== undefined);
  if (d.length === 0) return 'Not measured';
  if (d.every((x) => x === 'faster')) return 'Yes';
  if (d.every((x) => x === 'slower' || x === 'equivalent')) return 'No';
  // Past the two lines above, no 'faster' means some size is undecided: not a 'No'.
  if (!d.includes('faster'))
    return d.every((x) => x === 'undecided') ? 'Undecided' : 'Not shown faster anywhere measured';
  if (!d.includes('slower')) return 'Never slower, faster in part';
  return 'Partly';
}

/** The measured crossover (the report's rule): the smallest size from which the challenger wins for good. */
export function measuredCrossoverText(points: readonly Compared[], unit: string): string {
  const x = findCrossover(points as unknown as PointVerdict[]);
  if (!x) return 'not measured';
  if (x.kind === 'always') return `wins at every size from ${formatSize(x.size, unit)}`;
  if (x.kind === 'never') return `does not win up to ${formatSize(x.largest, unit)}`;
  const below = x.below[x.below.length - 1]!;
  return `wins from ${formatSize(x.size, unit)} (not at ${formatSize(below.size, unit)})`;
}

/** Nanoseconds as people say them. */
export function ns(x: number): string {
  const a = Math.abs(x);
  if (a < 1e3) return `${sig(x)} ns`;
  if (a < 1e6) return `${sig(x / 1e3)} µs`;
  if (a < 1e9) return `${sig(x / 1e6)} ms`;
  return `${sig(x / 1e9)} s`;
}

/** An estimate in ns with its interval: `67 ns [60–75]`. */
export function nsEstimate(e: Estimate): string {
  return `${ns(e.value)} [${sigIn(e.lo, e.value)}–${sigIn(e.hi, e.value)}]`;
}

/** A bound in the unit of `ref`'s formatting. */
function sigIn(x: number, ref: number): string {
  const a = Math.abs(ref);
  const [div] = a < 1e3 ? [1] : a < 1e6 ? [1e3] : a < 1e9 ? [1e6] : [1e9];
  return sig(x / div!);
}

/** A marginal cost per byte as bandwidth: GB/s of the bytes (ns per byte → GB/s is 1/x). */
export function gbps(e: Estimate, bytesPerUnit = 1): string {
  const rate = (x: number) => (x > 0 ? bytesPerUnit / x : Infinity);
  const fmt = (x: number) => (Number.isFinite(x) ? sig(x) : '∞');
  return `${fmt(rate(e.value))} GB/s [${fmt(rate(e.hi))}–${fmt(rate(e.lo))}]`;
}

/** A marginal cost per unit: `2.1 ns [1.9–2.3] per record`. */
export function perUnit(e: Estimate, unit: string): string {
  return `${sig(e.value)} ns [${sig(e.lo)}–${sig(e.hi)}] per ${unit}`;
}

/** A ratio with its interval, as the report prints it. */
export function ratio(v: Pick<RatioInterval, 'ratio' | 'lo' | 'hi'>): string {
  return formatInterval(v);
}

/** Time per op of a form at one size (median of all samples), ns; null when absent. */
export function medianNs(r: ResultRecord | null, form: string): number | null {
  const f = r?.forms[form];
  if (!f || f.samples_ns.length === 0) return null;
  const s = [...f.samples_ns].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * The runtimes on which a key comparison points another way than on the main runtime: each
 * runtime's direction with its ratio, or that every runtime agrees.
 */
export function runtimesLine(
  runs: Runs,
  key: (records: ResultRecord[]) => Compared | null,
  what: string,
): string {
  const mainV = key(runs.main.records);
  if (!mainV) return `${what}: not measured on ${runs.main.label}`;
  const others = runs.all.filter((g) => g.key !== runs.main.key);
  const differ: string[] = [];
  let measured = 0;
  for (const g of others) {
    const v = key(g.records);
    if (!v) continue;
    measured++;
    if (v.direction !== mainV.direction) differ.push(`${g.label} ${v.direction} ${ratio(v)}`);
  }
  if (differ.length === 0) return `${what}: ${mainV.direction} on all ${measured + 1} runtimes`;
  return `${what}: ${mainV.direction} on ${runs.main.label} ${ratio(mainV)}, but ${differ.join(', ')}`;
}

/** What a missing row reads as. */
export function missingRow(id: string, form?: string): string {
  return form ? `\`${id}\` form \`${form}\`` : `\`${id}\``;
}

/** An answer with nothing measured. */
export function notMeasured(reads: Reads[]): Answer {
  return {
    answer: 'Not measured in these results.',
    evidence: [],
    runtimes: '',
    caveat: '',
    missing: reads.map((r) => missingRow(r.case)),
    checks: [],
  };
}

/** The cost model of a form as words: `fixed 67 ns [60–75] + 0.08 ns [0.07–0.09] per B`. */
export function fitText(fit: CostFit, unit: string): string {
  return `${nsEstimate(fit.fixed)} + ${perUnit(fit.marginal, unit)}`;
}
