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
}

export const thresholds: Thresholds = {
  crc32NativeMinBytes: 64,
  countByteNativeMinBytes: 64,
  xorNativeMinBytes: 64,
};
