/**
 * The piscina worker behind `parallelMap` / `parallelReduce`. Runs on a worker thread: it only
 * sees the task message, which names places in SharedArrayBuffers that the main thread also holds
 * (no copy is made), and writes nothing but its own slice of `output`.
 */
import {
  blockResults,
  mapKernels,
  reduceKernels,
  type BlockFn,
  type MapFn,
  type MapKernelName,
  type ReduceKernelName,
} from './concurrency-kernels.js';

/** A kernel exported by a CommonJS module: `require(module)[name]`. */
export interface ModuleKernel {
  module: string;
  name: string;
}

/**
 * A Float64Array over a SharedArrayBuffer as a task carries it: the buffer and the view's place in
 * it, never the view. Deno's node:worker_threads (2.9.6) walks each delivered message with
 * `for...in` looking for MessagePorts, and a typed array yields every index there: a posted view
 * cost 37-91 µs per KiB on arrival (92-103 ms per `parallelReduce` of 1 MiB, 1.4-1.65 s of
 * 16 MiB), a bare buffer has no indices (benchmark/lab/repro/sab-postmessage-cost.mjs).
 */
export interface SharedSlice {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
}

/** The `SharedSlice` of a SharedArrayBuffer-backed Float64Array. */
export function sharedSlice(view: Float64Array): SharedSlice {
  return { buffer: view.buffer as SharedArrayBuffer, byteOffset: view.byteOffset, length: view.length };
}

/** The Float64Array a `SharedSlice` names. */
function sliceView(slice: SharedSlice): Float64Array {
  return new Float64Array(slice.buffer, slice.byteOffset, slice.length);
}

/** The messages the pool sends. `start`/`end` are element indices; reduce ranges start on a block edge. */
export type WorkerTask =
  | { op: 'reduce'; kernel: ReduceKernelName | ModuleKernel; input: SharedSlice; start: number; end: number }
  | {
      op: 'map';
      kernel: MapKernelName | ModuleKernel;
      input: SharedSlice;
      output: SharedSlice;
      start: number;
      end: number;
    };

/** Loads `require(module)[name]`, checking that it is a function. */
export function loadModuleKernel<F>(kernel: ModuleKernel): F {
  const loaded = (require(kernel.module) as Record<string, unknown>)[kernel.name];
  if (typeof loaded !== 'function') {
    throw new TypeError(`kernel ${kernel.name} of ${kernel.module} is not an exported function`);
  }
  return loaded as F;
}

/** Handles one task: block results for a reduce, the count of elements written for a map. */
export default function run(task: WorkerTask): Float64Array | number {
  if (task.op === 'reduce') {
    const block =
      typeof task.kernel === 'string'
        ? reduceKernels[task.kernel].block
        : loadModuleKernel<BlockFn>(task.kernel);
    return blockResults(block, sliceView(task.input), task.start, task.end);
  }
  const map =
    typeof task.kernel === 'string' ? mapKernels[task.kernel] : loadModuleKernel<MapFn>(task.kernel);
  map(sliceView(task.input), sliceView(task.output), task.start, task.end);
  return task.end - task.start;
}
