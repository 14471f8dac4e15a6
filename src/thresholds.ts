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
   * Records from which the record codec calls the binding. Set by `zero-copy/records`: at 100
   * records native decodes in place in 0.6 µs vs 3.5 µs for the JS twin (2 cores, loaded).
   */
  recordsNativeMinRecords: number;
  /**
   * Records from which `recordsToCsv` calls the binding. Set by `zero-copy/string-building`
   * (native 1.5x faster already at 100 records).
   */
  csvNativeMinRecords: number;
  /**
   * Bytes from which `isUtf8` calls the binding. Set by `zero-copy/utf8`: at 100 bytes native
   * and the JS scan are within noise (0.43 vs 0.52 µs).
   */
  utf8NativeMinBytes: number;
  /**
   * Bytes from which `lineOffsets` calls the binding. Set by `zero-copy/lines`: native 1.1 µs vs
   * 2.0 µs for the JS scan at 100 bytes.
   */
  linesNativeMinBytes: number;
}

export const thresholds: Thresholds = {
  crc32NativeMinBytes: 64,
  countByteNativeMinBytes: 64,
  xorNativeMinBytes: 64,
  recordsNativeMinRecords: 16,
  csvNativeMinRecords: 8,
  utf8NativeMinBytes: 64,
  linesNativeMinBytes: 64,
};
