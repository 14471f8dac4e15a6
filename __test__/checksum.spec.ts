import * as zlib from 'node:zlib';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { configureThresholds, crc32, crc32Sync, js, loadError, native, thresholds } from '../src/index.js';
import { byteViews, detachedView, detachingSignal, implementations, notBytes } from './helpers.js';
import { crc32BuiltinRange } from '../src/thresholds.js';

/**
 * node:zlib's crc32 as the reference. Node 20.20 returns 0 instead of `initial` for an empty view
 * over a zero-length ArrayBuffer (`zlib.crc32(new Uint8Array(0), 1) === 0`, while a view of
 * length 0 into a larger buffer gives 1), so the empty case uses the definition: crc32 of no
 * bytes leaves the running value unchanged.
 */
const zlibCrc32 = (data: Uint8Array, initial = 0): number =>
  data.length === 0 ? initial : zlib.crc32(data, initial);

describe.each(implementations)('crc32 (%s)', (name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('gives the CRC-32 check value', () => {
    expect(impl.crc32Sync(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(impl.crc32Sync(new Uint8Array(0))).toBe(0);
    expect(impl.crc32Sync(new Uint8Array(0), 0xdeadbeef)).toBe(0xdeadbeef);
  });

  it('equals node:zlib on random views, including empty, odd and unaligned ones', () => {
    fc.assert(
      fc.property(byteViews(), (data) => {
        expect(impl.crc32Sync(data)).toBe(zlibCrc32(data));
      }),
      { numRuns: 1000 },
    );
  });

  it('continues from `initial` exactly as node:zlib does', () => {
    fc.assert(
      fc.property(byteViews(1024), byteViews(1024), fc.integer({ min: 0, max: 0xffffffff }), (a, b, seed) => {
        expect(impl.crc32Sync(a, seed)).toBe(zlibCrc32(a, seed));
        const whole = Buffer.concat([a, b]);
        expect(impl.crc32Sync(b, impl.crc32Sync(a))).toBe(zlibCrc32(whole));
      }),
      { numRuns: 1000 },
    );
  });

  it('equals node:zlib at every length from 0 to 4096 and around the SIMD path boundaries', () => {
    // crc32fast switches kernels at 128 bytes and at 2 KiB (the wide VPCLMULQDQ path); the JS
    // twin switches from byte slicing to word slicing at 256 bytes.
    const backing = new Uint8Array(70_000).map((_, i) => (i * 2654435761) >>> 13);
    const lengths = [...Array.from({ length: 4097 }, (_, i) => i), 8191, 8192, 8193, 65535, 65536, 65537];
    for (const length of lengths) {
      const data = backing.subarray(length % 5, (length % 5) + length);
      const got = impl.crc32Sync(data);
      if (got !== zlibCrc32(data)) expect.fail(`length ${length}: ${got} != ${zlibCrc32(data)}`);
    }
  });

  it('reads SharedArrayBuffer-backed views', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(12));
    shared.set(Buffer.from('xx123456789'), 1);
    expect(impl.crc32Sync(shared.subarray(3))).toBe(0xcbf43926);
  });

  it('throws TypeError for wrong types and detached buffers', () => {
    for (const [label, bad] of notBytes()) {
      expect(() => impl.crc32Sync(bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() => impl.crc32Sync(detachedView())).toThrow(/detached/);
    expect(() => impl.crc32Sync(Buffer.alloc(1), 'x' as unknown as number)).toThrow(TypeError);
  });

  it('throws RangeError for an out-of-range initial value', () => {
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN, Infinity]) {
      expect(() => impl.crc32Sync(Buffer.alloc(1), bad), String(bad)).toThrow(RangeError);
    }
  });

  it('async form equals the sync form', async () => {
    const inputs = fc.sample(byteViews(70_000), { numRuns: 50, seed: 42 });
    const results = await Promise.all(inputs.map((data) => impl.crc32(data, 7)));
    expect(results).toEqual(inputs.map((data) => impl.crc32Sync(data, 7)));
  });

  it('async form reads the signal before the data: a getter that detaches it gives a TypeError', () => {
    const data = new Uint8Array(new ArrayBuffer(4096)).fill(7);
    expect(() => impl.crc32(data, 0, detachingSignal(data))).toThrow(
      /data is backed by a detached ArrayBuffer/,
    );
  });

  it('async form rejects with an AbortError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(impl.crc32(Buffer.alloc(64), 0, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('async form throws TypeError for a signal that is not an AbortSignal', () => {
    expect(() => impl.crc32(Buffer.alloc(1), 0, {} as AbortSignal)).toThrow(TypeError);
  });

  it(`${name} async form does not copy: the input is referenced until it settles`, async () => {
    const data = Buffer.from('123456789');
    const pending = impl.crc32(data);
    expect(await pending).toBe(0xcbf43926);
  });
});

describe('crc32 top-level dispatch', () => {
  it('agrees with node:zlib on both sides of the native threshold', () => {
    const t = thresholds.crc32NativeMinBytes;
    for (const length of [0, 1, t - 1, t, t + 1, 4 * t + 3]) {
      const data = Buffer.alloc(length + 3, 0x5a).subarray(3);
      expect(crc32Sync(data)).toBe(zlibCrc32(data));
    }
  });

  it('throws TypeError for wrong types on both paths', () => {
    for (const [label, bad] of notBytes())
      expect(() => crc32Sync(bad as Uint8Array), label).toThrow(TypeError);
  });

  it('async form resolves to the sync result and honours an aborted signal', async () => {
    const data = Buffer.alloc(100_000, 3);
    expect(await crc32(data)).toBe(crc32Sync(data));
    const controller = new AbortController();
    controller.abort();
    await expect(crc32(data, 0, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('agrees with the JS twin whichever path ran', () => {
    fc.assert(
      fc.property(byteViews(512), (data) => {
        expect(crc32Sync(data)).toBe(js.crc32Sync(data));
      }),
      { numRuns: 300 },
    );
  });

  // On Bun and Deno `crc32Sync` routes small inputs to zlib.crc32; Node never does by default.
  // Forcing each route here checks that every one gives the same values and the same errors.
  it.each([
    ['the built-in at every size', Number.MAX_SAFE_INTEGER, 0],
    ['never the built-in', 0, 0],
    ['the twin below 64 B, then the built-in (Deno without AVX-512)', Number.MAX_SAFE_INTEGER, 64],
    ['the twin below 64 B, the built-in to 2 KiB, then the binding (Deno on AVX2)', 2048, 64],
  ])('agrees with the JS twin, values and errors, when routed to %s', (_label, cutoff, from) => {
    const before = thresholds.crc32OverBuiltinMinBytes;
    const fromBefore = thresholds.crc32BuiltinMinBytes;
    configureThresholds({ crc32OverBuiltinMinBytes: cutoff, crc32BuiltinMinBytes: from });
    try {
      fc.assert(
        fc.property(byteViews(512), fc.option(fc.nat(0xffffffff)), (data, initial) => {
          const start = initial ?? undefined;
          expect(crc32Sync(data, start)).toBe(js.crc32Sync(data, start));
        }),
        { numRuns: 300 },
      );
      for (const [label, bad] of notBytes())
        expect(() => crc32Sync(bad as Uint8Array), label).toThrow(TypeError);
      const data = Buffer.alloc(10, 1);
      for (const bad of [-1, 2 ** 32, 1.5, NaN])
        expect(() => crc32Sync(data, bad), String(bad)).toThrow(/^initial /);
      expect(() => crc32Sync(data, '1' as unknown as number)).toThrow(TypeError);
      expect(() => crc32Sync(detachedView())).toThrow(TypeError);
    } finally {
      configureThresholds({ crc32OverBuiltinMinBytes: before, crc32BuiltinMinBytes: fromBefore });
    }
  });

  it("defaults to the built-in range of this runtime and this CPU's CRC-32 path, decided at load", () => {
    expect({ from: thresholds.crc32BuiltinMinBytes, to: thresholds.crc32OverBuiltinMinBytes }).toEqual(
      crc32BuiltinRange('node', native?.simdLevel() ?? 'js'),
    );
    const always = Number.MAX_SAFE_INTEGER;
    // Node: never with the binding (it and the twin beat zlib.crc32 at every size); the
    // built-in from 256 B without it.
    for (const path of ['vpclmulqdq-avx512', 'vpclmulqdq-avx2', 'pclmulqdq', 'aarch64-crc', 'scalar'])
      expect(crc32BuiltinRange('node', path), path).toEqual({ from: 0, to: 0 });
    expect(crc32BuiltinRange('node', 'js')).toEqual({ from: 256, to: always });
    // Deno, forced both ways: the binding from 2 KiB where crc32fast's 256-bit VPCLMULQDQ runs
    // and zlib.crc32 has no AVX-512 kernel, from 1 MiB on an AVX-512 CPU (and unmeasured paths).
    expect(crc32BuiltinRange('deno', 'vpclmulqdq-avx2')).toEqual({ from: 64, to: 2048 });
    expect(crc32BuiltinRange('deno', 'vpclmulqdq-avx512')).toEqual({ from: 64, to: 1 << 20 });
    expect(crc32BuiltinRange('deno', 'pclmulqdq')).toEqual({ from: 64, to: 1 << 20 });
    expect(crc32BuiltinRange('deno', 'js')).toEqual({ from: 64, to: always });
    // Bun: the built-in at every size, whatever the CPU.
    for (const path of ['vpclmulqdq-avx512', 'vpclmulqdq-avx2', 'js'])
      expect(crc32BuiltinRange('bun', path), path).toEqual({ from: 0, to: always });
  });

  it.skipIf(native === null)('native 10,000 concurrent async calls all settle correctly', async () => {
    const data = Array.from({ length: 10_000 }, (_, i) => Buffer.from(`payload-${i}`));
    const results = await Promise.all(data.map((d) => native!.crc32(d)));
    expect(results).toEqual(data.map((d) => zlibCrc32(d)));
  });
});
