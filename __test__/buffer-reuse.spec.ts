import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { byteViews, detachedView, labImplementations, notBytes } from './helpers.js';

/** The definition, spelled with node:buffer: frames via toString('hex'), FNV-1a over them. */
function reference(data: Uint8Array, recordSize: number): number {
  let hash = 0x811c9dc5;
  for (let start = 0; start < data.length; start += recordSize) {
    const hex = Buffer.from(Buffer.from(data.subarray(start, start + recordSize)).toString('hex'), 'latin1');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(hex.length);
    for (const byte of Buffer.concat([header, hex])) hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash >>> 0;
}

describe.each(labImplementations)('buffer-reuse (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('reused and fresh framing both equal the node:buffer definition', () => {
    fc.assert(
      fc.property(byteViews(2048), fc.integer({ min: 1, max: 300 }), (data, recordSize) => {
        const expected = reference(data, recordSize);
        expect(impl.frameHexDigestSync(data, recordSize)).toBe(expected);
        expect(impl.frameHexDigestFreshSync(data, recordSize)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps no state between calls: a large frame then a small one still agree', () => {
    const big = Buffer.alloc(10_000, 0xab);
    const small = Buffer.from('hi');
    impl.frameHexDigestSync(big, 10_000);
    expect(impl.frameHexDigestSync(small, 64)).toBe(reference(small, 64));
  });

  it('throws TypeError for wrong types and RangeError for bad record sizes', () => {
    for (const [label, bad] of notBytes()) {
      expect(() => impl.frameHexDigestSync(bad as Uint8Array, 4), label).toThrow(TypeError);
      expect(() => impl.frameHexDigestFreshSync(bad as Uint8Array, 4), label).toThrow(TypeError);
    }
    expect(() => impl.frameHexDigestSync(detachedView(), 4)).toThrow(/detached/);
    expect(() => impl.frameHexDigestSync(Buffer.alloc(4), '4' as unknown as number)).toThrow(TypeError);
    for (const bad of [0, -1, 1.5, 2 ** 31, 2 ** 53, Number.NaN, Infinity]) {
      expect(() => impl.frameHexDigestSync(Buffer.alloc(4), bad), String(bad)).toThrow(RangeError);
      expect(() => impl.frameHexDigestFreshSync(Buffer.alloc(4), bad), String(bad)).toThrow(RangeError);
    }
  });
});

describe.skipIf(native === null)('buffer-reuse parity: native ≡ js', () => {
  it('agrees on random views (empty, odd, unaligned) and record sizes', () => {
    fc.assert(
      fc.property(byteViews(1024), fc.integer({ min: 1, max: 2000 }), (data, recordSize) => {
        const expected = js.frameHexDigestSync(data, recordSize);
        expect(native!.frameHexDigestSync(data, recordSize)).toBe(expected);
        expect(native!.frameHexDigestFreshSync(data, recordSize)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
