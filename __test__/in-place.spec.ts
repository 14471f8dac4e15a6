import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { float64Views, labImplementations, nonFinite, notFloat64 } from './helpers.js';

describe.each(labImplementations)('in-place (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('maps x to x * scale + offset in the caller’s memory, leaving the rest of the buffer', () => {
    fc.assert(
      fc.property(float64Views(), fc.double({ noDefaultInfinity: true, noNaN: true }), (view, offset) => {
        const expected = Array.from(view, (x) => x * -1.5 + offset);
        const before = new Float64Array(view.buffer).slice();
        impl.affineInPlaceSync(view, -1.5, offset);
        expect(Array.from(view)).toEqual(expected);
        const after = new Float64Array(view.buffer);
        const first = view.byteOffset / 8;
        for (let i = 0; i < after.length; i++) {
          if (i < first || i >= first + view.length) expect(after[i]).toBe(before[i]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('writes through to SharedArrayBuffer-backed views', () => {
    const shared = new Float64Array(new SharedArrayBuffer(32));
    shared.set([1, 2, 3, 4]);
    impl.affineInPlaceSync(shared.subarray(1), 2, 1);
    expect(Array.from(shared)).toEqual([1, 5, 7, 9]);
  });

  it('throws TypeError for wrong types and RangeError for non-finite numbers', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.affineInPlaceSync(bad as Float64Array, 1, 0), label).toThrow(TypeError);
    }
    for (const [label, bad, kind] of nonFinite) {
      expect(() => impl.affineInPlaceSync(new Float64Array(1), bad as number, 0), label).toThrow(kind);
      expect(() => impl.affineInPlaceSync(new Float64Array(1), 1, bad as number), label).toThrow(kind);
    }
  });
});

describe.skipIf(native === null)('in-place parity: native ≡ js', () => {
  it('agrees bit for bit on random views and coefficients', () => {
    fc.assert(
      fc.property(float64Views(), fc.double(), fc.double(), (view, scale, offset) => {
        if (!Number.isFinite(scale) || !Number.isFinite(offset)) return;
        const a = view.slice();
        const b = view.slice();
        native!.affineInPlaceSync(a, scale, offset);
        js.affineInPlaceSync(b, scale, offset);
        expect(a).toEqual(b);
      }),
      { numRuns: 1000 },
    );
  });
});
