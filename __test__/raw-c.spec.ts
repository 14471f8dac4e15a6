import { execFileSync } from 'node:child_process';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type * as RawCLoader from '../benchmark/lab/raw-c/load.cjs';
import { js } from '../src/index.js';
import { byteViews, detachedView, notBytes } from './helpers.js';

/** The floor reference is only as good as its agreement with the functions it stands for. */
const hasCc = ((): boolean => {
  try {
    execFileSync(process.env.CC ?? 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasCc)('raw C Node-API reference (benchmark/lab/raw-c)', () => {
  const c = (require('../benchmark/lab/raw-c/load.cjs') as typeof RawCLoader).loadRawC();

  it("gives the JS twins' results on random views, including empty, odd and unaligned ones", () => {
    fc.assert(
      fc.property(
        byteViews(300),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(0xffffffff),
        (data, byte, init) => {
          expect(c.countByte(data, byte)).toBe(js.countByte(data, byte));
          expect(c.isUtf8(data)).toBe(js.isUtf8(data));
          expect(c.utf8ValidUpTo(data)).toBe(js.utf8ValidUpTo(data));
          expect(c.crc32Sync(data)).toBe(js.crc32Sync(data));
          expect(c.crc32Sync(data, init)).toBe(js.crc32Sync(data, init));
          expect(Array.from(c.lineOffsets(data))).toEqual(Array.from(js.lineOffsets(data)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('line endings follow str::lines, as the twin does', () => {
    for (const text of ['', '\n', 'a', 'a\n', 'a\r\nb\r\n', '\r\n', 'a\rb', 'a\r', 'x\n\ny']) {
      const b = Buffer.from(text);
      expect(Array.from(c.lineOffsets(b)), JSON.stringify(text)).toEqual(Array.from(js.lineOffsets(b)));
    }
  });

  it('throws the same kinds of error as the package for bad arguments', () => {
    const data = Buffer.alloc(4);
    for (const [label, bad] of notBytes()) {
      expect(() => c.countByte(bad as Uint8Array, 1), label).toThrow(TypeError);
      expect(() => c.isUtf8(bad as Uint8Array), label).toThrow(TypeError);
      expect(() => c.crc32Sync(bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() => c.isUtf8(detachedView())).toThrow(TypeError);
    for (const byte of [-1, 256, 1.5, Number.NaN]) expect(() => c.countByte(data, byte)).toThrow(RangeError);
    expect(() => c.countByte(data, '1' as unknown as number)).toThrow(TypeError);
    for (const init of [-1, 2 ** 32, 0.5]) expect(() => c.crc32Sync(data, init)).toThrow(RangeError);
    expect(c.crc32Sync(data, undefined)).toBe(js.crc32Sync(data));
  });
});
