/**
 * rust-patterns: Rust's performance patterns for Node, each with a native (napi-rs) form and a
 * pure-JS twin that gives identical results.
 */
import { boundaryJs } from './boundary.js';
import { checksumJs } from './checksum.js';
import { nativeOffloadJs } from './native-offload.js';
import { concurrencyJs } from './concurrency.js';
import { linesJs } from './lines.js';
import { recordsJs } from './records.js';
import { releaseJs } from './release.js';
import { stringBuildingJs } from './string-building.js';
import { utf8Js } from './utf8.js';
import type { NativeBinding } from './native.js';

export { implementation, loadError, native } from './native.js';
export type { Implementation, NativeBinding } from './native.js';
export { crc32, crc32Sync } from './checksum.js';
export { countByte } from './boundary.js';
export {
  closeParallelPool,
  parallelMap,
  parallelReduce,
  parallelStats,
  PARALLEL_BLOCK,
  sharedFloat64Array,
  sumSquaresSync,
  transferable,
} from './concurrency.js';
export type {
  Combine,
  MapKernelName,
  ModuleKernel,
  ParallelMapOptions,
  ParallelReduceOptions,
  ParallelStats,
  ReduceKernelName,
} from './concurrency.js';
export { thresholds } from './thresholds.js';
export { crc32Batch, crc32BatchSync, crc32Packed, packInputs } from './native-offload.js';
export { mapConcurrent } from './map-concurrent.js';
export type { MapConcurrentOptions } from './map-concurrent.js';
export { runChunked, yieldToEventLoop } from './scheduling.js';
export type { RunChunkedOptions } from './scheduling.js';
export { BufferLease, BufferPool } from './buffer-pool.js';
export type { BufferPoolOptions, BufferPoolStats } from './buffer-pool.js';
export { ObjectPool } from './object-pool.js';
export type { ObjectPoolOptions, ObjectPoolStats } from './object-pool.js';
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
export { recordsToCsv } from './string-building.js';
export { isUtf8, isUtf8Route, utf8SimdLevel, utf8ValidUpTo } from './utf8.js';
export { lineOffsets, lineViews } from './lines.js';
export { OwnedBlock } from './release.js';
export type { OwnedBlockOptions } from './release.js';
export { isMoved, move } from './move.js';
export type { Thresholds } from './thresholds.js';
export { configureThresholds, defaultThresholds } from './thresholds.js';

/** Names the CRC-32 code path this CPU takes natively, or "js" without the binding. */
export { simdLevel } from './info.js';

/**
 * The pure-JS twin of every native function, with the binding's exact signatures (checked at
 * compile time below), so `js.crc32Sync(x)` and `native.crc32Sync(x)` are interchangeable. Both
 * list library functions only: the kernels that exist only to be timed live in the lab binding
 * (`crates/lab`, `benchmark/lab/`), which the package does not ship.
 */
export const js = {
  ...checksumJs,
  ...boundaryJs,
  ...nativeOffloadJs,
  ...concurrencyJs,
  ...recordsJs,
  ...stringBuildingJs,
  ...utf8Js,
  ...linesJs,
  ...releaseJs,
  simdLevel: (): string => 'js',
} satisfies Omit<NativeBinding, '__napiBindingTarget'>;

// tsc's CommonJS output defines each re-export above as a getter over a property it first set to
// undefined, and V8 keeps an object whose data properties became accessors in dictionary mode:
// every `rp.isUtf8(b)`, and every `(0, rp_1.isUtf8)(b)` that tsc emits for a named import, then
// paid a dictionary lookup and a getter call: `rp.isUtf8(b)` at 100 B took 1.37-1.57x the time of
// `buffer.isUtf8(b)`, against 1.05-1.09x once the object is plain (interleaved loops, Node 20).
// The same values as plain data properties are fast (__test__/exports.spec.ts probes it). Only
// the CommonJS build has a `module` here (the ESM entry re-exports these bindings by name).
if (typeof module === 'object' && module !== null && module.exports === exports) {
  module.exports = Object.defineProperty({ ...exports }, '__esModule', { value: true });
}
