import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { mapConcurrent } from '../src/index.js';

/** An fn that resolves `item * 2` after `latency(item)` ms and records the peak concurrency. */
function instrumented(latency: (item: number, index: number) => number) {
  const stats = { active: 0, peak: 0, started: [] as number[] };
  const fn = (item: number, index: number): Promise<number> => {
    stats.active++;
    stats.peak = Math.max(stats.peak, stats.active);
    stats.started.push(index);
    return new Promise((resolve) =>
      setTimeout(
        () => {
          stats.active--;
          resolve(item * 2);
        },
        latency(item, index),
      ),
    );
  };
  return { fn, stats };
}

describe('mapConcurrent', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps input order when later items finish first', async () => {
    const { fn } = instrumented((item) => 100 - item);
    const pending = mapConcurrent([1, 2, 3, 4, 5, 6, 7], 3, fn);
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toEqual([2, 4, 6, 8, 10, 12, 14]);
  });

  it('never runs more than `limit` calls at once, and fills every slot', async () => {
    const { fn, stats } = instrumented((item) => (item % 5) + 1);
    const pending = mapConcurrent(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      fn,
    );
    await vi.runAllTimersAsync();
    expect(await pending).toHaveLength(50);
    expect(stats.peak).toBe(4);
  });

  it('holds for random limits and latencies (fast-check, fake timers)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(20), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        async (latencies, limit) => {
          const { fn, stats } = instrumented((_, index) => latencies[index]!);
          const pending = mapConcurrent(latencies, limit, fn);
          await vi.runAllTimersAsync();
          expect(await pending).toEqual(latencies.map((x) => x * 2));
          expect(stats.peak).toBe(Math.min(limit, latencies.length));
          expect(stats.started).toEqual(latencies.map((_, i) => i));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts any iterable and pulls items lazily', async () => {
    let pulled = 0;
    function* source(): Generator<number> {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield i;
      }
    }
    const { fn } = instrumented(() => 5);
    const pending = mapConcurrent(source(), 2, fn);
    expect(pulled).toBe(2);
    await vi.runAllTimersAsync();
    expect(await pending).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    await expect(mapConcurrent(new Set([3, 1]), 8, (x) => x + 1)).resolves.toEqual([4, 2]);
    await expect(mapConcurrent('ab', Infinity, (c) => c.toUpperCase())).resolves.toEqual(['A', 'B']);
    await expect(mapConcurrent([], 1, (x: number) => x)).resolves.toEqual([]);
  });

  it('rejects with the first error and starts no new work after it', async () => {
    const started: number[] = [];
    const fn = (item: number): Promise<number> => {
      started.push(item);
      return new Promise((resolve, reject) =>
        setTimeout(
          () => (item === 2 ? reject(new Error(`boom ${item}`)) : resolve(item)),
          item === 2 ? 1 : 10,
        ),
      );
    };
    const pending = mapConcurrent([0, 1, 2, 3, 4, 5, 6], 3, fn);
    const outcome = expect(pending).rejects.toThrow('boom 2');
    await vi.runAllTimersAsync();
    await outcome;
    expect(started).toEqual([0, 1, 2]);
  });

  it('treats a synchronous throw of fn or of the iterator as the first error', async () => {
    await expect(
      mapConcurrent([1, 2], 2, () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    function* broken(): Generator<number> {
      yield 1;
      throw new Error('iterator');
    }
    await expect(mapConcurrent(broken(), 1, (x) => x)).rejects.toThrow('iterator');
  });

  it('reports no unhandled rejection when several in-flight calls fail', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', listener);
    try {
      const fn = (item: number): Promise<never> =>
        new Promise((_, reject) => setTimeout(() => reject(new Error(`fail ${item}`)), item));
      const pending = mapConcurrent([1, 2, 3, 4], 4, fn);
      const outcome = expect(pending).rejects.toThrow('fail 1');
      await vi.runAllTimersAsync();
      await outcome;
      // Unhandled rejections are reported after a macrotask turn.
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('stops new work and rejects with an AbortError when the signal aborts', async () => {
    const controller = new AbortController();
    const { fn, stats } = instrumented(() => 10);
    const pending = mapConcurrent([1, 2, 3, 4, 5, 6], 2, fn, { signal: controller.signal });
    const outcome = expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(10);
    expect(stats.started).toEqual([0, 1, 2, 3]);
    controller.abort(new Error('stop'));
    await outcome;
    await vi.runAllTimersAsync();
    expect(stats.started).toEqual([0, 1, 2, 3]);
  });

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const fn = vi.fn((x: number) => x);
    await expect(mapConcurrent([1], 1, fn, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('throws RangeError for a bad limit and TypeError for bad types', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, -Infinity]) {
      expect(() => mapConcurrent([1], bad, (x) => x), String(bad)).toThrow(RangeError);
    }
    expect(() => mapConcurrent([1], '2' as unknown as number, (x) => x)).toThrow(TypeError);
    expect(() => mapConcurrent([1], 1, 'f' as unknown as (x: number) => number)).toThrow(TypeError);
    expect(() => mapConcurrent(42 as unknown as number[], 1, (x) => x)).toThrow(TypeError);
    expect(() => mapConcurrent(null as unknown as number[], 1, (x) => x)).toThrow(TypeError);
    expect(() => mapConcurrent([1], 1, (x) => x, { signal: {} as AbortSignal })).toThrow(TypeError);
  });
});
