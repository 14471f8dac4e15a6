/**
 * `ownership/release`: memory owned by native code, released deterministically (`close()`,
 * `using`) or by GC finalization. The JS twin of `NativeBlock` is backed by an ArrayBuffer, so
 * "closing" it only drops the reference; the GC still frees it.
 */
import { native } from './native.js';
import { optionalBool, rangeError, typeError, u32InRange } from './validate.js';
import { crc32Sync } from './checksum.js';

/** What `OwnedBlock` needs of a block, native or JS. */
interface Block {
  readonly byteLength: number;
  readonly closed: boolean;
  fill(byte: number): void;
  checksum(): number;
  close(): void;
}

/** `size` zero bytes, with the binding's RangeError when the allocator cannot provide them. */
function allocate(size: number): Uint8Array {
  try {
    return new Uint8Array(size);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw Object.assign(rangeError(`cannot allocate a block of ${size} bytes`), { cause });
  }
}

/** JS twin of the native `NativeBlock` class (same members, same errors). */
class JsNativeBlock implements Block {
  #data: Uint8Array | null;

  constructor(size: number, reportExternal?: boolean) {
    const n = u32InRange(size, 'size');
    // Stryker disable next-line BooleanLiteral: a default nobody reads: the twin checks the argument and discards its value; only the binding reports external memory (docs/mutants.md)
    optionalBool(reportExternal, 'reportExternal', true);
    this.#data = allocate(n);
  }

  get byteLength(): number {
    return this.#data?.length ?? 0;
  }

  get closed(): boolean {
    return this.#data === null;
  }

  fill(byte: number): void {
    const b = u32InRange(byte, 'byte', 0, 255);
    if (this.#data === null) throw typeError('NativeBlock is closed');
    this.#data.fill(b);
  }

  checksum(): number {
    if (this.#data === null) throw typeError('NativeBlock is closed');
    return crc32Sync(this.#data);
  }

  close(): void {
    this.#data = null;
  }
}

/** The JS twin of the release pattern's native class. */
export const releaseJs = {
  NativeBlock: JsNativeBlock,
};

/** Node 20 has `Symbol.dispose` (an alias of `Symbol.for('nodejs.dispose')`); older runtimes may not. */
const disposeSymbol: typeof Symbol.dispose =
  (Symbol as { dispose?: typeof Symbol.dispose }).dispose ??
  (Symbol.for('nodejs.dispose') as typeof Symbol.dispose);

/** Options for {@link OwnedBlock}. */
export interface OwnedBlockOptions {
  /**
   * Report the block's size to V8 as external memory (default true), so that the GC counts it.
   * Without the report, unclosed blocks are invisible to the GC's heuristics and pile up.
   */
  reportExternal?: boolean;
}

/**
 * A block of memory owned by native code (the JS twin without the binding), released
 * deterministically with `close()` or at the end of a `using` scope:
 *
 * ```ts
 * {
 *   using block = new OwnedBlock(1 << 20);
 *   block.fill(7);
 *   block.checksum();
 * } // freed here, not at some later GC
 * ```
 *
 * A block that is never closed is freed by its finalizer after the GC collects it. Use after
 * `close()` throws a TypeError; closing twice is a no-op.
 */
export class OwnedBlock implements Disposable {
  readonly #block: Block;

  constructor(size: number, options?: OwnedBlockOptions) {
    const report = options?.reportExternal;
    this.#block = native !== null ? new native.NativeBlock(size, report) : new JsNativeBlock(size, report);
  }

  /** Size in bytes (0 once closed). */
  get byteLength(): number {
    return this.#block.byteLength;
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#block.closed;
  }

  /** Sets every byte (0-255). */
  fill(byte: number): void {
    this.#block.fill(byte);
  }

  /** CRC-32 of the contents. */
  checksum(): number {
    return this.#block.checksum();
  }

  /** Frees the memory now. Idempotent. */
  close(): void {
    this.#block.close();
  }

  /** Same as `close()`, for `using`. */
  [disposeSymbol](): void {
    this.#block.close();
  }
}
