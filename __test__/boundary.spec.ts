import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { countByte, native as libraryNative, thresholds } from '../src/index.js';
import { byteViews, detachedView, labImplementations, notBytes } from './helpers.js';

const root = join(__dirname, '..');
const loader = join(root, 'index.js');
/** The lab binding's generated loader (`npm run build:lab`), for the move-out kernel. */
const labLoader = join(root, 'benchmark', 'lab', 'native', 'index.js');

function referenceXor(data: Uint8Array, key: Uint8Array): number[] {
  return Array.from(data, (b, i) => b ^ key[i % key.length]!);
}

describe.each(labImplementations)('boundary kernels (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('countByte counts like a reference loop on random views', () => {
    fc.assert(
      fc.property(byteViews(), fc.integer({ min: 0, max: 255 }), (data, byte) => {
        expect(impl.countByte(data, byte)).toBe(data.filter((b) => b === byte).length);
      }),
      { numRuns: 1000 },
    );
  });

  it('xorIntoNew and xorIntoNewCopy return a new Buffer with the key cycled', () => {
    fc.assert(
      fc.property(
        byteViews(2048),
        byteViews(17).filter((k) => k.length > 0),
        (data, key) => {
          const expected = referenceXor(data, key);
          const moved = impl.xorIntoNew(data, key);
          const copied = impl.xorIntoNewCopy(data, key);
          expect(Buffer.isBuffer(moved)).toBe(true);
          expect(Array.from(moved)).toEqual(expected);
          expect(Array.from(copied)).toEqual(expected);
          if (data.length > 0) expect(moved.buffer).not.toBe(data.buffer);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('xorIntoNew and xorIntoNewCopy agree with the reference across 64-byte block edges and long keys', () => {
    // The native kernel XORs 64-byte blocks against the key laid out from each block's phase:
    // lengths around the block size, keys shorter and longer than a block, unaligned views.
    const edge = fc.constantFrom(0, 1, 63, 64, 65, 127, 128, 129, 191, 1000);
    fc.assert(
      fc.property(
        edge,
        fc.integer({ min: 0, max: 7 }),
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.uint8Array({ minLength: 1200, maxLength: 1200 }),
        (length, offset, key, pool) => {
          const data = pool.subarray(offset, offset + length);
          const expected = referenceXor(data, key);
          expect(Array.from(impl.xorIntoNew(data, key))).toEqual(expected);
          expect(Array.from(impl.xorIntoNewCopy(data, key))).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('native and JS twins agree exactly', () => {
    if (native === null) return;
    fc.assert(
      fc.property(
        byteViews(),
        byteViews(9).filter((k) => k.length > 0),
        (data, key) => {
          expect(impl.countByte(data, 0)).toBe(js.countByte(data, 0));
          expect(impl.xorIntoNew(data, key).equals(js.xorIntoNew(data, key))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('throws TypeError for wrong types and detached buffers', () => {
    for (const [label, bad] of notBytes()) {
      expect(() => impl.countByte(bad as Uint8Array, 1), label).toThrow(TypeError);
      expect(() => impl.xorIntoNew(bad as Uint8Array, Buffer.from([1])), label).toThrow(TypeError);
      expect(() => impl.xorIntoNew(Buffer.from([1]), bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() => impl.countByte(detachedView(), 1)).toThrow(TypeError);
    expect(() => impl.countByte(Buffer.alloc(1), '1' as unknown as number)).toThrow(TypeError);
    expect(() => (impl.countByte as (...args: unknown[]) => number)(Buffer.alloc(1))).toThrow(TypeError);
  });

  it('throws RangeError for an out-of-range byte and an empty key', () => {
    for (const bad of [-1, 256, 1.5, Number.NaN]) {
      expect(() => impl.countByte(Buffer.alloc(1), bad), String(bad)).toThrow(RangeError);
    }
    expect(() => impl.xorIntoNew(Buffer.alloc(4), new Uint8Array(0))).toThrow(/key must not be empty/);
  });
});

describe('boundary top-level dispatch', () => {
  it('agrees with the twins on both sides of the thresholds', () => {
    for (const length of [
      0,
      1,
      thresholds.countByteNativeMinBytes,
      thresholds.countByteNativeMinBytes * 3 + 1,
    ]) {
      const data = Buffer.alloc(length + 1, 7).subarray(1);
      expect(countByte(data, 7)).toBe(length);
    }
  });
});

describe.skipIf(libraryNative === null || !existsSync(loader))('the library addon in a worker_thread', () => {
  it('loads and works inside a worker_thread', () => {
    const out = execFileSync(process.execPath, [join(__dirname, 'fixtures', 'worker-load.cjs'), loader], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const result = JSON.parse(out) as { crc: number; asyncCrc: number; lines: number[]; threadId: number };
    expect(result).toEqual({ crc: 0xcbf43926, asyncCrc: 0xcbf43926, lines: [0, 1, 2, 4], threadId: 1 });
  });
});

// Not under AddressSanitizer (scripts/asan-addon.sh): its quarantine and shadow memory count in
// RSS, so the bounds below mean nothing there; that run covers these paths with the soak.
const asan = process.env.RUST_PATTERNS_ASAN === '1';

describe.skipIf(native === null || !existsSync(labLoader) || asan)('ownership of Rust-owned Buffers', () => {
  const runGc = (cycles: number, mode: 'yield' | 'sync') =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--expose-gc',
          join(__dirname, 'fixtures', 'external-buffer-gc.cjs'),
          labLoader,
          String(cycles),
          mode,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      ),
    ) as { keptOk: boolean; growth: number; peakGrowth: number; secondPeakGrowth: number; cycles: number };

  it('a moved-out Buffer stays correct across GC and its memory is freed by the finalizer', () => {
    // 100,000 cycles of 16 KiB is 1.6 GB if nothing were freed; the bound is 64 MB.
    const result = runGc(100_000, 'yield');
    expect(result.keptOk).toBe(true);
    expect(result.cycles).toBe(100_000);
    expect(result.peakGrowth).toBeLessThan(64 * 1024 * 1024);
    expect(result.growth).toBeLessThan(64 * 1024 * 1024);
  });

  it('finalizers wait for the event loop: a loop that never yields holds the memory until it does', () => {
    // Pins Node's behaviour (finalizers run from the loop, not inside GC), which the README's
    // "ownership" advice depends on: 5,000 x 16 KiB = 80 MB stay resident until the loop turns,
    // and are then freed, so a second round reuses the memory instead of adding 80 MB more.
    const result = runGc(5_000, 'sync');
    expect(result.peakGrowth).toBeGreaterThan(40 * 1024 * 1024);
    expect(result.secondPeakGrowth).toBeLessThan(result.peakGrowth + 40 * 1024 * 1024);
  });
});
