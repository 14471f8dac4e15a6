/**
 * What crates/napi-args gives JS, export by export, against the JS twins: the type named in each
 * TypeError for every kind of value, the bounds of integer arguments, and the names of the raw
 * callbacks. Written against the cargo-mutants survivors of crates/napi-args (docs/mutants.md);
 * tests/binding_suite.rs runs this file against each mutant built into the binding.
 */
import { describe, expect, it } from 'vitest';

import { js, native } from '../src/index.js';

type Twins = typeof js;
const binding = native as Twins | null;

/** A call's value, or its error's class and message. */
function outcome(call: () => unknown): unknown {
  try {
    const value = call();
    return { value: ArrayBuffer.isView(value) ? Array.from(value as Uint8Array) : value };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

const kinds: unknown[] = [
  undefined,
  null,
  true,
  1,
  'x',
  Symbol('s'),
  1n,
  () => 0,
  {},
  [],
  new Float64Array(1),
];
const bytes = Buffer.from('12\n34\n');

describe.skipIf(binding === null)('crates/napi-args through the library binding', () => {
  const b = binding!;

  it('raw callbacks carry their export names', () => {
    for (const name of ['crc32Sync', 'countByte', 'isUtf8', 'decodeRecordArraysInto'] as const) {
      expect((b as unknown as Record<string, { name: string }>)[name]!.name).toBe(name);
    }
  });

  it.each(kinds.map((k) => [typeof k === 'symbol' ? 'symbol' : String(k), k]))(
    'a typed-array argument given %s fails as in the twin',
    (_, value) => {
      for (const call of [
        (f: Twins) => f.countByte(value as Uint8Array, 1),
        (f: Twins) => f.crc32Sync(value as Uint8Array),
        (f: Twins) => f.isUtf8(value as Uint8Array),
        (f: Twins) => f.lineOffsets(value as Uint8Array),
        (f: Twins) => f.decodeRecords(value as Uint8Array),
        (f: Twins) => f.sumSquaresSync(value as Float64Array),
      ]) {
        const expected = outcome(() => call(js));
        expect(outcome(() => call(b))).toEqual(expected);
      }
    },
  );

  it.each(kinds.map((k) => [typeof k === 'symbol' ? 'symbol' : String(k), k]))(
    'a number argument given %s fails as in the twin',
    (_, value) => {
      for (const call of [
        (f: Twins) => f.countByte(bytes, value as number),
        (f: Twins) => f.crc32Sync(bytes, value as number),
      ]) {
        expect(outcome(() => call(b))).toEqual(outcome(() => call(js)));
      }
    },
  );

  it('integer arguments accept their bounds and refuse one past them, as the twin', () => {
    for (const byte of [0, 255, 256, -1, 1.5, -0, Number.NaN, Infinity, 2 ** 32]) {
      expect(outcome(() => b.countByte(bytes, byte))).toEqual(outcome(() => js.countByte(bytes, byte)));
    }
    for (const initial of [0, 1, 2 ** 32 - 1, 2 ** 32, -1, 0.5, -0, Number.NaN, -Infinity]) {
      expect(outcome(() => b.crc32Sync(bytes, initial))).toEqual(outcome(() => js.crc32Sync(bytes, initial)));
    }
    expect(b.countByte(bytes, 0x0a)).toBe(2);
    expect(b.crc32Sync(bytes, 7)).toBe(js.crc32Sync(bytes, 7));
  });

  it('an optional boolean takes true and false, as the twin', () => {
    for (const report of [true, false, undefined]) {
      const block = new b.NativeBlock(16, report);
      expect([block.byteLength, block.checksum()]).toEqual([16, new js.NativeBlock(16, report).checksum()]);
      block.close();
    }
  });

  /** The abortable exports, each called with `signal`. */
  const abortables: Array<[string, (f: Twins, signal: unknown) => Promise<unknown>]> = [
    ['crc32', (f, signal) => f.crc32(bytes, 0, signal as AbortSignal)],
    ['crc32Batch', (f, signal) => f.crc32Batch([bytes, bytes], signal as AbortSignal)],
    ['crc32Packed', (f, signal) => f.crc32Packed(bytes, Uint32Array.of(2, 6), signal as AbortSignal)],
  ];

  /** How a possibly-async call settles: its value, or its error's name and message. */
  async function settled(call: () => Promise<unknown>): Promise<unknown> {
    try {
      const value = await call();
      return { value: ArrayBuffer.isView(value) ? Array.from(value as Uint32Array) : value };
    } catch (e) {
      return { name: (e as Error).name, message: (e as Error).message };
    }
  }

  it.each(abortables)(
    '%s: an object shaped like a signal is a TypeError, as in the twin',
    async (_, call) => {
      for (const fake of [{ aborted: false }, { aborted: true }]) {
        const expected = await settled(() => call(js, fake));
        expect(expected).toMatchObject({ name: 'TypeError' });
        expect(await settled(() => call(b, fake))).toEqual(expected);
      }
    },
  );

  it.each(abortables)('%s: a signal aborted before the call rejects with an AbortError', async (_, call) => {
    expect(await settled(() => call(b, AbortSignal.abort()))).toEqual({
      name: 'AbortError',
      message: 'AbortError',
    });
    expect(await settled(() => call(b, new AbortController().signal))).toEqual(
      await settled(() => call(js, undefined)),
    );
  });

  it('results copied out are the kernel’s values', () => {
    expect(Array.from(b.lineOffsets(bytes))).toEqual(Array.from(js.lineOffsets(bytes)));
    // Start and end of each line: "12" and "34".
    expect(Array.from(b.lineOffsets(bytes))).toEqual([0, 2, 3, 5]);
  });
});
