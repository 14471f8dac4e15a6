/**
 * The decision rule of the runner's sequential sampling: which cases get another process after
 * the planned ones. The runner (engine/runner.ts) takes it as `RunOptions.needsMore`, so the
 * engine knows nothing of comparisons, controls or the matrix.
 */
import type { ResultRecord } from '../engine/record.js';
import { worthMoreProcesses } from '../engine/stats.js';
import { controlsOf, summarize } from './analyze.js';

/**
 * Whether a case's pooled records still hold a verdict that more processes could decide: at any
 * size, a comparison of the matrix (Rust-inspired vs traditional, native vs the fastest JS,
 * built-in vs traditional) whose direction is undecided or whose magnitude spans three classes,
 * with an interval still wide (stats.ts `worthMoreProcesses`). Every size counts, not only the
 * headline: the answers and crossovers read every size, and an extra process runs every size
 * anyway. The controls follow the same rule, so that they test the procedure the cases get: an
 * A/A control left undecided for want of the extra process a case would have had failed the
 * first of three quick runs of stop 22 (0.99x [0.90-1.03]: its four processes' medians
 * 0.95-1.02).
 */
export function needsMoreProcesses(records: ResultRecord[]): boolean {
  const { aa, knownRatio } = controlsOf(records);
  return (
    [...aa, ...knownRatio].some((c) => worthMoreProcesses(c)) ||
    summarize(records).some((c) =>
      [c.rust, c.native, c.builtin].some(
        (cmp) => cmp !== null && cmp.bySize.some((p) => worthMoreProcesses(p)),
      ),
    )
  );
}
