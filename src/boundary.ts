/**
 * `zero-copy/boundary-in`: `countByte` borrows the caller's bytes ("borrow in"). The move-out
 * kernels (`xorIntoNew`) are benchmark-only: benchmark/lab/kernels/boundary.ts.
 */
import { native } from './native.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import { assertBytes, u32InRange } from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

function jsCountByte(data: Uint8Array, byte: number): number {
  assertBytes(data, 'data');
  const needle = u32InRange(byte, 'byte', 0, 255);
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === needle) count++;
  return count;
}

/** The JS twins of the boundary pattern's native functions. */
export const boundaryJs = {
  countByte: jsCountByte,
};

/** Counts the bytes of `data` equal to `byte` (0-255). */
export function countByte(data: Uint8Array, byte: number): number {
  if (native !== null && ArrayBuffer.isView(data) && data.length >= cutoffs.countByteNativeMinBytes) {
    return native.countByte(data, byte);
  }
  return jsCountByte(data, byte);
}
