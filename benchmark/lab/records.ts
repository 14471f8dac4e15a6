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
  const bytes = js.encodeRecords(columns.timestamp, columns.value, columns.id, columns.kind, columns.flags);
  return { columns, bytes };
}
