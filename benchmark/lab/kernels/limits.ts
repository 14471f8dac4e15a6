/**
 * `limits/memcpy`: copy bandwidth, the reference every streaming kernel is reported against.
 */
import { assertBytes, rangeError } from '../../../src/validate.js';

function jsCopyBytes(dst: Uint8Array, src: Uint8Array): number {
  assertBytes(dst, 'dst');
  assertBytes(src, 'src');
  if (dst.length !== src.length) {
    throw rangeError(`dst has ${dst.length} bytes but src has ${src.length}: they must be the same length`);
  }
  // TypedArray#set copies as memmove does, so overlapping views of one buffer are safe.
  dst.set(src);
  return src.length;
}

/** The JS twins of the limits pattern's native functions. */
export const limitsJs = {
  copyBytes: jsCopyBytes,
};
