/**
 * `async/native-offload`: many CRC-32 inputs in one call. The JS twins give the same
 * Uint32Array as the binding's `crc32BatchSync`, `crc32Batch` and `crc32BatchParallel`; the
 * top-level `crc32Batch` sends the whole list to the libuv pool as ONE task when the binding is
 * loaded, so a thousand tiny checksums pay one hop instead of a thousand.
 */
import { abortable, checksumJs } from './checksum.js';
import { native } from './native.js';
import {
  abortError,
  assertBytes,
  assertTypedArray,
  optionalSignal,
  rangeError,
  typeError,
} from './validate.js';

/** Checks `inputs` as the binding does: an array whose every element is a Uint8Array. */
function assertByteList(inputs: unknown): asserts inputs is Uint8Array[] {
  if (!Array.isArray(inputs)) throw typeError('inputs must be an array of Uint8Array');
  for (let i = 0; i < inputs.length; i++) assertBytes(inputs[i], `inputs[${i}]`);
}

function batchKernel(inputs: readonly Uint8Array[]): Uint32Array {
  const out = new Uint32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = checksumJs.crc32Sync(inputs[i]!);
  return out;
}

/** JS twin of the native `crc32BatchSync`. */
function jsCrc32BatchSync(inputs: Uint8Array[]): Uint32Array {
  assertByteList(inputs);
  return batchKernel(inputs);
}

/**
 * JS twin of the native `crc32Batch`. JS cannot leave the main thread, so the work runs in one
 * microtask; an already-aborted signal rejects with an `AbortError` before any work.
 */
function jsCrc32Batch(inputs: Uint8Array[], signal?: AbortSignal | null): Promise<Uint32Array> {
  const abort = optionalSignal(signal, 'signal');
  assertByteList(inputs);
  return Promise.resolve().then(() => {
    if (abort?.aborted) throw abortError();
    return batchKernel(inputs);
  });
}

/** Checks a packed batch as the binding does (same classes and messages). */
function assertPacked(data: unknown, ends: unknown): asserts ends is Uint32Array {
  assertBytes(data, 'data');
  assertTypedArray(ends, 'Uint32Array', 'ends');
  let previous = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    if (end < previous) throw rangeError(`ends[${i}] must not be smaller than the end before it`);
    if (end > data.length) throw rangeError(`ends[${i}] must not exceed data.length`);
    previous = end;
  }
}

function packedKernel(data: Uint8Array, ends: Uint32Array): Uint32Array {
  const out = new Uint32Array(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = checksumJs.crc32Sync(data.subarray(start, ends[i]!));
    start = ends[i]!;
  }
  return out;
}

/** JS twin of the native `crc32PackedSync`. */
function jsCrc32PackedSync(data: Uint8Array, ends: Uint32Array): Uint32Array {
  assertPacked(data, ends);
  return packedKernel(data, ends);
}

/** JS twin of the native `crc32Packed` (one microtask; see `jsCrc32Batch`). */
function jsCrc32Packed(
  data: Uint8Array,
  ends: Uint32Array,
  signal?: AbortSignal | null,
): Promise<Uint32Array> {
  const abort = optionalSignal(signal, 'signal');
  assertPacked(data, ends);
  // Copied at the call, as the binding does: the ranges used are the ones checked.
  const held = ends.slice();
  return Promise.resolve().then(() => {
    if (abort?.aborted) throw abortError();
    return packedKernel(data, held);
  });
}

/** The JS twins of the native-offload pattern's native functions. */
export const nativeOffloadJs = {
  crc32BatchSync: jsCrc32BatchSync,
  crc32Batch: jsCrc32Batch,
  // One thread is all JS has: the parallel form's twin is the sequential one.
  crc32BatchParallel: jsCrc32Batch,
  crc32PackedSync: jsCrc32PackedSync,
  crc32Packed: jsCrc32Packed,
};

/**
 * Packs a list of byte arrays into one buffer and the end offset of each, the layout
 * `crc32Packed` takes. Copies every byte once: worth it when the same list is sent more than
 * once, or when the producer can write into one buffer in the first place.
 */
export function packInputs(inputs: readonly Uint8Array[]): { data: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(inputs.length);
  let total = 0;
  for (let i = 0; i < inputs.length; i++) ends[i] = total += inputs[i]!.length;
  const data = new Uint8Array(total);
  for (let i = 0; i < inputs.length; i++) data.set(inputs[i]!, i === 0 ? 0 : ends[i - 1]!);
  return { data, ends };
}

/**
 * CRC-32 of every input, in order, blocking the calling thread: natively on borrowed bytes when
 * the binding is loaded (one Node-API call for the whole list), else in JS.
 */
export function crc32BatchSync(inputs: Uint8Array[]): Uint32Array {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: binding or twin, same result and errors (parity suites), only speed differs (docs/mutants.md)
  return native === null ? jsCrc32BatchSync(inputs) : native.crc32BatchSync(inputs);
}

/**
 * CRC-32 of every input, computed off the main thread in ONE libuv task when the binding is
 * loaded. Prefer it to `Promise.all(inputs.map(crc32))`: each libuv task costs a hop of several
 * µs, which dwarfs a checksum of a few hundred bytes (`async/native-offload`). The inputs are
 * referenced, not copied: do not mutate them until the Promise settles. Aborting `signal`
 * rejects with an `AbortError` at once: a queued task is cancelled, a running one completes and
 * its result is discarded.
 */
export function crc32Batch(inputs: Uint8Array[], signal?: AbortSignal | null): Promise<Uint32Array> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: binding or twin, same result and errors (parity suites), only speed differs (docs/mutants.md)
  if (native === null) return jsCrc32Batch(inputs, signal);
  // Stryker disable next-line BlockStatement: an aborted signal on the binding's route: abortable() rejects with the same AbortError, and the binding validates synchronously with the same errors (docs/mutants.md)
  if (signal?.aborted === true) {
    // Validate first, so that bad arguments still throw rather than reject.
    assertByteList(inputs);
    return Promise.reject(abortError());
  }
  return signal ? abortable(native.crc32Batch(inputs, signal), signal) : native.crc32Batch(inputs);
}

/**
 * CRC-32 of every range `data[ends[i - 1]..ends[i]]` (the first from 0), in one libuv task when
 * the binding is loaded. The struct-of-arrays form of `crc32Batch`: two typed arrays cross the
 * boundary whatever the number of inputs, so the per-input cost is the checksum alone (see
 * `async/native-offload`). `data` is referenced, not copied: do not mutate it until the Promise
 * settles. `ends` is copied at the call (4 bytes an input), so reusing it at once is safe. Bad
 * `ends` throw a RangeError. Aborting `signal` rejects at once, as for
 * `crc32Batch`.
 */
export function crc32Packed(
  data: Uint8Array,
  ends: Uint32Array,
  signal?: AbortSignal | null,
): Promise<Uint32Array> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: binding or twin, same result and errors (parity suites), only speed differs (docs/mutants.md)
  if (native === null) return jsCrc32Packed(data, ends, signal);
  // Stryker disable next-line BlockStatement: an aborted signal on the binding's route: abortable() rejects with the same AbortError, and the binding validates synchronously with the same errors (docs/mutants.md)
  if (signal?.aborted === true) {
    assertPacked(data, ends);
    return Promise.reject(abortError());
  }
  return signal ? abortable(native.crc32Packed(data, ends, signal), signal) : native.crc32Packed(data, ends);
}
