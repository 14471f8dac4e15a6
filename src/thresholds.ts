/**
 * Size cut-offs for the top-level functions that choose between JS and native per call.
 *
 * Each value names the benchmark that set it; rerun that case with
 * `npm run bench -- --only <id>` on a new machine to check it.
 */
export interface Thresholds {
  /**
   * Bytes from which `crc32Sync` calls the binding. Set by `zero-copy/checksum`: below it the
   * JS twin beats the Node-API call floor.
   */
  crc32NativeMinBytes: number;
  /** Bytes from which `countByte` calls the binding. Set by `zero-copy/boundary`. */
  countByteNativeMinBytes: number;
  /** Bytes from which `xorIntoNew` calls the binding. Set by `zero-copy/boundary`. */
  xorNativeMinBytes: number;
  /**
   * Float64 elements from which `parallelMap` / `parallelReduce` use the worker pool instead of
   * running inline. Set by `concurrency/work-distribution` (the size where the piscina form
   * first beats the one-thread JS form).
   */
  parallelMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` uses rayon across every core rather than one
   * native thread. Set by `concurrency/work-distribution` (native-rayon vs native).
   */
  rayonMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` calls the binding. Set by
   * `concurrency/work-distribution` (native vs traditional at the smallest sizes).
   */
  sumSquaresNativeMinElements: number;
}

export const thresholds: Thresholds = {
  crc32NativeMinBytes: 64,
  countByteNativeMinBytes: 64,
  xorNativeMinBytes: 64,
  parallelMinElements: 262_144,
  rayonMinElements: 65_536,
  sumSquaresNativeMinElements: 16,
};
