import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { runChunked, yieldToEventLoop } from '../src/index.js';

describe('yieldToEventLoop', () => {
  it('lets callbacks queued on the event loop run, which a microtask does not', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('immediate'));
    await Promise.resolve();
    expect(log).toEqual([]);
    await yieldToEventLoop();
    expect(log).toEqual(['immediate']);
  });
});

describe('runChunked', () => {
  it('lets a timer scheduled during a long run fire before the run ends', async () => {
    // The run only stops early if the timer fires: its callback aborts the run.
    const total = 10_000_000;
    const controller = new AbortController();
    let chunks = 0;
    let firedAfter = -1;
    const run = runChunked(
      total,
      1,
      () => {
        if (chunks++ === 0) {
          setTimeout(() => {
            firedAfter = chunks;
            controller.abort();
          }, 0);
        }
      },
      { signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(firedAfter).toBeGreaterThan(0);
    expect(chunks).toBeLessThan(total);
  });

  it('covers every index exactly once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(300), fc.integer({ min: 1, max: 50 }), async (total, chunkSize) => {
        const seen: number[] = [];
        await runChunked(total, chunkSize, (start, end) => {
          expect(end - start).toBeLessThanOrEqual(chunkSize);
          for (let i = start; i < end; i++) seen.push(i);
        });
        expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects with the error a chunk throws and runs no further chunk', async () => {
    const body = vi.fn((start: number) => {
      if (start === 20) throw new Error('chunk failed');
    });
    await expect(runChunked(100, 10, body)).rejects.toThrow('chunk failed');
    expect(body).toHaveBeenCalledTimes(3);
  });

  it('rejects with an AbortError for an aborted signal, before any chunk', async () => {
    const body = vi.fn();
    await expect(runChunked(10, 1, body, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(body).not.toHaveBeenCalled();
  });

  it('throws RangeError for bad counts and TypeError for bad types', () => {
    const body = (): void => {};
    for (const [total, chunk] of [
      [-1, 1],
      [1.5, 1],
      [10, 0],
      [10, 2.5],
      [Number.NaN, 1],
    ] as const) {
      expect(() => runChunked(total, chunk, body), `${total}/${chunk}`).toThrow(RangeError);
    }
    expect(() => runChunked('1' as unknown as number, 1, body)).toThrow(TypeError);
    expect(() => runChunked(1, 1, null as unknown as () => void)).toThrow(TypeError);
    expect(() => runChunked(1, 1, body, { signal: 'x' as unknown as AbortSignal })).toThrow(TypeError);
  });
});
