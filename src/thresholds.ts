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
   * running inline. Set by `concurrency/work-distribution` (`rust_inspired`, the piscina pool,
   * vs `traditional`, one JS thread): the pool lost up to 4 MiB (0.90x at 4 MiB, interleaved
   * runs), tied at 16 MiB (1.01x) and won from 64 MiB (1.29x) on the shared 2-core machine under
   * load (2026-11-24). A pool round trip costs ~40-130 µs, so a quiet machine should move this
   * down; rerun the case before trusting it.
   */
  parallelMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` uses rayon across every core rather than one
   * native thread. Set by `concurrency/work-distribution` (`native-rayon` vs `native`): 1.8x at
   * 1 MiB in the first quick run, while below one 8,192-element block rayon has nothing to split.
   */
  rayonMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` calls the binding. Set by
   * `concurrency/work-distribution` (`native` vs `traditional`): native won from the smallest
   * size, 1 KiB (2.3 vs 3.2 µs), and by ~1.3x from 16 KiB up.
   */
  sumSquaresNativeMinElements: number;
}

export const thresholds: Thresholds = {
  crc32NativeMinBytes: 64,
  countByteNativeMinBytes: 64,
  xorNativeMinBytes: 64,
  parallelMinElements: 2_097_152,
  rayonMinElements: 131_072,
  sumSquaresNativeMinElements: 128,
};
