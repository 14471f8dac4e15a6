/**
 * `async/native-offload` and `async/native-vs-js-async`: CRC-32 as the CPU kernel, on the main
 * thread (JS, native sync), on the libuv pool one task per call, and batched (many inputs in
 * one task, optionally spread over rayon's threads).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { js, native, packInputs, runChunked } from '../src/index.js';
import { randomBytes } from './data.js';
import { eventLoopDelayDuring, medianMs, percentile, round } from './event-loop.js';
import { allEqual, defineCase } from './types.js';

const bin = native;

/** Inputs per op: 1,000 for small sizes (the "1,000 tiny items" comparison), fewer for large. */
function countFor(size: number): number {
  if (size <= 1024) return 1000;
  if (size <= 65536) return 64;
  return 4;
}

interface OffloadState {
  size: number;
  inputs: Uint8Array[];
  /** The same inputs packed into one buffer + end offsets (for `crc32Packed`). */
  packed: { data: Uint8Array; ends: Uint32Array };
}

/** `count` distinct views of `size` bytes, each at a different (often unaligned) offset. */
function views(size: number, count: number): Uint8Array[] {
  const pool = randomBytes(size + count * 7 + 1);
  return Array.from({ length: count }, (_, i) => pool.subarray(i * 7, i * 7 + size));
}

function jsLoop(inputs: Uint8Array[]): Uint32Array {
  const out = new Uint32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = js.crc32Sync(inputs[i]!);
  return out;
}

/** JS on the main thread, but in ~64 KiB slices with a yield between them (see `runChunked`). */
async function jsChunked(inputs: Uint8Array[], size: number): Promise<Uint32Array> {
  const out = new Uint32Array(inputs.length);
  const perChunk = Math.max(1, Math.floor(65536 / Math.max(1, size)));
  await runChunked(inputs.length, perChunk, (start, end) => {
    for (let i = start; i < end; i++) out[i] = js.crc32Sync(inputs[i]!);
  });
  return out;
}

async function perCallAsync(b: NonNullable<typeof bin>, inputs: Uint8Array[]): Promise<Uint32Array> {
  return Uint32Array.from(await Promise.all(inputs.map((d) => b.crc32(d))));
}

function nativeLoop(b: NonNullable<typeof bin>, inputs: Uint8Array[]): Uint32Array {
  const out = new Uint32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = b.crc32Sync(inputs[i]!);
  return out;
}

/** Runs benchmark/native-offload-threadpool.ts: one child per UV_THREADPOOL_SIZE. */
function threadpoolSweep(): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'native-offload-threadpool.ts'), '--json'],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (child.status !== 0) return {};
  return JSON.parse(child.stdout) as Record<string, number>;
}

const offload = defineCase<OffloadState>({
  id: 'async/native-offload',
  description:
    'CRC-32 of N inputs: JS main thread, JS chunked, native sync, native async one task per call, native async batched',
  unit: 'bytes',
  sizes: { quick: [16, 1024, 65536], full: [16, 1024, 65536, 16 << 20] },
  async: true,
  eventLoopDelay: true,
  setup: (size) => {
    const inputs = views(size, countFor(size));
    return { size, inputs, packed: packInputs(inputs) };
  },
  traditional: (s) => jsLoop(s.inputs),
  rustInspired: (s) => jsChunked(s.inputs, s.size),
  ...(bin
    ? {
        native: (s: OffloadState) => nativeLoop(bin, s.inputs),
        variants: {
          'native-async-per-call': (s: OffloadState) => perCallAsync(bin, s.inputs),
          'native-async-batch': (s: OffloadState) => bin.crc32Batch(s.inputs),
          'native-async-batch-rayon': (s: OffloadState) => bin.crc32BatchParallel(s.inputs),
          'native-async-packed': (s: OffloadState) => bin.crc32Packed(s.packed.data, s.packed.ends),
          'native-batch-sync': (s: OffloadState) => bin.crc32BatchSync(s.inputs),
        },
      }
    : {}),
  check: (results) => allEqual(results),
  metrics: async (s, mode) => {
    if (!bin) return {};
    const out: Record<string, number> = {};
    const n = s.inputs.length;
    const runs = mode === 'full' ? 15 : 3;
    // Per-item cost of each way, from the median of `runs` whole-list runs.
    const perItem = async (fn: () => unknown): Promise<number> =>
      round(((await medianMs(fn, runs)) * 1000) / n);
    out.js_sync_us_per_item = await perItem(() => jsLoop(s.inputs));
    out.native_sync_us_per_item = await perItem(() => nativeLoop(bin, s.inputs));
    out.native_async_per_call_us_per_item = await perItem(() => perCallAsync(bin, s.inputs));
    out.native_async_batch_us_per_item = await perItem(() => bin.crc32Batch(s.inputs));
    out.native_async_packed_us_per_item = await perItem(() => bin.crc32Packed(s.packed.data, s.packed.ends));
    out.batching_gain_x = round(out.native_async_per_call_us_per_item / out.native_async_batch_us_per_item);
    out.packed_gain_x = round(out.native_async_per_call_us_per_item / out.native_async_packed_us_per_item);
    // A single call in isolation: the round trip to the pool and back, no overlap.
    const one = s.inputs[0]!;
    out.native_async_single_call_latency_us = round((await medianMs(() => bin.crc32(one), 200)) * 1000);
    // Event-loop delay while 1,000 calls (64 for 16 MiB) are in flight, vs the same work in JS.
    const calls = s.size > 65536 ? 64 : 1000;
    const list = Array.from({ length: calls }, (_, i) => s.inputs[i % n]!);
    const nativeEld = await eventLoopDelayDuring(() => Promise.all(list.map((d) => bin.crc32(d))));
    const jsEld = await eventLoopDelayDuring(() => jsLoop(list));
    out[`inflight_${calls}_native_async_eld_p99_ms`] = nativeEld.p99;
    out[`inflight_${calls}_native_async_eld_max_ms`] = nativeEld.max;
    out[`inflight_${calls}_native_async_wall_ms`] = nativeEld.wall_ms;
    out[`inflight_${calls}_js_main_eld_max_ms`] = jsEld.max;
    out[`inflight_${calls}_js_main_wall_ms`] = jsEld.wall_ms;
    if (mode === 'full' && s.size === 65536) Object.assign(out, threadpoolSweep());
    return out;
  },
});

interface TasksState {
  inputs: Uint8Array[];
  packed: { data: Uint8Array; ends: Uint32Array };
}

/** Completion time (ms after submission) of every task when each is its own Promise. */
async function promiseLatencies(
  tasks: Array<() => Promise<unknown>>,
): Promise<{ wall: number; p99: number }> {
  const done = new Float64Array(tasks.length);
  const start = performance.now();
  await Promise.all(tasks.map((task, i) => task().then(() => (done[i] = performance.now() - start))));
  return { wall: performance.now() - start, p99: percentile(done, 99) };
}

/** The task of `async/native-vs-js-async`: CRC-32 of 256 bytes (~0.3 µs natively, ~1 µs in JS). */
const TASK_BYTES = 256;

const versus = defineCase<TasksState>({
  id: 'async/native-vs-js-async',
  description: `N concurrent ${TASK_BYTES}-byte CRC-32 tasks: a Promise each (JS), a libuv task each (native), one call on rayon threads`,
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [100, 10_000, 100_000] },
  async: true,
  eventLoopDelay: true,
  setup: (n) => {
    const inputs = views(TASK_BYTES, n);
    return { inputs, packed: packInputs(inputs) };
  },
  traditional: async (s) => Uint32Array.from(await Promise.all(s.inputs.map(async (d) => js.crc32Sync(d)))),
  rustInspired: (s) => js.crc32Batch(s.inputs),
  ...(bin
    ? {
        native: (s: TasksState) => bin.crc32BatchParallel(s.inputs),
        variants: {
          'native-async-tasks': (s: TasksState) => perCallAsync(bin, s.inputs),
          'native-batch-one-task': (s: TasksState) => bin.crc32Batch(s.inputs),
          'native-packed-one-task': (s: TasksState) => bin.crc32Packed(s.packed.data, s.packed.ends),
        },
      }
    : {}),
  check: (results) => allEqual(results),
  metrics: async (s) => {
    const out: Record<string, number> = {};
    const n = s.inputs.length;
    const record = (name: string, wall: number, p99: number): void => {
      out[`${name}_tasks_per_s`] = Math.round((n * 1000) / wall);
      out[`${name}_p99_latency_ms`] = round(p99);
    };
    // Warm every path once, then measure one run each.
    await promiseLatencies(s.inputs.map((d) => async () => js.crc32Sync(d)));
    const jsPromises = await promiseLatencies(s.inputs.map((d) => async () => js.crc32Sync(d)));
    record('js_promises', jsPromises.wall, jsPromises.p99);
    if (!bin) return out;
    await promiseLatencies(s.inputs.map((d) => () => bin.crc32(d)));
    const nativeTasks = await promiseLatencies(s.inputs.map((d) => () => bin.crc32(d)));
    record('native_async_tasks', nativeTasks.wall, nativeTasks.p99);
    // One call: every task completes when the call resolves, so p99 latency = the call's time.
    for (const [name, fn] of [
      ['native_batch_one_task', () => bin.crc32Batch(s.inputs)],
      ['native_rayon_one_call', () => bin.crc32BatchParallel(s.inputs)],
      ['native_packed_one_task', () => bin.crc32Packed(s.packed.data, s.packed.ends)],
    ] as const) {
      const ms = await medianMs(fn, 5);
      record(name, ms, ms);
    }
    return out;
  },
});

export const cases = [offload, versus];
