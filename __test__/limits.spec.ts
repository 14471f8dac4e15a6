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

describe.each(labImplementations)('limits/bandwidth kernels (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  /** The definition of `xorFold32Bytes`: XOR of zero-padded little-endian 32-bit words. */
  const fold = (bytes: Uint8Array): number => {
    let acc = 0;
    for (let i = 0; i < bytes.length; i++) acc ^= bytes[i]! << (8 * (i % 4));
    return acc >>> 0;
  };

  it('xorFold32Bytes folds every byte of any view, at lengths around every vector block', () => {
    fc.assert(
      fc.property(byteViews(1100), (view) => {
        expect(impl.xorFold32Bytes(view)).toBe(fold(view));
      }),
      { numRuns: 1000 },
    );
    const big = Uint8Array.from({ length: 4099 }, (_, i) => (i * 131) & 0xff);
    for (const len of [0, 1, 4, 63, 64, 65, 255, 256, 511, 512, 513, 4099]) {
      expect(impl.xorFold32Bytes(big.subarray(3, 3 + Math.min(len, 4096)))).toBe(
        fold(big.subarray(3, 3 + Math.min(len, 4096))),
      );
    }
  });

  it.each(['copyMemcpyBytes', 'copyVectorBytes', 'copyStreamBytes'] as const)(
    '%s copies any view into a same-length view, and nothing outside it',
    (fn) => {
      fc.assert(
        fc.property(byteViews(1100), fc.nat(70), (src, pad) => {
          const backing = new Uint8Array(src.length + pad + 70).fill(0xee);
          const dst = backing.subarray(pad, pad + src.length);
          expect(impl[fn](dst, src)).toBe(src.length);
          expect(Buffer.from(dst).equals(Buffer.from(src))).toBe(true);
          expect(backing.subarray(0, pad).every((b) => b === 0xee)).toBe(true);
          expect(backing.subarray(pad + src.length).every((b) => b === 0xee)).toBe(true);
        }),
        { numRuns: 500 },
      );
    },
  );

  it.each(['copyMemcpyBytes', 'copyVectorBytes', 'copyStreamBytes'] as const)(
    '%s throws TypeError for wrong types, RangeError for different lengths or shared memory',
    (fn) => {
      for (const [label, bad] of notBytes()) {
        expect(() => impl[fn](bad as Uint8Array, new Uint8Array(1)), label).toThrow(TypeError);
        expect(() => impl[fn](new Uint8Array(1), bad as Uint8Array), label).toThrow(TypeError);
      }
      expect(() => impl[fn](detachedView(), new Uint8Array(0))).toThrow(TypeError);
      expect(() => impl[fn](new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
      const one = new Uint8Array(64);
      expect(() => impl[fn](one.subarray(0, 32), one.subarray(16, 48))).toThrow(/must not share memory/);
      expect(impl[fn](one.subarray(0, 32), one.subarray(32, 64))).toBe(32);
    },
  );

  it.each(['copyMemcpyBytes', 'copyVectorBytes', 'copyStreamBytes', 'xorFold32Bytes'] as const)(
    '%s repeats its pass `passes` times with the same result, and refuses 0 or a non-number',
    (fn) => {
      const src = Uint8Array.from({ length: 999 }, (_, i) => (i * 7) & 0xff);
      const run = (passes?: number): unknown => {
        if (fn === 'xorFold32Bytes') return impl.xorFold32Bytes(src, passes);
        const dst = new Uint8Array(src.length);
        impl[fn](dst, src, passes);
        return Array.from(dst);
      };
      expect(run(5)).toEqual(run());
      expect(() => run(0)).toThrow(RangeError);
      expect(() => run(-1)).toThrow(RangeError);
      expect(() => run('2' as unknown as number)).toThrow(TypeError);
    },
  );

  it('updateVectorBytes inverts every byte of any view in place, `passes` times, and nothing outside it', () => {
    fc.assert(
      fc.property(byteViews(1100), fc.integer({ min: 1, max: 6 }), (view, passes) => {
        const before = Uint8Array.from(view);
        const backing = new Uint8Array(view.buffer);
        const outside = Uint8Array.from(backing);
        expect(impl.updateVectorBytes(view, passes)).toBe(view.length);
        const flip = passes % 2 === 1 ? 0xff : 0;
        expect(Array.from(view)).toEqual(Array.from(before, (b) => b ^ flip));
        // Bytes of the backing buffer outside the view are untouched.
        for (let i = 0; i < backing.length; i++) {
          if (i < view.byteOffset || i >= view.byteOffset + view.length) expect(backing[i]).toBe(outside[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('updateVectorBytes throws TypeError for wrong types and RangeError for a bad pass count, before writing', () => {
    for (const [label, bad] of notBytes())
      expect(() => impl.updateVectorBytes(bad as Uint8Array), label).toThrow(TypeError);
    expect(() => impl.updateVectorBytes(detachedView())).toThrow(TypeError);
    const data = Uint8Array.of(1, 2, 3);
    expect(() => impl.updateVectorBytes(data, 0)).toThrow(RangeError);
    expect(() => impl.updateVectorBytes(data, (1 << 16) + 1)).toThrow(RangeError);
    expect(() => impl.updateVectorBytes(data, '1' as unknown as number)).toThrow(TypeError);
    expect(Array.from(data)).toEqual([1, 2, 3]);
  });

  it('xorFold32Bytes throws TypeError for wrong types', () => {
    for (const [label, bad] of notBytes())
      expect(() => impl.xorFold32Bytes(bad as Uint8Array), label).toThrow(TypeError);
  });
});
