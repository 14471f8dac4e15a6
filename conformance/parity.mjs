// Parity: the public functions, the JS twins and (when loaded) the native binding give the same
// results as each other and as a plain reference, on fast-check inputs that include empty,
// odd-length and unaligned subarray views.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';

import { lib, require, test } from './harness.mjs';

const fc = require('fast-check');
const RUNS = 200;
const { js, native } = lib;
/** Every implementation of a twin function: the public wrapper, the JS twin, the binding. */
const forms = (name) => [
  ['public', lib[name]],
  ['js', js[name]],
  ...(native === null ? [] : [['native', native[name]]]),
];

/** Byte views: empty, odd lengths, subarrays at unaligned offsets, as Uint8Array or Buffer. */
const byteViews = (maxLength = 4096) =>
  fc
    .tuple(fc.uint8Array({ maxLength }), fc.nat(15), fc.nat(15), fc.boolean())
    .map(([bytes, head, tail, asBuffer]) => {
      const start = Math.min(head, bytes.length);
      const view = bytes.subarray(start, Math.max(start, bytes.length - tail));
      return asBuffer ? Buffer.from(view.buffer, view.byteOffset, view.byteLength) : view;
    });

/** Mostly-text bytes, so that UTF-8 validity and line breaks both occur often. */
const textViews = fc
  .tuple(
    fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 40 }),
    byteViews(8),
    fc.nat(7),
  )
  .map(([parts, noise, at]) => {
    const text = new TextEncoder().encode(parts.join(''));
    const bytes = new Uint8Array(text.length + noise.length + 1);
    bytes.set(text, 1);
    bytes.set(noise, 1 + Math.min(at, text.length));
    return bytes.subarray(1);
  });

function crc32Reference(bytes, initial = 0) {
  let c = ~initial >>> 0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** Rust's `str::lines` on bytes: split at \n, drop one \r before it, no empty last line. */
function lineReference(bytes) {
  const out = [];
  let start = 0;
  while (start < bytes.length) {
    let nl = bytes.indexOf(10, start);
    if (nl === -1) nl = bytes.length;
    const end = nl < bytes.length && nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl;
    out.push(start, end);
    start = nl + 1;
  }
  return out;
}

/**
 * The longest prefix a fatal TextDecoder accepts (the WHATWG decoder follows the same rules as
 * Rust's `str::from_utf8`). Prefix validity is not monotone (a cut can split a sequence), so
 * this scans down from the full length.
 */
function validUpToReference(bytes) {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for (let n = bytes.length; n > 0; n--) {
    try {
      decoder.decode(bytes.subarray(0, n));
      return n;
    } catch {
      // Invalid: try a shorter prefix.
    }
  }
  return 0;
}

test('crc32Sync: every form equals the bitwise reference, with and without initial', () => {
  fc.assert(
    fc.property(byteViews(), fc.option(fc.nat({ max: 0xffffffff })), (bytes, initial) => {
      const expected = crc32Reference(bytes, initial ?? 0);
      for (const [form, f] of forms('crc32Sync')) {
        assert.equal(initial === null ? f(bytes) : f(bytes, initial), expected, form);
      }
    }),
    { numRuns: RUNS },
  );
});

test('countByte: every form equals a plain count', () => {
  fc.assert(
    fc.property(byteViews(), fc.nat(255), (bytes, byte) => {
      let expected = 0;
      for (const b of bytes) if (b === byte) expected++;
      for (const [form, f] of forms('countByte')) assert.equal(f(bytes, byte), expected, form);
    }),
    { numRuns: RUNS },
  );
});

test('isUtf8 and utf8ValidUpTo: every form agrees with a fatal TextDecoder', () => {
  fc.assert(
    fc.property(fc.oneof(textViews, byteViews(64)), (bytes) => {
      const upTo = validUpToReference(bytes);
      for (const [form, f] of forms('utf8ValidUpTo')) assert.equal(f(bytes), upTo, form);
      for (const [form, f] of forms('isUtf8')) assert.equal(f(bytes), upTo === bytes.length, form);
    }),
    { numRuns: RUNS },
  );
});

test('lineOffsets and lineViews: every form splits lines as Rust str::lines', () => {
  fc.assert(
    fc.property(fc.oneof(textViews, byteViews(256)), (bytes) => {
      const expected = lineReference(bytes);
      for (const [form, f] of forms('lineOffsets')) assert.deepEqual(Array.from(f(bytes)), expected, form);
      const views = [...lib.lineViews(bytes)];
      assert.equal(views.length * 2, expected.length);
      views.forEach((v, i) => {
        assert.equal(v.buffer, bytes.buffer, 'a line is a view of the input, not a copy');
        assert.equal(v.byteOffset - bytes.byteOffset, expected[2 * i]);
      });
    }),
    { numRuns: RUNS },
  );
});

const records = fc.array(
  fc.record({
    timestamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    value: fc.double(),
    id: fc.nat({ max: 0xffffffff }),
    kind: fc.nat(0xffff),
    flags: fc.nat(0xffff),
  }),
  { maxLength: 64 },
);

test('record codec: encode/decode round-trips and all forms write the same bytes, at odd offsets too', () => {
  fc.assert(
    fc.property(records, fc.nat(7), (rows, offset) => {
      const columns = lib.allocColumns(rows.length);
      rows.forEach((r, i) => {
        for (const key of Object.keys(r)) columns[key][i] = r[key];
      });
      const { timestamp, value, id, kind, flags } = columns;
      const encoded = lib.encodeRecords(columns);
      assert.equal(encoded.length, rows.length * lib.RECORD_SIZE);
      const twins = [['js', js], ...(native === null ? [] : [['native', native]])];
      for (const [form, impl] of twins) {
        assert.deepEqual(
          Buffer.from(impl.encodeRecordArrays(timestamp, value, id, kind, flags)),
          Buffer.from(encoded),
          form,
        );
      }
      // An unaligned copy: the decoder must not assume 8-byte alignment of its input.
      const shifted = new Uint8Array(encoded.length + offset).subarray(offset);
      shifted.set(encoded);
      for (const [form, decode] of [
        ['public', lib.decodeRecords],
        ...twins.map(([f, i]) => [f, i.decodeRecords]),
      ]) {
        const back = decode(shifted);
        for (const key of ['timestamp', 'id', 'kind', 'flags'])
          assert.deepEqual(Array.from(back[key]), Array.from(columns[key]), `${form} ${key}`);
        // Compare doubles bit for bit (NaN payloads and -0 included).
        assert.deepEqual(
          new Uint8Array(back.value.buffer, back.value.byteOffset, back.value.byteLength),
          new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
          `${form} value`,
        );
      }
    }),
    { numRuns: RUNS },
  );
});
