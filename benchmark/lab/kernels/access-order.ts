/**
 * `cache-locality/access-order`: a gather-sum over the same data in a caller-chosen order, to
 * show how much of a traversal's cost is the memory access pattern rather than the language.
 */
import { assertTypedArray, rangeError } from '../../../src/validate.js';

function jsGatherSumSync(data: Float64Array, index: Uint32Array): number {
  assertTypedArray(data, 'Float64Array', 'data');
  assertTypedArray(index, 'Uint32Array', 'index');
  const n = data.length;
  let sum = 0;
  for (let k = 0, m = index.length; k < m; k++) {
    const i = index[k]!;
    if (i >= n) throw rangeError(`index[${k}] is ${i}, out of range for data of length ${n}`);
    sum += data[i]!;
  }
  return sum;
}

/**
 * Copies `index`, sorts the copy into memory order (a Uint32Array sorts numerically) and
 * gather-sums through it: the sort is part of the work, as in the native twin.
 */
function jsSortedGatherSumSync(data: Float64Array, index: Uint32Array): number {
  assertTypedArray(data, 'Float64Array', 'data');
  assertTypedArray(index, 'Uint32Array', 'index');
  return jsGatherSumSync(data, index.slice().sort());
}

/** The JS twins of the access-order pattern's native functions. */
export const accessOrderJs = {
  gatherSumSync: jsGatherSumSync,
  sortedGatherSumSync: jsSortedGatherSumSync,
};
