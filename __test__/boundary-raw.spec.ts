/**
 * The raw Node-API callbacks of `crates/node/src/raw.rs` (the `boundaryRaw` object, whose hot
 * entry points are also the public exports) against the functions napi-rs generated for the same
 * `#[napi]` declarations (`boundaryNapi`): the same value, or the same error class and message,
 * on valid, empty, odd-length, unaligned-subarray and hostile inputs.
 */
import { Worker } from 'node:worker_threads';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { addonFile, type BoundaryLayers, loadBoundaryForms } from '../benchmark/lab/boundary.js';
// The library and lab bindings together: the public `noop` is the lab binding's raw callback.
import { js, loadError, native } from '../benchmark/lab/native.js';
import { allocColumns } from '../src/index.js';
import { byteViews, detachedView, notBytes } from './helpers.js';

const forms = loadBoundaryForms();

/** What a call gives: its value as plain data, or its error's class, code and message. */
function outcome(call: () => unknown): unknown {
  try {
    const value = call();
    return ArrayBuffer.isView(value) ? { view: Array.from(value as Uint8Array) } : { value };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { error: err.constructor.name, code: err.code, message: err.message };
  }
}

/** Anything JS may pass where a number or a byte array is expected. */
const hostile = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.anything(),
    fc.double(),
    fc.integer({ min: -300, max: 300 }),
    fc.constantFrom(...notBytes().map(([, v]) => v), detachedView()),
    byteViews(64),
  );

/** Every side of one call: napi-rs, raw, and (for the hot entry points) the public export. */
function sides(forms: { napi: BoundaryLayers; raw: BoundaryLayers }): Array<[string, BoundaryLayers]> {
  return [
    ['napi', forms.napi],
    ['raw', forms.raw],
    ['public', native as unknown as BoundaryLayers],
  ];
}

/** Asserts that every side gives the same outcome as the first (and returns it). */
function agree(impls: Array<[string, BoundaryLayers]>, call: (impl: BoundaryLayers) => unknown): unknown {
  const [first, ...rest] = impls.map(([, impl]) => outcome(() => call(impl)));
  rest.forEach((got, i) => expect(got, impls[i + 1]![0]).toEqual(first));
  return first;
}

describe.skipIf(forms === null)('raw Node-API callbacks vs napi-rs', () => {
  if (forms === null) {
    it.skip(`raw forms not loaded: ${loadError?.message ?? 'not in this build'}`, () => {});
    return;
  }
  const all = sides(forms);
  const layers = all.slice(0, 2);

  it('the public hot entry points are the raw callbacks, not the napi-rs ones', () => {
    for (const name of [
      'noop',
      'crc32Sync',
      'countByte',
      'isUtf8',
      'decodeRecordArraysInto',
      'encodeRecordArraysInto',
    ] as const) {
      expect(typeof forms.raw[name], name).toBe('function');
      expect(native![name].name, name).toBe(name);
      expect(native![name], name).not.toBe(forms.napi[name]);
    }
    // One name, one shape: the array form is decodeRecordArraysInto on every side.
    for (const side of [native, forms.raw, forms.napi]) expect(side).not.toHaveProperty('decodeRecordsInto');
  });

  it('crc32Sync agrees on valid views and with zlib-compatible JS, with and without initial', () => {
    fc.assert(
      fc.property(byteViews(), fc.option(fc.nat(), { nil: undefined }), (data, initial) => {
        const args: [Uint8Array, number?] = initial === undefined ? [data] : [data, initial];
        expect(agree(all, (f) => f.crc32Sync(...args))).toEqual({ value: js.crc32Sync(data, initial) });
      }),
      { numRuns: 500 },
    );
  });

  it('countByte, isUtf8 and validate agree on valid views', () => {
    fc.assert(
      fc.property(byteViews(), fc.integer({ min: 0, max: 255 }), (data, byte) => {
        expect(agree(all, (f) => f.countByte(data, byte))).toEqual({ value: js.countByte(data, byte) });
        expect(agree(all, (f) => f.isUtf8(data))).toEqual({ value: js.isUtf8(data) });
        expect(agree(layers, (f) => f.validate(data, byte))).toEqual({ value: data.length });
        expect(agree(layers, (f) => f.borrow(data))).toEqual({ value: data.length });
      }),
      { numRuns: 500 },
    );
  });

  it('every hot entry point throws the same error class and message on hostile input', () => {
    fc.assert(
      fc.property(hostile(), hostile(), (a, b) => {
        const x = a as Uint8Array;
        const y = b as number;
        agree(all, (f) => f.crc32Sync(x, y));
        agree(all, (f) => (f.crc32Sync as (...args: unknown[]) => number)(a));
        agree(all, (f) => f.countByte(x, y));
        agree(all, (f) => f.isUtf8(x));
        agree(layers, (f) => f.validate(x, y));
        agree(all, (f) => (f.countByte as (...args: unknown[]) => number)());
      }),
      { numRuns: 1000 },
    );
  });

  it('the error contract is the JS twins’: TypeError/RangeError naming the parameter', () => {
    const data = Buffer.from('0123456789abcdef');
    expect(agree(all, (f) => f.crc32Sync(data, null as unknown as number))).toMatchObject({
      error: 'TypeError',
      message: 'initial must be a number, received null',
    });
    expect(agree(all, (f) => f.crc32Sync(data, -1))).toMatchObject({
      error: 'RangeError',
      code: 'ERR_OUT_OF_RANGE',
    });
    expect(agree(all, (f) => f.countByte(data, 256))).toMatchObject({ error: 'RangeError' });
    expect(agree(all, (f) => f.isUtf8(detachedView()))).toMatchObject({
      error: 'TypeError',
      message: 'data is backed by a detached ArrayBuffer',
    });
    for (const [, bad] of notBytes()) {
      const viaJs = outcome(() => js.isUtf8(bad as Uint8Array)) as { error?: string; message?: string };
      expect(agree(all, (f) => f.isUtf8(bad as Uint8Array))).toMatchObject({
        error: viaJs.error,
        message: viaJs.message,
      });
    }
  });

  it('decodeRecordArraysInto agrees on whole, partial, aliased and unaligned record streams', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 24 * 5 + 3 }),
        fc.nat(7),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (bytes, offset, columns, alias) => {
          const data = new Uint8Array(bytes.length + offset);
          data.set(bytes, offset);
          const view = data.subarray(offset);
          const outs = all.map(() => allocColumns(columns));
          const results = all.map(([, f], i) => {
            const c = outs[i]!;
            // An aliased call passes a view of `data` as the kind column (a RangeError).
            const kind = alias ? new Uint16Array(data.buffer, 0, Math.floor(data.length / 2)) : c.kind;
            return outcome(() => f.decodeRecordArraysInto(view, c.timestamp, c.value, c.id, kind, c.flags));
          });
          const want = allocColumns(columns);
          const kind = alias ? new Uint16Array(data.buffer, 0, Math.floor(data.length / 2)) : want.kind;
          const viaJs = outcome(() =>
            js.decodeRecordArraysInto(view, want.timestamp, want.value, want.id, kind, want.flags),
          );
          for (const [i, r] of results.entries()) {
            expect(r, all[i]![0]).toEqual(viaJs);
            if (!alias) expect(outs[i], all[i]![0]).toEqual(want);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('encodeRecordArraysInto agrees with count passed, omitted, undefined or bad, and out aliased', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 24 * 4, maxLength: 24 * 4 }),
        fc.nat(4),
        fc.nat(7),
        fc.constantFrom<'omitted' | 'undefined' | 'null' | 'two' | 'five' | 'half'>(
          'omitted',
          'undefined',
          'null',
          'two',
          'five',
          'half',
        ),
        fc.boolean(),
        (stream, records, offset, countArg, alias) => {
          const c = allocColumns(records);
          js.decodeRecordArraysInto(
            stream.subarray(0, records * 24),
            c.timestamp,
            c.value,
            c.id,
            c.kind,
            c.flags,
          );
          const extra = { undefined, null: null, two: 2, five: 5, half: 0.5 }[countArg as 'two'];
          const args = countArg === 'omitted' ? [] : [extra];
          const run = (f: (...a: unknown[]) => number): { result: unknown; bytes: number[] } => {
            const backing = new Uint8Array(24 * 5 + offset);
            // An aliased call writes into the id column's own memory (a RangeError).
            const out = alias
              ? new Uint8Array(c.id.buffer, c.id.byteOffset, c.id.byteLength)
              : backing.subarray(offset);
            const result = outcome(() => f(c.timestamp, c.value, c.id, c.kind, c.flags, out, ...args));
            return { result, bytes: Array.from(out) };
          };
          const want = run(js.encodeRecordArraysInto as (...a: unknown[]) => number);
          for (const [side, f] of all) {
            expect(run(f.encodeRecordArraysInto as (...a: unknown[]) => number), side).toEqual(want);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a worker thread gets the raw exports too (the hook runs once per env)', async () => {
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const b = require(workerData);
      const d = Buffer.from('123456789');
      parentPort.postMessage([b.crc32Sync(d), b.boundaryRaw.crc32Sync(d), b.boundaryNapi.crc32Sync(d)]);`;
    const worker = new Worker(source, { eval: true, workerData: addonFile() });
    const got = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(got).toEqual([0xcbf43926, 0xcbf43926, 0xcbf43926]);
  });

  it('the other layers agree: noop, number, external buffer, throw, async round trip', async () => {
    expect(agree(all, (f) => f.noop())).toEqual({ value: undefined });
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(agree(layers, (f) => f.number(x))).toEqual({ value: x });
      }),
    );
    expect(agree(layers, (f) => f.number('1' as unknown as number))).toMatchObject({ error: 'Error' });
    expect(agree(layers, (f) => f.borrow(new Uint16Array(2) as unknown as Uint8Array))).toMatchObject({
      error: 'Error',
    });
    for (let i = 0; i < 1000; i++) {
      expect(agree(layers, (f) => f.externalBuffer())).toEqual({ view: Array(16).fill(0x2a) });
    }
    expect(await forms.napi.asyncNoop()).toBe(1);
    expect(await forms.raw.asyncNoop()).toBe(1);
    expect(await Promise.all(Array.from({ length: 64 }, () => forms.raw.asyncNoop()))).toEqual(
      Array(64).fill(1),
    );
  });
});
