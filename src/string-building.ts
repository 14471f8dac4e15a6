/**
 * `zero-copy/string-building`: CSV text from record columns, one line per record:
 * `timestamp,value,id,kind,flags\n`. `value` prints as JS `String(value)` (shortest round-trip
 * digits, `1e+21`, `1.5e-7`, `NaN`, `Infinity`, `0` for -0); Rust uses the ryu-js crate, which
 * follows the same ECMAScript rule, so both builders give byte-identical output.
 */
import { native } from './native.js';
import { assertColumns, checkColumnLengths, type RecordColumns } from './records.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import { assertObject, LITTLE_ENDIAN, optionalU32 } from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

/** Checks the five columns and `count` as `recordsToCsv` does; returns the record count. */
export function checkColumns(
  t: BigUint64Array,
  v: Float64Array,
  i: Uint32Array,
  k: Uint16Array,
  f: Uint16Array,
  count: unknown,
): number {
  assertColumns(t, v, i, k, f);
  const n = optionalU32(count, 'count', t.length);
  checkColumnLengths(t, v, i, k, f, n);
  return n;
}

/**
 * Decimal text of timestamp `j`, without a BigInt when it fits in 2^53 (the common case):
 * reading a BigUint64Array element allocates a BigInt, the 32-bit halves do not.
 */
export function timestampText(t: BigUint64Array, t32: Uint32Array, j: number): string {
  const hi = t32[2 * j + (LITTLE_ENDIAN ? 1 : 0)]!;
  if (hi < 0x200000) return String(hi * 4294967296 + t32[2 * j + (LITTLE_ENDIAN ? 0 : 1)]!);
  return String(t[j]!);
}

/** The CSV text of checked columns, built with `+=`. */
export function buildString(c: RecordColumns, count: number): string {
  // Stryker disable next-line ArithmeticOperator: capacity only: the missing high words read undefined, which sends those timestamps down the exact BigInt path (docs/mutants.md)
  const t32 = new Uint32Array(c.timestamp.buffer, c.timestamp.byteOffset, count * 2);
  let s = '';
  for (let j = 0; j < count; j++) {
    s += `${timestampText(c.timestamp, t32, j)},${c.value[j]!},${c.id[j]!},${c.kind[j]!},${c.flags[j]!}\n`;
  }
  return s;
}

function jsRecordArraysToCsv(
  timestamp: BigUint64Array,
  value: Float64Array,
  id: Uint32Array,
  kind: Uint16Array,
  flags: Uint16Array,
  count?: number,
): Buffer {
  const n = checkColumns(timestamp, value, id, kind, flags, count);
  // The text is ASCII, so latin1 encoding is a byte-per-char copy (cheaper than UTF-8).
  // Stryker disable next-line StringLiteral: Buffer.from reads '' as UTF-8, which equals Latin-1 on CSV's ASCII (docs/mutants.md)
  return Buffer.from(buildString({ timestamp, value, id, kind, flags }, n), 'latin1');
}

/**
 * The JS twin of the string-building pattern's native function. `recordArraysToCsv` takes one
 * typed array per column; the root `recordsToCsv` takes a {@link RecordColumns} object and
 * dispatches to it.
 */
export const stringBuildingJs = {
  recordArraysToCsv: jsRecordArraysToCsv,
};

/**
 * CSV bytes of the first `count` records (default: all): `timestamp,value,id,kind,flags\n` per
 * record. Natively Rust writes into one pre-sized `String` and moves it out as the Buffer (no
 * copy); below `thresholds.csvNativeMinRecords` records the JS twin runs.
 */
export function recordsToCsv(columns: RecordColumns, count?: number): Buffer {
  assertObject(columns, 'columns');
  const { timestamp, value, id, kind, flags } = columns;
  // Stryker disable next-line BlockStatement,ConditionalExpression,EqualityOperator,LogicalOperator: route choice: binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (native !== null && (count ?? timestamp?.length ?? 0) >= cutoffs.csvNativeMinRecords) {
    return native.recordArraysToCsv(timestamp, value, id, kind, flags, count);
  }
  return jsRecordArraysToCsv(timestamp, value, id, kind, flags, count);
}
