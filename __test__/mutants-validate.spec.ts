/**
 * The JS twins' argument checks (src/validate.ts) on their own: each message, error class and
 * code, and each bound, as the binding's checks in crates/napi-args give them. Written against
 * the StrykerJS survivors of docs/mutants.md: the suites of the exports reach these checks with
 * few kinds of bad value each.
 */
import { describe, expect, it } from 'vitest';

import {
  abortError,
  assertBytes,
  assertNumber,
  assertObject,
  assertTypedArray,
  assertViewsDisjoint,
  isDetached,
  isShared,
  LITTLE_ENDIAN,
  optionalBool,
  optionalSignal,
  optionalU32,
  rangeError,
  typeError,
  u32InRange,
  U32_MAX,
  type TypedArrayTag,
} from '../src/validate.js';

/** The error `call` throws, as class name, message and code. */
function thrown(call: () => unknown): { name: string; message: string; code: unknown } {
  try {
    call();
  } catch (e) {
    const error = e as Error & { code?: unknown };
    return { name: error.constructor.name, message: error.message, code: error.code };
  }
  throw new Error('expected a throw');
}

function detachedBytes(): Uint8Array {
  const buffer = new ArrayBuffer(8);
  const view = new Uint8Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

const kinds: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a boolean', true],
  ['a number', 1],
  ['a string', 'x'],
  ['a symbol', Symbol('s')],
  ['a bigint', 1n],
  ['a function', () => 0],
  ['an object', {}],
];

describe('validate: errors', () => {
  it('typeError and rangeError carry the Node-style codes', () => {
    const t = typeError('m');
    expect(t).toBeInstanceOf(TypeError);
    expect(t.message).toBe('m');
    expect((t as TypeError & { code: string }).code).toBe('ERR_INVALID_ARG_TYPE');
    const r = rangeError('n');
    expect(r).toBeInstanceOf(RangeError);
    expect(r.message).toBe('n');
    expect((r as RangeError & { code: string }).code).toBe('ERR_OUT_OF_RANGE');
  });

  it('abortError is an Error named AbortError with the code Cancelled', () => {
    const e = abortError() as Error & { code: string };
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message, e.code]).toEqual(['AbortError', 'AbortError', 'Cancelled']);
  });

  it.each(kinds.filter(([kind]) => kind !== 'a number'))(
    'a non-number names the type it got: %s',
    (kind, value) => {
      expect(thrown(() => assertNumber(value, 'n'))).toEqual({
        name: 'TypeError',
        message: `n must be a number, received ${kind}`,
        code: 'ERR_INVALID_ARG_TYPE',
      });
    },
  );

  it('NaN is a RangeError, other numbers pass', () => {
    expect(thrown(() => assertNumber(Number.NaN, 'n'))).toEqual({
      name: 'RangeError',
      message: 'n must not be NaN',
      code: 'ERR_OUT_OF_RANGE',
    });
    expect(() => assertNumber(-1.5, 'n')).not.toThrow();
    expect(() => assertNumber(Infinity, 'n')).not.toThrow();
  });
});

describe('validate: buffers', () => {
  it('isShared tells a SharedArrayBuffer from an ArrayBuffer', () => {
    expect(isShared(new SharedArrayBuffer(1))).toBe(true);
    expect(isShared(new ArrayBuffer(1))).toBe(false);
  });

  it('isDetached is true only for an empty view of a detached ArrayBuffer', () => {
    expect(isDetached(detachedBytes())).toBe(true);
    expect(isDetached(new Uint8Array(0))).toBe(false);
    expect(isDetached(new Uint8Array(new ArrayBuffer(8), 8))).toBe(false);
    expect(isDetached(new Uint8Array(new SharedArrayBuffer(0)))).toBe(false);
    expect(isDetached(new Uint8Array(4))).toBe(false);
  });

  it('the host is little-endian (x86-64 and arm64 Linux)', () => {
    expect(LITTLE_ENDIAN).toBe(true);
  });

  it('assertBytes accepts Uint8Arrays, Buffers, subclasses and empty live views', () => {
    class Sub extends Uint8Array {}
    for (const ok of [new Uint8Array(2), Buffer.from('ab'), new Sub(1), new Uint8Array(0)]) {
      expect(() => assertBytes(ok, 'data')).not.toThrow();
    }
    expect(() => assertBytes(new Uint8Array(new SharedArrayBuffer(0)), 'data')).not.toThrow();
  });

  it('assertBytes names what it got instead', () => {
    const message = (value: unknown): string => thrown(() => assertBytes(value, 'data')).message;
    expect(message(new Uint16Array(1))).toBe(
      'data must be a Uint8Array or Buffer, received another typed array',
    );
    expect(message(new Uint8ClampedArray(1))).toBe(
      'data must be a Uint8Array or Buffer, received another typed array',
    );
    expect(message(new DataView(new ArrayBuffer(1)))).toBe(
      'data must be a Uint8Array or Buffer, received an object',
    );
    expect(message('ab')).toBe('data must be a Uint8Array or Buffer, received a string');
    expect(thrown(() => assertBytes(detachedBytes(), 'data'))).toEqual({
      name: 'TypeError',
      message: 'data is backed by a detached ArrayBuffer',
      code: 'ERR_INVALID_ARG_TYPE',
    });
  });

  const tags: Array<[TypedArrayTag, string, () => ArrayBufferView]> = [
    ['Uint8Array', 'a Uint8Array or Buffer', () => new Uint8Array(1)],
    ['Int8Array', 'an Int8Array', () => new Int8Array(1)],
    ['Uint16Array', 'a Uint16Array', () => new Uint16Array(1)],
    ['Int16Array', 'an Int16Array', () => new Int16Array(1)],
    ['Uint32Array', 'a Uint32Array', () => new Uint32Array(1)],
    ['Int32Array', 'an Int32Array', () => new Int32Array(1)],
    ['Float32Array', 'a Float32Array', () => new Float32Array(1)],
    ['Float64Array', 'a Float64Array', () => new Float64Array(1)],
    ['BigUint64Array', 'a BigUint64Array', () => new BigUint64Array(1)],
    ['BigInt64Array', 'a BigInt64Array', () => new BigInt64Array(1)],
  ];

  it.each(tags)('assertTypedArray(%s) accepts its kind and names it otherwise', (tag, jsName, make) => {
    expect(() => assertTypedArray(make(), tag, 'v')).not.toThrow();
    const other = tag === 'Float64Array' ? new Float32Array(1) : new Float64Array(1);
    expect(thrown(() => assertTypedArray(other, tag, 'v'))).toEqual({
      name: 'TypeError',
      message: `v must be ${jsName}, received another typed array`,
      code: 'ERR_INVALID_ARG_TYPE',
    });
    expect(thrown(() => assertTypedArray(null, tag, 'v')).message).toBe(`v must be ${jsName}, received null`);
    expect(thrown(() => assertTypedArray(new DataView(new ArrayBuffer(8)), tag, 'v')).message).toBe(
      `v must be ${jsName}, received an object`,
    );
  });

  it('assertTypedArray refuses an empty view of a detached buffer, not an empty live one', () => {
    const buffer = new ArrayBuffer(8);
    const view = new Float64Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    expect(thrown(() => assertTypedArray(view, 'Float64Array', 'v')).message).toBe(
      'v is backed by a detached ArrayBuffer',
    );
    expect(() => assertTypedArray(new Float64Array(0), 'Float64Array', 'v')).not.toThrow();
  });

  it('overlap: one common byte of one buffer; adjacent, empty or separate views share none', () => {
    const viewsOverlap = (x: ArrayBufferView, y: ArrayBufferView): boolean => {
      try {
        assertViewsDisjoint([x, y], ['x', 'y']);
        return false;
      } catch (e) {
        expect(e).toBeInstanceOf(RangeError);
        return true;
      }
    };
    const buffer = new ArrayBuffer(32);
    const a = new Uint8Array(buffer, 0, 16);
    const cases: Array<[ArrayBufferView, boolean]> = [
      [new Uint8Array(buffer, 15, 1), true],
      [new Uint8Array(buffer, 16, 16), false],
      [new Uint32Array(buffer, 12, 1), true],
      [new Uint8Array(buffer, 8, 0), false],
      [new Uint8Array(new ArrayBuffer(32), 0, 16), false],
      [new Uint8Array(buffer, 0, 16), true],
    ];
    for (const [b, overlap] of cases) {
      expect(viewsOverlap(a, b)).toBe(overlap);
      expect(viewsOverlap(b, a)).toBe(overlap);
    }
    const late = new Uint8Array(buffer, 4, 4);
    expect(viewsOverlap(late, new Uint8Array(buffer, 0, 4))).toBe(false);
    expect(viewsOverlap(late, new Uint8Array(buffer, 0, 5))).toBe(true);
    expect(viewsOverlap(new Uint8Array(buffer, 0, 0), a)).toBe(false);
  });

  it('assertViewsDisjoint names the first sharing pair, checks only view 0 with firstOnly, reads each buffer once', () => {
    const buffer = new ArrayBuffer(64);
    const [a, b, c] = [
      new Uint8Array(buffer, 0, 8),
      new Uint8Array(buffer, 8, 8),
      new Uint8Array(buffer, 12, 8),
    ];
    const lone = new Uint8Array(8);
    expect(() => assertViewsDisjoint([lone, a, b], ['x', 'a', 'b'])).not.toThrow();
    expect(thrown(() => assertViewsDisjoint([lone, a, b, c], ['x', 'a', 'b', 'c']))).toEqual({
      name: 'RangeError',
      message: 'b and c must not share memory',
      code: 'ERR_OUT_OF_RANGE',
    });
    expect(thrown(() => assertViewsDisjoint([a, c, b], ['a', 'c', 'b'])).message).toBe(
      'c and b must not share memory',
    );
    // With firstOnly, views after the first may share memory with each other.
    expect(() => assertViewsDisjoint([lone, b, c], ['x', 'b', 'c'], true)).not.toThrow();
    expect(thrown(() => assertViewsDisjoint([c, a, b], ['c', 'a', 'b'], true)).message).toBe(
      'c and b must not share memory',
    );
    let reads = 0;
    const counted = [lone, a, b].map((v) =>
      Object.defineProperty(new Uint8Array(v.buffer, v.byteOffset, v.length), 'buffer', {
        get: () => {
          reads++;
          return v.buffer;
        },
      }),
    );
    assertViewsDisjoint(counted, ['x', 'a', 'b']);
    expect(reads).toBe(3);
  });

  it('assertViewsDisjoint names both arguments in a RangeError', () => {
    const buffer = new ArrayBuffer(8);
    expect(
      thrown(() => assertViewsDisjoint([new Uint8Array(buffer), new Uint8Array(buffer, 4)], ['out', 'in'])),
    ).toEqual({
      name: 'RangeError',
      message: 'out and in must not share memory',
      code: 'ERR_OUT_OF_RANGE',
    });
    expect(() =>
      assertViewsDisjoint([new Uint8Array(buffer, 0, 4), new Uint8Array(buffer, 4)], ['out', 'in']),
    ).not.toThrow();
  });
});

describe('validate: numbers and options', () => {
  it('u32InRange accepts both bounds and refuses one past them', () => {
    expect(u32InRange(3, 'n', 3, 5)).toBe(3);
    expect(u32InRange(5, 'n', 3, 5)).toBe(5);
    expect(thrown(() => u32InRange(2, 'n', 3, 5))).toEqual({
      name: 'RangeError',
      message: 'n must be an integer from 3 to 5, received 2',
      code: 'ERR_OUT_OF_RANGE',
    });
    expect(thrown(() => u32InRange(6, 'n', 3, 5)).message).toBe(
      'n must be an integer from 3 to 5, received 6',
    );
    expect(thrown(() => u32InRange(3.5, 'n', 3, 5)).message).toBe(
      'n must be an integer from 3 to 5, received 3.5',
    );
  });

  it('u32InRange defaults to the u32 range and returns -0 as +0', () => {
    expect(U32_MAX).toBe(2 ** 32 - 1);
    expect(u32InRange(U32_MAX, 'n')).toBe(U32_MAX);
    expect(thrown(() => u32InRange(2 ** 32, 'n')).message).toBe(
      'n must be an integer from 0 to 4294967295, received 4294967296',
    );
    expect(thrown(() => u32InRange(-1, 'n')).message).toBe(
      'n must be an integer from 0 to 4294967295, received -1',
    );
    expect(Object.is(u32InRange(-0, 'n'), 0)).toBe(true);
    expect(u32InRange(7, 'n')).toBe(7);
    expect(thrown(() => u32InRange('7', 'n')).name).toBe('TypeError');
  });

  it('optionalU32 gives the fallback only for undefined', () => {
    expect(optionalU32(undefined, 'n', 9)).toBe(9);
    expect(optionalU32(0, 'n', 9)).toBe(0);
    expect(thrown(() => optionalU32(null, 'n', 9)).message).toBe('n must be a number, received null');
    expect(thrown(() => optionalU32(-1, 'n', 9)).name).toBe('RangeError');
  });

  it('optionalBool gives the fallback only for undefined and refuses other types', () => {
    expect(optionalBool(undefined, 'b', true)).toBe(true);
    expect(optionalBool(undefined, 'b', false)).toBe(false);
    expect(optionalBool(false, 'b', true)).toBe(false);
    expect(optionalBool(true, 'b', false)).toBe(true);
    expect(thrown(() => optionalBool(0, 'b', true))).toEqual({
      name: 'TypeError',
      message: 'b must be a boolean, received a number',
      code: 'ERR_INVALID_ARG_TYPE',
    });
  });

  it('assertObject accepts objects and arrays, and names anything else', () => {
    expect(() => assertObject({}, 'o')).not.toThrow();
    expect(() => assertObject([], 'o')).not.toThrow();
    expect(thrown(() => assertObject(null, 'o')).message).toBe('o must be an object, received null');
    expect(thrown(() => assertObject(() => 0, 'o')).message).toBe('o must be an object, received a function');
    expect(thrown(() => assertObject(1, 'o')).name).toBe('TypeError');
  });

  it('optionalSignal: nullish is none, a signal is itself, anything else a TypeError', () => {
    expect(optionalSignal(undefined, 's')).toBeUndefined();
    expect(optionalSignal(null, 's')).toBeUndefined();
    const signal = new AbortController().signal;
    expect(optionalSignal(signal, 's')).toBe(signal);
    const aborted = AbortSignal.abort();
    expect(optionalSignal(aborted, 's')).toBe(aborted);
    expect(thrown(() => optionalSignal({ aborted: false }, 's'))).toEqual({
      name: 'TypeError',
      message: 's must be an AbortSignal, received an object',
      code: 'ERR_INVALID_ARG_TYPE',
    });
    expect(thrown(() => optionalSignal(1, 's')).message).toBe('s must be an AbortSignal, received a number');
    // instanceof passes but the brand check of `aborted` throws: still the argument's TypeError.
    expect(thrown(() => optionalSignal(Object.create(AbortSignal.prototype), 's')).name).toBe('TypeError');
    const trap = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(thrown(() => optionalSignal(trap, 's')).message).toBe(
      's must be an AbortSignal, received an object',
    );
  });
});
