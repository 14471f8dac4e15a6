import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { loadError } from '../benchmark/lab/native.js';
import { byteViews, detachedView, labImplementations, notBytes } from './helpers.js';

describe.each(labImplementations)('copyBytes (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('copies any view into a same-length view', () => {
    fc.assert(
      fc.property(byteViews(), fc.nat(7), (src, pad) => {
        const dst = new Uint8Array(src.length + pad).subarray(pad);
        expect(impl.copyBytes(dst, src)).toBe(src.length);
        expect(Buffer.from(dst).equals(Buffer.from(src))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('copies overlapping views of one buffer as memmove does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const len = 1 + (a % (bytes.length - 1));
        const from = b % (bytes.length - len + 1);
        const to = (a + b) % (bytes.length - len + 1);
        const expected = Uint8Array.from(bytes);
        expected.copyWithin(to, from, from + len);
        const actual = Uint8Array.from(bytes);
        impl.copyBytes(actual.subarray(to, to + len), actual.subarray(from, from + len));
        expect(Array.from(actual)).toEqual(Array.from(expected));
      }),
      { numRuns: 1000 },
    );
  });

  it('throws TypeError for wrong types and RangeError for different lengths', () => {
    for (const [label, bad] of notBytes()) {
      expect(() => impl.copyBytes(bad as Uint8Array, new Uint8Array(1)), label).toThrow(TypeError);
      expect(() => impl.copyBytes(new Uint8Array(1), bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() => impl.copyBytes(detachedView(), new Uint8Array(0))).toThrow(TypeError);
    expect(() => impl.copyBytes(new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
  });
});
