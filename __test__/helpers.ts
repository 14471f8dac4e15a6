/** Shared test helpers: the implementations under test and fast-check arbitraries. */
import fc from 'fast-check';

import { js, native } from '../src/index.js';

type Twins = typeof js;

/**
 * Every implementation, for `describe.each`. Native is listed even when it is not built, with
 * `null`, so that its suite is skipped with the load error shown rather than silently dropped.
 */
export const implementations: Array<[string, Twins | null]> = [
  ['native', native as Twins | null],
  ['js', js],
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
