import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  allocColumns,
  decodeRecords,
  decodeRecordsInto,
  encodeRecords,
  encodeRecordsInto,
  js,
  loadError,
  native,
  RECORD_LAYOUT,
  RECORD_SIZE,
  recordsToCsv,
  type RecordColumns,
} from '../src/index.js';
import { thresholds } from '../src/thresholds.js';
import { byteViews, implementations, notBytes } from './helpers.js';

const cut = thresholds.recordsNativeMinRecords;

/** A record with any bits: NaN payloads, -0, u64 above 2^53. */
const recordArb = fc.record({
  timestamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  valueBits: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  id: fc.integer({ min: 0, max: 0xffffffff }),
  kind: fc.integer({ min: 0, max: 0xffff }),
  flags: fc.integer({ min: 0, max: 0xffff }),
});
type Rec = typeof recordArb extends fc.Arbitrary<infer R> ? R : never;

function toColumns(records: Rec[]): RecordColumns {
  const c = allocColumns(records.length);
  const bits = new BigUint64Array(c.value.buffer);
  records.forEach((r, j) => {
    c.timestamp[j] = r.timestamp;
    bits[j] = r.valueBits;
    c.id[j] = r.id;
    c.kind[j] = r.kind;
    c.flags[j] = r.flags;
  });
  return c;
}

/** Reference encoder with Buffer.writeXxx, independent of both implementations. */
function referenceBytes(records: Rec[]): Buffer {
  const b = Buffer.alloc(records.length * RECORD_SIZE);
  records.forEach((r, j) => {
    const o = j * RECORD_SIZE;
    b.writeBigUInt64LE(r.timestamp, o + RECORD_LAYOUT.timestamp);
    b.writeBigUInt64LE(r.valueBits, o + RECORD_LAYOUT.value);
    b.writeUInt32LE(r.id, o + RECORD_LAYOUT.id);
    b.writeUInt16LE(r.kind, o + RECORD_LAYOUT.kind);
    b.writeUInt16LE(r.flags, o + RECORD_LAYOUT.flags);
  });
  return b;
}

/** `bytes` copied to byte offset `shift` of a larger buffer. */
function at(bytes: Uint8Array, shift: number): Uint8Array {
  const backing = new Uint8Array(bytes.length + shift + 3).fill(0xee);
  backing.set(bytes, shift);
  return backing.subarray(shift, shift + bytes.length);
}

/** Columns compared bit for bit (value as raw u64 bits, so NaN payloads count). */
function bitsOf(c: RecordColumns): unknown {
  return {
    timestamp: Array.from(c.timestamp),
    value: Array.from(new BigUint64Array(c.value.buffer, c.value.byteOffset, c.value.length)),
    id: Array.from(c.id),
    kind: Array.from(c.kind),
    flags: Array.from(c.flags),
  };
}

/** The columns as the binding forms' positional arguments. */
const cols = (c: RecordColumns) => [c.timestamp, c.value, c.id, c.kind, c.flags] as const;

describe.each(implementations)('record codec (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }
  it('round-trips any records bit-exactly at every byte offset', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 40 }), fc.nat(7), (records, shift) => {
        const expected = referenceBytes(records);
        const c = toColumns(records);
        const encoded = impl.encodeRecordArrays(...cols(c));
        expect(Buffer.from(encoded).equals(expected)).toBe(true);
        const out = at(new Uint8Array(expected.length), shift);
        expect(impl.encodeRecordArraysInto(...cols(c), out)).toBe(expected.length);
        expect(Buffer.from(out).equals(expected)).toBe(true);
        const input = at(expected, shift);
        expect(bitsOf(impl.decodeRecords(input))).toEqual(bitsOf(c));
        const into = allocColumns(records.length + 2);
        expect(impl.decodeRecordArraysInto(input, ...cols(into))).toBe(records.length);
        const head = {
          timestamp: into.timestamp.subarray(0, records.length),
          value: into.value.subarray(0, records.length),
          id: into.id.subarray(0, records.length),
          kind: into.kind.subarray(0, records.length),
          flags: into.flags.subarray(0, records.length),
        };
        expect(bitsOf(head)).toEqual(bitsOf(c));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps NaN payloads, -0 and timestamps above 2^53', () => {
    const c = allocColumns(3);
    c.timestamp.set([2n ** 53n + 1n, 2n ** 64n - 1n, 0n]);
    new BigUint64Array(c.value.buffer).set([0x7ff0000000000001n, 0xfff8dead0000beefn, 0x8000000000000000n]);
    const back = impl.decodeRecords(impl.encodeRecordArrays(...cols(c)));
    expect(bitsOf(back)).toEqual(bitsOf(c));
    expect(Object.is(back.value[2], -0)).toBe(true);
    expect(back.timestamp[0]).toBe(9007199254740993n);
  });

  it('equals the native codec on random streams (parity)', () => {
    if (native === null) return;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 * 30 }), fc.nat(7), (bytes, shift) => {
        const whole = bytes.subarray(0, bytes.length - (bytes.length % 24));
        const input = at(whole, shift);
        expect(bitsOf(impl.decodeRecords(input))).toEqual(bitsOf(native!.decodeRecords(input)));
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes alike on both sides of the native copy-out/move-out cut (4096 records)', () => {
    for (const n of [4095, 4096, 5000]) {
      const c = allocColumns(n);
      for (let j = 0; j < n; j++) {
        c.timestamp[j] = 2n ** 60n + BigInt(j);
        c.value[j] = -j / 7;
        c.id[j] = j;
        c.kind[j] = j & 0xffff;
        c.flags[j] = (j * 3) & 0xffff;
      }
      const decoded = impl.decodeRecords(impl.encodeRecordArrays(...cols(c)));
      expect(decoded.value).toBeInstanceOf(Float64Array);
      expect(bitsOf(decoded)).toEqual(bitsOf(c));
    }
  });

  it('throws RangeError naming the byte offset for truncated input', () => {
    expect(() => impl.decodeRecords(new Uint8Array(50))).toThrow(RangeError);
    expect(() => impl.decodeRecords(new Uint8Array(50))).toThrow(/byte offset 48/);
    expect(() => impl.decodeRecords(at(new Uint8Array(23), 1))).toThrow(/byte offset 0/);
    expect(impl.decodeRecords(new Uint8Array(0)).id.length).toBe(0);
  });

  it('throws RangeError naming the byte offset for short columns or output, writing nothing', () => {
    const c = allocColumns(3);
    c.id = new Uint32Array(2);
    const data = new Uint8Array(72).fill(1);
    expect(() => impl.decodeRecordArraysInto(data, ...cols(c))).toThrow(/id is too short.*byte offset 48/);
    expect(Array.from(c.timestamp)).toEqual([0n, 0n, 0n]);
    const full = allocColumns(3);
    expect(() => impl.encodeRecordArraysInto(...cols(full), new Uint8Array(60))).toThrow(RangeError);
    expect(() => impl.encodeRecordArraysInto(...cols(full), new Uint8Array(60))).toThrow(/byte offset 48/);
    expect(() => impl.encodeRecordArrays(...cols(c))).toThrow(/id is too short/);
    expect(impl.encodeRecordArrays(...cols(c), 2).length).toBe(48);
  });

  it('a count of -0 is the count 0: nothing written, and +0 bytes returned', () => {
    // The JS twin returned -0 (count * 24) where native returns 0 (found by fuzz-binding.spec.ts).
    const c = allocColumns(2);
    expect(Object.is(impl.encodeRecordArraysInto(...cols(c), new Uint8Array(48), -0), 0)).toBe(true);
    expect(impl.encodeRecordArrays(...cols(c), -0).length).toBe(0);
  });

  it('a count far beyond the columns is a RangeError, not an attempt to allocate count * 24 bytes', () => {
    // 2^31 records would be 48 GiB: native encodeRecordArrays used to allocate before checking
    // the columns, and the failed allocation aborted the process (found by fuzz-binding.spec.ts).
    const c = allocColumns(4096);
    for (const count of [2 ** 30, 2 ** 31, 2 ** 32 - 1]) {
      expect(() => impl.encodeRecordArrays(...cols(c), count)).toThrow(
        /timestamp is too short: it has 4096 elements/,
      );
      expect(() => impl.recordArraysToCsv(...cols(c), count)).toThrow(/timestamp is too short/);
    }
  });

  it('refuses arguments that share memory', () => {
    const buffer = new ArrayBuffer(24 * 8 + 64);
    const data = new Uint8Array(buffer, 0, 48);
    const c = allocColumns(2);
    c.timestamp = new BigUint64Array(buffer, 0, 2);
    expect(() => impl.decodeRecordArraysInto(data, ...cols(c))).toThrow(/must not share memory/);
    const d = allocColumns(2);
    d.flags = new Uint16Array(d.kind.buffer);
    expect(() => impl.decodeRecordArraysInto(new Uint8Array(48), ...cols(d))).toThrow(RangeError);
  });

  it('throws TypeError for wrong argument types', () => {
    const c = allocColumns(1);
    for (const [label, bad] of notBytes()) {
      expect(() => impl.decodeRecords(bad as Uint8Array), label).toThrow(TypeError);
      if (!(bad instanceof Float64Array)) {
        expect(
          () =>
            impl.decodeRecordArraysInto(
              new Uint8Array(24),
              c.timestamp,
              bad as Float64Array,
              c.id,
              c.kind,
              c.flags,
            ),
          label,
        ).toThrow(TypeError);
      }
      expect(() => impl.encodeRecordArraysInto(...cols(c), bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() =>
      impl.encodeRecordArrays(
        new BigInt64Array(1) as unknown as BigUint64Array,
        c.value,
        c.id,
        c.kind,
        c.flags,
      ),
    ).toThrow(TypeError);
    expect(() => impl.encodeRecordArrays(...cols(c), -1)).toThrow(RangeError);
    expect(() => impl.encodeRecordArrays(...cols(c), 'x' as unknown as number)).toThrow(TypeError);
  });
});

/** The outcome of a call: its value, or its error's class and message. */
function outcome(call: () => unknown): unknown {
  try {
    return { value: call() };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

const COLUMN_NAMES = ['timestamp', 'value', 'id', 'kind', 'flags'] as const;
const COLUMN_TYPES = [BigUint64Array, Float64Array, Uint32Array, Uint16Array, Uint16Array] as const;

/** The outcome of a call that returns bytes, with the bytes as a plain array. */
function bytesOutcome(call: () => Uint8Array): unknown {
  return outcome(() => Array.from(call()));
}

/**
 * `c` copied into views of one ArrayBuffer, one after another, each `head` elements past the end
 * of the previous one: offset views whose byte offsets are only as aligned as their element size.
 */
function columnViews(c: RecordColumns, head: number): RecordColumns {
  const n = c.timestamp.length;
  const offsets: number[] = [];
  let end = 0;
  for (const T of COLUMN_TYPES) {
    const size = T.BYTES_PER_ELEMENT;
    const start = Math.ceil(end / size) * size + head * size;
    offsets.push(start);
    end = start + n * size;
  }
  const buffer = new ArrayBuffer(end + 8);
  const views = COLUMN_TYPES.map((T, j) => {
    const view = new T(buffer, offsets[j]!, n);
    view.set(c[COLUMN_NAMES[j]!] as never);
    return view;
  });
  return Object.fromEntries(COLUMN_NAMES.map((name, j) => [name, views[j]])) as unknown as RecordColumns;
}

/**
 * Two records' worth of columns (and `data` or `out` first) where argument `b` is a view of
 * argument `a`'s ArrayBuffer that shares exactly its first element with `a`'s last bytes; every
 * other argument has memory of its own.
 */
function aliasedArgs(a: number, b: number): ArrayBufferView[] {
  const buffer = new ArrayBuffer(256);
  const types = [Uint8Array, ...COLUMN_TYPES];
  const lengths = [48, 2, 2, 2, 2, 2];
  const aEnd = 64 + lengths[a]! * types[a]!.BYTES_PER_ELEMENT;
  return types.map((T, j) => {
    if (j === a) return new T(buffer, 64, lengths[j]!);
    if (j === b) return new T(buffer, aEnd - T.BYTES_PER_ELEMENT, lengths[j]!);
    return new T(lengths[j]!);
  });
}

describe.skipIf(native === null)('record codec aliasing: native ≡ js', () => {
  const names = ['data', ...COLUMN_NAMES];
  const pairs = names.flatMap((_, a) => names.map((__, b) => [a, b] as const).filter(([x, y]) => x < y));

  it('decodeRecordArraysInto refuses every pair of arguments that share memory, with the same RangeError', () => {
    for (const [a, b] of pairs) {
      const args = aliasedArgs(a, b) as Parameters<typeof js.decodeRecordArraysInto>;
      const want = { error: 'RangeError', message: `${names[a]} and ${names[b]} must not share memory` };
      expect(
        outcome(() => native!.decodeRecordArraysInto(...args)),
        `${names[a]}/${names[b]}`,
      ).toEqual(want);
      expect(
        outcome(() => js.decodeRecordArraysInto(...args)),
        `${names[a]}/${names[b]}`,
      ).toEqual(want);
    }
  });

  it('encodeRecordArraysInto refuses out sharing memory with any column, and lets columns share', () => {
    for (let b = 1; b < names.length; b += 1) {
      const [out, ...columns] = aliasedArgs(0, b);
      const args = [...columns, out] as unknown as Parameters<typeof js.encodeRecordArraysInto>;
      const want = { error: 'RangeError', message: `out and ${names[b]} must not share memory` };
      expect(
        outcome(() => native!.encodeRecordArraysInto(...args)),
        names[b],
      ).toEqual(want);
      expect(
        outcome(() => js.encodeRecordArraysInto(...args)),
        names[b],
      ).toEqual(want);
    }
    // Columns are only read by the encoder: two views of one buffer are fine.
    const [out, ...columns] = aliasedArgs(3, 4);
    const args = [...columns, out] as unknown as Parameters<typeof js.encodeRecordArraysInto>;
    expect(outcome(() => native!.encodeRecordArraysInto(...args))).toEqual({ value: 48 });
    expect(outcome(() => js.encodeRecordArraysInto(...args))).toEqual({ value: 48 });
  });

  it('empty views inside another argument share nothing, on both paths', () => {
    const buffer = new ArrayBuffer(64);
    const c = allocColumns(0);
    const data = new Uint8Array(buffer, 8, 0);
    c.kind = new Uint16Array(buffer, 8, 0);
    const args = [data, ...COLUMN_NAMES.map((n) => c[n])] as Parameters<typeof js.decodeRecordArraysInto>;
    expect(outcome(() => native!.decodeRecordArraysInto(...args))).toEqual({ value: 0 });
    expect(outcome(() => js.decodeRecordArraysInto(...args))).toEqual({ value: 0 });
  });
});

describe('record codec top-level API', () => {
  it('decodes, decodes into and encodes through either path', () => {
    for (const n of [0, 1, 15, 16, 17, 200]) {
      const c = allocColumns(n);
      for (let j = 0; j < n; j++) {
        c.timestamp[j] = BigInt(j) * 2n ** 40n;
        c.value[j] = j / 3;
        c.id[j] = j;
      }
      const bytes = encodeRecords(c);
      const out = new Uint8Array(bytes.length + 1).subarray(1);
      expect(encodeRecordsInto(c, out)).toBe(bytes.length);
      expect(Buffer.from(out).equals(bytes)).toBe(true);
      expect(bitsOf(decodeRecords(out))).toEqual(bitsOf(c));
      const into = allocColumns(n);
      expect(decodeRecordsInto(out, into)).toBe(n);
      expect(bitsOf(into)).toEqual(bitsOf(c));
      expect(bitsOf(js.decodeRecords(bytes))).toEqual(bitsOf(c));
    }
  });

  it("refuses a missing columns object with the project's TypeError naming it", () => {
    for (const bad of [null, undefined, 7, 'columns']) {
      const columns = bad as unknown as RecordColumns;
      const want = /^columns must be an object, received /;
      expect(() => decodeRecordsInto(new Uint8Array(24), columns)).toThrow(want);
      expect(() => encodeRecords(columns)).toThrow(want);
      expect(() => encodeRecordsInto(columns, new Uint8Array(24))).toThrow(want);
      expect(() => encodeRecords(columns)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    }
  });
});

describe('one name, one shape: the root takes a columns object, the binding forms take arrays', () => {
  const flat = implementations.filter((e): e is [string, typeof js] => e[1] !== null);

  it('native and js have only the array forms, named *RecordArrays*', () => {
    for (const [name, impl] of flat) {
      for (const gone of ['decodeRecordsInto', 'encodeRecords', 'encodeRecordsInto', 'recordsToCsv']) {
        expect(impl, `${name}.${gone}`).not.toHaveProperty(gone);
      }
      expect(typeof impl.decodeRecordArraysInto, name).toBe('function');
      expect(typeof impl.encodeRecordArrays, name).toBe('function');
      expect(typeof impl.encodeRecordArraysInto, name).toBe('function');
      expect(typeof impl.recordArraysToCsv, name).toBe('function');
      // decodeRecords(data) has one shape everywhere, so it keeps its name.
      expect(typeof impl.decodeRecords, name).toBe('function');
    }
  });

  it('decodeRecordsInto(bytes, columns) ≡ decodeRecordArraysInto(bytes, ...arrays), either side of the native cut', () => {
    fc.assert(
      // Up to a few records past the cut: the root dispatches to native from
      // thresholds.recordsNativeMinRecords records.
      fc.property(byteViews(24 * (cut + 4) + 5), fc.nat(cut + 6), (data, slots) => {
        const want = allocColumns(slots);
        const viaRoot = outcome(() => decodeRecordsInto(data, want));
        for (const [name, impl] of flat) {
          const c = allocColumns(slots);
          expect(
            outcome(() => impl.decodeRecordArraysInto(data, ...cols(c))),
            name,
          ).toEqual(viaRoot);
          expect(bitsOf(c), name).toEqual(bitsOf(want));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('encodeRecordsInto(columns, out, count) ≡ encodeRecordArraysInto(...arrays, out, count)', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 20 }),
        fc.nat(7),
        fc.option(fc.nat(22), { nil: undefined }),
        (records, shift, count) => {
          const c = toColumns(records);
          const into = (encode: (out: Uint8Array) => number): unknown => {
            const out = at(new Uint8Array(records.length * RECORD_SIZE), shift);
            return [outcome(() => encode(out)), Array.from(out)];
          };
          const viaRoot = into((out) => encodeRecordsInto(c, out, count));
          for (const [name, impl] of flat) {
            expect(
              into((out) => impl.encodeRecordArraysInto(...cols(c), out, count)),
              name,
            ).toEqual(viaRoot);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  // The Buffer-returning pairs: the root column form and the name of its array form.
  const bufferForms = [
    { root: encodeRecords, arrays: 'encodeRecordArrays' },
    { root: recordsToCsv, arrays: 'recordArraysToCsv' },
  ] as const;

  // Records of any bits as column views at element offset `head` of one shared ArrayBuffer (so
  // id, kind and flags sit off 8-byte alignment when `head` is odd), and an optional count that
  // may exceed the records (a RangeError on every side). Up to 20 records: the root calls native
  // from 16 (encodeRecords) and from 8 (recordsToCsv).
  it.each(bufferForms)(
    '$root.name(columns, count) ≡ $arrays(...arrays, count) on empty, odd-length and offset views',
    ({ root, arrays }) => {
      fc.assert(
        fc.property(
          fc.array(recordArb, { maxLength: 20 }),
          fc.nat(3),
          fc.option(fc.nat(22), { nil: undefined }),
          (records, head, count) => {
            const c = columnViews(toColumns(records), head);
            const viaRoot = bytesOutcome(() => root(c, count));
            for (const [name, impl] of flat) {
              expect(
                bytesOutcome(() => impl[arrays](...cols(c), count)),
                name,
              ).toEqual(viaRoot);
            }
            if (root === encodeRecords && count === undefined) {
              expect(viaRoot).toEqual({ value: Array.from(referenceBytes(records)) });
            }
          },
        ),
        { numRuns: 500 },
      );
    },
  );

  it('each shape refuses the other with a TypeError naming the timestamp column', () => {
    const c = allocColumns(1);
    const bytes = new Uint8Array(24);
    const want = /^timestamp must be a BigUint64Array, received /;
    const root = decodeRecordsInto as unknown as (...args: unknown[]) => number;
    expect(() => root(bytes, ...cols(c))).toThrow(want);
    for (const { root: form } of bufferForms) {
      const columnsForm = form as unknown as (...args: unknown[]) => Buffer;
      expect(() => columnsForm(...cols(c)), form.name).toThrow(want);
    }
    for (const [name, impl] of flat) {
      const arrays = impl.decodeRecordArraysInto as unknown as (...args: unknown[]) => number;
      expect(() => arrays(bytes, c), name).toThrow(want);
      for (const { arrays: key } of bufferForms) {
        const f = impl[key] as unknown as (...args: unknown[]) => Buffer;
        expect(() => f(c), `${name}.${key}`).toThrow(want);
      }
    }
  });
});
