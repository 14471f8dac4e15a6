/** Shared test helpers: the implementations under test and fast-check arbitraries. */
import fc from 'fast-check';

import { js as labJs, native as labNative } from '../benchmark/lab/native.js';
import { js, native } from '../src/index.js';

type Twins = typeof js;
type LabTwins = typeof labJs;

/**
 * Every implementation, for `describe.each`. Native is listed even when it is not built, with
 * `null`, so that its suite is skipped with the load error shown rather than silently dropped.
 */
export const implementations: Array<[string, Twins | null]> = [
  ['native', native as Twins | null],
  ['js', js],
];

/**
 * As `implementations`, for the benchmark-only kernels: the library and lab bindings together
 * (benchmark/lab/native.ts), `null` unless both are built.
 */
export const labImplementations: Array<[string, LabTwins | null]> = [
  ['native', labNative as LabTwins | null],
  ['js', labJs],
];

/**
 * Byte views that cover what callers pass: empty arrays, odd lengths, and `subarray` views that
 * start at odd, unaligned offsets of a larger buffer.
 */
export const byteViews = (maxLength = 4096): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(fc.uint8Array({ maxLength }), fc.nat(15), fc.nat(15), fc.boolean())
    .map(([bytes, head, tail, asBuffer]) => {
      const start = Math.min(head, bytes.length);
      const end = Math.max(start, bytes.length - tail);
      const view = bytes.subarray(start, end);
      return asBuffer ? Buffer.from(view.buffer, view.byteOffset, view.byteLength) : view;
    });

/** Values that are not byte arrays, for the wrong-type tests. */
export function notBytes(): Array<[string, unknown]> {
  return [
    ['undefined', undefined],
    ['null', null],
    ['number', 0],
    ['NaN', Number.NaN],
    ['string', 'abc'],
    ['object', {}],
    ['array', [1, 2, 3]],
    ['DataView', new DataView(new ArrayBuffer(4))],
    ['Uint16Array', new Uint16Array(4)],
    ['Float64Array', new Float64Array(2)],
    ['ArrayBuffer', new ArrayBuffer(8)],
    ['Proxy of Uint8Array', new Proxy(new Uint8Array(4), {})],
    [
      'object with throwing getters',
      Object.defineProperty({}, 'byteLength', {
        get() {
          throw new Error('getter ran');
        },
      }),
    ],
  ];
}

/** A Uint8Array whose ArrayBuffer has been transferred away (detached). */
export function detachedView(): Uint8Array {
  const buffer = new ArrayBuffer(16);
  const view = new Uint8Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

/**
 * A real AbortSignal (never aborted) whose first `aborted` read transfers `view`'s ArrayBuffer
 * away: JS that runs while a function reads its signal argument and detaches another argument.
 */
export function detachingSignal(view: Uint8Array): AbortSignal {
  const signal = new AbortController().signal;
  let detached = false;
  Object.defineProperty(signal, 'aborted', {
    get() {
      if (!detached) {
        detached = true;
        const buffer = view.buffer as ArrayBuffer;
        structuredClone(buffer, { transfer: [buffer] });
      }
      return false;
    },
  });
  return signal;
}

/**
 * Float64Array views: empty, odd lengths, and `subarray` views starting at element offsets of a
 * larger buffer. JS cannot build a Float64Array at a byte offset that is not a multiple of 8
 * (the constructor throws RangeError), so element offsets are the only unaligned-start views
 * a caller can pass.
 */
export const float64Views = (maxLength = 512): fc.Arbitrary<Float64Array> =>
  fc
    .tuple(fc.float64Array({ maxLength: maxLength + 6 }), fc.nat(3), fc.nat(3))
    .map(([values, head, tail]) => {
      const start = Math.min(head, values.length);
      return values.subarray(start, Math.max(start, values.length - tail));
    });

/** Float64Array views of small integers, for sums whose value must not depend on order. */
export const float64IntViews = (maxLength = 512): fc.Arbitrary<Float64Array> =>
  fc
    .tuple(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: maxLength + 6 }), fc.nat(3))
    .map(([values, head]) => new Float64Array(values).subarray(Math.min(head, values.length)));

/** Values that are not a Float64Array, for the wrong-type tests. */
export function notFloat64(): Array<[string, unknown]> {
  return [
    ['undefined', undefined],
    ['null', null],
    ['number', 1],
    ['number[]', [1, 2]],
    ['Float32Array', new Float32Array(2)],
    ['Uint8Array', new Uint8Array(8)],
    ['DataView', new DataView(new ArrayBuffer(8))],
    ['ArrayBuffer', new ArrayBuffer(8)],
  ];
}

/** Numbers that are not finite, with the error class each must raise. */
export const nonFinite: Array<[string, unknown, typeof TypeError | typeof RangeError]> = [
  ['NaN', Number.NaN, RangeError],
  ['Infinity', Infinity, RangeError],
  ['-Infinity', -Infinity, RangeError],
  ['string', '1', TypeError],
  ['undefined', undefined, TypeError],
];

/** The error `call` throws, as class name and message; fails the test when it returns. */
export function thrown(call: () => unknown): { name: string; message: string } {
  try {
    call();
  } catch (e) {
    const error = e as Error;
    return { name: error.constructor.name, message: error.message };
  }
  throw new Error('expected a throw');
}
