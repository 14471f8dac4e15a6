/**
 * The untimed memory pass of one form: bytes allocated per op (V8 heap, ArrayBuffer backing
 * stores, external memory), the peak resident set, GC pauses, and event-loop delay when asked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as v8 from 'node:v8';

import { consume, type FormFn } from './case.js';
import type { FormResult, GcResult, MemoryResult } from './record.js';
import { quantile } from './stats.js';

interface GcStats {
  statistics: Array<{
    cost: number;
    beforeGC: { heapStatistics: { usedHeapSize: number } };
    afterGC: { heapStatistics: { usedHeapSize: number } };
  }>;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * V8 triggers a GC once external memory grows about 64 MiB past its level at the last GC. A pass
 * that allocates less than this after a forced GC sees no GC, so its ArrayBuffer and external
 * deltas are exact: freed backing stores only leave at a GC.
 */
const EXTERNAL_HEADROOM = 32 << 20;

/** Linux only: resets the peak RSS (VmHWM) of this process; false where it cannot. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRss(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function runOps<S>(fn: FormFn<S>, state: S, ops: number, isAsync: boolean): Promise<void> {
  if (isAsync) for (let i = 0; i < ops; i++) consume(await fn(state));
  else for (let i = 0; i < ops; i++) consume(fn(state));
}

/** Milliseconds of event-loop delay: the monitor is enabled 2 ms before the work starts. */
export async function withEventLoopMonitor<T>(
  work: () => Promise<T>,
): Promise<{ result: T; delay: { p50: number; p99: number; max: number } }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // Node's histogram records a block only when its timer fires after it: a lead-in lets the
  // first timer start, so work that blocks from its first tick is seen (without it a 30 ms block
  // read p99 1.1 ms).
  await new Promise((resolve) => setTimeout(resolve, 2));
  const result = await work();
  // The delay of a block is recorded when the monitor's timer next fires: give it that turn.
  await new Promise((resolve) => setTimeout(resolve, 2));
  histogram.disable();
  return {
    result,
    delay: {
      p50: round(histogram.percentile(50) / 1e6),
      p99: round(histogram.percentile(99) / 1e6),
      max: round(histogram.max / 1e6),
    },
  };
}

/** Runs `ops` operations under a GC profiler and returns the `process.memoryUsage()` deltas. */
async function profiled<S>(
  fn: FormFn<S>,
  state: S,
  ops: number,
  isAsync: boolean,
  withEventLoop: boolean,
): Promise<{
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  gcs: GcStats['statistics'];
  delay?: { p50: number; p99: number; max: number };
}> {
  gc?.();
  const before = process.memoryUsage();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const pass = (): Promise<void> => runOps(fn, state, ops, isAsync);
  const delay = withEventLoop ? (await withEventLoopMonitor(pass)).delay : (await pass(), undefined);
  const gcs = (profiler.stop() as unknown as GcStats).statistics;
  return { before, after: process.memoryUsage(), gcs, ...(delay ? { delay } : {}) };
}

/**
 * The memory pass of one form. Heap bytes per op are the heap's growth over `ops` operations plus
 * what the pass's GCs reclaimed. ArrayBuffer and external bytes per op are `process.memoryUsage()`
 * deltas over a pass that saw no GC: freed backing stores leave only at a GC, so such a pass
 * counts every allocation. It starts from a forced GC with as many ops as stay under V8's
 * external-memory trigger, and retries with a quarter of the ops while a GC still ran; if even
 * one op triggers a GC the figures are lower bounds, and the record says so.
 */
export async function memoryPass<S>(
  fn: FormFn<S>,
  state: S,
  ops: number,
  isAsync: boolean,
  withEventLoop: boolean,
): Promise<Pick<FormResult, 'memory' | 'gc' | 'event_loop_delay_ms'>> {
  const rssReset = resetPeakRss();
  const main = await profiled(fn, state, ops, isAsync, withEventLoop);
  const peak = rssReset ? peakRss() : null;
  const reclaimed = main.gcs.reduce(
    (sum, s) => sum + s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  const pauses = main.gcs.map((s) => s.cost / 1000);

  // Without a GC in the main pass its external deltas are already exact; else retry with fewer ops.
  const perOp = (main.after.arrayBuffers - main.before.arrayBuffers) / ops;
  let n =
    main.gcs.length === 0
      ? ops
      : Math.max(1, Math.min(ops, Math.floor(EXTERNAL_HEADROOM / Math.max(perOp, 1))));
  let ext = main.gcs.length === 0 ? main : await profiled(fn, state, n, isAsync, false);
  while (ext.gcs.length > 0 && n > 1) {
    n = Math.max(1, Math.floor(n / 4));
    ext = await profiled(fn, state, n, isAsync, false);
  }
  const memory: MemoryResult = {
    ops,
    heap_bytes_per_op: Math.max(
      0,
      Math.round((main.after.heapUsed - main.before.heapUsed + reclaimed) / ops),
    ),
    array_buffer_bytes_per_op: Math.max(
      0,
      Math.round((ext.after.arrayBuffers - ext.before.arrayBuffers) / n),
    ),
    external_bytes_per_op: Math.max(0, Math.round((ext.after.external - ext.before.external) / n)),
    external_lower_bound: ext.gcs.length > 0,
    peak_rss_bytes: peak,
  };
  const gcResult: GcResult = {
    count: pauses.length,
    total_ms: round(pauses.reduce((a, b) => a + b, 0)),
    p50_ms: pauses.length ? round(quantile(pauses, 0.5)) : 0,
    p99_ms: pauses.length ? round(quantile(pauses, 0.99)) : 0,
    max_ms: pauses.length ? round(Math.max(...pauses)) : 0,
  };
  return { memory, gc: gcResult, ...(main.delay ? { event_loop_delay_ms: main.delay } : {}) };
}
