/**
 * `concurrency/*`: parallel primitives for Node on piscina, with inputs in SharedArrayBuffers,
 * and the JS twins of the native sum of squares (one thread and rayon).
 *
 * `parallelMap` / `parallelReduce` run inline below `thresholds.parallelMinElements` (set by
 * `concurrency/work-distribution`): under it, a pool round trip costs more than the second core
 * saves.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';

import { Piscina } from 'piscina';

import {
  BLOCK,
  foldBlocks,
  mapKernels,
  reduceInline,
  reduceKernels,
  sumSquares as sumSquaresKernel,
  type BlockFn,
  type Combine,
  type MapFn,
  type MapKernelName,
  type ReduceKernelName,
} from './concurrency-kernels.js';
import { loadModuleKernel, sharedSlice, type ModuleKernel, type WorkerTask } from './concurrency-worker.js';
import { native } from './native.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import {
  assertTypedArray,
  isDetached,
  isShared,
  optionalU32,
  rangeError,
  typeError,
  u32InRange,
} from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

export { BLOCK as PARALLEL_BLOCK } from './concurrency-kernels.js';
export type { Combine, MapKernelName, ReduceKernelName } from './concurrency-kernels.js';
export type { ModuleKernel } from './concurrency-worker.js';

/** JS twin of the native `sumSquaresSync`: the same blocked order, so the same bits. */
function jsSumSquaresSync(data: Float64Array): number {
  assertTypedArray(data, 'Float64Array', 'data');
  return sumSquaresKernel(data);
}

/**
 * JS twin of the native `sumSquaresParallelSync`. A synchronous JS call cannot use another
 * thread, so this runs on the calling thread; use `parallelReduce(data, 'sumSquares')` to use
 * the cores from JS.
 */
function jsSumSquaresParallelSync(data: Float64Array): number {
  assertTypedArray(data, 'Float64Array', 'data');
  return sumSquaresKernel(data);
}

/** The JS twins of the concurrency pattern's native functions. */
export const concurrencyJs = {
  sumSquaresSync: jsSumSquaresSync,
  sumSquaresParallelSync: jsSumSquaresParallelSync,
};

/**
 * Blocked sum of squares of `data` (8,192-element blocks added in order; see
 * `PARALLEL_BLOCK`), on the fastest path for its length: JS below
 * `thresholds.sumSquaresNativeMinElements`, native on one thread, then rayon across every core
 * from `thresholds.rayonMinElements`. Every path gives the same bits.
 */
export function sumSquaresSync(data: Float64Array): number {
  if (native !== null && ArrayBuffer.isView(data) && data.length >= cutoffs.sumSquaresNativeMinElements) {
    return data.length >= cutoffs.rayonMinElements
      ? native.sumSquaresParallelSync(data)
      : native.sumSquaresSync(data);
  }
  return jsSumSquaresSync(data);
}

// ---------------------------------------------------------------------------------------------
// The shared piscina pool.

interface PoolState {
  pool: Piscina;
  threads: number;
  /** Tasks sent and not yet settled, so that closing can wait for them. */
  pending: Set<Promise<unknown>>;
}

let shared: PoolState | null = null;

const counts = { inline: 0, pooled: 0, tasks: 0 };

/**
 * The worker file piscina loads: the compiled `concurrency-worker.js` beside this file in the
 * package, or the TypeScript source under vitest/tsx, loaded through tsx's `--import` hook.
 */
function workerFile(): { filename: string; execArgv?: string[] } {
  const compiled = path.join(__dirname, 'concurrency-worker.js');
  if (existsSync(compiled)) return { filename: compiled };
  return { filename: path.join(__dirname, 'concurrency-worker.ts'), execArgv: ['--import', 'tsx'] };
}

function pool(): PoolState {
  if (shared === null) {
    const threads = Math.max(1, availableParallelism());
    // All threads start now: worker startup (tens of ms) is paid once, not inside a task.
    const pool = new Piscina({
      ...workerFile(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
    });
    shared = { pool, threads, pending: new Set() };
  }
  return shared;
}

/** Sends one task, tracking it until it settles. */
function send(state: PoolState, task: WorkerTask): Promise<unknown> {
  const run: Promise<unknown> = state.pool.run(task);
  state.pending.add(run);
  const forget = (): void => {
    state.pending.delete(run);
  };
  run.then(forget, forget);
  return run;
}

/**
 * Closes the shared pool: lets tasks already sent finish, then stops its threads. (piscina's
 * own `close` rejects tasks still queued behind starting workers with "Terminating worker
 * thread", so this waits for them first.) An idle pool never keeps the process alive (piscina unreferences idle workers), but
 * its threads hold a V8 isolate each (a few MiB) until closed. A later `parallelMap` or
 * `parallelReduce` starts a new pool.
 */
export async function closeParallelPool(): Promise<void> {
  const state = shared;
  shared = null;
  if (state === null) return;
  await Promise.allSettled([...state.pending]);
  await state.pool.close();
}

/** What the parallel primitives have done so far in this process. */
export interface ParallelStats {
  /** Calls that ran on the calling thread (below the threshold). */
  inline: number;
  /** Calls that went to the pool. */
  pooled: number;
  /** Tasks sent to the pool in total. */
  tasks: number;
  /** Threads of the open pool, 0 when none is open. */
  threads: number;
}

/** Counts of inline and pooled calls, and the open pool's size. */
export function parallelStats(): ParallelStats {
  return { ...counts, threads: shared?.threads ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// parallelReduce / parallelMap

/** A Float64Array over a new SharedArrayBuffer, filled from `values` or zeroed to `length`. */
export function sharedFloat64Array(source: number | ArrayLike<number>): Float64Array {
  const length = typeof source === 'number' ? source : source.length;
  const out = new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
  if (typeof source !== 'number') out.set(source);
  return out;
}

/** `data` itself when SharedArrayBuffer-backed, else a shared copy (one memcpy). */
function asShared(data: Float64Array): Float64Array {
  return isShared(data.buffer) ? data : sharedFloat64Array(data);
}

/** Splits `[0, units)` into `parts` near-equal ranges (none empty when units >= parts). */
function split(units: number, parts: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let t = 0; t < parts; t++) {
    const a = Math.floor((t * units) / parts);
    const b = Math.floor(((t + 1) * units) / parts);
    if (b > a) ranges.push([a, b]);
  }
  return ranges;
}

function isModuleKernel(kernel: unknown): kernel is ModuleKernel {
  return (
    typeof kernel === 'object' &&
    kernel !== null &&
    typeof (kernel as ModuleKernel).module === 'string' &&
    typeof (kernel as ModuleKernel).name === 'string'
  );
}

function minElements(value: unknown): number {
  return optionalU32(value, 'minElements', cutoffs.parallelMinElements);
}

/** Options for `parallelReduce`. */
export interface ParallelReduceOptions {
  /**
   * Inputs shorter than this run inline on the calling thread. Default
   * `thresholds.parallelMinElements`; 0 always uses the pool.
   */
  minElements?: number;
  /**
   * How block results combine, for a module kernel (default: addition from 0). Built-in
   * kernels bring their own.
   */
  combine?: Combine;
  /**
   * At most this many tasks, so at most this many pool threads work on the call (default: the
   * pool's threads, one per core). More than the pool's threads queue behind each other.
   */
  threads?: number;
}

/**
 * Reduces `data` with a named kernel across the shared worker pool (one thread per core).
 *
 * The input is split on 8,192-element block edges; each worker returns its blocks' results and
 * this thread folds them in order, so the result equals the one-thread reduction bit for bit.
 * `data` should be a view of a SharedArrayBuffer (`sharedFloat64Array`): the workers then read
 * it in place. Any other Float64Array is copied into one first (a memcpy of the whole input).
 *
 * `kernel` is a built-in name or `{ module, name }`: a CommonJS module (absolute path) whose
 * export `name(data, start, end)` returns one block's result. Below `minElements` the reduction
 * runs inline; a kernel that throws rejects the call with its error, and the pool keeps serving.
 * Do not write to `data` until the Promise settles.
 */
export async function parallelReduce(
  data: Float64Array,
  kernel: ReduceKernelName | ModuleKernel,
  options: ParallelReduceOptions = {},
): Promise<number> {
  assertTypedArray(data, 'Float64Array', 'data');
  let block: BlockFn;
  let combine: Combine;
  if (typeof kernel === 'string' && Object.hasOwn(reduceKernels, kernel)) {
    ({ block, combine } = reduceKernels[kernel]);
  } else if (isModuleKernel(kernel)) {
    block = loadModuleKernel<BlockFn>(kernel);
    combine = options.combine ?? reduceKernels.sum.combine;
  } else {
    throw typeError(`kernel must be one of ${Object.keys(reduceKernels).join(', ')} or { module, name }`);
  }
  const min = minElements(options.minElements);
  const cap = optionalU32(options.threads, 'threads', Infinity);
  if (cap === 0) throw rangeError('threads must be at least 1, received 0');
  if (data.length === 0 || data.length < min) {
    counts.inline++;
    return reduceInline(block, combine, data);
  }
  const state = pool();
  const threads = Math.min(state.threads, cap);
  const input = asShared(data);
  const blocks = Math.ceil(input.length / BLOCK);
  const ranges = split(blocks, Math.min(threads, blocks));
  counts.pooled++;
  counts.tasks += ranges.length;
  const slice = sharedSlice(input);
  const parts = await Promise.all(
    ranges.map(([a, b]) => {
      const task: WorkerTask = {
        op: 'reduce',
        kernel,
        input: slice,
        start: a * BLOCK,
        end: Math.min(b * BLOCK, input.length),
      };
      return send(state, task) as Promise<Float64Array>;
    }),
  );
  let acc = combine.identity;
  for (const part of parts) acc = foldBlocks(combine, part, acc);
  return acc;
}

/** Options for `parallelMap`. */
export interface ParallelMapOptions {
  /** As for `parallelReduce`. */
  minElements?: number;
  /**
   * Where to write the results (same length as `data`; may be `data` itself). When it is not
   * SharedArrayBuffer-backed and the pool runs, results are copied into it at the end.
   */
  out?: Float64Array;
}

/**
 * Applies a named element-wise kernel to `data` across the shared worker pool, each worker
 * writing its own contiguous slice of a shared output. Returns `options.out` when given, else a
 * new Float64Array (over a SharedArrayBuffer when the pool ran).
 *
 * `kernel` is a built-in name or `{ module, name }` whose export `name(input, output, start,
 * end)` writes `output[i]` for `i` in `[start, end)`. Results do not depend on the split.
 */
export async function parallelMap(
  data: Float64Array,
  kernel: MapKernelName | ModuleKernel,
  options: ParallelMapOptions = {},
): Promise<Float64Array> {
  assertTypedArray(data, 'Float64Array', 'data');
  let map: MapFn;
  if (typeof kernel === 'string' && Object.hasOwn(mapKernels, kernel)) map = mapKernels[kernel];
  else if (isModuleKernel(kernel)) map = loadModuleKernel<MapFn>(kernel);
  else throw typeError(`kernel must be one of ${Object.keys(mapKernels).join(', ')} or { module, name }`);
  const { out } = options;
  if (out !== undefined) {
    assertTypedArray(out, 'Float64Array', 'out');
    if (out.length !== data.length) {
      throw rangeError(`out must have the length of data (${data.length}), received ${out.length}`);
    }
  }
  const min = minElements(options.minElements);
  if (data.length === 0 || data.length < min) {
    counts.inline++;
    const target = out ?? new Float64Array(data.length);
    map(data, target, 0, data.length);
    return target;
  }
  const state = pool();
  const { threads } = state;
  const input = asShared(data);
  const target = out !== undefined && isShared(out.buffer) ? out : sharedFloat64Array(data.length);
  const ranges = split(data.length, Math.min(threads, data.length));
  counts.pooled++;
  counts.tasks += ranges.length;
  const [inSlice, outSlice] = [sharedSlice(input), sharedSlice(target)];
  await Promise.all(
    ranges.map(([start, end]) => {
      const task: WorkerTask = { op: 'map', kernel, input: inSlice, output: outSlice, start, end };
      return send(state, task);
    }),
  );
  if (out !== undefined && out !== target) {
    out.set(target);
    return out;
  }
  return target;
}

/**
 * The ArrayBuffer to put in a transfer list (`postMessage(view, [transferable(view)])`) so that
 * `view` moves to the receiver instead of being copied; the sender's view is then detached.
 *
 * Throws a TypeError for views that do not own their whole buffer: a pooled Buffer (small
 * `Buffer.from`/`allocUnsafe` results share one 8 KiB slab; Node 20 silently copies those
 * instead of moving them) or a `subarray`, where a move would take the neighbours' bytes too,
 * and for SharedArrayBuffer-backed views, which are shared already (post them without a list).
 */
export function transferable(view: ArrayBufferView): ArrayBuffer {
  if (!ArrayBuffer.isView(view)) throw typeError('view must be a typed array, DataView or Buffer');
  const buffer = view.buffer;
  if (isShared(buffer)) {
    throw typeError(
      'view is backed by a SharedArrayBuffer: it is shared already, post it without a transfer list',
    );
  }
  if (isDetached(view)) {
    throw typeError('view is backed by a detached ArrayBuffer: it was transferred already');
  }
  if (view.byteOffset !== 0 || view.byteLength !== buffer.byteLength) {
    throw typeError(
      `view covers bytes ${view.byteOffset}..${view.byteOffset + view.byteLength} of a ${buffer.byteLength}-byte ` +
        'ArrayBuffer (a pooled Buffer or a subarray): transferring would move the rest of it too. ' +
        'Allocate it with Buffer.alloc or new Uint8Array(n), or copy it, before transferring',
    );
  }
  return buffer as ArrayBuffer;
}
