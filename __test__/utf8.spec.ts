import { isUtf8 as nodeIsUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isUtf8, isUtf8Route, loadError, native, utf8ValidUpTo } from '../src/index.js';
import { readUtf8SimdLevel, utf8Route, type Utf8RouteContext } from '../src/utf8.js';
import { byteViews, detachedView, implementations, notBytes } from './helpers.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const decodes = (b: Uint8Array): boolean => {
  try {
    fatal.decode(b);
    return true;
  } catch {
    return false;
  }
};

/** Crafted invalid sequences (with where they start) and valid edge cases. */
const invalid: Array<[string, number[], number]> = [
  ['overlong 2-byte NUL', [0xc0, 0x80], 0],
  ['overlong 3-byte', [0x61, 0xe0, 0x80, 0x80], 1],
  ['overlong 4-byte', [0xf0, 0x80, 0x80, 0x80], 0],
  ['surrogate D800', [0xed, 0xa0, 0x80], 0],
  ['surrogate DFFF', [0x61, 0x62, 0xed, 0xbf, 0xbf], 2],
  ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ['truncated 3-byte', [0x61, 0x62, 0xe2, 0x82], 2],
  ['truncated 4-byte at end', [0xf0, 0x9f, 0x98], 0],
  ['lone continuation', [0x80], 0],
  ['F5 lead', [0xf5, 0x80, 0x80, 0x80], 0],
  ['FF', [0x41, 0xff], 1],
];
const valid = [
  '',
  'plain ascii',
  'h\u00e9llo',
  '\u20ac',
  '\u{1F600}',
  '\uFFFD',
  '\u{10FFFF}',
  '\uD7FF\uE000',
];

/** Random bytes biased towards UTF-8 structure so valid and invalid inputs both occur. */
const utf8ish = fc.oneof(
  byteViews(512),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s))),
  fc.tuple(fc.string({ unit: 'binary', maxLength: 100 }), fc.nat(300), fc.nat(255)).map(([s, at, byte]) => {
    const b = new Uint8Array(Buffer.from(s));
    if (b.length > 0) b[at % b.length] = byte;
    return b;
  }),
  // ASCII runs with a few arbitrary bytes anywhere: the twin skips ASCII four bytes at a time, so
  // a sequence may start, or be cut, at any offset within or just after such a block.
  fc
    .tuple(fc.string({ maxLength: 40 }), fc.array(fc.tuple(fc.nat(60), fc.nat(255)), { maxLength: 3 }))
    .map(([s, edits]) => {
      const b = new Uint8Array(Buffer.from(s, 'latin1'));
      for (const [at, byte] of edits) if (b.length > 0) b[at % b.length] = byte;
      return b;
    }),
);

describe.each(implementations)('utf8 (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('rejects crafted invalid sequences at the right offset, accepts valid edge cases', () => {
    for (const [label, bytes, at] of invalid) {
      expect(impl.isUtf8(new Uint8Array(bytes)), label).toBe(false);
      expect(impl.utf8ValidUpTo(new Uint8Array(bytes)), label).toBe(at);
    }
    for (const s of valid) {
      const b = Buffer.from(s);
      expect(impl.isUtf8(b), s).toBe(true);
      expect(impl.utf8ValidUpTo(b)).toBe(b.length);
    }
  });

  it('agrees with node:buffer isUtf8 and TextDecoder fatal on random bytes', () => {
    fc.assert(
      fc.property(utf8ish, (b) => {
        const expected = nodeIsUtf8(b);
        expect(impl.isUtf8(b)).toBe(expected);
        expect(decodes(b)).toBe(expected);
        const upTo = impl.utf8ValidUpTo(b);
        expect(nodeIsUtf8(b.subarray(0, upTo))).toBe(true);
        expect(upTo === b.length).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals native on random bytes (parity)', () => {
    if (native === null) return;
    fc.assert(
      fc.property(utf8ish, (b) => {
        expect(impl.isUtf8(b)).toBe(native!.isUtf8(b));
        expect(impl.utf8ValidUpTo(b)).toBe(native!.utf8ValidUpTo(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('throws TypeError for wrong types and detached buffers', () => {
    for (const [label, bad] of notBytes()) {
      expect(() => impl.isUtf8(bad as Uint8Array), label).toThrow(TypeError);
      expect(() => impl.utf8ValidUpTo(bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() => impl.isUtf8(detachedView())).toThrow(/detached/);
  });
});

describe('utf8 top-level', () => {
  it('agrees with node:buffer on both sides of the threshold', () => {
    for (const n of [0, 1, 63, 64, 65, 1000]) {
      const ok = Buffer.alloc(n, 0x61);
      expect(isUtf8(ok)).toBe(true);
      if (n > 0) {
        ok[n - 1] = 0xc3;
        expect(isUtf8(ok)).toBe(false);
        expect(utf8ValidUpTo(ok)).toBe(n - 1);
      }
    }
  });

  it("without the binding, takes Node's buffer.isUtf8 from the threshold up, with the same answers and errors", () => {
    // A child process with the kill switch: the dispatcher's no-binding path.
    const script = `
      const { isUtf8, implementation } = require('./src/index.ts');
      const { isUtf8: builtin } = require('node:buffer');
      const out = { implementation, agree: 0, disagree: [] };
      for (const n of [0, 1, 63, 64, 65, 1000, 100000]) {
        for (const bad of [false, true]) {
          const b = Buffer.alloc(n, 0x61);
          if (bad && n > 0) b[n >> 1] = 0xff;
          const view = Buffer.concat([Buffer.from([0]), b]).subarray(1);
          if (isUtf8(view) === builtin(view)) out.agree++; else out.disagree.push([n, bad]);
        }
      }
      try { isUtf8(new Uint16Array(100)); out.wide = 'no error'; } catch (e) { out.wide = e.constructor.name + ': ' + e.message; }
      process.stdout.write(JSON.stringify(out));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: join(__dirname, '..'),
        encoding: 'utf8',
        env: { ...process.env, RUST_PATTERNS_FORCE_JS: '1' },
      }),
    ) as { implementation: string; agree: number; disagree: unknown[]; wide: string };
    expect(out.implementation).toBe('js');
    expect(out.disagree).toEqual([]);
    expect(out.agree).toBe(14);
    expect(out.wide).toMatch(/^TypeError: data must be a Uint8Array/);
  });
});

describe("isUtf8 route: the binding or the runtime's buffer.isUtf8, from the CPU at load time", () => {
  const base: Utf8RouteContext = {
    level: 'avx2',
    hasNative: true,
    hasBuiltin: true,
    builtinIsSimdutf: true,
    jsMaxBytes: 64,
    nativeOverBuiltinMinBytes: 1024,
  };

  it('sends every size to the built-in on an AVX-512 CPU when the built-in is simdutf', () => {
    const c = { ...base, level: 'avx512' as const };
    expect([0, 63, 64, 1023, 1024, 1 << 20].map((n) => utf8Route(n, c))).toEqual([
      'js',
      'js',
      'builtin',
      'builtin',
      'builtin',
      'builtin',
    ]);
  });

  it('sends sizes from the threshold to the binding on an AVX2 CPU, and on Deno whatever the CPU', () => {
    for (const c of [base, { ...base, level: 'avx512' as const, builtinIsSimdutf: false }]) {
      expect([63, 64, 1023, 1024, 1 << 20].map((n) => utf8Route(n, c))).toEqual([
        'js',
        'builtin',
        'builtin',
        'native',
        'native',
      ]);
    }
  });

  it('takes the binding without a built-in, and the scanner without either', () => {
    expect(utf8Route(100, { ...base, level: 'avx512', hasBuiltin: false })).toBe('native');
    expect(utf8Route(100, { ...base, hasBuiltin: false, hasNative: false })).toBe('js');
    expect(utf8Route(1 << 20, { ...base, hasNative: false })).toBe('builtin');
  });

  it('reads RUST_PATTERNS_UTF8_SIMD over the CPU, and refuses a name it does not know', () => {
    expect(readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: 'avx2' })).toBe('avx2');
    expect(readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: 'avx512' })).toBe('avx512');
    expect(() => readUtf8SimdLevel({ RUST_PATTERNS_UTF8_SIMD: 'avx1024' })).toThrow(RangeError);
    const detected = readUtf8SimdLevel({});
    expect(detected).toBe(native === null ? 'scalar' : native.utf8SimdLevel());
  });

  // The decision forced both ways in a fresh process: which validator really ran is counted by
  // wrapping buffer.isUtf8 before the package loads, and the answers must not change.
  it.skipIf(native === null).each([
    ['avx512', [0, 1, 1]],
    ['avx2', [0, 1, 0]],
  ])('forced to %s, calls the built-in only where the route says', (level, builtinCalls) => {
    const script = `
      const nb = require('node:buffer');
      const real = nb.isUtf8;
      let calls = 0;
      nb.isUtf8 = (b) => { calls++; return real(b); };
      const { isUtf8, isUtf8Route, utf8SimdLevel, configureThresholds } = require('./src/index.ts');
      configureThresholds({ utf8NativeOverBuiltinMinBytes: 1024 });
      const out = { level: utf8SimdLevel(), routes: [], calls: [], agree: true };
      for (const n of [16, 100, 4096]) {
        const b = Buffer.alloc(n + 1, 0x61).subarray(1);
        b[n >> 1] = 0xc3;
        const before = calls;
        out.agree &&= isUtf8(b) === real(b);
        out.calls.push(calls - before);
        out.routes.push(isUtf8Route(n));
      }
      process.stdout.write(JSON.stringify(out));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: join(__dirname, '..'),
        encoding: 'utf8',
        env: { ...process.env, RUST_PATTERNS_UTF8_SIMD: level },
      }),
    ) as { level: string; routes: string[]; calls: number[]; agree: boolean };
    expect(out.level).toBe(level);
    expect(out.agree).toBe(true);
    expect(out.calls).toEqual(builtinCalls);
    expect(out.routes).toEqual(['js', 'builtin', level === 'avx512' ? 'builtin' : 'native']);
  });

  it('on this host, never routes to the binding by default on Node', () => {
    for (const n of [100, 1000, 10_000, 1 << 20]) expect(isUtf8Route(n)).not.toBe('native');
  });
});
