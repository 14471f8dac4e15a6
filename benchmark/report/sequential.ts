/**
 * The decision rule of the runner's sequential sampling: which cases get another process after
 * the planned ones, and in what order. The runner (engine/runner.ts) takes it as `RunOptions.needsMore`, so the
 * engine knows nothing of comparisons, controls or the matrix.
 */
import type { ResultRecord } from '../engine/record.js';
import { directionFor, worthMoreProcesses } from '../engine/stats.js';
import { controlsOf, summarize } from './analyze.js';

/**
 * How much a case's pooled records need another process (0: not at all; the runner serves higher
 * first, the cheapest first within one level), given the extra processes it has had: at any size,
 * a comparison of the matrix (Rust-inspired vs traditional, native vs the fastest JS, built-in vs
 * traditional) whose direction is undecided or whose magnitude spans three classes, with an
 * interval still wide (stats.ts `worthMoreProcesses`). Every size counts, not only the headline:
 * the answers and crossovers read every size, and an extra process runs every size anyway. The
 * controls follow the same rule, so that they test the procedure the cases get: an A/A control
 * left undecided for want of the extra process a case would have had failed the first of three
 * quick runs of stop 22 (0.99x [0.90-1.03]: its four processes' medians 0.95-1.02).
 *
 * A case whose headline verdict (the matrix cell) has an undecided direction comes first
 * (`HEADLINE_DIRECTION`), then the controls and the rest. Served cheapest first alone, the 30 s
 * of quick mode went to 15-19 cases in each of three quick runs of stop 30 (f-1..3), many of them
 * for a small size or a magnitude, while `async/native-offload`, whose headline was undecided
 * (0.94x [0.908-0.971]) and costs about 2 s a process, got none in the third.
 *
 * Only a headline direction gets more than one extra process (`OTHER_OPEN_LOOKS`): it is what the
 * matrix and the answers state, and the cells that changed direction between runs were such
 * cells with four or five processes, whose small-sample factor (t with 3-4 degrees of freedom,
 * 1.42x the normal quantile at 4) kept their intervals on a band edge (g-1..3 and h-1 of stop 31:
 * preallocation native, batched-concurrency, future-creation, tokio-channel, work-distribution,
 * checksum native). In three quick runs of stop 31 one extra look per case spent 17.9, 28.5 and
 * 21.9 of the 30 s.
 */
export const HEADLINE_DIRECTION = 2;
/** Another verdict still open (see `HEADLINE_DIRECTION`). */
export const OTHER_OPEN = 1;
/** Extra processes, at most, for a case whose open verdicts are not a headline direction. */
export const OTHER_OPEN_LOOKS = 1;

export function needsMoreProcesses(records: ResultRecord[], extraTaken = 0): number {
  const { aa, knownRatio } = controlsOf(records);
  const comparisons = summarize(records).flatMap((c) => [c.rust, c.native, c.builtin]);
  if (
    comparisons.some(
      (cmp) => cmp !== null && worthMoreProcesses(cmp.headline) && directionFor(cmp.headline) === 'undecided',
    )
  )
    return HEADLINE_DIRECTION;
  if (extraTaken >= OTHER_OPEN_LOOKS) return 0;
  const open =
    [...aa, ...knownRatio].some((c) => worthMoreProcesses(c)) ||
    comparisons.some((cmp) => cmp !== null && cmp.bySize.some((p) => worthMoreProcesses(p)));
  return open ? OTHER_OPEN : 0;
}
