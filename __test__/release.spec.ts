import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { loadError, native, OwnedBlock } from '../src/index.js';
import { implementations } from './helpers.js';

describe.each(implementations)('NativeBlock (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('fills and checksums, then refuses use after close (TypeError); double close is a no-op', () => {
    const block = new impl.NativeBlock(9);
    expect(block.byteLength).toBe(9);
    block.fill(0x31);
    expect(block.checksum()).toBe(zlib.crc32(Buffer.alloc(9, 0x31)));
    expect(block.closed).toBe(false);
    block.close();
    expect(block.closed).toBe(true);
    expect(block.byteLength).toBe(0);
    expect(() => block.checksum()).toThrow(TypeError);
    expect(() => block.fill(1)).toThrow(/closed/);
    expect(() => block.close()).not.toThrow();
  });

  it('validates its arguments', () => {
    expect(() => new impl.NativeBlock(undefined as unknown as number)).toThrow(TypeError);
    expect(() => new impl.NativeBlock(-1)).toThrow(RangeError);
    expect(() => new impl.NativeBlock(1.5)).toThrow(RangeError);
    expect(() => new impl.NativeBlock(8, 'yes' as unknown as boolean)).toThrow(TypeError);
    const block = new impl.NativeBlock(8, false);
    expect(() => block.fill(256)).toThrow(RangeError);
    expect(() => block.fill('a' as unknown as number)).toThrow(TypeError);
  });

  it('agrees with native on checksums (parity)', () => {
    if (native === null) return;
    for (const [size, byte] of [
      [0, 0],
      [1, 7],
      [1000, 255],
    ] as const) {
      const a = new impl.NativeBlock(size);
      const b = new native.NativeBlock(size);
      a.fill(byte);
      b.fill(byte);
      expect(a.checksum()).toBe(b.checksum());
    }
  });
});

describe('OwnedBlock', () => {
  it('is released at the end of a `using` scope', () => {
    let escaped: OwnedBlock;
    {
      using block = new OwnedBlock(64);
      block.fill(1);
      escaped = block;
      expect(block.closed).toBe(false);
    }
    expect(escaped.closed).toBe(true);
    expect(() => escaped.checksum()).toThrow(TypeError);
    expect(() => escaped.close()).not.toThrow();
  });

  it('disposes through Symbol.dispose, which Node 20 aliases to Symbol.for("nodejs.dispose")', () => {
    expect(Symbol.dispose).toBe(Symbol.for('nodejs.dispose'));
    const block = new OwnedBlock(8);
    block[Symbol.dispose]();
    expect(block.closed).toBe(true);
  });

  it.skipIf(native === null)(
    'throws a RangeError when the allocator refuses the size, and the process lives (child process)',
    () => {
      const script = path.join(__dirname, 'fixtures', 'alloc-failure.ts');
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      // Before the fix the native constructor aborted the child here (SIGABRT, no output).
      expect(result.signal, result.stderr).toBeNull();
      expect(result.status, result.stderr).toBe(0);
      const refused = { error: 'RangeError', message: 'cannot allocate a block of 4294967295 bytes' };
      expect(JSON.parse(result.stdout)).toEqual({
        outcomes: { native: refused, js: refused },
        checksumAfter: zlib.crc32(Buffer.alloc(4096, 1)),
      });
    },
  );

  // Not under AddressSanitizer (scripts/asan-addon.sh), whose quarantine and shadow memory count
  // in RSS; that run covers the same cycles with the soak.
  it.skipIf(native === null || process.env.RUST_PATTERNS_ASAN === '1')(
    'keeps RSS bounded over 1M allocate/use/close cycles (child process, --expose-gc)',
    () => {
      const script = path.join(__dirname, 'fixtures', 'release-soak.cjs');
      const result = spawnSync(process.execPath, ['--expose-gc', script, '1000000', 'close', 'report'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as { cycles: number; rssGrowthMiB: number; checksum: number };
      expect(report.cycles).toBe(1_000_000);
      // 1M cycles of 4 KiB would be ~3.8 GiB if nothing were released.
      expect(report.rssGrowthMiB).toBeLessThan(64);
    },
  );
});
