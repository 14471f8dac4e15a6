/**
 * `allocation/typed-vs-array`: sum, dot product and scale, written once for any indexable of
 * numbers so that `number[]` and `Float64Array` run the same loop. Sums run left to right, so
 * every form (and the Rust slice kernels) gives the same bits.
 *
 * The loops read `length` once. On Node 20 (V8 11.3) `i < typedArray.length` in the loop
 * condition is re-evaluated with a detach/resizable-buffer check every iteration, which made a
 * 1M-element Float64Array sum ~1.6x slower than the hoisted form on this machine.
 */
import { assertTypedArray, rangeError } from '../../../src/validate.js';
import { finiteNumber } from './args.js';

/** Anything the loops below read: `number[]` or a typed array of numbers. */
export type Numbers = ArrayLike<number>;

/** Sum of `data`, left to right. */
export function sumOf(data: Numbers): number {
  let s = 0;
  for (let i = 0, n = data.length; i < n; i++) s += data[i]!;
  return s;
}

/** Dot product of equal-length `a` and `b`, left to right. */
export function dotOf(a: Numbers, b: Numbers): number {
  let s = 0;
  for (let i = 0, n = a.length; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Multiplies `data` by `factor` in place. */
export function scaleOf(data: { length: number; [i: number]: number }, factor: number): void {
  for (let i = 0, n = data.length; i < n; i++) data[i] = data[i]! * factor;
}

function jsSumF64Sync(data: Float64Array): number {
  assertTypedArray(data, 'Float64Array', 'data');
  return sumOf(data);
}

function jsDotF64Sync(a: Float64Array, b: Float64Array): number {
  assertTypedArray(a, 'Float64Array', 'a');
  assertTypedArray(b, 'Float64Array', 'b');
  if (a.length !== b.length) {
    throw rangeError(`a and b must have the same length, received ${a.length} and ${b.length}`);
  }
  return dotOf(a, b);
}

function jsScaleF64Sync(data: Float64Array, factor: number): void {
  const f = finiteNumber(factor, 'factor');
  assertTypedArray(data, 'Float64Array', 'data');
  scaleOf(data, f);
}

/** The JS twins of the typed-vs-array pattern's native functions. */
export const typedVsArrayJs = {
  sumF64Sync: jsSumF64Sync,
  dotF64Sync: jsDotF64Sync,
  scaleF64Sync: jsScaleF64Sync,
};
