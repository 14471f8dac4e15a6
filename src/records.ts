/**
 * `zero-copy/records`: a fixed 24-byte little-endian record codec (type punning).
 *
 * One record is `u64 timestamp, f64 value, u32 id, u16 kind, u16 flags` at the offsets in
 * {@link RECORD_LAYOUT}. Streams decode into columns (a struct of typed arrays) and encode back.
 * Timestamps are a `BigUint64Array`, so values above 2^53 are exact; the JS twin never creates a
 * BigInt: it copies the two 32-bit halves through a `Uint32Array` alias of the column, which also
 * keeps NaN payloads of `value` bit-exact. Streams may start at any byte offset.
 */
import { native } from './native.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import {
  assertBytes,
  assertObject,
  assertTypedArray,
  assertViewsDisjoint,
  LITTLE_ENDIAN,
  optionalU32,
  rangeError,
} from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

/** Bytes per record. */
export const RECORD_SIZE = 24;

/** Byte offset of each field inside a record (the one definition of the layout in JS). */
export const RECORD_LAYOUT = Object.freeze({
  timestamp: 0,
  value: 8,
  id: 16,
  kind: 20,
  flags: 22,
} as const);

/** Decoded records as columns: element `j` of every array belongs to record `j`. */
export interface RecordColumns {
  /** u64 timestamps (exact above 2^53). */
  timestamp: BigUint64Array;
  /** f64 values, bit-exact (NaN payloads and -0 preserved). */
  value: Float64Array;
  id: Uint32Array;
  kind: Uint16Array;
  flags: Uint16Array;
}

/** Allocates zeroed columns for `count` records (one ArrayBuffer per column). */
export function allocColumns(count: number): RecordColumns {
  return {
    timestamp: new BigUint64Array(count),
    value: new Float64Array(count),
    id: new Uint32Array(count),
    kind: new Uint16Array(count),
    flags: new Uint16Array(count),
  };
}

function recordCount(length: number): number {
  if (length % RECORD_SIZE !== 0) {
    const offset = length - (length % RECORD_SIZE);
    throw rangeError(
      `data is truncated: ${length} bytes is not a multiple of ${RECORD_SIZE}; the record at byte offset ${offset} is incomplete`,
    );
  }
  return length / RECORD_SIZE;
}

/** Throws a RangeError unless every column has room for `needed` records. */
export function checkColumnLengths(
  t: BigUint64Array,
  v: Float64Array,
  i: Uint32Array,
  k: Uint16Array,
  f: Uint16Array,
  needed: number,
): void {
  const columns: Array<[string, number]> = [
    ['timestamp', t.length],
    ['value', v.length],
    ['id', i.length],
    ['kind', k.length],
    ['flags', f.length],
  ];
  for (const [name, length] of columns) {
    if (length < needed) {
      throw rangeError(
        `${name} is too short: it has ${length} elements for ${needed} records; the record at byte offset ${length * RECORD_SIZE} has no slot`,
      );
    }
  }
}

/** Throws a TypeError unless each argument is the typed array its column needs. */
export function assertColumns(t: unknown, v: unknown, i: unknown, k: unknown, f: unknown): void {
  assertTypedArray(t, 'BigUint64Array', 'timestamp');
  assertTypedArray(v, 'Float64Array', 'value');
  assertTypedArray(i, 'Uint32Array', 'id');
  assertTypedArray(k, 'Uint16Array', 'kind');
  assertTypedArray(f, 'Uint16Array', 'flags');
}

/** 32-bit alias of an 8-byte column (always 4-aligned), for copying u64/f64 bits without BigInt. */
const words = (column: BigUint64Array | Float64Array, n: number): Uint32Array =>
  new Uint32Array(column.buffer, column.byteOffset, n * 2);

/**
 * The unchecked decoder. Aligned streams are read through one Uint32Array alias (6 words per
 * record); unaligned ones through a DataView. Either way no value is converted, only copied.
 */
function decodeKernel(
  data: Uint8Array,
  n: number,
  t: BigUint64Array,
  v: Float64Array,
  id: Uint32Array,
  kind: Uint16Array,
  flags: Uint16Array,
): void {
  const t32 = words(t, n);
  const v32 = words(v, n);
  // Stryker disable next-line BlockStatement: aligned fast path: without it the DataView path reads and writes the same bytes (docs/mutants.md)
  if (LITTLE_ENDIAN && (data.byteOffset & 3) === 0) {
    const w = new Uint32Array(data.buffer, data.byteOffset, n * 6);
    for (let j = 0, o = 0; j < n; j++, o += 6) {
      t32[2 * j] = w[o]!;
      t32[2 * j + 1] = w[o + 1]!;
      v32[2 * j] = w[o + 2]!;
      v32[2 * j + 1] = w[o + 3]!;
      id[j] = w[o + 4]!;
      const kf = w[o + 5]!;
      kind[j] = kf & 0xffff;
      flags[j] = kf >>> 16;
    }
    return;
  }
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // On a big-endian host the column aliases are big-endian too: swap the halves' order.
  const lo = LITTLE_ENDIAN ? 0 : 1;
  for (let j = 0, o = 0; j < n; j++, o += RECORD_SIZE) {
    t32[2 * j + lo] = dv.getUint32(o, true);
    t32[2 * j + 1 - lo] = dv.getUint32(o + 4, true);
    v32[2 * j + lo] = dv.getUint32(o + 8, true);
    v32[2 * j + 1 - lo] = dv.getUint32(o + 12, true);
    id[j] = dv.getUint32(o + 16, true);
    kind[j] = dv.getUint16(o + 20, true);
    flags[j] = dv.getUint16(o + 22, true);
  }
}

function encodeKernel(
  t: BigUint64Array,
  v: Float64Array,
  id: Uint32Array,
  kind: Uint16Array,
  flags: Uint16Array,
  out: Uint8Array,
  n: number,
): void {
  const t32 = words(t, n);
  const v32 = words(v, n);
  // Stryker disable next-line BlockStatement: aligned fast path: without it the DataView path reads and writes the same bytes (docs/mutants.md)
  if (LITTLE_ENDIAN && (out.byteOffset & 3) === 0) {
    const w = new Uint32Array(out.buffer, out.byteOffset, n * 6);
    for (let j = 0, o = 0; j < n; j++, o += 6) {
      w[o] = t32[2 * j]!;
      w[o + 1] = t32[2 * j + 1]!;
      w[o + 2] = v32[2 * j]!;
      w[o + 3] = v32[2 * j + 1]!;
      w[o + 4] = id[j]!;
      w[o + 5] = kind[j]! | (flags[j]! << 16);
    }
    return;
  }
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const lo = LITTLE_ENDIAN ? 0 : 1;
  for (let j = 0, o = 0; j < n; j++, o += RECORD_SIZE) {
    dv.setUint32(o, t32[2 * j + lo]!, true);
    dv.setUint32(o + 4, t32[2 * j + 1 - lo]!, true);
    dv.setUint32(o + 8, v32[2 * j + lo]!, true);
    dv.setUint32(o + 12, v32[2 * j + 1 - lo]!, true);
    dv.setUint32(o + 16, id[j]!, true);
    dv.setUint16(o + 20, kind[j]!, true);
    dv.setUint16(o + 22, flags[j]!, true);
  }
}

/** The argument names of the flat decoder and encoder, in the order their views are checked. */
const DECODE_NAMES = ['data', 'timestamp', 'value', 'id', 'kind', 'flags'] as const;
const ENCODE_NAMES = ['out', 'timestamp', 'value', 'id', 'kind', 'flags'] as const;

function jsDecodeRecordArraysInto(
  data: Uint8Array,
  timestamp: BigUint64Array,
  value: Float64Array,
  id: Uint32Array,
  kind: Uint16Array,
  flags: Uint16Array,
): number {
  assertBytes(data, 'data');
  assertColumns(timestamp, value, id, kind, flags);
  assertViewsDisjoint([data, timestamp, value, id, kind, flags], DECODE_NAMES);
  const n = recordCount(data.length);
  checkColumnLengths(timestamp, value, id, kind, flags, n);
  decodeKernel(data, n, timestamp, value, id, kind, flags);
  return n;
}

function jsDecodeRecords(data: Uint8Array): RecordColumns {
  assertBytes(data, 'data');
  const n = recordCount(data.length);
  const c = allocColumns(n);
  decodeKernel(data, n, c.timestamp, c.value, c.id, c.kind, c.flags);
  return c;
}

function jsEncodeRecordArraysInto(
  timestamp: BigUint64Array,
  value: Float64Array,
  id: Uint32Array,
  kind: Uint16Array,
  flags: Uint16Array,
  out: Uint8Array,
  count?: number,
): number {
  assertColumns(timestamp, value, id, kind, flags);
  assertBytes(out, 'out');
  // Only `out` is written: the columns may share memory with each other.
  assertViewsDisjoint([out, timestamp, value, id, kind, flags], ENCODE_NAMES, true);
  const n = optionalU32(count, 'count', timestamp.length);
  checkColumnLengths(timestamp, value, id, kind, flags, n);
  const needed = n * RECORD_SIZE;
  if (out.length < needed) {
    const offset = out.length - (out.length % RECORD_SIZE);
    throw rangeError(
      `out is too short: it has ${out.length} bytes for ${needed}; the record at byte offset ${offset} does not fit`,
    );
  }
  encodeKernel(timestamp, value, id, kind, flags, out, n);
  return needed;
}

function jsEncodeRecordArrays(
  timestamp: BigUint64Array,
  value: Float64Array,
  id: Uint32Array,
  kind: Uint16Array,
  flags: Uint16Array,
  count?: number,
): Buffer {
  assertColumns(timestamp, value, id, kind, flags);
  const n = optionalU32(count, 'count', timestamp.length);
  checkColumnLengths(timestamp, value, id, kind, flags, n);
  // allocUnsafeSlow: a whole ArrayBuffer of its own (never a pool slice), so the result can be
  // moved (transferred) and is 8-aligned for the word path; every byte is written below.
  const out = Buffer.allocUnsafeSlow(n * RECORD_SIZE);
  encodeKernel(timestamp, value, id, kind, flags, out, n);
  return out;
}

/**
 * The JS twins of the record codec's native functions. The `*RecordArrays*` forms take one
 * typed array per column; the root `decodeRecordsInto`/`encodeRecords`/`encodeRecordsInto` take
 * a {@link RecordColumns} object and dispatch to them.
 */
export const recordsJs = {
  decodeRecordArraysInto: jsDecodeRecordArraysInto,
  decodeRecords: jsDecodeRecords,
  encodeRecordArraysInto: jsEncodeRecordArraysInto,
  encodeRecordArrays: jsEncodeRecordArrays,
};

/**
 * Decodes a stream of 24-byte records (any byte offset) into new columns of exactly the
 * record count. RangeError naming the byte offset when `bytes` is not a whole number of
 * records. Natively the columns are Rust vectors moved out without a copy; below
 * `thresholds.recordsNativeMinRecords` records the JS twin runs instead.
 */
export function decodeRecords(bytes: Uint8Array): RecordColumns {
  // Stryker disable BlockStatement: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (
    // Stryker disable next-line EqualityOperator: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
    native !== null &&
    ArrayBuffer.isView(bytes) &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
    bytes.length >= cutoffs.recordsNativeMinRecords * RECORD_SIZE
  ) {
    return native.decodeRecords(bytes);
  }
  // Stryker restore BlockStatement
  return jsDecodeRecords(bytes);
}

/**
 * Decodes a stream of records into the first slots of preallocated `columns` (reuse them across
 * calls: no allocation at all) and returns the record count. RangeError naming the byte offset
 * when `bytes` is truncated or a column is too short (nothing is written then), or when two of
 * the arrays share memory.
 */
export function decodeRecordsInto(bytes: Uint8Array, columns: RecordColumns): number {
  assertObject(columns, 'columns');
  const { timestamp, value, id, kind, flags } = columns;
  // Stryker disable BlockStatement: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (
    // Stryker disable next-line EqualityOperator: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
    native !== null &&
    ArrayBuffer.isView(bytes) &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
    bytes.length >= cutoffs.recordsNativeMinRecords * RECORD_SIZE
  ) {
    return native.decodeRecordArraysInto(bytes, timestamp, value, id, kind, flags);
  }
  // Stryker restore BlockStatement
  return jsDecodeRecordArraysInto(bytes, timestamp, value, id, kind, flags);
}

/**
 * Encodes the first `count` records (default: all of `columns.timestamp`) into a new Buffer of
 * `count * 24` bytes that owns its whole ArrayBuffer.
 */
export function encodeRecords(columns: RecordColumns, count?: number): Buffer {
  assertObject(columns, 'columns');
  const { timestamp, value, id, kind, flags } = columns;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,BlockStatement: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (native !== null && (count ?? timestamp?.length ?? 0) >= cutoffs.recordsNativeMinRecords) {
    return native.encodeRecordArrays(timestamp, value, id, kind, flags, count);
  }
  return jsEncodeRecordArrays(timestamp, value, id, kind, flags, count);
}

/**
 * Encodes the first `count` records (default: all) into the start of `out` (any byte offset)
 * and returns the bytes written. RangeError naming the byte offset when `out` is too short.
 */
export function encodeRecordsInto(columns: RecordColumns, out: Uint8Array, count?: number): number {
  assertObject(columns, 'columns');
  const { timestamp, value, id, kind, flags } = columns;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,BlockStatement: route choice: binding or JS twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (native !== null && (count ?? timestamp?.length ?? 0) >= cutoffs.recordsNativeMinRecords) {
    // Without `count` the binding gets six arguments, not an explicit `undefined` that it would
    // read the type of (a Node-API call): at 1 record that was the difference between 1.14x and
    // 1.26-1.27x a raw C function's time (`node scripts/floor.mjs floor`, Node 20 and 26).
    return count === undefined
      ? native.encodeRecordArraysInto(timestamp, value, id, kind, flags, out)
      : native.encodeRecordArraysInto(timestamp, value, id, kind, flags, out, count);
  }
  return jsEncodeRecordArraysInto(timestamp, value, id, kind, flags, out, count);
}
