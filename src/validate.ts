/**
 * Argument checks for the JS twins. They throw the same error classes, with the same messages,
 * as the native bindings' checks in `crates/napi-args/` (shared by the library and lab
 * bindings), so both paths fail alike.
 */

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'a boolean';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'symbol':
      return 'a symbol';
    case 'bigint':
      return 'a bigint';
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}

function typeError(message: string): TypeError {
  const error = new TypeError(message);
  (error as TypeError & { code: string }).code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

function rangeError(message: string): RangeError {
  const error = new RangeError(message);
  (error as RangeError & { code: string }).code = 'ERR_OUT_OF_RANGE';
  return error;
}

/** True when `buffer` is a SharedArrayBuffer (by its intrinsic tag: works across realms). */
export function isShared(buffer: ArrayBufferLike): boolean {
  return Object.prototype.toString.call(buffer) === '[object SharedArrayBuffer]';
}

/**
 * True when `view`'s ArrayBuffer has been detached (moved or transferred away). Node 20 has no
 * `ArrayBuffer.prototype.detached`: a detached buffer has length 0 and throws on `slice`.
 */
export function isDetached(view: ArrayBufferView): boolean {
  if (view.byteLength !== 0) return false;
  // A SharedArrayBuffer cannot be detached, and V8 throws on slicing an empty one.
  if (isShared(view.buffer)) return false;
  try {
    view.buffer.slice(0, 0);
    return false;
  } catch {
    return true;
  }
}

/** True on a little-endian host: typed arrays then match the little-endian wire formats. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Symbol.toStringTag,
)!.get as (this: unknown) => string | undefined;

/** Checks that `value` is a Uint8Array (a Buffer or any view of one) over a live buffer. */
export function assertBytes(value: unknown, name: string): asserts value is Uint8Array {
  // The intrinsic tag getter cannot be spoofed by a subclass or a Proxy, and it is undefined for
  // a DataView; together with isView this is the cheapest exact check (about 8 ns). The error
  // is built out of line: V8 counts a callee's whole bytecode against its caller's inlining
  // budget, cold paths included (see `crc32Kernel` in checksum.ts).
  if (!ArrayBuffer.isView(value) || typedArrayTag.call(value) !== 'Uint8Array') notBytes(value, name, false);
  if ((value as Uint8Array).length === 0 && isDetached(value)) notBytes(value, name, true);
}

/** The TypeError `assertBytes` throws: `value` is detached, or not a Uint8Array at all. */
function notBytes(value: unknown, name: string, detached: boolean): never {
  if (detached) throw typeError(`${name} is backed by a detached ArrayBuffer`);
  throw typeError(
    ArrayBuffer.isView(value) && !(value instanceof DataView)
      ? `${name} must be a Uint8Array or Buffer, received another typed array`
      : `${name} must be a Uint8Array or Buffer, received ${describe(value)}`,
  );
}

export function assertNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') {
    throw typeError(`${name} must be a number, received ${describe(value)}`);
  }
  if (Number.isNaN(value)) {
    throw rangeError(`${name} must not be NaN`);
  }
}

/** The typed-array kinds the binding accepts, by their intrinsic `Symbol.toStringTag`. */
export type TypedArrayTag =
  | 'Uint8Array'
  | 'Int8Array'
  | 'Uint16Array'
  | 'Int16Array'
  | 'Uint32Array'
  | 'Int32Array'
  | 'Float32Array'
  | 'Float64Array'
  | 'BigUint64Array'
  | 'BigInt64Array';

interface TagToType {
  Uint8Array: Uint8Array;
  Int8Array: Int8Array;
  Uint16Array: Uint16Array;
  Int16Array: Int16Array;
  Uint32Array: Uint32Array;
  Int32Array: Int32Array;
  Float32Array: Float32Array;
  Float64Array: Float64Array;
  BigUint64Array: BigUint64Array;
  BigInt64Array: BigInt64Array;
}

const jsNames: Record<TypedArrayTag, string> = {
  Uint8Array: 'a Uint8Array or Buffer',
  Int8Array: 'an Int8Array',
  Uint16Array: 'a Uint16Array',
  Int16Array: 'an Int16Array',
  Uint32Array: 'a Uint32Array',
  Int32Array: 'an Int32Array',
  Float32Array: 'a Float32Array',
  Float64Array: 'a Float64Array',
  BigUint64Array: 'a BigUint64Array',
  BigInt64Array: 'a BigInt64Array',
};

/**
 * Checks that `value` is a typed array of kind `tag` over a live buffer, with the same messages
 * as the binding's `args::borrow::<T>` (crates/napi-args/src/typed_array.rs).
 */
export function assertTypedArray<K extends TypedArrayTag>(
  value: unknown,
  tag: K,
  name: string,
): asserts value is TagToType[K] {
  if (!ArrayBuffer.isView(value) || typedArrayTag.call(value) !== tag) {
    throw typeError(
      ArrayBuffer.isView(value) && !(value instanceof DataView)
        ? `${name} must be ${jsNames[tag]}, received another typed array`
        : `${name} must be ${jsNames[tag]}, received ${describe(value)}`,
    );
  }
  if ((value as TagToType[K]).length === 0 && isDetached(value)) {
    throw typeError(`${name} is backed by a detached ArrayBuffer`);
  }
}

/** The largest u32, the default upper bound of `u32InRange`. */
export const U32_MAX = 0xffff_ffff;

/**
 * The one integer-argument check: an integer from `min` to `max` (any u32 by default), with the
 * messages of the binding's `args::u32_in_range`. A missing value is a TypeError, NaN and
 * out-of-range values a RangeError.
 */
export function u32InRange(value: unknown, name: string, min = 0, max = U32_MAX): number {
  assertNumber(value, name);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw rangeError(`${name} must be an integer from ${min} to ${max}, received ${value}`);
  }
  // -0 passes as the integer 0 and is returned as +0, as the binding reads it (a u32 has no sign),
  // so that a result computed from it (encodeRecordArraysInto's count * 24) is +0 on both paths.
  return value === 0 ? 0 : value;
}

/** An optional u32 (`undefined` gives `fallback`). */
export function optionalU32(value: unknown, name: string, fallback: number): number {
  return value === undefined ? fallback : u32InRange(value, name);
}

/** An optional AbortSignal (`undefined` and `null` mean none). */
export function optionalSignal(value: unknown, name: string): AbortSignal | undefined {
  if (value === undefined || value === null) return undefined;
  let isSignal = false;
  try {
    // A Proxy's getPrototypeOf trap runs inside instanceof and may throw: report the argument.
    isSignal = value instanceof AbortSignal && typeof value.aborted === 'boolean';
  } catch {
    isSignal = false;
  }
  if (!isSignal) throw typeError(`${name} must be an AbortSignal, received ${describe(value)}`);
  return value as AbortSignal;
}

/** The error a cancelled async call rejects with: named `AbortError`, as the native one is. */
export function abortError(): Error {
  const error = new Error('AbortError');
  error.name = 'AbortError';
  (error as Error & { code: string }).code = 'Cancelled';
  return error;
}

export { rangeError, typeError };

/**
 * True when two views of one buffer share any byte (as the binding's `args::Extent`). Empty views
 * share nothing.
 */
function rangesOverlap(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return (
    a.byteLength !== 0 &&
    b.byteLength !== 0 &&
    a.byteOffset < b.byteOffset + b.byteLength &&
    b.byteOffset < a.byteOffset + a.byteLength
  );
}

/**
 * Throws a RangeError naming two of `views` that share bytes, as the binding refuses aliasing a
 * mutable borrow (empty views never overlap): every pair (argument order: the first pair that shares memory is
 * the one named), or with `firstOnly` on the pairs of `views[0]` with each other view. Each view's
 * `.buffer` is read once: V8 does not inline that getter, and reading it twice per pair was most
 * of the twin's `decodeRecordArraysInto` at one record (`node scripts/floor.mjs floor`).
 */
export function assertViewsDisjoint(
  views: readonly ArrayBufferView[],
  names: readonly string[],
  firstOnly = false,
): void {
  const buffers = views.map((v) => v.buffer);
  for (let a = 0; a < (firstOnly ? 1 : views.length); a++) {
    for (let b = a + 1; b < views.length; b++) {
      if (buffers[a] === buffers[b] && rangesOverlap(views[a]!, views[b]!)) {
        throw rangeError(`${names[a]} and ${names[b]} must not share memory`);
      }
    }
  }
}

/** An object argument (not `null`, not a primitive), e.g. a columns bag. */
export function assertObject(value: unknown, name: string): asserts value is object {
  if (typeof value !== 'object' || value === null) {
    throw typeError(`${name} must be an object, received ${describe(value)}`);
  }
}

/** An optional boolean (`undefined` gives `fallback`), as `args::optional_bool`. */
export function optionalBool(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw typeError(`${name} must be a boolean, received ${describe(value)}`);
  }
  return value;
}
