/**
 * `limits/memcpy` and `limits/bandwidth`: copy and read bandwidth, the references every
 * streaming kernel is reported against.
 */
import { assertBytes, optionalU32, rangeError } from '../../../src/validate.js';

function checkCopy(dst: Uint8Array, src: Uint8Array): void {
  assertBytes(dst, 'dst');
  assertBytes(src, 'src');
  if (dst.length !== src.length) {
    throw rangeError(`dst has ${dst.length} bytes but src has ${src.length}: they must be the same length`);
  }
}

function jsCopyBytes(dst: Uint8Array, src: Uint8Array): number {
  checkCopy(dst, src);
  // TypedArray#set copies as memmove does, so overlapping views of one buffer are safe.
  dst.set(src);
  return src.length;
}

/** The most passes one call may make (crates/lab/src/bandwidth.rs `MAX_PASSES`). */
const MAX_PASSES = 1 << 16;

/** `passes` (optional, default 1): a whole number from 1 to `MAX_PASSES`. */
function checkPasses(passes: number | undefined): number {
  const n = optionalU32(passes, 'passes', 1);
  if (n === 0 || n > MAX_PASSES) throw rangeError(`passes must be from 1 to ${MAX_PASSES}`);
  return n;
}

/** The twin of the repeated copies (memcpy, vector, streaming), which refuse views that share memory. */
function jsCopyDisjoint(dst: Uint8Array, src: Uint8Array, passes?: number): number {
  checkCopy(dst, src);
  if (
    dst.length > 0 &&
    dst.buffer === src.buffer &&
    dst.byteOffset < src.byteOffset + src.length &&
    src.byteOffset < dst.byteOffset + dst.length
  ) {
    throw rangeError('dst and src must not share memory');
  }
  for (let n = checkPasses(passes); n > 0; n--) dst.set(src);
  return src.length;
}

/** XOR of the little-endian 32-bit words of `data`, the last partial word zero-padded. */
function jsXorFold32Bytes(data: Uint8Array, passes?: number): number {
  assertBytes(data, 'data');
  checkPasses(passes);
  const whole = data.length >>> 2;
  let acc = 0;
  if ((data.byteOffset & 3) === 0) {
    const words = new Int32Array(data.buffer, data.byteOffset, whole);
    for (let i = 0; i < whole; i++) acc ^= words[i]!;
  } else {
    for (let i = 0; i < whole * 4; i += 4) {
      acc ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    }
  }
  for (let i = whole * 4; i < data.length; i++) acc ^= data[i]! << (8 * (i & 3));
  return acc >>> 0;
}

/**
 * Inverts every byte of `data` in place, `passes` times (an even count restores it); returns
 * the bytes one pass updates. The result depends only on the parity, so the twin inverts once
 * or not at all.
 */
function jsUpdateVectorBytes(data: Uint8Array, passes?: number): number {
  assertBytes(data, 'data');
  if (checkPasses(passes) % 2 === 1) for (let i = 0; i < data.length; i++) data[i] = ~data[i]! & 0xff;
  return data.length;
}

/** The JS twins of the limits pattern's native functions. */
export const limitsJs = {
  copyBytes: jsCopyBytes,
  copyMemcpyBytes: jsCopyDisjoint,
  copyVectorBytes: jsCopyDisjoint,
  copyStreamBytes: jsCopyDisjoint,
  xorFold32Bytes: jsXorFold32Bytes,
  updateVectorBytes: jsUpdateVectorBytes,
  /** JS states no vector width. */
  bandwidthVectorBits: (): number => 0,
};
