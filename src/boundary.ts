/**
 * `zero-copy/boundary`: the reference kernels for crossing Node-API without copies.
 *
 * - `countByte` borrows the caller's bytes ("borrow in").
 * - `xorIntoNew` returns a Buffer whose memory Rust allocated and moved to JS ("move out");
 *   `xorIntoNewCopy` is the same work with a copy on the way out, for comparison.
 */
import { native } from './native.js';
import { thresholds } from './thresholds.js';
import { assertBytes, rangeError, u32InRange } from './validate.js';

function jsCountByte(data: Uint8Array, byte: number): number {
  assertBytes(data, 'data');
  const needle = u32InRange(byte, 'byte', 0, 255);
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === needle) count++;
  return count;
}

function jsXorIntoNew(data: Uint8Array, key: Uint8Array): Buffer {
  assertBytes(data, 'data');
  assertBytes(key, 'key');
  if (key.length === 0) throw rangeError('key must not be empty');
  const out = Buffer.allocUnsafe(data.length);
  const k = key.length;
  if (k === 1) {
    const b = key[0]!;
    for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ b;
  } else {
    for (let i = 0, j = 0; i < data.length; i++, j = j + 1 === k ? 0 : j + 1) out[i] = data[i]! ^ key[j]!;
  }
  return out;
}

function jsNoop(): void {}

/** The JS twins of the boundary pattern's native functions. */
export const boundaryJs = {
  countByte: jsCountByte,
  xorIntoNew: jsXorIntoNew,
  xorIntoNewCopy: jsXorIntoNew,
  noop: jsNoop,
};

/** Counts the bytes of `data` equal to `byte` (0-255). */
export function countByte(data: Uint8Array, byte: number): number {
  if (native !== null && ArrayBuffer.isView(data) && data.length >= thresholds.countByteNativeMinBytes) {
    return native.countByte(data, byte);
  }
  return jsCountByte(data, byte);
}

/**
 * Returns a new Buffer with `data[i] ^ key[i % key.length]`. Natively the result is moved out of
 * Rust without a copy. `key` must not be empty (RangeError).
 */
export function xorIntoNew(data: Uint8Array, key: Uint8Array): Buffer {
  if (native !== null && ArrayBuffer.isView(data) && data.length >= thresholds.xorNativeMinBytes) {
    return native.xorIntoNew(data, key);
  }
  return jsXorIntoNew(data, key);
}
