/** `zero-copy/string-building`: CSV bytes from decoded records, built five ways. */
import { native } from '../../lab/native.js';
import { allocColumns, type RecordColumns } from '../../../src/records.js';
import { csvLines, csvString } from '../../lab/kernels/string-building.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { wasmForm } from '../../lab/wasm.js';

interface State {
  c: RecordColumns;
  scratch: { buffer: Buffer };
}

const encoder = new TextEncoder();

/** TextEncoder.encodeInto each line into one reused Buffer, grown by doubling when full. */
function encodeIntoReused(c: RecordColumns, scratch: { buffer: Buffer }): Uint8Array {
  let at = 0;
  for (const line of csvLines(c)) {
    if (scratch.buffer.length - at < line.length * 3) {
      const grown = Buffer.allocUnsafeSlow(Math.max(scratch.buffer.length * 2, at + line.length * 3));
      grown.set(scratch.buffer.subarray(0, at));
      scratch.buffer = grown;
    }
    at += encoder.encodeInto(line, scratch.buffer.subarray(at)).written;
  }
  return scratch.buffer.subarray(0, at);
}

const bin = native;

/** The case's records: `n` of them, the same for every form and size. */
function columns(n: number): RecordColumns {
  const c = allocColumns(n);
  for (let j = 0; j < n; j++) {
    c.timestamp[j] = 1_700_000_000_000_000n + BigInt(j);
    c.value[j] = (j % 1000) / 8 - 40;
    c.id[j] = j;
    c.kind[j] = j % 7;
    c.flags[j] = j & 0xff;
  }
  return c;
}

/** Bytes of CSV that `n` records make (ASCII: one byte per character), computed once per size. */
const csvBytes = new Map<number, number>();
function csvLength(n: number): number {
  let len = csvBytes.get(n);
  if (len === undefined) csvBytes.set(n, (len = csvString(columns(n)).length));
  return len;
}

export const benchCase = defineCase<State>({
  id: 'zero-copy/string-building',
  pattern: 'String building',
  mechanism:
    'V8 keeps += results as ropes and flattens them once, so concatenation and join end up doing similar work; the native form writes bytes and never builds UTF-16 strings.',
  thresholds: [{ key: 'csvNativeMinRecords' }],
  description:
    'CSV bytes of N records: += then Buffer.from vs array+join vs encodeInto a reused Buffer vs native write! into a moved Vec',
  unit: 'records',
  // 1M records take ~2 s per op in the slow forms, which alone would blow the quick budget.
  sizes: { quick: [100, 10_000], full: [100_000] },
  // The kernel reads 24 bytes of columns per record and writes its CSV line, longer than that: it
  // is held to copy bandwidth over the bytes it writes.
  work: (n) => ({ items: n, bytes: csvLength(n) }),
  access: 'copy',
  belowRoofline:
    'Formatting, not streaming: every record becomes text by decimal conversion of four integers and a shortest round-trip float (ryu-js), many instructions per byte written, where a copy moves a whole vector per instruction.',
  setup: (n) => ({ c: columns(n), scratch: { buffer: Buffer.allocUnsafeSlow(n * 48) } }),
  traditional: (s) => Buffer.from(csvString(s.c)),
  rustInspired: (s) => Buffer.from(csvLines(s.c).join('')),
  ...(bin
    ? { native: (s: State) => bin.recordArraysToCsv(s.c.timestamp, s.c.value, s.c.id, s.c.kind, s.c.flags) }
    : {}),
  // The library's recordArraysToCsv built for wasm32; its Buffer is a view of the module's memory.
  nativeVariants: wasmForm<State>((w, s) =>
    w.recordArraysToCsv(s.c.timestamp, s.c.value, s.c.id, s.c.kind, s.c.flags),
  ),
  variants: {
    'encodeInto-reused': (s) => encodeIntoReused(s.c, s.scratch),
    'textEncoder.encode': (s) => encoder.encode(csvString(s.c)),
    'Buffer.from-latin1': (s) => Buffer.from(csvString(s.c), 'latin1'),
  },
  check: (results) => allEqual(results),
});
