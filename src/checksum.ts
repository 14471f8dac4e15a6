/**
 * `zero-copy/checksum`: CRC-32 (ISO-HDLC, as zlib) in three forms: the native binding, a
 * slicing-by-16 JS twin, and top-level functions that pick one per call by input size.
 */
import { native } from './native.js';
import { thresholds } from './thresholds.js';
import { abortError, assertBytes, optionalSignal, optionalU32 } from './validate.js';

const POLY = 0xedb88320;

/**
 * Sixteen 256-entry tables for slicing-by-16: table k gives the CRC of a byte followed by k zero
 * bytes, so 16 input bytes fold into the CRC with 16 independent lookups.
 */
function makeTables(): Int32Array[] {
  const all = new Int32Array(256 * 16);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    all[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = all[n]!;
    for (let k = 1; k < 16; k++) {
      c = (c >>> 8) ^ all[c & 0xff]!;
      all[k * 256 + n] = c;
    }
  }
  return Array.from({ length: 16 }, (_, k) => all.subarray(k * 256, (k + 1) * 256));
}

const [T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15] = makeTables() as [
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
];

/** The unchecked slicing-by-16 kernel (`initial` is a u32). */
function crc32Kernel(data: Uint8Array, initial: number): number {
  let c = ~initial | 0;
  const n = data.length;
  let i = 0;
  const end = n - 15;
  while (i < end) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c =
      T15[c & 0xff]! ^
      T14[(c >>> 8) & 0xff]! ^
      T13[(c >>> 16) & 0xff]! ^
      T12[c >>> 24]! ^
      T11[data[i + 4]!]! ^
      T10[data[i + 5]!]! ^
      T9[data[i + 6]!]! ^
      T8[data[i + 7]!]! ^
      T7[data[i + 8]!]! ^
      T6[data[i + 9]!]! ^
      T5[data[i + 10]!]! ^
      T4[data[i + 11]!]! ^
      T3[data[i + 12]!]! ^
      T2[data[i + 13]!]! ^
      T1[data[i + 14]!]! ^
      T0[data[i + 15]!]!;
    i += 16;
  }
  while (i < n) c = (c >>> 8) ^ T0[(c ^ data[i++]!) & 0xff]!;
  return ~c >>> 0;
}

/** JS twin of the native `crc32Sync`. */
function jsCrc32Sync(data: Uint8Array, initial?: number): number {
  assertBytes(data, 'data');
  return crc32Kernel(data, optionalU32(initial, 'initial', 0));
}

/**
 * JS twin of the native `crc32`. JS cannot leave the main thread, so the work runs in a
 * microtask; an already-aborted signal rejects with an `AbortError` before any work.
 */
function jsCrc32(data: Uint8Array, initial?: number, signal?: AbortSignal | null): Promise<number> {
  assertBytes(data, 'data');
  const start = optionalU32(initial, 'initial', 0);
  const abort = optionalSignal(signal, 'signal');
  return Promise.resolve().then(() => {
    if (abort?.aborted) throw abortError();
    return crc32Kernel(data, start);
  });
}

/** The JS twins of the checksum pattern's native functions. */
export const checksumJs = {
  crc32Sync: jsCrc32Sync,
  crc32: jsCrc32,
};

/**
 * CRC-32 (ISO-HDLC, as zlib's `crc32`) of `data`, continuing from `initial` (default 0).
 *
 * Inputs shorter than `thresholds.crc32NativeMinBytes` run in JS, where a call costs less than
 * the Node-API floor; longer ones run natively on borrowed bytes.
 */
export function crc32Sync(data: Uint8Array, initial?: number): number {
  if (native !== null && ArrayBuffer.isView(data) && data.byteLength >= thresholds.crc32NativeMinBytes) {
    return native.crc32Sync(data, initial);
  }
  return jsCrc32Sync(data, initial);
}

/**
 * CRC-32 of `data` off the main thread (libuv pool) when the binding is loaded; resolves to
 * `crc32Sync(data, initial)`. Do not mutate `data` until the Promise settles: it is referenced,
 * not copied. An aborted `signal` rejects with an `AbortError` if the work has not started.
 */
export function crc32(data: Uint8Array, initial?: number, signal?: AbortSignal | null): Promise<number> {
  if (native === null) return jsCrc32(data, initial, signal);
  if (signal?.aborted === true) {
    // Validate first, so that bad arguments still throw rather than reject.
    assertBytes(data, 'data');
    optionalU32(initial, 'initial', 0);
    return Promise.reject(abortError());
  }
  return native.crc32(data, initial, signal);
}
