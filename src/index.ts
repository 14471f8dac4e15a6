/**
 * rust-patterns: Rust's performance patterns for Node, each with a native (napi-rs) form and a
 * pure-JS twin that gives identical results.
 */
import { boundaryJs } from './boundary.js';
import { checksumJs } from './checksum.js';
import { linesJs } from './lines.js';
import { recordsJs } from './records.js';
import { releaseJs } from './release.js';
import { stringBuildingJs } from './string-building.js';
import { utf8Js } from './utf8.js';
import { limitsJs } from './limits.js';
import type { NativeBinding } from './native.js';

export { implementation, loadError, native } from './native.js';
export type { Implementation, NativeBinding } from './native.js';
export { crc32, crc32Sync } from './checksum.js';
export { countByte, xorIntoNew } from './boundary.js';
export { thresholds } from './thresholds.js';
export {
  allocColumns,
  decodeRecords,
  decodeRecordsInto,
  encodeRecords,
  encodeRecordsInto,
  RECORD_LAYOUT,
  RECORD_SIZE,
} from './records.js';
export type { RecordColumns } from './records.js';
export { csvLines, csvString, recordsToCsv } from './string-building.js';
export { isUtf8, utf8ValidUpTo } from './utf8.js';
export { lineOffsets, lineViews } from './lines.js';
export { OwnedBlock } from './release.js';
export type { OwnedBlockOptions } from './release.js';
export { isMoved, move } from './move.js';
export type { Thresholds } from './thresholds.js';

/** Names the CRC-32 code path this CPU takes natively, or "js" without the binding. */
export { simdLevel } from './info.js';

/**
 * The pure-JS twin of every native function, with the binding's exact signatures (checked at
 * compile time below), so `js.crc32Sync(x)` and `native.crc32Sync(x)` are interchangeable.
 */
export const js = {
  ...checksumJs,
  ...boundaryJs,
  ...recordsJs,
  ...stringBuildingJs,
  ...utf8Js,
  ...linesJs,
  ...releaseJs,
  ...limitsJs,
  simdLevel: (): string => 'js',
} satisfies Omit<NativeBinding, '__napiBindingTarget'>;
