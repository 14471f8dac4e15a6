/**
 * The kernels shared by the main thread, the piscina worker (`concurrency-worker.ts`) and the
 * benchmark's child processes, so that every form of `concurrency/*` runs the same arithmetic.
 *
 * Reductions are defined block by block: each block of `BLOCK` elements is folded left to right,
 * then the block results are folded left to right. Any split along block edges (threads, worker
 * tasks, child processes, rayon) therefore gives the one-thread result bit for bit, on any
 * floating-point input.
 */

/** Elements per block; must equal `BLOCK` in crates/core/src/concurrency.rs. */
export const BLOCK = 8_192;

/** The built-in reductions: `sum` and `sumSquares` add, `min`/`max` compare. */
export type ReduceKernelName = 'sum' | 'sumSquares' | 'min' | 'max';

/** The built-in element-wise maps. */
export type MapKernelName = 'square' | 'sqrt' | 'negate';

/** Sum of squares of `data[start..end)`, left to right. */
export function sumSquaresBlock(data: Float64Array, start: number, end: number): number {
  let acc = 0;
  for (let i = start; i < end; i++) {
    const x = data[i]!;
    acc += x * x;
  }
  return acc;
}

function sumBlock(data: Float64Array, start: number, end: number): number {
  let acc = 0;
  for (let i = start; i < end; i++) acc += data[i]!;
  return acc;
}

function minBlock(data: Float64Array, start: number, end: number): number {
  let acc = Infinity;
  for (let i = start; i < end; i++) acc = Math.min(acc, data[i]!);
  return acc;
}

function maxBlock(data: Float64Array, start: number, end: number): number {
  let acc = -Infinity;
  for (let i = start; i < end; i++) acc = Math.max(acc, data[i]!);
  return acc;
}

/** One block's result: a reduction of `data[start..end)`. */
export type BlockFn = (data: Float64Array, start: number, end: number) => number;

/** How block results combine: the identity and the fold step. */
export interface Combine {
  identity: number;
  step: (acc: number, block: number) => number;
}

const add: Combine = { identity: 0, step: (a, b) => a + b };

/** The block function and combine step of each built-in reduction. */
export const reduceKernels: Record<ReduceKernelName, { block: BlockFn; combine: Combine }> = {
  sum: { block: sumBlock, combine: add },
  sumSquares: { block: sumSquaresBlock, combine: add },
  min: { block: minBlock, combine: { identity: Infinity, step: Math.min } },
  max: { block: maxBlock, combine: { identity: -Infinity, step: Math.max } },
};

/** Writes `f(input[i])` to `output[i]` for i in `[start, end)`. */
export type MapFn = (input: Float64Array, output: Float64Array, start: number, end: number) => void;

/** The built-in element-wise maps. */
export const mapKernels: Record<MapKernelName, MapFn> = {
  square: (input, output, start, end) => {
    for (let i = start; i < end; i++) output[i] = input[i]! * input[i]!;
  },
  sqrt: (input, output, start, end) => {
    for (let i = start; i < end; i++) output[i] = Math.sqrt(input[i]!);
  },
  negate: (input, output, start, end) => {
    for (let i = start; i < end; i++) output[i] = -input[i]!;
  },
};

/** The result of each block in `data[start..end)` (start on a block edge), in order. */
export function blockResults(block: BlockFn, data: Float64Array, start: number, end: number): Float64Array {
  const out = new Float64Array(Math.ceil((end - start) / BLOCK));
  for (let b = 0, i = start; i < end; b++, i += BLOCK) out[b] = block(data, i, Math.min(i + BLOCK, end));
  return out;
}

/** Folds block results in order, as the one-thread reduction does. */
export function foldBlocks(combine: Combine, blocks: ArrayLike<number>, acc = combine.identity): number {
  for (let b = 0; b < blocks.length; b++) acc = combine.step(acc, blocks[b]!);
  return acc;
}

/** The one-thread blocked reduction of all of `data`. */
export function reduceInline(block: BlockFn, combine: Combine, data: Float64Array): number {
  let acc = combine.identity;
  for (let i = 0; i < data.length; i += BLOCK) {
    acc = combine.step(acc, block(data, i, Math.min(i + BLOCK, data.length)));
  }
  return acc;
}

/** Blocked sum of squares of all of `data` on this thread (the JS twin's kernel). */
export function sumSquares(data: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < data.length; i += BLOCK)
    acc += sumSquaresBlock(data, i, Math.min(i + BLOCK, data.length));
  return acc;
}
