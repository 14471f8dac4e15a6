/**
 * `cache-locality/hot-cold`: a pass over the hot fields (`price * qty`) of records whose rarely
 * used fields are stored inline (wide records) or split out into a separate store.
 */
import { assertTypedArray, rangeError, u32InRange } from '../../../src/validate.js';

function jsHotSumSync(records: Float64Array, stride: number): number {
  assertTypedArray(records, 'Float64Array', 'records');
  const s = u32InRange(stride, 'stride', 2);
  if (records.length % s !== 0) {
    throw rangeError(`records length ${records.length} is not a multiple of stride ${s}`);
  }
  let sum = 0;
  for (let i = 0, n = records.length; i < n; i += s) sum += records[i]! * records[i + 1]!;
  return sum;
}

/** The JS twin of the hot-cold pattern's native function. */
export const hotColdJs = {
  hotSumSync: jsHotSumSync,
};
