import * as v8 from 'node:v8';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { configureThresholds, countByte, defaultThresholds, native, thresholds } from '../src/index.js';
import type { Thresholds } from '../src/index.js';
import { cutoffs } from '../src/thresholds.js';

afterEach(() => {
  configureThresholds(defaultThresholds);
});

describe('thresholds', () => {
  it('shows the shipped defaults until configured', () => {
    expect({ ...thresholds }).toEqual(defaultThresholds);
    expect(Object.keys(thresholds).sort()).toEqual(Object.keys(defaultThresholds).sort());
    for (const v of Object.values(defaultThresholds)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
  });

  it('is read-only: assignment, addition and deletion throw and change nothing', () => {
    expect(Object.isFrozen(thresholds)).toBe(true);
    expect(Object.isFrozen(defaultThresholds)).toBe(true);
    const before = thresholds.crc32NativeMinBytes;
    const writable = thresholds as { -readonly [K in keyof Thresholds]: number } & Record<string, unknown>;
    expect(() => {
      writable.crc32NativeMinBytes = before + 1;
    }).toThrow(TypeError);
    expect(() => {
      writable.extra = 1;
    }).toThrow(TypeError);
    expect(() => delete (writable as Record<string, unknown>).crc32NativeMinBytes).toThrow(TypeError);
    expect(() => {
      (defaultThresholds as { crc32NativeMinBytes: number }).crc32NativeMinBytes = before + 1;
    }).toThrow(TypeError);
    expect(thresholds.crc32NativeMinBytes).toBe(before);
    expect(defaultThresholds.crc32NativeMinBytes).toBe(before);
  });

  it('has fast properties, so a dispatcher reads a cut-off without a dictionary lookup', () => {
    // V8's own probe: a dictionary-mode view made every `thresholds.x` read about 10 ns, a quarter
    // of a 100-byte `isUtf8` (src/thresholds.ts says why the view is built with defineProperty).
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    expect(hasFastProperties(thresholds)).toBe(true);
    // The probe tells the two apart: an object literal with getters, as the view was, is not fast.
    const literal = Object.freeze({
      get x(): number {
        return 1;
      },
    });
    expect(hasFastProperties(literal)).toBe(false);
  });

  it('keeps fast properties in a second copy of the module (two versions, or CJS beside ESM)', async () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    vi.resetModules();
    const second = (await import('../src/thresholds.js')) as typeof import('../src/thresholds.js');
    expect(second.thresholds).not.toBe(thresholds);
    expect(hasFastProperties(thresholds)).toBe(true);
    // With the view built on `{}`, this copy's accessors clashed with the first's map transitions
    // and V8 made its view a dictionary (src/thresholds.ts).
    expect(hasFastProperties(second.thresholds)).toBe(true);
    expect({ ...second.thresholds }).toEqual({ ...defaultThresholds });
  });

  it('configureThresholds changes the given fields, keeps the rest, and returns a frozen copy', () => {
    const result = configureThresholds({ countByteNativeMinBytes: 4096, linesNativeMinBytes: undefined });
    expect(thresholds.countByteNativeMinBytes).toBe(4096);
    expect(thresholds.linesNativeMinBytes).toBe(defaultThresholds.linesNativeMinBytes);
    expect(result).toEqual({ ...defaultThresholds, countByteNativeMinBytes: 4096 });
    expect(Object.isFrozen(result)).toBe(true);
    configureThresholds({ crc32NativeMinBytes: 0 });
    expect(thresholds.countByteNativeMinBytes).toBe(4096);
    expect(thresholds.crc32NativeMinBytes).toBe(0);
    configureThresholds(defaultThresholds);
    expect({ ...thresholds }).toEqual(defaultThresholds);
  });

  it("keeps the dispatchers' plain cut-offs equal to the view, in one object with fast properties", () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    const before = cutoffs;
    expect({ ...cutoffs }).toEqual(defaultThresholds);
    configureThresholds({ countByteNativeMinBytes: 7, linesNativeMinBytes: Number.MAX_SAFE_INTEGER });
    expect(cutoffs).toBe(before);
    expect({ ...cutoffs }).toEqual({ ...thresholds });
    expect(cutoffs.countByteNativeMinBytes).toBe(7);
    expect(hasFastProperties(cutoffs)).toBe(true);
    // A rejected call changes neither.
    expect(() => configureThresholds({ countByteNativeMinBytes: -1 })).toThrow(RangeError);
    expect(cutoffs.countByteNativeMinBytes).toBe(7);
    configureThresholds(defaultThresholds);
    expect({ ...cutoffs }).toEqual(defaultThresholds);
  });

  it.each([
    ['null', null, TypeError, /overrides must be an object/],
    ['an array', [1], TypeError, /overrides must be an object/],
    ['a number', 5, TypeError, /overrides must be an object/],
    ['an unknown field', { crc32MinBytes: 5 }, TypeError, /overrides\.crc32MinBytes is not a threshold/],
    ['a string value', { crc32NativeMinBytes: '64' }, TypeError, /crc32NativeMinBytes must be a number/],
    ['a null value', { crc32NativeMinBytes: null }, TypeError, /crc32NativeMinBytes must be a number/],
    ['a negative value', { crc32NativeMinBytes: -1 }, RangeError, /non-negative safe integer, got -1/],
    ['a fraction', { crc32NativeMinBytes: 1.5 }, RangeError, /non-negative safe integer/],
    ['NaN', { crc32NativeMinBytes: NaN }, RangeError, /non-negative safe integer/],
    ['Infinity', { crc32NativeMinBytes: Infinity }, RangeError, /non-negative safe integer/],
    ['2^53', { crc32NativeMinBytes: 2 ** 53 }, RangeError, /non-negative safe integer/],
  ])('configureThresholds rejects %s and applies nothing', (_name, value, errorClass, message) => {
    const before = { ...thresholds };
    // A valid field beside the bad one must not be applied either.
    const isBag = typeof value === 'object' && value !== null && !Array.isArray(value);
    const overrides = isBag ? { linesNativeMinBytes: 7, ...value } : value;
    const attempt = () => configureThresholds(overrides as Partial<Thresholds>);
    expect(attempt).toThrow(errorClass);
    expect(attempt).toThrow(message);
    expect({ ...thresholds }).toEqual(before);
  });

  it('accepts the limits: 0 and Number.MAX_SAFE_INTEGER', () => {
    configureThresholds({ crc32NativeMinBytes: 0, countByteNativeMinBytes: Number.MAX_SAFE_INTEGER });
    expect(thresholds.crc32NativeMinBytes).toBe(0);
    expect(thresholds.countByteNativeMinBytes).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe.skipIf(native === null)('dispatch honours configureThresholds', () => {
  const bin = native!;
  it('countByte goes native from the configured size and JS below it', () => {
    const spy = vi.spyOn(bin, 'countByte');
    try {
      const data = Buffer.alloc(32, 7);
      configureThresholds({ countByteNativeMinBytes: 33 });
      expect(countByte(data, 7)).toBe(32);
      expect(spy).not.toHaveBeenCalled();
      configureThresholds({ countByteNativeMinBytes: 32 });
      expect(countByte(data, 7)).toBe(32);
      expect(spy).toHaveBeenCalledOnce();
      configureThresholds({ countByteNativeMinBytes: Number.MAX_SAFE_INTEGER });
      expect(countByte(Buffer.alloc(1 << 16, 7), 7)).toBe(1 << 16);
      expect(spy).toHaveBeenCalledOnce();
    } finally {
      spy.mockRestore();
    }
  });
});
