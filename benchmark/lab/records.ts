/**
 * Shared by `zero-copy/records` and `zero-copy/records-encode`: the record stream both start from
 * and the textbook decode into one object per record.
 */
import { js } from '../../src/index.js';
import { allocColumns, RECORD_SIZE, type RecordColumns } from '../../src/records.js';

/** One record as most Node code holds it. */
export interface RecordObject {
  timestamp: bigint;
  value: number;
  id: number;
  kind: number;
  flags: number;
}

/** `n` records with realistic fields (no NaN: the object forms compare values as numbers). */
function makeColumns(n: number): RecordColumns {
  const c = allocColumns(n);
  for (let j = 0; j < n; j++) {
    c.timestamp[j] = 1_700_000_000_000_000n + BigInt(j) * 997n;
    c.value[j] = (j % 1000) / 8 - 40;
    c.id[j] = (j * 2654435761) >>> 0;
    c.kind[j] = j % 7;
    c.flags[j] = (j * 31) & 0xffff;
  }
  return c;
}

/** The textbook decode: `Buffer#readXxx` into a new object per record. */
export function decodeObjects(b: Buffer): RecordObject[] {
  const n = b.length / RECORD_SIZE;
  const out = new Array<RecordObject>(n);
  for (let j = 0, o = 0; j < n; j++, o += RECORD_SIZE) {
    out[j] = {
      timestamp: b.readBigUInt64LE(o),
      value: b.readDoubleLE(o + 8),
      id: b.readUInt32LE(o + 16),
      kind: b.readUInt16LE(o + 20),
      flags: b.readUInt16LE(o + 22),
    };
  }
  return out;
}

/** `n` records as columns and as the 24-byte stream they encode to. */
export function recordStream(n: number): { columns: RecordColumns; bytes: Buffer } {
  const columns = makeColumns(n);
  const bytes = js.encodeRecordArrays(
    columns.timestamp,
    columns.value,
    columns.id,
    columns.kind,
    columns.flags,
  );
  return { columns, bytes };
}

/** A record object without BigInt: the u64 timestamp kept as its two u32 halves. */
export interface RecordObjectWords {
  timestampLo: number;
  timestampHi: number;
  value: number;
  id: number;
  kind: number;
  flags: number;
}

/** `decodeObjects` with one change: the timestamp is read as two u32 words instead of a BigInt. */
export function decodeObjectsWords(b: Buffer): RecordObjectWords[] {
  const n = b.length / RECORD_SIZE;
  const out = new Array<RecordObjectWords>(n);
  for (let j = 0, o = 0; j < n; j++, o += RECORD_SIZE) {
    out[j] = {
      timestampLo: b.readUInt32LE(o),
      timestampHi: b.readUInt32LE(o + 4),
      value: b.readDoubleLE(o + 8),
      id: b.readUInt32LE(o + 16),
      kind: b.readUInt16LE(o + 20),
      flags: b.readUInt16LE(o + 22),
    };
  }
  return out;
}

/**
 * `decodeObjectsWords` with one change: the same `Buffer#readXxx` calls write into new columns
 * instead of one object per record (the timestamp's halves through a 32-bit alias of its column).
 * Little-endian hosts only, like the word path of the library's decoder.
 */
export function decodeColumnsBufferReads(b: Buffer): RecordColumns {
  const n = b.length / RECORD_SIZE;
  const c = allocColumns(n);
  const t32 = new Uint32Array(c.timestamp.buffer, c.timestamp.byteOffset, 2 * n);
  const { value, id, kind, flags } = c;
  for (let j = 0, o = 0; j < n; j++, o += RECORD_SIZE) {
    t32[2 * j] = b.readUInt32LE(o);
    t32[2 * j + 1] = b.readUInt32LE(o + 4);
    value[j] = b.readDoubleLE(o + 8);
    id[j] = b.readUInt32LE(o + 16);
    kind[j] = b.readUInt16LE(o + 20);
    flags[j] = b.readUInt16LE(o + 22);
  }
  return c;
}
