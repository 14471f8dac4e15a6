/**
 * `async/scheduling`: giving the event loop a turn during long CPU work, the JS counterpart of
 * `tokio::task::yield_now()` in a loop.
 */
import { abortError, optionalSignal, rangeError, typeError } from './validate.js';

/**
 * Resolves after one turn of the event loop, so that due timers and I/O callbacks run first.
 *
 * Uses `setImmediate` (about 1 µs a hop, see `async/scheduling`): microtasks
 * (`queueMicrotask`, `Promise.then`, `process.nextTick`) run before the loop continues and so
 * yield nothing, and `setTimeout(0)` is clamped to 1 ms.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Options for {@link runChunked}. */
export interface RunChunkedOptions {
  /** Checked between chunks: an aborted signal rejects with an `AbortError`. */
  signal?: AbortSignal | null;
}

function assertCount(value: unknown, name: string, min: number): asserts value is number {
  if (typeof value !== 'number') throw typeError(`${name} must be a number, received ${typeof value}`);
  if (!Number.isSafeInteger(value) || value < min) {
    throw rangeError(`${name} must be an integer >= ${min}, received ${value}`);
  }
}

/**
 * Runs `body(start, end)` over `[0, total)` in chunks of `chunkSize` indices, yielding to the
 * event loop (see {@link yieldToEventLoop}) between chunks, so that timers and I/O keep running
 * during a long CPU loop.
 *
 * The trade-off is the chunk size: each yield costs about a µs plus whatever else is queued, and
 * the event loop is blocked for one chunk at a time. Pick a chunk of about 1 ms of work:
 * `async/scheduling` measures throughput against event-loop delay p99 across chunk sizes.
 * `body` runs synchronously; a throw rejects the Promise and stops the run. Bad arguments
 * throw: `TypeError` for wrong types, `RangeError` for a negative `total` or a `chunkSize` < 1.
 */
export function runChunked(
  total: number,
  chunkSize: number,
  body: (start: number, end: number) => void,
  options: RunChunkedOptions = {},
): Promise<void> {
  assertCount(total, 'total', 0);
  assertCount(chunkSize, 'chunkSize', 1);
  if (typeof body !== 'function') throw typeError('body must be a function');
  const signal = optionalSignal(options?.signal, 'options.signal');
  return (async () => {
    for (let start = 0; start < total; start += chunkSize) {
      if (signal?.aborted) {
        const error = abortError();
        error.cause = signal.reason;
        throw error;
      }
      body(start, Math.min(total, start + chunkSize));
      if (start + chunkSize < total) await yieldToEventLoop();
    }
  })();
}
