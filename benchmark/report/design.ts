/**
 * Processes or rounds? Kalibera & Jones ("Rigorous benchmarking in reasonable time", ISMM 2013)
 * choose how many repetitions to take at each level of an experiment from the variance each level
 * adds and what a repetition of it costs. Here the levels are the process (JIT decisions, heap
 * layout: a process has its own level for a ratio) and the round within it (one sample of every
 * form). For k processes of r rounds, the variance of a comparison's mean log ratio is
 * S1/k + S2/(k r), where S2 is the variance of one round's log ratio within a process and S1 the
 * variance of the process levels; the cost is k (c1 + r c2), with c1 what a process costs before
 * its first round (start, setup, warm-up) and c2 one round. At a fixed cost the variance is
 * smallest at r* = sqrt((c1 / c2) (S2 / S1)).
 *
 * `samplingDesign` estimates S1 and S2 per paired comparison from the records (robustly, as
 * stats.ts `effectiveSize` does), takes c1 and c2 from a timings file (RUST_PATTERNS_TIMINGS) or
 * the defaults below, and reports r* and the interval width the run's own design would have at the
 * same cost with r* rounds instead.
 */
import type { ResultRecord } from '../engine/record.js';
import { logGroups, median, paired, trimmedMeanInPlace, type Sampled } from '../engine/stats.js';
import type { TimingLine } from '../engine/runner.js';

/** The variance of a process's level and of one round within it, for one comparison. */
export interface Components {
  /** Variance of one round's log ratio within a process (S2). */
  within: number;
  /** Variance of the process levels beyond what the rounds explain (S1), at least 0. */
  between: number;
  processes: number;
  /** Rounds per process (the median over processes). */
  rounds: number;
}

/** Per-round log ratios of two paired forms, grouped by process. */
function ratioGroups(a: Sampled, b: Sampled): Float64Array[] {
  const la = logGroups(a);
  const lb = logGroups(b);
  return la.map((g, i) => g.map((x, j) => x - lb[i]![j]!));
}

/** S1 and S2 of grouped values, robustly: pooled MAD within, trimmed means between. */
export function varianceComponents(groups: Float64Array[]): Components | null {
  const k = groups.length;
  if (k < 2 || groups.some((g) => g.length < 2)) return null;
  const resid: number[] = [];
  const locs = groups.map((g) => {
    const m = median(g);
    for (const x of g) resid.push(Math.abs(x - m));
    return trimmedMeanInPlace(Float64Array.from(g));
  });
  const within = (1.4826 * median(resid)) ** 2;
  const mean = locs.reduce((s, x) => s + x, 0) / k;
  const spread = locs.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1);
  const rounds = median(groups.map((g) => g.length));
  return { within, between: Math.max(0, spread - within / rounds), processes: k, rounds };
}

/** What a process and a round cost, seconds, for one case and size. */
export interface Costs {
  process: number;
  round: number;
}

/**
 * Costs when no timings file is given: a process start (about 0.1 s for the compiled child on
 * Node 20 here) spread over a case's sizes, each form's 10 ms warm-up, and a round of 2 ms
 * samples with about 0.3 ms of GC and event-loop turn per form (quick mode's `samplingOptions`).
 */
export function defaultCosts(forms: number, sizes: number): Costs {
  return { process: 0.1 / sizes + forms * 0.01, round: forms * 0.0023 };
}

/** Costs from a timings file's sampling-process lines for one case and size. */
export function costsFromTimings(lines: TimingLine[], rounds: number, forms: number): Costs | null {
  const mine = lines.filter((l) => l.role !== 'inspect');
  if (mine.length === 0 || rounds <= 0) return null;
  const setup = median(mine.map((l) => l.setup_ms)) / 1e3;
  const sample = median(mine.map((l) => l.sample_ms)) / 1e3;
  // A sample's warm-up lasts at least 10 ms per form; the rest of sample_ms is the rounds.
  const warm = forms * 0.01;
  const round = Math.max(1e-4, (sample - warm) / rounds);
  return { process: setup + warm, round };
}

export interface DesignRow {
  case: string;
  size: number;
  comparison: string;
  components: Components;
  costs: Costs;
  /** The cost-optimal rounds per process. */
  optimalRounds: number;
  /** Interval width (log) with r* rounds at the run's cost, over the run's own design's. */
  widthRatio: number;
}

/** Every paired comparison of forms with the traditional form (or the first form), per record. */
export function samplingDesign(records: ResultRecord[], timings: TimingLine[] = []): DesignRow[] {
  const rows: DesignRow[] = [];
  const sizesOf = new Map<string, number>();
  for (const r of records) sizesOf.set(r.benchmark, (sizesOf.get(r.benchmark) ?? 0) + 1);
  for (const r of records) {
    const entries = Object.entries(r.forms).filter(([, f]) => f.samples_ns.length > 0 && f.kind !== 'rust');
    if (entries.length < 2) continue;
    const [refKey, ref] = entries.find(([k]) => k === 'traditional') ?? entries[0]!;
    for (const [key, f] of entries) {
      if (key === refKey || !paired(f, ref)) continue;
      const c = varianceComponents(ratioGroups(f, ref));
      if (!c) continue;
      const t = timings.filter((l) => l.case === r.benchmark && l.size === r.size);
      const costs =
        costsFromTimings(t, c.rounds, entries.length) ??
        defaultCosts(entries.length, sizesOf.get(r.benchmark) ?? 1);
      const optimal =
        c.between === 0 ? Infinity : Math.sqrt((costs.process / costs.round) * (c.within / c.between));
      // The run's budget per comparison: k processes of r rounds.
      const budget = c.processes * (costs.process + c.rounds * costs.round);
      const variance = (k: number, rounds: number): number => c.between / k + c.within / (k * rounds);
      const r2 = Math.max(1, Math.min(1000, Number.isFinite(optimal) ? optimal : 1000));
      const k2 = budget / (costs.process + r2 * costs.round);
      const widthRatio = Math.sqrt(variance(k2, r2) / variance(c.processes, c.rounds));
      rows.push({
        case: r.benchmark,
        size: r.size,
        comparison: `${key} vs ${refKey}`,
        components: c,
        costs,
        optimalRounds: optimal,
        widthRatio,
      });
    }
  }
  return rows;
}

/** The summary `rust-patterns design` prints. */
export function designText(rows: DesignRow[]): string {
  if (rows.length === 0) return 'No paired comparisons with two or more processes in these records.\n';
  const q = (xs: number[], p: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  };
  const finite = rows.map((r) => Math.min(r.optimalRounds, 1000));
  const width = rows.map((r) => r.widthRatio);
  const share = rows.map(
    (r) => r.components.between / (r.components.between + r.components.within / r.components.rounds),
  );
  const rounds = rows.map((r) => r.components.rounds);
  const f = (x: number): string => (x >= 1000 ? '1000+' : x.toFixed(x < 10 ? 1 : 0));
  return [
    `${rows.length} paired comparisons. Rounds per process in these runs: median ${f(median(rounds))}.`,
    `Cost-optimal rounds per process (Kalibera & Jones): p25 ${f(q(finite, 0.25))}, median ${f(median(finite))}, p75 ${f(q(finite, 0.75))}.`,
    `Share of a process mean's variance from the process level: p25 ${(q(share, 0.25) * 100).toFixed(0)}%, median ${(median(share) * 100).toFixed(0)}%, p75 ${(q(share, 0.75) * 100).toFixed(0)}%.`,
    `Interval width at the same cost with the optimal rounds, over these runs' width: p25 ${q(width, 0.25).toFixed(2)}, median ${median(width).toFixed(2)}, p75 ${q(width, 0.75).toFixed(2)} (below 1: narrower).`,
    '',
  ].join('\n');
}
