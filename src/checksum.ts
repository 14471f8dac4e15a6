/**
 * `zero-copy/checksum`: CRC-32 (ISO-HDLC, as zlib) in three forms: the native binding, a
 * slicing-by-16 JS twin, and top-level functions that pick one per call by input size.
 */
import * as nodeZlib from 'node:zlib';

import { native } from './native.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import { abortError, assertBytes, LITTLE_ENDIAN, optionalSignal, optionalU32 } from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

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

/** Folds `n` bytes from `i` into `c` one byte at a time (heads, tails and short inputs). */
function crc32Bytes(data: Uint8Array, c: number, i: number, n: number): number {
  while (i < n) c = (c >>> 8) ^ T0[(c ^ data[i++]!) & 0xff]!;
  return c;
}

/**
 * Slicing-by-16 over aligned little-endian 32-bit words: 4 loads instead of 16 per block. This
 * is what puts the twin ahead of the `crc-32` package (630 vs 801 µs at 1 MiB in a 1M-byte
 * loop on this machine; see `zero-copy/checksum` for the suite's numbers).
 */
function crc32Slice16Words(words: Int32Array, c: number): number {
  for (let j = 0; j + 4 <= words.length; j += 4) {
    const a = words[j]! ^ c;
    const b = words[j + 1]!;
    const d = words[j + 2]!;
    const e = words[j + 3]!;
    c =
      T15[a & 0xff]! ^
      T14[(a >>> 8) & 0xff]! ^
      T13[(a >>> 16) & 0xff]! ^
      T12[a >>> 24]! ^
      T11[b & 0xff]! ^
      T10[(b >>> 8) & 0xff]! ^
      T9[(b >>> 16) & 0xff]! ^
      T8[b >>> 24]! ^
      T7[d & 0xff]! ^
      T6[(d >>> 8) & 0xff]! ^
      T5[(d >>> 16) & 0xff]! ^
      T4[d >>> 24]! ^
      T3[e & 0xff]! ^
      T2[(e >>> 8) & 0xff]! ^
      T1[(e >>> 16) & 0xff]! ^
      T0[e >>> 24]!;
  }
  return c;
}

/** Below this many bytes an Int32Array view costs more than it saves (`zero-copy/checksum`). */
const WORDS_MIN_BYTES = 256;

/**
 * The unchecked kernel: CRC-32 of `data` continuing from the u32 `initial`.
 *
 * The byte-sliced loop is written here rather than in a helper so that the kernel's bytecode
 * stays above V8's `max_inlined_bytecode_size` (460 bytes): TurboFan never inlines it into
 * `crc32Sync`, whose optimized code then stays small enough to inline, with the built-in it calls,
 * into its callers. When it inlined a 397-byte byte-slicing helper, a process that had run the
 * twin at 16 B spent its caller's inlining budget (920) on it, and Deno's `zlib.crc32` behind
 * `crc32Sync` ran as a call: 0.80-0.87x of a direct `zlib.crc32` at 256 B (a script timing the
 * two in interleaved rounds after 16 B, 64 B and 1 MiB calls; 1.01x with the budget raised).
 */
function crc32Kernel(data: Uint8Array, initial: number): number {
  const n = data.length;
  let c = ~initial | 0;
  let i = 0;
  // Stryker disable next-line BooleanLiteral: on a little-endian host `LITTLE_ENDIAN` only selects the byte path, which gives the same CRC (docs/mutants.md)
  if (n < WORDS_MIN_BYTES || !LITTLE_ENDIAN) {
    // Slicing-by-16 over bytes: 16 table lookups per 16 input bytes.
    for (; i + 16 <= n; i += 16) {
      c =
        T15[(data[i]! ^ c) & 0xff]! ^
        T14[(data[i + 1]! ^ (c >>> 8)) & 0xff]! ^
        T13[(data[i + 2]! ^ (c >>> 16)) & 0xff]! ^
        T12[data[i + 3]! ^ (c >>> 24)]! ^
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
    }
  } else {
    // Bytes up to a 4-byte boundary of the backing buffer, then whole 16-byte blocks as words.
    const head = (4 - (data.byteOffset & 3)) & 3;
    c = crc32Bytes(data, c, 0, head);
    const wordCount = ((n - head) >>> 4) << 2;
    c = crc32Slice16Words(new Int32Array(data.buffer, data.byteOffset + head, wordCount), c);
    i = head + wordCount * 4;
  }
  return ~crc32Bytes(data, c, i, n) >>> 0;
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
  // The signal first, as the binding reads it: its getters may detach `data`.
  const abort = optionalSignal(signal, 'signal');
  assertBytes(data, 'data');
  const start = optionalU32(initial, 'initial', 0);
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

// The binding's function, read once: loading `native.crc32Sync` through the module's import
// binding on every call went through V8's megamorphic keyed-load stub and cost ~50 ns a call
// at 1 KiB in `zero-copy/checksum` (found with `npm run profile`).
const nativeCrc32Sync = native?.crc32Sync;

/**
 * The runtime's own `zlib.crc32` (Node >= 20.15 and 22.2, Bun, Deno), or undefined where it is
 * missing.
 */
const builtinCrc32 = (nodeZlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * CRC-32 (ISO-HDLC, as zlib's `crc32`) of `data`, continuing from `initial` (default 0).
 *
 * From `thresholds.crc32BuiltinMinBytes` up to `thresholds.crc32OverBuiltinMinBytes` the runtime's
 * own `zlib.crc32` runs where it is the faster path, decided at load time by the runtime and the
 * CPU's CRC-32 instructions (`crc32BuiltinRange` in thresholds.ts: never on Node with the binding,
 * always on Bun, up to 2 KiB or 1 MiB on Deno, from 256 B on Node without the binding). Otherwise
 * inputs shorter than
 * `thresholds.crc32NativeMinBytes` run in JS, where a call costs less than the Node-API floor, and
 * longer ones run natively on borrowed bytes.
 */
export function crc32Sync(data: Uint8Array, initial?: number): number {
  // Kept small: V8 inlines a function into its caller only while the callee's bytecode and
  // everything inlined into it fit the caller's budget (see `crc32Kernel`), and the built-in is
  // only as fast as a direct call when this function is inlined with it. So `initial` is checked
  // here without `optionalU32` (a non-u32 goes on to the twin, which throws), and the twin is one
  // call to a function V8 does not inline. What is left on Deno (0.90-0.92x of zlib.crc32 at 256 B
  // in `zero-copy/checksum`) is the window test against cut-offs that can change at run time: the
  // same function testing the length against literal bounds (64 and 2048) before `instanceof` ran
  // at 0.99-1.00x, and against module constants, a `let` or this object at 0.88-0.92x (engine
  // variants of the case, two runs each, Deno 2.9, 2026-12-07). Literals would fix the window.
  // Stryker disable BlockStatement: route choice: built-in, binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (
    data instanceof Uint8Array &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: built-in, binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
    data.length < cutoffs.crc32OverBuiltinMinBytes &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: built-in, binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
    data.length >= cutoffs.crc32BuiltinMinBytes &&
    // An empty view may be detached, which zlib accepts: the twin's check throws for it.
    data.length !== 0 &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: built-in, binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
    builtinCrc32 !== undefined
  ) {
    // Without `initial` the built-in gets one argument, as a caller of zlib.crc32 passes it.
    if (initial === undefined) return builtinCrc32(data);
    if (typeof initial === 'number' && initial >>> 0 === initial) return builtinCrc32(data, initial);
  } else if (
    // `.length` rather than `.byteLength`: V8 inlines it for Buffer, which saves ~10 ns a call.
    ArrayBuffer.isView(data) &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: built-in, binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
    data.length >= cutoffs.crc32NativeMinBytes &&
    // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: built-in, binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
    nativeCrc32Sync !== undefined
  ) {
    // Omitting an undefined `initial` spares the binding a type check (~10 ns).
    return initial === undefined ? nativeCrc32Sync(data) : nativeCrc32Sync(data, initial);
  }
  // Stryker restore BlockStatement
  return jsCrc32Sync(data, initial);
}

/**
 * CRC-32 of `data` off the main thread (libuv pool) when the binding is loaded; resolves to
 * `crc32Sync(data, initial)`. Do not mutate `data` until the Promise settles: it is referenced,
 * not copied.
 *
 * Aborting `signal` rejects the Promise with an `AbortError` at once. Work still queued on the
 * pool is cancelled; work already running completes and its result is discarded.
 */
export function crc32(data: Uint8Array, initial?: number, signal?: AbortSignal | null): Promise<number> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (native === null) return jsCrc32(data, initial, signal);
  if (signal === undefined || signal === null) return native.crc32(data, initial);
  return abortable(native.crc32(data, initial, signal), signal);
}

/** Settles with `work`, or rejects with an AbortError as soon as `signal` aborts. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(abortError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
