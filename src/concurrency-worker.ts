/**
 * The piscina worker behind `parallelMap` / `parallelReduce`. Runs on a worker thread: it only
 * sees the task message, whose typed arrays are views of SharedArrayBuffers that the main thread
 * also holds (no copy is made), and writes nothing but its own slice of `output`.
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

/** The messages the pool sends. `start`/`end` are element indices; reduce ranges start on a block edge. */
export type WorkerTask =
  | { op: 'reduce'; kernel: ReduceKernelName | ModuleKernel; input: Float64Array; start: number; end: number }
  | {
      op: 'map';
      kernel: MapKernelName | ModuleKernel;
      input: Float64Array;
      output: Float64Array;
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
    return blockResults(block, task.input, task.start, task.end);
  }
  const map =
    typeof task.kernel === 'string' ? mapKernels[task.kernel] : loadModuleKernel<MapFn>(task.kernel);
  map(task.input, task.output, task.start, task.end);
  return task.end - task.start;
}
