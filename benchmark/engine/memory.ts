/**
 * The untimed memory pass of one form: bytes allocated per op (V8 heap, ArrayBuffer backing
 * stores, external memory), the peak resident set, GC pauses, and event-loop delay when asked.
 * Bun and Deno lack some of the APIs behind these figures (see `metricSupport`): a figure the
 * runtime cannot measure is null or absent and named in the record's `unavailable`, never 0.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as v8 from 'node:v8';

import { consume, type FormFn } from './case.js';
import { eventLoopDelayDuring } from './event-loop.js';
import type { FormResult, GcResult, MemoryResult, UnavailableMetric } from './record.js';
import { forcedGc, settle } from './sampling.js';
import { quantile, round } from './stats.js';

interface GcStats {
  statistics: Array<{
    cost: number;
    beforeGC: { heapStatistics: { usedHeapSize: number } };
    afterGC: { heapStatistics: { usedHeapSize: number } };
  }>;
}

const gc = forcedGc();

type Profiler = { start(): void; stop(): unknown };
const GCProfiler = (v8 as { GCProfiler?: new () => Profiler }).GCProfiler;

/**
 * V8 triggers a GC once external memory grows about 64 MiB past its level at the last GC. A pass
 * that allocates less than this after a forced GC sees no GC, so its ArrayBuffer and external
 * deltas are exact: freed backing stores only leave at a GC.
 */
const EXTERNAL_HEADROOM = 32 << 20;
/**
 * Passes of one op retried after a GC before the external figures are called lower bounds: one
 * retry clears an incidental scavenge; a form whose every op collects (an allocation-heavy one)
 * would pay each retry's forced GCs for nothing (cache-locality/hot-cold at 1M: 23 s with four).
 */
const SINGLE_OP_RETRIES = 1;

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

/** Which sources of the memory pass this runtime provides (probed once per process). */
export interface MetricSupport {
  /** `gc()` or `Bun.gc`: without it nothing is collected between forms or before a pass. */
  forcedGc: boolean;
  /** A `v8.GCProfiler` that really reports GCs: GC counts and pauses, heap reclaimed in a pass. */
  gcProfiler: boolean;
  /**
   * Microseconds per unit of the profiler's `cost`: 1 on Node and Bun, 1e-3 on Deno, whose
   * profiler reports nanoseconds (a forced GC's cost read 1,000 times its wall time).
   */
  gcCostScale: number;
  /** `/proc/self/clear_refs` and VmHWM: the peak RSS of a pass. */
  peakRss: boolean;
  /** The `process.memoryUsage()` fields that move when memory is allocated. */
  heap: boolean;
  arrayBuffers: boolean;
  external: boolean;
}

let support: MetricSupport | null = null;

function probeGcProfiler(): Pick<MetricSupport, 'gcProfiler' | 'gcCostScale'> {
  const none = { gcProfiler: false, gcCostScale: 1 };
  if (typeof GCProfiler !== 'function') return none;
  try {
    const p = new GCProfiler();
    p.start();
    const t0 = process.hrtime.bigint();
    gc?.();
    const wallUs = Number(process.hrtime.bigint() - t0) / 1e3;
    const stats = (p.stop() as Partial<GcStats> | undefined)?.statistics;
    // A stub that reports no GC around a forced one measures nothing.
    if (!Array.isArray(stats) || (gc !== undefined && stats.length === 0)) return none;
    const costs = stats.reduce((sum, x) => sum + x.cost, 0);
    return { gcProfiler: true, gcCostScale: gc !== undefined && costs > 100 * wallUs ? 1e-3 : 1 };
  } catch {
    return none;
  }
}

let monitorWorks: boolean | null = null;

/**
 * Whether `monitorEventLoopDelay` sees a 20 ms block (probed once, on first use). Deno 2.9's
 * monitor records samples but reads microseconds for such a block, so recording is not enough.
 */
async function eventLoopMonitorWorks(): Promise<boolean> {
  if (monitorWorks !== null) return monitorWorks;
  try {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    await new Promise((resolve) => setTimeout(resolve, 2));
    const end = performance.now() + 20;
    while (performance.now() < end);
    await new Promise((resolve) => setTimeout(resolve, 2));
    h.disable();
    monitorWorks = h.max >= 10e6;
  } catch {
    monitorWorks = false;
  }
  return monitorWorks;
}

/**
 * Holds a 4 MiB Uint8Array and about 2 MB of objects, and sees which counters move, in a probe
 * that saw no GC (a GC can move a counter the runtime keeps only at collections; up to three
 * tries). On Bun none moves (JavaScriptCore updates `heapUsed` at a GC and counts a typed array's
 * storage only once its `.buffer` exists); on Deno `arrayBuffers` stays 0.
 */
function probeMemoryUsage(profiler: boolean): Pick<MetricSupport, 'heap' | 'arrayBuffers' | 'external'> {
  const none = { heap: false, arrayBuffers: false, external: false };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      gc?.();
      const p = profiler ? new GCProfiler!() : null;
      p?.start();
      const before = process.memoryUsage();
      const buffer = new Uint8Array(4 << 20).fill(1);
      const objects = Array.from({ length: 50_000 }, (_, i) => ({ i }));
      const after = process.memoryUsage();
      const gcs = p ? (p.stop() as GcStats).statistics.length : 0;
      consume(objects.length + buffer[0]!);
      if (gcs > 0) continue;
      return {
        heap: after.heapUsed - before.heapUsed >= 500_000,
        arrayBuffers: after.arrayBuffers - before.arrayBuffers >= 2 << 20,
        external: after.external - before.external >= 2 << 20,
      };
    } catch {
      return none;
    }
  }
  return none;
}

/** What this runtime can measure: probed on first use, then cached for the process. */
export function metricSupport(): MetricSupport {
  if (support) return support;
  const profiler = probeGcProfiler();
  support = {
    forcedGc: gc !== undefined,
    ...profiler,
    peakRss: resetPeakRss() && peakRss() !== null,
    ...probeMemoryUsage(profiler.gcProfiler),
  };
  // The probe's garbage must not count in the first pass's peak RSS.
  gc?.();
  return support;
}

/** What `metricSupport` lacks, by the names the record's `unavailable` uses. */
export function unavailableMetrics(): UnavailableMetric[] {
  const s = metricSupport();
  const names: Array<[boolean, UnavailableMetric]> = [
    [s.forcedGc, 'forced_gc'],
    [s.gcProfiler, 'gc_profiler'],
    [s.peakRss, 'peak_rss'],
    [s.heap, 'heap_bytes'],
    [s.arrayBuffers, 'array_buffer_bytes'],
    [s.external, 'external_bytes'],
  ];
  return names.filter(([ok]) => !ok).map(([, name]) => name);
}

/** Runs `ops` operations, keeping every result in `kept` so that no GC can free one before it is counted. */
async function runOps<S>(
  fn: FormFn<S>,
  state: S,
  ops: number,
  isAsync: boolean,
  kept: unknown[],
): Promise<void> {
  for (let i = 0; i < ops; i++) {
    const result: unknown = isAsync ? await fn(state) : fn(state);
    consume(result);
    kept.push(result);
  }
}

type Delay = { p50: number; p99: number; max: number };

/**
 * Milliseconds of event-loop delay while `work` runs (event-loop.ts: the monitor starts 2 ms
 * before the work, so a block from the first tick is seen). Null where the runtime has no working
 * monitor (`eventLoopMonitorWorks`).
 */
export async function withEventLoopMonitor(work: () => Promise<unknown>): Promise<Delay | null> {
  if (!(await eventLoopMonitorWorks())) {
    await work();
    return null;
  }
  const { p50, p99, max } = await eventLoopDelayDuring(work);
  return { p50, p99, max };
}

/**
 * A forced GC, then turns of the event loop until the ArrayBuffer total stops moving: V8 frees
 * backing stores on a background sweeper after the GC, and frees still landing inside a pass
 * made its ArrayBuffer delta read 0 for Buffer.alloc(8 MiB) per op in about one pass of three.
 */
async function quiesce(): Promise<void> {
  let last = -1;
  for (let i = 0; i < 8; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 1));
    const now = process.memoryUsage().arrayBuffers;
    if (now === last) return;
    last = now;
  }
}

/**
 * Runs `ops` operations under a GC profiler and returns the `process.memoryUsage()` deltas and
 * whether a GC ran. Without a profiler (Bun, Deno) a weakly held young object shows a GC: any
 * collection, minor or major, frees it. It is made a turn of the event loop before the pass,
 * because a WeakRef keeps its target alive until the end of the job that made it.
 */
async function profiled<S>(
  fn: FormFn<S>,
  state: S,
  ops: number,
  isAsync: boolean,
  withEventLoop: boolean,
): Promise<{
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  /** Every GC of the pass; null without a GC profiler. */
  gcs: GcStats['statistics'] | null;
  gcRan: boolean;
  delay?: Delay | null;
}> {
  await quiesce();
  const profiler = metricSupport().gcProfiler ? new GCProfiler!() : null;
  let sentinel: WeakRef<object> | null = null;
  if (!profiler) {
    sentinel = new WeakRef({});
    await settle();
  }
  const before = process.memoryUsage();
  profiler?.start();
  // The results stay referenced until `after` is read: a GC between the last op and the reading
  // (the profiler's own allocation can start one) once freed an 8 MiB result and read 0 bytes/op.
  const kept: unknown[] = [];
  const pass = (): Promise<void> => runOps(fn, state, ops, isAsync, kept);
  const delay = withEventLoop ? await withEventLoopMonitor(pass) : (await pass(), undefined);
  const after = process.memoryUsage();
  const gcs = profiler ? (profiler.stop() as GcStats).statistics : null;
  kept.length = 0;
  const gcRan = gcs ? gcs.length > 0 : sentinel!.deref() === undefined;
  return { before, after, gcs, gcRan, ...(delay === undefined ? {} : { delay }) };
}

/**
 * The memory pass of one form. Heap bytes per op are the heap's growth over `ops` operations plus
 * what the pass's GCs reclaimed (without a GC profiler: the growth of a pass that saw no GC, else
 * null). ArrayBuffer and external bytes per op are `process.memoryUsage()` deltas over a pass
 * that saw no GC: freed backing stores leave only at a GC, so such a pass counts every
 * allocation. It starts from a forced GC with as many ops as stay under V8's external-memory
 * trigger, and retries with a quarter of the ops while a GC still ran; if even one op triggers a
 * GC the figures are lower bounds, and the record says so. A counter the runtime does not keep
 * (`metricSupport`) gives null, and `event_loop_delay_ms` is absent without a working monitor.
 */
export async function memoryPass<S>(
  fn: FormFn<S>,
  state: S,
  ops: number,
  isAsync: boolean,
  withEventLoop: boolean,
): Promise<Pick<FormResult, 'memory' | 'gc' | 'event_loop_delay_ms'>> {
  const can = metricSupport();
  const rssReset = resetPeakRss();
  const main = await profiled(fn, state, ops, isAsync, withEventLoop);
  const peak = rssReset ? peakRss() : null;
  const reclaimed = (main.gcs ?? []).reduce(
    (sum, s) => sum + s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  const pauses = (main.gcs ?? []).map((s) => (s.cost * can.gcCostScale) / 1000);

  // Without a GC in the main pass its external deltas are already exact; else retry with fewer ops.
  const perOp = (main.after.arrayBuffers - main.before.arrayBuffers) / ops;
  let n = !main.gcRan ? ops : Math.max(1, Math.min(ops, Math.floor(EXTERNAL_HEADROOM / Math.max(perOp, 1))));
  // A pass of as many ops as the main one would only repeat it (a slow form's one op).
  let ext = !main.gcRan || n === ops ? main : await profiled(fn, state, n, isAsync, false);
  // A GC in a pass can also be incidental (a scavenge from the runner's own allocations, other
  // processes' load on this 2-vCPU VM): at one op, retry before calling it a lower bound.
  let singleOpTries = 0;
  while (ext.gcRan && (n > 1 || singleOpTries < SINGLE_OP_RETRIES)) {
    if (n === 1) singleOpTries++;
    n = Math.max(1, Math.floor(n / 4));
    ext = await profiled(fn, state, n, isAsync, false);
  }
  const heapKnown = can.heap && (main.gcs !== null || !main.gcRan);
  const memory: MemoryResult = {
    ops,
    heap_bytes_per_op: heapKnown
      ? Math.max(0, Math.round((main.after.heapUsed - main.before.heapUsed + reclaimed) / ops))
      : null,
    array_buffer_bytes_per_op: can.arrayBuffers
      ? Math.max(0, Math.round((ext.after.arrayBuffers - ext.before.arrayBuffers) / n))
      : null,
    external_bytes_per_op: can.external
      ? Math.max(0, Math.round((ext.after.external - ext.before.external) / n))
      : null,
    external_lower_bound: ext.gcRan,
    peak_rss_bytes: peak,
  };
  const gcResult: GcResult | null = main.gcs
    ? {
        count: pauses.length,
        total_ms: round(pauses.reduce((a, b) => a + b, 0)),
        p50_ms: pauses.length ? round(quantile(pauses, 0.5)) : 0,
        p99_ms: pauses.length ? round(quantile(pauses, 0.99)) : 0,
        max_ms: pauses.length ? round(Math.max(...pauses)) : 0,
      }
    : null;
  return { memory, gc: gcResult, ...(main.delay ? { event_loop_delay_ms: main.delay } : {}) };
}
