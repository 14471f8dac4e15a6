import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { float64Views, labImplementations, nonFinite, notFloat64 } from './helpers.js';

const sumRef = (a: Float64Array): number => Array.from(a).reduce((s, x) => s + x, 0);

describe.each(labImplementations)('typed-vs-array (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('sums, dots and scales like the reference loops', () => {
    fc.assert(
      fc.property(float64Views(), (a) => {
        const b = a.map((x) => x * 0.5 - 1);
        expect(impl.sumF64Sync(a)).toBe(sumRef(a));
        expect(impl.dotF64Sync(a, b)).toBe(Array.from(a).reduce((s, x, i) => s + x * b[i]!, 0));
        const copy = a.slice();
        impl.scaleF64Sync(copy, -0.25);
        expect(copy).toEqual(a.map((x) => x * -0.25));
      }),
      { numRuns: 500 },
    );
  });

  it('scales only the view, not the rest of its buffer', () => {
    const whole = new Float64Array([1, 2, 3, 4, 5]);
    impl.scaleF64Sync(whole.subarray(1, 4), 10);
    expect(Array.from(whole)).toEqual([1, 20, 30, 40, 5]);
  });

  it('throws TypeError for wrong types and RangeError for bad values', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.sumF64Sync(bad as Float64Array), label).toThrow(TypeError);
      expect(() => impl.dotF64Sync(new Float64Array(1), bad as Float64Array), label).toThrow(TypeError);
      expect(() => impl.scaleF64Sync(bad as Float64Array, 1), label).toThrow(TypeError);
    }
    for (const [label, bad, kind] of nonFinite) {
      expect(() => impl.scaleF64Sync(new Float64Array(1), bad as number), label).toThrow(kind);
    }
    expect(() => impl.dotF64Sync(new Float64Array(2), new Float64Array(3))).toThrow(RangeError);
  });
});

describe.skipIf(native === null)('typed-vs-array parity: native ≡ js', () => {
  it('agrees on random views, including empty and offset ones', () => {
    fc.assert(
      fc.property(float64Views(), fc.double(), (a, factor) => {
        const b = a.slice().reverse();
        expect(native!.sumF64Sync(a)).toBe(js.sumF64Sync(a));
        expect(native!.dotF64Sync(a, b)).toBe(js.dotF64Sync(a, b));
        if (!Number.isFinite(factor)) return;
        const x = a.slice();
        const y = a.slice();
        native!.scaleF64Sync(x, factor);
        js.scaleF64Sync(y, factor);
        expect(x).toEqual(y);
      }),
      { numRuns: 1000 },
    );
  });
});
