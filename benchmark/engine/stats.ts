/**
 * The statistics every verdict rests on, as pure functions of raw samples (time per op, ns).
 *
 * - A form's location is the interquartile mean (25% trimmed from each end) of log time: robust to
 *   the outliers a shared machine produces (a GC, another tenant), smooth enough for the bootstrap
 *   to work on a dozen samples, and on the log scale so that ratios are differences. With a 20%
 *   trim, a dozen samples with one 3x outlier gave intervals 1.4x wide: 7% of resamples hold the
 *   outlier three times, more than the trim removes.
 * - A speed ratio's interval comes from a bootstrap of that statistic (criterion.rs bootstraps too),
 *   resampling processes first and then samples within each (so the spread between `--repeat`
 *   processes widens the interval), widened by the small-sample factor t(n-1)/z * sqrt(n/(n-1))
 *   that the plain percentile bootstrap lacks. The unit test checks the coverage on synthetic
 *   samples with a known ratio.
 * - A verdict has a direction (faster, slower, equivalent: the whole interval beyond or inside the
 *   +-10% band, else undecided) and a magnitude (the effect-size class that holds the whole
 *   interval, or the two adjacent classes when it straddles one boundary). The single `class`
 *   (undecided on any boundary) is kept for records and files that read it.
 * - An interval built after the runner looked and sampled more is widened by Pocock's constant.
 *
 * Everything is deterministic (a seeded generator), so a saved results file always renders the
 * same report.
 */

/** Raw samples of one form, as stored in a results record. */
export interface Sampled {
  samples_ns: readonly number[];
  /** The process that took each sample (absent: one process). */
  sample_process?: readonly number[] | undefined;
  /**
   * The form's kind, when known: a `rust` form was timed by criterion or the tokio benchmark, not
   * in the Node sampler's rounds, so it is never paired with another form.
   */
  kind?: string | undefined;
  /**
   * How many times the runner looked at this form's comparisons and chose to sample more (1: the
   * planned processes only). Intervals of a form sampled after a look are widened by the
   * group-sequential constant for that many looks (`sequentialFactor`).
   */
  looks?: number | undefined;
}

/** The confidence level of every interval the report prints. */
export const CONFIDENCE = 0.95;
/** Bootstrap resamples per interval. */
export const RESAMPLES = 2000;
/** Share trimmed from each end before averaging log times. */
export const TRIM = 0.25;

/** `x` rounded to `digits` decimals, as every figure in a record is stored. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A small fast seeded generator (mulberry32): uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from a string (FNV-1a), so each comparison has its own stable stream. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The `p`-quantile (0..1) of `sorted` (ascending), linearly interpolated (Hyndman-Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Mean of `values` after dropping `trim` of them from each end (values are sorted in place). */
export function trimmedMeanInPlace(values: Float64Array, trim = TRIM): number {
  values.sort();
  const n = values.length;
  const k = Math.floor(n * trim);
  let s = 0;
  for (let i = k; i < n - k; i++) s += values[i]!;
  return s / (n - 2 * k);
}

/** The samples of a form grouped by process, as log times. */
export function logGroups(f: Sampled): Float64Array[] {
  const byProcess = new Map<number, number[]>();
  f.samples_ns.forEach((t, i) => {
    const p = f.sample_process?.[i] ?? 0;
    let g = byProcess.get(p);
    if (!g) byProcess.set(p, (g = []));
    g.push(Math.log(Math.max(t, 1e-3)));
  });
  return [...byProcess.keys()].sort((a, b) => a - b).map((p) => Float64Array.from(byProcess.get(p)!));
}

/** The location statistic of a form: trimmed mean of log time over all its samples. */
export function logLocation(groups: Float64Array[]): number {
  const all = new Float64Array(groups.reduce((n, g) => n + g.length, 0));
  let o = 0;
  for (const g of groups) {
    all.set(g, o);
    o += g.length;
  }
  return trimmedMeanInPlace(all);
}

/** One bootstrap replicate: processes resampled, then samples within each chosen process. */
function resampleLocation(groups: Float64Array[], next: () => number, scratch: Float64Array): number {
  let o = 0;
  for (let j = 0; j < groups.length; j++) {
    const g = groups[Math.floor(next() * groups.length)]!;
    for (let i = 0; i < g.length; i++) scratch[o++] = g[Math.floor(next() * g.length)]!;
  }
  return trimmedMeanInPlace(scratch.subarray(0, o));
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lowTail) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Student's t quantile for `df` degrees of freedom (Cornish-Fisher expansion; exact enough for df >= 3). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/**
 * How much wider than the percentile bootstrap a small sample's interval must be: t over z for
 * `df` degrees of freedom (default n-1), times sqrt(n/(n-1)) for the bootstrap's biased variance.
 */
export function smallSampleFactor(n: number, confidence = CONFIDENCE, df = n - 1): number {
  if (n < 3 && df === n - 1) return Infinity;
  const p = 1 - (1 - confidence) / 2;
  return (tQuantile(p, Math.max(1, df)) / normalQuantile(p)) * Math.sqrt(n / Math.max(1, n - 1));
}

/** A ratio with its interval: `ratio` = incumbent time / challenger time (above 1: challenger faster). */
export interface RatioInterval {
  ratio: number;
  lo: number;
  hi: number;
}

/**
 * Pocock's constants for a two-sided 95% group-sequential test with equally spaced looks: the
 * critical value to use at every look so that the chance of any of `k` looks rejecting a true
 * null stays 5% (Pocock 1977, Table 1; Jennison & Turnbull, Group Sequential Methods, Table 2.1).
 * An interval built after the runner looked and sampled more must use it, or its coverage drops
 * below the nominal level (the runner samples more exactly when an interval straddles a line, so
 * without it a straddling interval gets a second chance to fall on one side by chance).
 */
export const POCOCK_95: readonly number[] = [1.96, 2.178, 2.289, 2.361, 2.413];

/**
 * How much wider than a single-look interval the interval after `looks` looks must be: Pocock's
 * constant over 1.96, for the 95% level every interval of the report uses (`CONFIDENCE`).
 */
export function sequentialFactor(looks: number): number {
  if (!(looks > 1)) return 1;
  return POCOCK_95[Math.min(Math.floor(looks), POCOCK_95.length) - 1]! / POCOCK_95[0]!;
}

/**
 * Whether two forms' samples were taken in the same rounds: the same count and the same
 * processes, sample for sample. The sampler takes one sample of every form per round, so forms of
 * one record always are; `rust` forms (timed outside the sampler) and records assembled elsewhere
 * (the service) are not.
 */
export function paired(a: Sampled, b: Sampled): boolean {
  if (a.kind === 'rust' || b.kind === 'rust') return false;
  if (a.samples_ns.length !== b.samples_ns.length) return false;
  const pa = a.sample_process;
  const pb = b.sample_process;
  if (!pa || !pb) return !pa && !pb;
  return pa.every((p, i) => p === pb[i]);
}

/** Per-round log ratios (incumbent over challenger), grouped by process. */
function pairedLogRatios(challenger: Sampled, incumbent: Sampled): Float64Array[] {
  const byProcess = new Map<number, number[]>();
  challenger.samples_ns.forEach((t, i) => {
    const p = challenger.sample_process?.[i] ?? 0;
    let g = byProcess.get(p);
    if (!g) byProcess.set(p, (g = []));
    g.push(Math.log(Math.max(incumbent.samples_ns[i]!, 1e-3)) - Math.log(Math.max(t, 1e-3)));
  });
  return [...byProcess.keys()].sort((a, b) => a - b).map((p) => Float64Array.from(byProcess.get(p)!));
}

/**
 * The speed ratio of `challenger` over `incumbent` (how many times faster the challenger is) with
 * its `confidence` interval. `seed` picks the bootstrap stream; pass a string naming the
 * comparison so that a saved file always yields the same interval.
 *
 * When the two forms were sampled in the same rounds (see `paired`), the statistic is the
 * interquartile mean of the per-round log ratios: a slow round or a slow process (frequency,
 * another tenant) then shifts both forms and cancels, which is what interleaving is for. Two
 * processes of one quick run differed by up to 1.5x in absolute speed while their ratios agreed.
 * Otherwise it is the difference of the two forms' interquartile means of log time.
 */
export function speedRatio(
  challenger: Sampled,
  incumbent: Sampled,
  seed: string | number = 0,
  confidence = CONFIDENCE,
  resamples = RESAMPLES,
): RatioInterval {
  const next = rng(typeof seed === 'number' ? seed : seedOf(seed));
  const diffs = new Float64Array(resamples);
  let point: number;
  if (paired(challenger, incumbent)) {
    const d = pairedLogRatios(challenger, incumbent);
    point = logLocation(d);
    const scratch = new Float64Array(Math.max(...d.map((g) => g.length)) * d.length);
    for (let i = 0; i < resamples; i++) diffs[i] = resampleLocation(d, next, scratch);
  } else {
    const ch = logGroups(challenger);
    const inc = logGroups(incumbent);
    point = logLocation(inc) - logLocation(ch);
    const scratchCh = new Float64Array(Math.max(...ch.map((g) => g.length)) * ch.length);
    const scratchInc = new Float64Array(Math.max(...inc.map((g) => g.length)) * inc.length);
    for (let i = 0; i < resamples; i++) {
      diffs[i] = resampleLocation(inc, next, scratchInc) - resampleLocation(ch, next, scratchCh);
    }
  }
  diffs.sort();
  const alpha = (1 - confidence) / 2;
  // The interval is widened for the effective sample size: samples of one process share its
  // level (JIT decisions, heap layout), so they count for less than independent ones.
  const groups = paired(challenger, incumbent)
    ? [pairedLogRatios(challenger, incumbent)]
    : [logGroups(challenger), logGroups(incumbent)];
  const eff = groups.map(effectiveSize).reduce((a, b) => (a.df < b.df ? a : b));
  const looks = Math.max(challenger.looks ?? 1, incumbent.looks ?? 1);
  const widen = smallSampleFactor(eff.n, confidence, eff.df) * sequentialFactor(looks);
  const lo = point - widen * Math.max(0, point - quantileSorted(diffs, alpha));
  const hi = point + widen * Math.max(0, quantileSorted(diffs, 1 - alpha) - point);
  return { ratio: Math.exp(point), lo: Math.exp(lo), hi: Math.exp(hi) };
}

/** Variance of an interquartile mean relative to a plain mean's, for normal data (efficiency ~0.83). */
const IQM_VARIANCE = 1.2;

/**
 * The effective sample size and degrees of freedom of samples grouped by process. The location's
 * variance has two parts: the spread within processes over all N samples, and the spread of the
 * process levels over k processes (a one-way random-effects model, estimated robustly: process
 * locations are interquartile means, the within-process scale is the pooled MAD). The degrees of
 * freedom come from Welch-Satterthwaite: k-1 for the process part, N-k for the rest. With no
 * spread between processes this is N samples and N-1 degrees of freedom, as before.
 */
export function effectiveSize(groups: Float64Array[]): { n: number; df: number } {
  const k = groups.length;
  const total = groups.reduce((s, g) => s + g.length, 0);
  if (k < 2 || total <= k) return { n: total, df: total - 1 };
  const resid: number[] = [];
  const locs = groups.map((g) => {
    const m = median(g);
    for (const x of g) resid.push(Math.abs(x - m));
    return trimmedMeanInPlace(Float64Array.from(g));
  });
  const sw2 = (1.4826 * median(resid)) ** 2 * IQM_VARIANCE;
  const mean = locs.reduce((a, b) => a + b, 0) / k;
  const between = locs.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1);
  const withinOfLoc = groups.reduce((s, g) => s + sw2 / g.length, 0) / k;
  const tau2 = Math.max(0, between - withinOfLoc);
  const a = tau2 / k;
  const b = sw2 / total;
  if (a + b === 0) return { n: total, df: total - 1 };
  const n = total * (b / (a + b));
  const df = (a + b) ** 2 / (a ** 2 / (k - 1) + b ** 2 / (total - k));
  return { n: Math.max(k, n), df: Math.max(1, df) };
}

/** A form's median time per op with the bootstrap interval of that median. */
export function medianInterval(f: Sampled, seed: string | number = 0, resamples = RESAMPLES): RatioInterval {
  const groups = f.samples_ns.map(Number);
  const m = median(groups);
  const next = rng(typeof seed === 'number' ? seed : seedOf(seed));
  const meds = new Float64Array(resamples);
  const scratch = new Float64Array(groups.length);
  for (let i = 0; i < resamples; i++) {
    for (let j = 0; j < groups.length; j++) scratch[j] = groups[Math.floor(next() * groups.length)]!;
    meds[i] = quantileSorted(scratch.sort(), 0.5);
  }
  meds.sort();
  return {
    ratio: m,
    lo: quantileSorted(meds, (1 - CONFIDENCE) / 2),
    hi: quantileSorted(meds, 1 - (1 - CONFIDENCE) / 2),
  };
}

/** The effect-size classes, from the challenger's point of view. */
export type VerdictClass =
  | 'much-faster'
  | 'faster'
  | 'slightly-faster'
  | 'equivalent'
  | 'slightly-slower'
  | 'slower'
  | 'much-slower'
  | 'undecided';

/** Class bands as speed ratios: each class holds the ratios in [from, to). */
export const EQUIVALENCE = 1.1;
export const bands: ReadonlyArray<{
  class: Exclude<VerdictClass, 'undecided'>;
  from: number;
  to: number;
  label: string;
}> = [
  { class: 'much-slower', from: 0, to: 0.1, label: 'much slower (10x or more)' },
  { class: 'slower', from: 0.1, to: 0.5, label: 'slower (2-10x)' },
  { class: 'slightly-slower', from: 0.5, to: 1 / EQUIVALENCE, label: 'slightly slower (1.1-2x)' },
  { class: 'equivalent', from: 1 / EQUIVALENCE, to: EQUIVALENCE, label: 'equivalent (within 10%)' },
  { class: 'slightly-faster', from: EQUIVALENCE, to: 2, label: 'slightly faster (1.1-2x)' },
  { class: 'faster', from: 2, to: 10, label: 'faster (2-10x)' },
  { class: 'much-faster', from: 10, to: Infinity, label: 'much faster (10x or more)' },
];

function bandOf(x: number): Exclude<VerdictClass, 'undecided'> {
  for (const b of bands) if (x < b.to) return b.class;
  return 'much-faster';
}

/** The class whose band holds the whole interval, else `undecided`. */
export function classify(iv: Pick<RatioInterval, 'lo' | 'hi'>): VerdictClass {
  const m = magnitudeOf(iv);
  return m.length === 1 ? m[0]! : 'undecided';
}

/** A decided effect-size class. */
export type MagnitudeClass = Exclude<VerdictClass, 'undecided'>;

/** The band a ratio falls in, with the equivalence band closed at both ends ([1/1.1, 1.1]). */
function bandIndex(x: number): number {
  if (x >= 1 / EQUIVALENCE && x <= EQUIVALENCE) return bands.findIndex((b) => b.class === 'equivalent');
  return bands.findIndex((b) => b.class === bandOf(x));
}

/**
 * About how much: the class the whole interval sits in, or the two adjacent classes when it
 * straddles one boundary (1.95x [1.87-2.02] is "slightly faster to faster"); empty when it spans
 * three classes or more, or cannot be read (no lower bound, no upper bound). A magnitude of two
 * classes is a decided claim: the ratio is somewhere in their union.
 */
export function magnitudeOf(iv: Pick<RatioInterval, 'lo' | 'hi'>): MagnitudeClass[] {
  if (!(iv.lo > 0) || !Number.isFinite(iv.hi) || !(iv.hi >= iv.lo)) return [];
  const a = bandIndex(iv.lo);
  const b = bandIndex(iv.hi);
  if (b - a > 1) return [];
  return bands.slice(a, b + 1).map((x) => x.class);
}

/**
 * Which way the challenger goes: `faster` when the whole interval lies at or above the top of
 * the equivalence band (1.1x), `slower` when it lies below its bottom, `equivalent` when it lies
 * inside it, else `undecided`. A class boundary inside the interval (1.8x [1.7-2.0]) leaves the
 * direction decided; a crossover ("native pays from this size") and every answer read this.
 */
export type Direction = 'faster' | 'slower' | 'equivalent' | 'undecided';

export function directionFor(iv: Pick<RatioInterval, 'lo' | 'hi'>): Direction {
  if (!(iv.lo > 0) || !Number.isFinite(iv.hi)) return 'undecided';
  if (iv.lo >= EQUIVALENCE) return 'faster';
  if (iv.hi < 1 / EQUIVALENCE) return 'slower';
  if (iv.lo >= 1 / EQUIVALENCE && iv.hi <= EQUIVALENCE) return 'equivalent';
  return 'undecided';
}

const directionWords: Record<Direction, 'wins' | 'loses' | 'ties' | 'undecided'> = {
  faster: 'wins',
  slower: 'loses',
  equivalent: 'ties',
  undecided: 'undecided',
};

/** `directionFor` in the challenger's words (wins, loses, ties), as crossovers speak. */
export function directionOf(iv: Pick<RatioInterval, 'lo' | 'hi'>): 'wins' | 'loses' | 'ties' | 'undecided' {
  return directionWords[directionFor(iv)];
}

/** Which way a class points: the challenger wins, loses, ties, or the data cannot tell. */
export function direction(c: VerdictClass): 'wins' | 'loses' | 'ties' | 'undecided' {
  if (c === 'much-faster' || c === 'faster' || c === 'slightly-faster') return 'wins';
  if (c === 'much-slower' || c === 'slower' || c === 'slightly-slower') return 'loses';
  return c === 'equivalent' ? 'ties' : 'undecided';
}

/**
 * A comparison, judged: ratio and interval, the one class that holds the whole interval (else
 * `undecided`), the direction and the magnitude (one or two classes), all from that interval.
 */
export interface Verdict extends RatioInterval {
  class: VerdictClass;
  direction: Direction;
  magnitude: MagnitudeClass[];
}

/** The verdict fields of an interval. */
export function judge(iv: RatioInterval): Verdict {
  const magnitude = magnitudeOf(iv);
  return {
    ...iv,
    class: magnitude.length === 1 ? magnitude[0]! : 'undecided',
    direction: directionFor(iv),
    magnitude,
  };
}

/**
 * Verdicts already computed, by challenger, incumbent and seed: one report renders the same
 * comparison for verdicts.json, RESULTS.md, the README block and the HTML page, and each
 * bootstrap costs milliseconds. Samples are never changed once recorded.
 */
const verdicts = new WeakMap<Sampled, WeakMap<Sampled, Map<string | number, Verdict>>>();

export function verdict(challenger: Sampled, incumbent: Sampled, seed: string | number = 0): Verdict {
  let byIncumbent = verdicts.get(challenger);
  if (!byIncumbent) verdicts.set(challenger, (byIncumbent = new WeakMap()));
  let bySeed = byIncumbent.get(incumbent);
  if (!bySeed) byIncumbent.set(incumbent, (bySeed = new Map()));
  const known = bySeed.get(seed);
  if (known) return { ...known, magnitude: [...known.magnitude] };
  const v = judge(speedRatio(challenger, incumbent, seed));
  bySeed.set(seed, v);
  return { ...v, magnitude: [...v.magnitude] };
}

/**
 * An interval narrower than this (hi/lo) is not given more processes: it straddles the edge of
 * the equivalence band because the ratio sits on it, and more samples would not move it off.
 */
export const NARROW_INTERVAL = 1.1;

/**
 * Whether more processes could decide this verdict: its direction is undecided or its magnitude
 * spans three classes or more, and its interval is still wide. A magnitude of two adjacent
 * classes is a decided answer and gets no more.
 */
export function worthMoreProcesses(v: Pick<Verdict, 'lo' | 'hi'>): boolean {
  const undecided = directionFor(v) === 'undecided' || magnitudeOf(v).length === 0;
  return undecided && v.hi / v.lo > NARROW_INTERVAL;
}
