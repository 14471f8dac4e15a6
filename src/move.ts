/**
 * `ownership/move`: Rust's move semantics for ArrayBuffer-backed views. `move(view)` transfers
 * the memory to a new view and detaches the source (its `byteLength` becomes 0), so exactly
 * one owner can touch the bytes afterwards. It never copies: where a transfer is impossible it
 * throws a TypeError.
 */
import { isDetached, typeError } from './validate.js';

type View = ArrayBufferView;

const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Symbol.toStringTag,
)!.get as (this: unknown) => string | undefined;

/**
 * Brand checks that work across realms (a view made in a `vm` context or another frame has that
 * realm's `ArrayBuffer` and `DataView`, so `instanceof` is false for it): a built-in getter
 * throws on any object without its internal slots, whatever the object's realm.
 */
function brand<T>(proto: object, key: string): (value: unknown) => value is T {
  const get = Object.getOwnPropertyDescriptor(proto, key)!.get!;
  return (value): value is T => {
    try {
      get.call(value);
      // Stryker disable BlockStatement: the catch block below emptied returns undefined for false, falsy where it is read (docs/mutants.md)
      return true;
    } catch {
      // Stryker restore BlockStatement
      return false;
    }
  };
}

/** True for an ArrayBuffer of any realm; false for a SharedArrayBuffer. */
const isArrayBuffer = brand<ArrayBuffer>(ArrayBuffer.prototype, 'byteLength');
/** True for a DataView of any realm (its `buffer` getter, which a detached view still has). */
const isDataView = brand<DataView>(DataView.prototype, 'buffer');

const constructors: Record<string, new (buffer: ArrayBuffer) => View> = {
  Uint8Array,
  Uint8ClampedArray,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigUint64Array,
  BigInt64Array,
};
// Float16Array (Node 24+, Bun), where the runtime has it.
const float16 = (globalThis as { Float16Array?: new (buffer: ArrayBuffer) => View }).Float16Array;
if (float16 !== undefined) constructors.Float16Array = float16;

/**
 * Transfers `view`'s memory to a new view of the same kind (a Buffer stays a Buffer) and
 * detaches the source, like a Rust move: O(1) at any size, no copy.
 *
 * Throws a TypeError, and leaves the source untouched, when the memory cannot move:
 * - the view covers only part of its ArrayBuffer (e.g. a small `Buffer.from`/`allocUnsafe`
 *   from Node's shared 8 KiB pool; moving would steal the other bytes too);
 * - the buffer is a SharedArrayBuffer, or already detached;
 * - the ArrayBuffer is untransferable, such as an external buffer created by a native addon:
 *   Node 20's `structuredClone` silently copies those, so `move` checks that the source really
 *   detached and throws otherwise (the copy is discarded, never returned); Node 22+ and Bun
 *   throw a DataCloneError, which `move` turns into the same TypeError.
 *
 * A view from another realm (a `vm` context, a browser frame) moves like any other: its
 * ArrayBuffer is transferred (the source detaches) and the new view, of the same kind, belongs
 * to the realm that runs `move`.
 */
export function move<T extends View>(view: T): T {
  if (!ArrayBuffer.isView(view)) {
    throw typeError('view must be a TypedArray, Buffer or DataView');
  }
  const buffer = view.buffer;
  if (!isArrayBuffer(buffer)) {
    throw typeError('cannot move a view of a SharedArrayBuffer: its memory is shared, not owned');
  }
  if (view.byteOffset !== 0 || view.byteLength !== buffer.byteLength) {
    throw typeError(
      `cannot move a view of ${view.byteLength} bytes at offset ${view.byteOffset} of a ${buffer.byteLength}-byte ArrayBuffer: ` +
        "it does not own the whole buffer (small Buffers come from Node's shared pool); " +
        'allocate with Buffer.allocUnsafeSlow or new Uint8Array to move it',
    );
  }
  const size = buffer.byteLength;
  if (isDetached(view)) throw typeError('cannot move a view of a detached ArrayBuffer: it was already moved');
  const untransferable = (): TypeError =>
    typeError(
      'cannot move this ArrayBuffer: it is untransferable (e.g. external memory owned by a native addon), ' +
        'and a transfer would silently copy it',
    );
  // The kind of the new view is settled before the transfer, so that a view `move` cannot
  // rebuild (a typed array kind newer than this table) is refused with its source intact.
  const make = maker(view);
  let moved: ArrayBuffer;
  try {
    moved = structuredClone(buffer, { transfer: [buffer] });
  } catch (e) {
    // Node 22+ and Bun refuse untransferable buffers with a DataCloneError (Node 20 copies them,
    // which the check below catches); either way the source is left intact.
    if ((e as { name?: unknown }).name === 'DataCloneError') throw untransferable();
    throw e;
  }
  if (buffer.byteLength !== 0 || (size !== 0 && moved.byteLength !== size)) throw untransferable();
  return make(moved) as T;
}

/** How to rebuild a view of `view`'s kind on a moved ArrayBuffer (this realm's constructors). */
function maker(view: View): (moved: ArrayBuffer) => View {
  if (Buffer.isBuffer(view)) return (moved) => Buffer.from(moved);
  if (isDataView(view)) return (moved) => new DataView(moved);
  // Stryker disable next-line StringLiteral: unreachable on Node 20: the tag getter names every view that is not a DataView (docs/mutants.md)
  const tag = typedArrayTag.call(view) ?? '';
  const Ctor = constructors[tag];
  // Stryker disable next-line StringLiteral: unreachable on Node 20: every typed array kind it has is in the table (docs/mutants.md)
  if (Ctor === undefined) throw typeError(`cannot move a ${tag}: this runtime has no constructor for it`);
  return (moved) => new Ctor(moved);
}

/** True when `view`'s ArrayBuffer has been detached (moved away): a moved-from value. */
export function isMoved(view: View): boolean {
  return isDetached(view);
}
