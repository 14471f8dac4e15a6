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
  /** Records from which the record codec calls the binding. Set by `zero-copy/records`. */
  recordsNativeMinRecords: number;
  /** Records from which `recordsToCsv` calls the binding. Set by `zero-copy/string-building`. */
  csvNativeMinRecords: number;
  /** Bytes from which `isUtf8` calls the binding. Set by `zero-copy/utf8`. */
  utf8NativeMinBytes: number;
  /** Bytes from which `lineOffsets` calls the binding. Set by `zero-copy/lines`. */
  linesNativeMinBytes: number;
}

export const thresholds: Thresholds = {
  crc32NativeMinBytes: 64,
  countByteNativeMinBytes: 64,
  xorNativeMinBytes: 64,
  recordsNativeMinRecords: 16,
  csvNativeMinRecords: 8,
  utf8NativeMinBytes: 64,
  linesNativeMinBytes: 256,
};
