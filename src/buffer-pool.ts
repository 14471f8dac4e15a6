/**
 * `BufferPool`: reusable byte buffers in power-of-two size classes, handed out as leases.
 *
 * Why: a `Buffer.alloc` per message costs an allocation, a zero-fill and, for large buffers,
 * external-memory pressure that triggers GC. A pool pays those once per slab. The price is
 * discipline: a buffer must not be used after its lease is released. What is enforced:
 * - a lease's `buffer` getter throws once the lease is released;
 * - releasing a lease twice throws (`ERR_INVALID_STATE`), so a slab enters the free list at most
 *   once and is never leased to two holders at the same time;
 * - with `detachOnRelease: true`, the released slab's memory is moved to a new ArrayBuffer
 *   (a `structuredClone` transfer, no copy), so every saved reference to the old `buffer` reads
 *   as empty. This costs about a microsecond per release, so it is off by default.
 * What is not enforced (without `detachOnRelease`): a reference to `lease.buffer` kept past
 * `release()` still reaches memory that the next lease of that class will overwrite. Pooled
 * memory is not zeroed between leases (as `Buffer.allocUnsafe`).
 */
import { constants } from 'node:buffer';

import { rangeError, typeError, u32InRange } from './validate.js';

/** Options for a {@link BufferPool}. */
export interface BufferPoolOptions {
  /** Hard cap on the bytes of idle slabs kept for reuse (default 8 MiB); leased bytes do not count. */
  maxPooledBytes?: number;
  /** The smallest size class, a power of two (default 64). */
  minClassBytes?: number;
  /** The largest size class, a power of two (default 1 MiB); larger requests are never pooled. */
  maxClassBytes?: number;
  /** Detach a released lease's memory from every view of it (default false; see the module doc). */
  detachOnRelease?: boolean;
}

/** A snapshot of a pool's counters. */
export interface BufferPoolStats {
  /** Acquisitions served from an idle slab. */
  hits: number;
  /** Acquisitions that allocated (empty class, or larger than the largest class). */
  misses: number;
  /** Bytes of idle slabs held for reuse (never above `maxPooledBytes`). */
  bytesHeld: number;
  /** Leases acquired and not yet released. */
  leased: number;
  /** Released slabs dropped for the GC because the cap was reached or they were unpooled. */
  dropped: number;
}

function invalidState(message: string): Error {
  const error = new Error(message);
  (error as Error & { code: string }).code = 'ERR_INVALID_STATE';
  return error;
}

function powerOfTwoOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = u32InRange(value, name, 1, 2 ** 30);
  if ((n & (n - 1)) !== 0) throw rangeError(`${name} must be a power of two, received ${n}`);
  return n;
}

let reclaim: (pool: BufferPool, slab: ArrayBuffer, classIndex: number) => void;

/**
 * Exclusive use of `size` bytes from a {@link BufferPool} until released. Works with `using`:
 *
 * ```ts
 * { using lease = pool.acquire(132); socket.write(frame(lease.buffer)); } // released here
 * ```
 */
export class BufferLease implements Disposable {
  #pool: BufferPool;
  #slab: ArrayBuffer | null;
  #buffer: Buffer | null;
  readonly #classIndex: number;

  /** @internal Leases come from {@link BufferPool.acquire}. */
  constructor(pool: BufferPool, slab: ArrayBuffer, size: number, classIndex: number) {
    this.#pool = pool;
    this.#slab = slab;
    this.#buffer = Buffer.from(slab, 0, size);
    this.#classIndex = classIndex;
  }

  /** The leased bytes: exactly the requested size. Throws once the lease is released. */
  get buffer(): Buffer {
    if (this.#buffer === null) throw invalidState('the lease was released; its buffer is no longer yours');
    return this.#buffer;
  }

  /** True once `release()` (or `[Symbol.dispose]()`) has run. */
  get released(): boolean {
    return this.#slab === null;
  }

  /** Returns the memory to the pool. A second call throws (`ERR_INVALID_STATE`). */
  release(): void {
    const slab = this.#slab;
    if (slab === null) throw invalidState('the lease was already released');
    this.#slab = null;
    this.#buffer = null;
    reclaim(this.#pool, slab, this.#classIndex);
  }

  /** Same as `release()`, so that `using lease = pool.acquire(n)` releases at scope exit. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/**
 * A pool of byte buffers in power-of-two size classes with a hard cap on idle bytes.
 *
 * `acquire(size)` costs one small lease object and one Buffer view on a hit, against a zero-
 * filled allocation per call for `Buffer.alloc`; see `allocation/buffer-reuse` for numbers.
 * Not thread-safe across workers (each worker needs its own pool; leased memory is not
 * transferable).
 */
export class BufferPool {
  readonly #free: ArrayBuffer[][];
  readonly #minShift: number;
  readonly #maxClassBytes: number;
  readonly #maxPooledBytes: number;
  readonly #detach: boolean;
  #hits = 0;
  #misses = 0;
  #bytesHeld = 0;
  #leased = 0;
  #dropped = 0;

  static {
    reclaim = (pool, slab, classIndex) => pool.#reclaim(slab, classIndex);
  }

  constructor(options: BufferPoolOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw typeError('options must be an object');
    }
    const min = powerOfTwoOption(options.minClassBytes, 'minClassBytes', 64);
    const max = powerOfTwoOption(options.maxClassBytes, 'maxClassBytes', 1 << 20);
    if (max < min) throw rangeError(`maxClassBytes (${max}) must be at least minClassBytes (${min})`);
    this.#maxPooledBytes =
      options.maxPooledBytes === undefined
        ? 8 << 20
        : u32InRange(options.maxPooledBytes, 'maxPooledBytes', 0, Number.MAX_SAFE_INTEGER);
    this.#minShift = 31 - Math.clz32(min);
    this.#maxClassBytes = max;
    this.#detach = options.detachOnRelease === true;
    this.#free = Array.from({ length: 31 - Math.clz32(max) - this.#minShift + 1 }, () => []);
  }

  /**
   * Leases `size` bytes (0 to `buffer.constants.MAX_LENGTH`). The lease's buffer is exactly
   * `size` long and holds whatever the previous holder left (not zeroed). Sizes above
   * `maxClassBytes` are allocated fresh and dropped on release.
   */
  acquire(size: number): BufferLease {
    const n = u32InRange(size, 'size', 0, constants.MAX_LENGTH);
    if (n > this.#maxClassBytes) {
      this.#misses++;
      this.#leased++;
      return new BufferLease(this, new ArrayBuffer(n), n, -1);
    }
    const shift = n <= 1 << this.#minShift ? this.#minShift : 32 - Math.clz32(n - 1);
    const classIndex = shift - this.#minShift;
    const slab = this.#free[classIndex]!.pop();
    this.#leased++;
    if (slab !== undefined) {
      this.#hits++;
      this.#bytesHeld -= slab.byteLength;
      return new BufferLease(this, slab, n, classIndex);
    }
    this.#misses++;
    return new BufferLease(this, new ArrayBuffer(2 ** shift), n, classIndex);
  }

  #reclaim(slab: ArrayBuffer, classIndex: number): void {
    this.#leased--;
    if (classIndex < 0 || this.#bytesHeld + slab.byteLength > this.#maxPooledBytes) {
      this.#dropped++;
      return;
    }
    const kept = this.#detach ? structuredClone(slab, { transfer: [slab] }) : slab;
    this.#free[classIndex]!.push(kept);
    this.#bytesHeld += kept.byteLength;
  }

  /** A snapshot of the counters. */
  get stats(): BufferPoolStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      bytesHeld: this.#bytesHeld,
      leased: this.#leased,
      dropped: this.#dropped,
    };
  }

  /** Drops every idle slab (leases out stay valid and are pooled again on release). */
  clear(): void {
    for (const list of this.#free) list.length = 0;
    this.#bytesHeld = 0;
  }
}
