/**
 * `zero-copy/records`: decode a 24-byte record stream (main forms) and encode it back (the
 * `encode-*` variants), as objects vs aliased columns vs native in place.
 */
import { allocColumns, js, native, RECORD_SIZE, type RecordColumns } from '../src/index.js';
import { unaligned } from './data.js';
import { allEqual, deepEqual, defineCase } from './types.js';

interface Obj {
  timestamp: bigint;
  value: number;
  id: number;
  kind: number;
  flags: number;
}

/** Records with realistic fields (no NaN: the object form compares values as numbers). */
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

function decodeObjects(b: Buffer): Obj[] {
  const n = b.length / RECORD_SIZE;
  const out = new Array<Obj>(n);
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

function encodeObjects(objs: Obj[]): Buffer {
  const b = Buffer.allocUnsafe(objs.length * RECORD_SIZE);
  for (let j = 0, o = 0; j < objs.length; j++, o += RECORD_SIZE) {
    const r = objs[j]!;
    b.writeBigUInt64LE(r.timestamp, o);
    b.writeDoubleLE(r.value, o + 8);
    b.writeUInt32LE(r.id, o + 16);
    b.writeUInt16LE(r.kind, o + 20);
    b.writeUInt16LE(r.flags, o + 22);
  }
  return b;
}

function toColumns(objs: Obj[]): RecordColumns {
  const c = allocColumns(objs.length);
  objs.forEach((r, j) => {
    c.timestamp[j] = r.timestamp;
    c.value[j] = r.value;
    c.id[j] = r.id;
    c.kind[j] = r.kind;
    c.flags[j] = r.flags;
  });
  return c;
}

interface State {
  bytes: Buffer;
  odd: Uint8Array;
  columns: RecordColumns;
  objects: Obj[];
  out: RecordColumns;
  outBytes: Uint8Array;
}

function setup(n: number): State {
  const columns = makeColumns(n);
  const bytes = js.encodeRecords(columns.timestamp, columns.value, columns.id, columns.kind, columns.flags);
  return {
    bytes,
    odd: unaligned(bytes),
    columns,
    objects: decodeObjects(bytes),
    out: allocColumns(n),
    outBytes: unaligned(new Uint8Array(bytes.length)),
  };
}

const bin = native;
const into = (f: typeof js.decodeRecordsInto, data: Uint8Array, c: RecordColumns): RecordColumns => {
  f(data, c.timestamp, c.value, c.id, c.kind, c.flags);
  return c;
};
const cols = (c: RecordColumns) => [c.timestamp, c.value, c.id, c.kind, c.flags] as const;

const sizes = { quick: [100, 10_000, 1_000_000] };

export const cases = [
  defineCase<State>({
    id: 'zero-copy/records',
    description:
      'Decode (and encode-* variants: encode) N 24-byte records: Buffer.readXxx objects vs Uint32Array/DataView aliasing into reused columns vs native in place',
    unit: 'records',
    sizes,
    setup,
    traditional: (s) => decodeObjects(s.bytes),
    rustInspired: (s) => into(js.decodeRecordsInto, s.bytes, s.out),
    ...(bin ? { native: (s: State) => into(bin.decodeRecordsInto, s.bytes, s.out) } : {}),
    variants: {
      'js-unaligned': (s) => into(js.decodeRecordsInto, s.odd, s.out),
      'js-fresh-columns': (s) => js.decodeRecords(s.bytes),
      ...(bin
        ? {
            'native-unaligned': (s: State) => into(bin.decodeRecordsInto, s.odd, s.out),
            'native-fresh-vec': (s: State) => bin.decodeRecords(s.bytes),
          }
        : {}),
      // Encode is the reverse; its forms are checked against the original stream.
      'encode-traditional': (s) => encodeObjects(s.objects),
      'encode-rust-inspired': (s) => (js.encodeRecordsInto(...cols(s.columns), s.outBytes), s.outBytes),
      'encode-js-fresh-buffer': (s) => js.encodeRecords(...cols(s.columns)),
      ...(bin
        ? {
            'encode-native': (s: State) => (
              bin.encodeRecordsInto(...cols(s.columns), s.outBytes),
              s.outBytes
            ),
            'encode-native-fresh-vec': (s: State) => bin.encodeRecords(...cols(s.columns)),
          }
        : {}),
    },
    check: (results, s) => {
      const decoded: Record<string, unknown> = {};
      const encoded: Record<string, unknown> = { original: s.bytes };
      for (const [k, v] of Object.entries(results)) {
        if (k.startsWith('encode-')) encoded[k] = v;
        else decoded[k] = Array.isArray(v) ? toColumns(v as Obj[]) : v;
      }
      allEqual(decoded, deepEqual);
      allEqual(encoded);
    },
  }),
];
