/**
 * `zero-copy/string-building` (benchmark only): the JS forms `recordsToCsv` is measured against,
 * CSV text as one `+=` string or as an array of lines.
 */
import type { RecordColumns } from '../../../src/records.js';
import { buildString, checkColumns, timestampText } from '../../../src/string-building.js';
import { assertObject } from '../../../src/validate.js';

/** Checks a columns bag and `count` as `recordsToCsv` does; returns the record count. */
function checkedCount(columns: unknown, count: unknown): number {
  assertObject(columns, 'columns');
  const { timestamp, value, id, kind, flags } = columns as RecordColumns;
  return checkColumns(timestamp, value, id, kind, flags, count);
}

/**
 * One CSV line per record, built with `+=` (V8 ropes make appends cheap; flattened once). Fails
 * as `recordsToCsv` does: a TypeError naming `columns` or the column, a RangeError for `count`.
 */
export function csvString(columns: RecordColumns, count?: number): string {
  return buildString(columns, checkedCount(columns, count));
}

/** The CSV lines as an array (for `join`), one string per record. */
export function csvLines(columns: RecordColumns, count?: number): string[] {
  const c = columns;
  const n = checkedCount(c, count);
  const t32 = new Uint32Array(c.timestamp.buffer, c.timestamp.byteOffset, n * 2);
  const lines = new Array<string>(n);
  for (let j = 0; j < n; j++) {
    lines[j] =
      `${timestampText(c.timestamp, t32, j)},${c.value[j]!},${c.id[j]!},${c.kind[j]!},${c.flags[j]!}\n`;
  }
  return lines;
}
