import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { float64Views, labImplementations, notFloat64 } from './helpers.js';

/** Records of a random stride (2 to 20) cut from a random view, so the length divides evenly. */
const strided = fc
  .tuple(float64Views(400), fc.integer({ min: 2, max: 20 }))
  .map(([v, stride]) => ({ records: v.subarray(0, v.length - (v.length % stride)), stride }));

describe.each(labImplementations)('hot-cold (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('sums price * qty per record, whatever the cold fields hold', () => {
    fc.assert(
      fc.property(strided, ({ records, stride }) => {
        let sum = 0;
        const split = new Float64Array((records.length / stride) * 2);
        for (let r = 0; r < records.length / stride; r++) {
          sum += records[r * stride]! * records[r * stride + 1]!;
          split[2 * r] = records[r * stride]!;
          split[2 * r + 1] = records[r * stride + 1]!;
        }
        expect(impl.hotSumSync(records, stride)).toBe(sum);
        expect(impl.hotSumSync(split, 2)).toBe(sum);
      }),
      { numRuns: 500 },
    );
  });

  it('throws TypeError for wrong types and RangeError for bad strides', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.hotSumSync(bad as Float64Array, 2), label).toThrow(TypeError);
    }
    expect(() => impl.hotSumSync(new Float64Array(4), '2' as unknown as number)).toThrow(TypeError);
    for (const bad of [-1, 0, 1, 2.5, 2 ** 32, Number.NaN, Infinity]) {
      expect(() => impl.hotSumSync(new Float64Array(4), bad), String(bad)).toThrow(RangeError);
    }
    expect(() => impl.hotSumSync(new Float64Array(5), 2)).toThrow(RangeError);
  });
});

describe.skipIf(native === null)('hot-cold parity: native ≡ js', () => {
  it('agrees on random records and strides', () => {
    fc.assert(
      fc.property(strided, ({ records, stride }) => {
        expect(native!.hotSumSync(records, stride)).toBe(js.hotSumSync(records, stride));
      }),
      { numRuns: 1000 },
    );
  });
});
