import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { float64Views, labImplementations, notFloat64 } from './helpers.js';

describe.each(labImplementations)('preallocation (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('returns running sums in a new Float64Array of the input’s length, from both builds', () => {
    fc.assert(
      fc.property(float64Views(), (data) => {
        let sum = 0;
        const expected = Array.from(data, (x) => (sum += x));
        for (const out of [impl.prefixSumSync(data), impl.prefixSumPushSync(data)]) {
          expect(out).toBeInstanceOf(Float64Array);
          expect(out.buffer).not.toBe(data.buffer);
          expect(Array.from(out)).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('throws TypeError for wrong types', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.prefixSumSync(bad as Float64Array), label).toThrow(TypeError);
      expect(() => impl.prefixSumPushSync(bad as Float64Array), label).toThrow(TypeError);
    }
  });
});

describe.skipIf(native === null)('preallocation parity: native ≡ js', () => {
  it('agrees on random views, including empty and offset ones', () => {
    fc.assert(
      fc.property(float64Views(), (data) => {
        expect(native!.prefixSumSync(data)).toEqual(js.prefixSumSync(data));
        expect(native!.prefixSumPushSync(data)).toEqual(js.prefixSumPushSync(data));
      }),
      { numRuns: 1000 },
    );
  });
});
