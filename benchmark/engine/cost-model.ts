/**
 * Cost models: time per op = fixed + marginal × size, fitted to one form measured at three or more
 * sizes, with bootstrap intervals over processes.
 *
 * - The unit of the fit is a process: each process's median time per op at each size. Samples of
 *   one process share its level (JIT decisions, heap layout, frequency), so processes, not
 *   samples, are what a rerun would draw again. A form timed in one process (a `rust` form) has
 *   no such level: each sample is then its own unit, and its interval misses process spread.
 * - The fit is least absolute *relative* deviations: it minimises Σ |y − (a + b·x)| / y. Sizes
 *   span five or six decades, so an unweighted fit is decided by the largest size alone; relative
 *   weights let the small sizes set the fixed cost and the large ones the marginal cost, and the
 *   absolute deviations keep one slow process from tilting the line. The optimum of a two-
 *   parameter L1 fit passes through two of the points, so it is found exactly by trying every pair.
 * - One straight line over all sizes, not a piecewise fit per cache level: three to five sizes
 *   leave one or two points per level, which cannot carry a line each. A cache knee shows as a
 *   large relative residual, which `CostFit.maxResidual` reports.
 * - Intervals: percentile bootstrap (resampling processes with replacement within each size),
 *   widened like the speed ratios' (`smallSampleFactor`) for the few units each size has.
 *   `__test__/questions-cost-model.spec.ts` checks the coverage of a known slope.
 */
import { quantileSorted, rng, seedOf, smallSampleFactor, CONFIDENCE, type Sampled } from './stats.js';

/** A form's samples at one size. */
export interface SizedForm {
  size: number;
  form: Sampled;
}

/** An estimate with its interval. */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
}

/** A fitted cost model of one form: times in ns per op, sizes in the case's unit. */
export interface CostFit {
  /** ns per call at size 0. */
  fixed: Estimate;
  /** ns per unit of size. */
  marginal: Estimate;
  sizes: number[];
  /** The largest |measured − fitted| / measured over the sizes' medians: a cache knee shows here. */
  maxResidual: number;
}

/** The units of a form: each process's median time, or each sample where there is one process. */
export function processMedians(f: Sampled): number[] {
  const byProcess = new Map<number, number[]>();
  f.samples_ns.forEach((t, i) => {
    const p = f.sample_process?.[i] ?? 0;
    let g = byProcess.get(p);
    if (!g) byProcess.set(p, (g = []));
    g.push(t);
  });
  if (byProcess.size < 2) return [...f.samples_ns];
  return [...byProcess.values()].map((g) => quantileSorted(Float64Array.from(g).sort(), 0.5));
}

/** The line a + b·x minimising Σ |y − a − b·x| / y (exact: the optimum passes through two points). */
export function fitLine(xs: ArrayLike<number>, ys: ArrayLike<number>): { a: number; b: number } {
  const n = xs.length;
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  const w = y.map((v) => 1 / v);
  let bestA = NaN;
  let bestB = NaN;
  let bestLoss = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (x[i] === x[j]) continue;
      const b = (y[j]! - y[i]!) / (x[j]! - x[i]!);
      const a = y[i]! - b * x[i]!;
      let loss = 0;
      for (let k = 0; k < n && loss < bestLoss; k++) loss += Math.abs(y[k]! - a - b * x[k]!) * w[k]!;
      if (loss < bestLoss) {
        bestLoss = loss;
        bestA = a;
        bestB = b;
      }
    }
  }
  return { a: bestA, b: bestB };
}

/** The per-size units of a form, sizes ascending. */
function unitsBySize(points: readonly SizedForm[]): Array<{ size: number; units: number[] }> {
  return [...points]
    .sort((a, b) => a.size - b.size)
    .map((p) => ({ size: p.size, units: processMedians(p.form) }))
    .filter((p) => p.units.length > 0);
}

function flatten(rows: Array<{ size: number; units: number[] }>): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of rows) for (const u of r.units) (xs.push(r.size), ys.push(Math.max(u, 1e-3)));
  return { xs, ys };
}

/** One bootstrap draw: units resampled with replacement within each size. */
function resample(rows: Array<{ size: number; units: number[] }>, next: () => number) {
  return rows.map((r) => ({
    size: r.size,
    units: r.units.map(() => r.units[Math.floor(next() * r.units.length)]!),
  }));
}

/**
 * How much the percentile interval is widened for `n` units in `groups` sizes: the bootstrap
 * resamples within each size, so each size's few units carry its variance, with n − groups
 * degrees of freedom (as a one-way layout has); t over z times sqrt(n / (n − groups)).
 */
function widening(n: number, groups: number): number {
  const df = Math.max(1, n - groups);
  return smallSampleFactor(n, CONFIDENCE, df) * Math.sqrt((n - 1) / df);
}

function interval(point: number, draws: Float64Array, widen: number): Estimate {
  draws.sort();
  const alpha = (1 - CONFIDENCE) / 2;
  const lo = quantileSorted(draws, alpha);
  const hi = quantileSorted(draws, 1 - alpha);
  return {
    value: point,
    lo: point - widen * Math.max(0, point - lo),
    hi: point + widen * Math.max(0, hi - point),
  };
}

/** Bootstrap resamples per cost model. */
export const FIT_RESAMPLES = 500;

/** Fits a form measured at three or more sizes; null with fewer. */
export function fitCost(
  points: readonly SizedForm[],
  seed: string,
  resamples = FIT_RESAMPLES,
): CostFit | null {
  const rows = unitsBySize(points);
  if (new Set(rows.map((r) => r.size)).size < 3) return null;
  const { xs, ys } = flatten(rows);
  const line = fitLine(xs, ys);
  const next = rng(seedOf(seed));
  const as = new Float64Array(resamples);
  const bs = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) {
    const d = flatten(resample(rows, next));
    const l = fitLine(d.xs, d.ys);
    as[i] = l.a;
    bs[i] = l.b;
  }
  const widen = widening(xs.length, rows.length);
  const maxResidual = Math.max(
    ...rows.map((r) => {
      const m = quantileSorted(Float64Array.from(r.units).sort(), 0.5);
      return Math.abs(m - line.a - line.b * r.size) / m;
    }),
  );
  return {
    fixed: interval(line.a, as, widen),
    marginal: interval(line.b, bs, widen),
    sizes: rows.map((r) => r.size),
    maxResidual,
  };
}

/** Where two fitted lines cross, with its interval; null bounds where resamples do not cross. */
export interface FitCrossover {
  /** The size where form `a` stops being faster than `b` (or starts): null when the lines do not cross at a positive size. */
  size: number | null;
  lo: number | null;
  /** null: in more than 2.5% of resamples the lines do not cross, so the interval is open above. */
  hi: number | null;
  /** Share of resamples in which the lines cross at a positive size. */
  share: number;
}

function crossing(a: { a: number; b: number }, b: { a: number; b: number }): number | null {
  const db = a.b - b.b;
  if (db === 0) return null;
  const x = (b.a - a.a) / db;
  return x > 0 && Number.isFinite(x) ? x : null;
}

/**
 * The size at which the cost lines of two forms cross, from the fits and per bootstrap resample
 * (each form's processes resampled on their own). The interval is the percentile interval of the
 * resampled crossings, on log size, widened like the fits'; where some resamples do not cross,
 * the bound on that side is open (null).
 */
export function fitCrossover(
  a: readonly SizedForm[],
  b: readonly SizedForm[],
  seed: string,
  resamples = FIT_RESAMPLES,
): FitCrossover | null {
  const ra = unitsBySize(a);
  const rb = unitsBySize(b);
  if (ra.length < 2 || rb.length < 2) return null;
  const fa = flatten(ra);
  const fb = flatten(rb);
  const point = crossing(fitLine(fa.xs, fa.ys), fitLine(fb.xs, fb.ys));
  const next = rng(seedOf(seed));
  const logs: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const da = flatten(resample(ra, next));
    const db = flatten(resample(rb, next));
    const x = crossing(fitLine(da.xs, da.ys), fitLine(db.xs, db.ys));
    if (x !== null) logs.push(Math.log(x));
  }
  const share = logs.length / resamples;
  if (point === null || logs.length === 0) return { size: point, lo: null, hi: null, share };
  const sorted = Float64Array.from(logs).sort();
  const alpha = (1 - CONFIDENCE) / 2;
  const widen = Math.max(widening(fa.xs.length, ra.length), widening(fb.xs.length, rb.length));
  const p = Math.log(point);
  // Resamples without a crossing (parallel lines, or a crossing at a negative size) lie beyond
  // the measured range: when they are more than the tail, the interval is open above.
  const lo = p - widen * Math.max(0, p - quantileSorted(sorted, alpha));
  const hi = 1 - share > alpha ? null : p + widen * Math.max(0, quantileSorted(sorted, 1 - alpha) - p);
  return { size: point, lo: Math.exp(lo), hi: hi === null ? null : Math.exp(hi), share };
}
