/**
 * `allocation/buffer-reuse`: frame a stream of records as `u32 BE length ++ hex(record)` and
 * fold the frames into an FNV-1a digest (standing in for writing them to a socket). The twins
 * differ only in where each frame's bytes live: one reused scratch buffer, or a new Buffer per
 * frame.
 */
import { assertBytes, u32InRange } from '../../../src/validate.js';

/** The largest record whose hex length fits the u32 prefix (as `MAX_RECORD_SIZE` in Rust). */
export const MAX_RECORD_SIZE = 0x7fffffff;
/** The FNV-1a offset basis: the digest of no frames. */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Writes the frame of `data[start, end)` at `out[0..]` and returns its length. `out` must hold
 * `4 + 2 * (end - start)` bytes.
 */
export function writeFrame(data: Uint8Array, start: number, end: number, out: Uint8Array): number {
  const hexLength = (end - start) * 2;
  out[0] = hexLength >>> 24;
  out[1] = (hexLength >>> 16) & 0xff;
  out[2] = (hexLength >>> 8) & 0xff;
  out[3] = hexLength & 0xff;
  let j = 4;
  for (let i = start; i < end; i++) {
    const byte = data[i]!;
    out[j++] = HEX[byte >>> 4]!;
    out[j++] = HEX[byte & 15]!;
  }
  return j;
}

/** Folds `frame[0, length)` into the running FNV-1a digest `hash`. */
export function fnv1a(hash: number, frame: Uint8Array, length: number): number {
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ frame[i]!, FNV_PRIME);
  return hash;
}

/** One scratch buffer per thread (module instance), grown to the largest frame seen. */
let scratch = Buffer.allocUnsafeSlow(256);

function jsFrameHexDigestSync(data: Uint8Array, recordSize: number): number {
  assertBytes(data, 'data');
  const size = u32InRange(recordSize, 'recordSize', 1, MAX_RECORD_SIZE);
  let hash = FNV_OFFSET;
  for (let start = 0; start < data.length; start += size) {
    const end = Math.min(start + size, data.length);
    const need = 4 + (end - start) * 2;
    if (scratch.length < need) scratch = Buffer.allocUnsafeSlow(Math.max(need, scratch.length * 2));
    hash = fnv1a(hash, scratch, writeFrame(data, start, end, scratch));
  }
  return hash >>> 0;
}

function jsFrameHexDigestFreshSync(data: Uint8Array, recordSize: number): number {
  assertBytes(data, 'data');
  const size = u32InRange(recordSize, 'recordSize', 1, MAX_RECORD_SIZE);
  let hash = FNV_OFFSET;
  for (let start = 0; start < data.length; start += size) {
    const end = Math.min(start + size, data.length);
    const frame = Buffer.alloc(4 + (end - start) * 2);
    hash = fnv1a(hash, frame, writeFrame(data, start, end, frame));
  }
  return hash >>> 0;
}

/** The JS twins of the buffer-reuse pattern's native functions. */
export const bufferReuseJs = {
  frameHexDigestSync: jsFrameHexDigestSync,
  frameHexDigestFreshSync: jsFrameHexDigestFreshSync,
};
