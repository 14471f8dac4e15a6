/**
 * `concurrency/synchronization` (benchmark only): the JS twins of the lab binding's counters
 * and of its `CounterThreads` class.
 */
import { rangeError, typeError, u32InRange } from '../../../src/validate.js';

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

/** The JS twins of the lab binding's counters. */
export const countersJs = {
  counterAtomicSync: jsCounterSync,
  counterMutexSync: jsCounterSync,
  CounterThreads: JsCounterThreads,
};
