/**
 * `allocation/object-pooling`: `ObjectPool<T>` and the pooled JS twin of the native particle
 * frame.
 *
 * Why pool in a GC language: a hot loop that creates many objects that all live for a while
 * (a frame of particles, a batch of parsed events) promotes them out of the young generation
 * and pays in GC pauses, not in allocation time. Reusing the objects moves that cost to a reset
 * per use. When the objects die young (escape analysis, or a scavenge that finds them dead),
 * `new` is nearly free and a pool is pure overhead: measure (`allocation/object-pooling`).
 */
import { assertTypedArray, rangeError, typeError, u32InRange } from './validate.js';

/** Options for an {@link ObjectPool}. */
export interface ObjectPoolOptions<T> {
  /** Makes a new object when the pool is empty. */
  create: () => T;
  /** Clears an object on release, so it keeps no references alive while idle (default none). */
  reset?: (item: T) => void;
  /** Hard cap on idle objects kept (default 1024); releases beyond it are dropped for the GC. */
  max?: number;
}

/** A snapshot of an object pool's counters. */
export interface ObjectPoolStats {
  /** Acquisitions served from an idle object. */
  hits: number;
  /** Acquisitions that called `create`. */
  misses: number;
  /** Idle objects held (never above `max`). */
  idle: number;
  /** Released objects dropped because the pool was full. */
  dropped: number;
}

/**
 * A LIFO pool of reusable objects. `reset` runs on release. Not checked: releasing an object
 * twice, or using it after release (either makes two holders share it); that check would need
 * a Set lookup per call, which costs more than the pool saves.
 */
export class ObjectPool<T> {
  // A stack with an explicit top: `pop`/`length = 0` would let V8 trim the backing store as the
  // pool drains and regrow it on release, which is the allocation a pool exists to avoid.
  readonly #idle: Array<T | undefined> = [];
  #top = 0;
  readonly #create: () => T;
  readonly #reset: ((item: T) => void) | undefined;
  readonly #max: number;
  #hits = 0;
  #misses = 0;
  #dropped = 0;

  constructor(options: ObjectPoolOptions<T>) {
    if (typeof options !== 'object' || options === null) throw typeError('options must be an object');
    if (typeof options.create !== 'function') throw typeError('options.create must be a function');
    if (options.reset !== undefined && typeof options.reset !== 'function') {
      throw typeError('options.reset must be a function');
    }
    this.#create = options.create;
    this.#reset = options.reset;
    this.#max = options.max === undefined ? 1024 : u32InRange(options.max, 'max');
  }

  /** An idle object if there is one (already reset), else a new one from `create`. */
  acquire(): T {
    if (this.#top > 0) {
      this.#hits++;
      const item = this.#idle[--this.#top] as T;
      this.#idle[this.#top] = undefined;
      return item;
    }
    this.#misses++;
    return this.#create();
  }

  /** Resets `item` and keeps it for reuse, or drops it when `max` idle objects are held. */
  release(item: T): void {
    if (this.#top >= this.#max) {
      this.#dropped++;
      return;
    }
    this.#reset?.(item);
    if (this.#top < this.#idle.length) this.#idle[this.#top] = item;
    else this.#idle.push(item);
    this.#top++;
  }

  /** A snapshot of the counters. */
  get stats(): ObjectPoolStats {
    return { hits: this.#hits, misses: this.#misses, idle: this.#top, dropped: this.#dropped };
  }

  /** Drops every idle object. */
  clear(): void {
    this.#idle.length = 0;
    this.#top = 0;
  }
}

/** Integration step, exact in binary (as `DT` in crates/core/src/object_pool.rs). */
export const DT = 1 / 64;
/** Gravity (as `GRAVITY` in Rust). */
export const GRAVITY = 9.8;

/**
 * One particle: position and velocity (the shape of Rust's `Particle`).
 *
 * The fields are declared with number initializers on purpose. TS parameter properties
 * (`constructor(public x = 0)`) compile, under ES2022 class-field semantics, to fields that are
 * first defined as `undefined`; V8 then gives them a tagged representation, and every double
 * stored to them allocates a fresh HeapNumber (measured: ~270 MB allocated per 1M-particle
 * frame, with the objects reused). Starting as numbers keeps the fields unboxed-in-place.
 */
export class Particle {
  x = 0;
  y = 0;
  vx = 0;
  vy = 0;

  constructor(x = 0, y = 0, vx = 0, vy = 0) {
    this.x = x;
    this.y = y;
    this.vx = vx;
    this.vy = vy;
  }
}

/** One Euler step under gravity with a bouncing floor; the same operations as Rust's `step`. */
export function stepParticle(p: Particle): void {
  p.vy -= GRAVITY * DT;
  p.x += p.vx * DT;
  p.y += p.vy * DT;
  if (p.y < 0) {
    p.y = -p.y;
    p.vy = -p.vy * 0.5;
  }
}

/** Checks the seeds as the binding does; returns the particle count. */
export function particleCount(seeds: Float64Array, steps: number): number {
  assertTypedArray(seeds, 'Float64Array', 'seeds');
  u32InRange(steps, 'steps');
  if (seeds.length % 4 !== 0) {
    throw rangeError(`seeds length must be a multiple of 4 (x, y, vx, vy), received ${seeds.length}`);
  }
  return seeds.length / 4;
}

const particles = new ObjectPool<Particle>({
  create: () => new Particle(),
  reset: (p) => {
    p.x = p.y = p.vx = p.vy = 0;
  },
  max: 1 << 20,
});
const live: Particle[] = [];

function jsParticleFrameSync(seeds: Float64Array, steps: number): number {
  const n = particleCount(seeds, steps);
  for (let i = 0; i < n; i++) {
    const p = particles.acquire();
    p.x = seeds[4 * i]!;
    p.y = seeds[4 * i + 1]!;
    p.vx = seeds[4 * i + 2]!;
    p.vy = seeds[4 * i + 3]!;
    // Overwrite rather than `length = 0` + push: truncating lets V8 free the backing store.
    if (i < live.length) live[i] = p;
    else live.push(p);
  }
  for (let s = 0; s < steps; s++) for (let i = 0; i < n; i++) stepParticle(live[i]!);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = live[i]!;
    sum += p.x + p.y;
    particles.release(p);
  }
  return sum;
}

/** The JS twin of the object-pooling pattern's native function (pooled particles). */
export const objectPoolJs = {
  particleFrameSync: jsParticleFrameSync,
};
