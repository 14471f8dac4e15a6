/**
 * `concurrency/synchronization` (benchmark only): the JS twins of the lab binding's counters
 * and of its `CounterThreads` class. `concurrency/work-distribution`: the JS twins of its
 * memory-bound sum of squares in lanes.
 */
import { BLOCK } from '../../../src/concurrency-kernels.js';
import { assertTypedArray, rangeError, typeError, u32InRange } from '../../../src/validate.js';

/** Most increments one counter call may make (`MAX_TOTAL_INCREMENTS` in the core crate). */
const MAX_TOTAL_INCREMENTS = 2 ** 24;

/** Most threads a counter call may start (`MAX_THREADS` in crates/core/src/concurrency.rs). */
const MAX_THREADS = 64;

/** The thread count's range (its type is checked with the other arguments first, as natively). */
function counterThreads(threads: number): number {
  if (threads === 0 || threads > MAX_THREADS) {
    throw rangeError(`threads must be from 1 to ${MAX_THREADS}, received ${threads}`);
  }
  return threads;
}

/**
 * JS twin of the native counters. A synchronous JS call cannot start threads (the benchmark's
 * `concurrency/synchronization` uses workers for that), so this counts on one thread and
 * returns the same total.
 */
function jsCounterSync(threads: number, increments: number): number {
  // Both types first, then the ranges: the native binding converts every argument before the
  // core checks the thread count, and the two must name the same parameter.
  const requested = u32InRange(threads, 'threads');
  const n = u32InRange(increments, 'increments');
  const t = counterThreads(requested);
  if (t * n > MAX_TOTAL_INCREMENTS) {
    throw rangeError(`threads * increments must be at most ${MAX_TOTAL_INCREMENTS}, received ${t * n}`);
  }
  let count = 0;
  for (let i = 0; i < t; i++) for (let j = 0; j < n; j++) count++;
  return count;
}

/**
 * JS twin of the native `CounterThreads` class (same members, same errors). A synchronous JS call
 * cannot hand work to other threads, so each count runs on the calling thread and returns the
 * same total; `concurrency/synchronization` uses already-started workers for the JS forms.
 */
class JsCounterThreads {
  #threads: number;

  constructor(threads: number) {
    this.#threads = counterThreads(u32InRange(threads, 'threads'));
  }

  get threads(): number {
    return this.#threads;
  }

  #count(increments: number): number {
    const n = u32InRange(increments, 'increments');
    if (this.#threads === 0) throw typeError('CounterThreads is closed');
    const t = this.#threads;
    if (t * n > MAX_TOTAL_INCREMENTS) {
      throw rangeError(`threads * increments must be at most ${MAX_TOTAL_INCREMENTS}, received ${t * n}`);
    }
    let count = 0;
    for (let i = 0; i < t; i++) for (let j = 0; j < n; j++) count++;
    return count;
  }

  countLocalSync(increments: number): number {
    return this.#count(increments);
  }

  addAtomicSync(increments: number): number {
    return this.#count(increments);
  }

  addMutexSync(increments: number): number {
    return this.#count(increments);
  }

  close(): void {
    this.#threads = 0;
  }
}

/**
 * Sum of squares in the order of `sum_squares_lanes` (crates/core/src/concurrency.rs): per
 * block, element `k` into lane `k % 8`, the lanes added pairwise as `accumulate::combine`
 * does, then the block's tail left to right; the block sums left to right. Bit-identical to the
 * native kernel (JS, like the Rust build, has no fused multiply-add here).
 */
function jsSumSquaresLanesSync(data: Float64Array): number {
  assertTypedArray(data, 'Float64Array', 'data');
  let total = 0;
  for (let start = 0; start < data.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, data.length);
    const whole = start + ((end - start) & ~7);
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0,
      a4 = 0,
      a5 = 0,
      a6 = 0,
      a7 = 0;
    for (let i = start; i < whole; i += 8) {
      const x0 = data[i]!,
        x1 = data[i + 1]!,
        x2 = data[i + 2]!,
        x3 = data[i + 3]!;
      const x4 = data[i + 4]!,
        x5 = data[i + 5]!,
        x6 = data[i + 6]!,
        x7 = data[i + 7]!;
      a0 += x0 * x0;
      a1 += x1 * x1;
      a2 += x2 * x2;
      a3 += x3 * x3;
      a4 += x4 * x4;
      a5 += x5 * x5;
      a6 += x6 * x6;
      a7 += x7 * x7;
    }
    let sum = a0 + a4 + (a2 + a6) + (a1 + a5 + (a3 + a7));
    for (let i = whole; i < end; i++) sum += data[i]! * data[i]!;
    total += sum;
  }
  return total;
}

/** The lab binding's counters and memory-bound sums of squares, in JS (one thread). */
export const countersJs = {
  counterAtomicSync: jsCounterSync,
  counterMutexSync: jsCounterSync,
  CounterThreads: JsCounterThreads,
  sumSquaresLanesSync: jsSumSquaresLanesSync,
  sumSquaresLanesParallelSync: jsSumSquaresLanesSync,
};
