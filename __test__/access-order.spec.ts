import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { float64IntViews, float64Views, labImplementations, notFloat64 } from './helpers.js';

/** Data with an index array of in-range positions (any order, repeats allowed). */
const gathers = float64Views(300).chain((data) =>
  fc
    .array(fc.nat(Math.max(0, data.length - 1)), { maxLength: data.length === 0 ? 0 : 400 })
    .map((idx) => ({ data, index: new Uint32Array(idx) })),
);

describe.each(labImplementations)('access-order (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('sums data[index[k]] in index order', () => {
    fc.assert(
      fc.property(gathers, ({ data, index }) => {
        expect(impl.gatherSumSync(data, index)).toBe(Array.from(index).reduce((s, i) => s + data[i]!, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same integer sum in sequential, reversed and shuffled order', () => {
    fc.assert(
      fc.property(float64IntViews(), fc.integer(), (data, seed) => {
        const forward = Uint32Array.from(data.keys());
        const shuffled = forward
          .slice()
          .sort((a, b) => (((a * 2654435761) ^ seed) % 97) - (((b * 2654435761) ^ seed) % 97));
        const total = impl.gatherSumSync(data, forward);
        expect(impl.gatherSumSync(data, forward.slice().reverse())).toBe(total);
        expect(impl.gatherSumSync(data, shuffled)).toBe(total);
      }),
      { numRuns: 300 },
    );
  });

  it('throws TypeError for wrong types and RangeError for an out-of-range index', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.gatherSumSync(bad as Float64Array, new Uint32Array(0)), label).toThrow(TypeError);
    }
    expect(() =>
      impl.gatherSumSync(new Float64Array(2), new Int32Array(1) as unknown as Uint32Array),
    ).toThrow(TypeError);
    expect(() => impl.gatherSumSync(new Float64Array(2), Uint32Array.of(0, 2))).toThrow(
      'index[1] is 2, out of range for data of length 2',
    );
    expect(() => impl.gatherSumSync(new Float64Array(0), Uint32Array.of(0xffffffff))).toThrow(RangeError);
  });

  it("sorted gather: sums in memory order and leaves the caller's index as it was", () => {
    fc.assert(
      fc.property(gathers, ({ data, index }) => {
        const before = index.slice();
        const sorted = Array.from(index).sort((a, b) => a - b);
        expect(impl.sortedGatherSumSync(data, index)).toBe(sorted.reduce((s, i) => s + data[i]!, 0));
        expect(index).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('sorted gather: TypeError for wrong types, RangeError for an out-of-range index', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.sortedGatherSumSync(bad as Float64Array, new Uint32Array(0)), label).toThrow(
        TypeError,
      );
    }
    expect(() =>
      impl.sortedGatherSumSync(new Float64Array(2), Array.of(0) as unknown as Uint32Array),
    ).toThrow(TypeError);
    expect(() => impl.sortedGatherSumSync(new Float64Array(2), Uint32Array.of(5, 0))).toThrow(RangeError);
  });
});

describe.skipIf(native === null)('access-order parity: native ≡ js', () => {
  it('agrees on random data and index arrays', () => {
    fc.assert(
      fc.property(gathers, ({ data, index }) => {
        expect(native!.gatherSumSync(data, index)).toBe(js.gatherSumSync(data, index));
        expect(native!.sortedGatherSumSync(data, index)).toBe(js.sortedGatherSumSync(data, index));
      }),
      { numRuns: 1000 },
    );
  });
});
