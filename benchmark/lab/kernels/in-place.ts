/**
 * `allocation/in-place`: an affine map written back into the caller's Float64Array instead of
 * a new array (`Array#map`), so a pipeline of steps allocates nothing per step.
 */
import { assertTypedArray } from '../../../src/validate.js';
import { finiteNumber } from './args.js';

/** `x * scale + offset` over `data` in place (a plain multiply and add, as the Rust kernel). */
export function affineKernel(data: Float64Array, scale: number, offset: number): void {
  for (let i = 0, n = data.length; i < n; i++) data[i] = data[i]! * scale + offset;
}

function jsAffineInPlaceSync(data: Float64Array, scale: number, offset: number): void {
  const s = finiteNumber(scale, 'scale');
  const o = finiteNumber(offset, 'offset');
  assertTypedArray(data, 'Float64Array', 'data');
  affineKernel(data, s, o);
}

/** The JS twin of the in-place pattern's native function. */
export const inPlaceJs = {
  affineInPlaceSync: jsAffineInPlaceSync,
};
