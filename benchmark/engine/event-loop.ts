/**
 * Measurement helpers for the async cases: event-loop delay around one piece of work, and
 * latency percentiles. Not a case file (exports no `cases`).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Event-loop delay in ms while `work` runs: p50, p99 and max of a 1 ms-resolution monitor. */
export async function eventLoopDelayDuring(
  work: () => unknown,
): Promise<{ p50: number; p99: number; max: number; wall_ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // Let the monitor's 1 ms timer start, so that an immediately blocking `work` is observed.
  await new Promise((resolve) => setTimeout(resolve, 2));
  const start = performance.now();
  await work();
  const wall = performance.now() - start;
  // The delay of a block is recorded when the monitor's timer next fires: give it that turn.
  await new Promise((resolve) => setTimeout(resolve, 2));
  histogram.disable();
  return {
    p50: round(histogram.percentile(50) / 1e6),
    p99: round(histogram.percentile(99) / 1e6),
    max: round(histogram.max / 1e6),
    wall_ms: round(wall),
  };
}

/** The `p`-th percentile (0..100) of `values`, nearest-rank. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Rounds to 3 decimals (µs resolution for ms values). */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Median wall time in ms of `runs` calls of `fn` (awaited), after one warm-up call. */
export async function medianMs(fn: () => unknown, runs: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}
