/**
 * `allocation/preallocation`: running sums built into storage allocated once at its final size
 * (`new Float64Array(n)`, as Rust's `Vec::with_capacity`), versus grown by `push`.
 */
import { assertTypedArray } from '../../../src/validate.js';

/** Running sums of `data` into `out` (which must be at least as long); returns `out`. */
export function prefixSumInto<T extends { [i: number]: number }>(data: Float64Array, out: T): T {
  let sum = 0;
  for (let i = 0, n = data.length; i < n; i++) {
    sum += data[i]!;
    out[i] = sum;
  }
  return out;
}

function jsPrefixSumSync(data: Float64Array): Float64Array {
  assertTypedArray(data, 'Float64Array', 'data');
  return prefixSumInto(data, new Float64Array(data.length));
}

function jsPrefixSumPushSync(data: Float64Array): Float64Array {
  assertTypedArray(data, 'Float64Array', 'data');
  const grown: number[] = [];
  let sum = 0;
  for (let i = 0, n = data.length; i < n; i++) {
    sum += data[i]!;
    grown.push(sum);
  }
  // The final copy mirrors the native side, where napi-rs shrinks the grown Vec before handing it out.
  return Float64Array.from(grown);
}

/** The JS twins of the preallocation pattern's native functions. */
export const preallocationJs = {
  prefixSumSync: jsPrefixSumSync,
  prefixSumPushSync: jsPrefixSumPushSync,
};
