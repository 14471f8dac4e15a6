/**
 * The parallel group's argument checks, cleanup paths and counters, written against the
 * StrykerJS survivors of the "parallel" run (docs/mutants.md, issue 28): each error's class and
 * exact message, the boundary values a mutated condition lets through, the iterator and
 * listener cleanup of mapConcurrent, the chunk and yield counts of runChunked, the pool's
 * counters, and the kernels the workers run (which Stryker cannot see in the worker threads).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import {
  closeParallelPool,
  concurrencyJs,
  parallelMap,
  parallelReduce,
  parallelStats,
  sharedFloat64Array,
  transferable,
} from '../src/concurrency.js';
import { BLOCK, blockResults, mapKernels, reduceInline, reduceKernels } from '../src/concurrency-kernels.js';
import run from '../src/concurrency-worker.js';
import { mapConcurrent } from '../src/map-concurrent.js';
import { crc32Batch, crc32Packed, nativeOffloadJs, packInputs } from '../src/native-offload.js';
import { ObjectPool } from '../src/object-pool.js';
import { runChunked } from '../src/scheduling.js';
import { thrown } from './helpers.js';

/** The error `promise` rejects with, as class name and message. */
async function rejected(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    const error = e as Error;
    return { name: error.constructor.name, message: error.message };
  }
  throw new Error('expected a rejection');
}

const typeErr = (message: string) => ({ name: 'TypeError', message });
const rangeErr = (message: string) => ({ name: 'RangeError', message });

/** An iterable over `0..n-1` that counts `next` and `return` calls. */
function counted(n: number, withReturn = true) {
  const calls = { next: 0, return: 0 };
  const iterable: Iterable<number> = {
    [Symbol.iterator]() {
      let i = 0;
      const iterator: Iterator<number> = {
        next: () => {
          calls.next++;
          return i < n ? { value: i++, done: false } : { value: undefined, done: true };
        },
      };
      if (withReturn) {
        iterator.return = () => {
          calls.return++;
          return { value: undefined, done: true };
        };
      }
      return iterator;
    },
  };
  return { iterable, calls };
}

/** A signal whose add/removeEventListener('abort') calls are counted. */
function countedSignal() {
  const controller = new AbortController();
  const add = vi.spyOn(controller.signal, 'addEventListener');
  const remove = vi.spyOn(controller.signal, 'removeEventListener');
  const removedAbort = () => remove.mock.calls.filter(([type]) => type === 'abort').length;
  return { controller, signal: controller.signal, add, remove, removedAbort };
}

describe('mapConcurrent: argument checks', () => {
  it.each([null, undefined, 5, {}, Symbol('x')])('items %s is a TypeError', (items) => {
    expect(thrown(() => mapConcurrent(items as never, 1, (x) => x))).toEqual(
      typeErr('items must be iterable'),
    );
  });

  it('limit: type, then range (0, 1.5, -Infinity, NaN); Infinity and 1 pass', () => {
    expect(thrown(() => mapConcurrent([], '2' as never, (x) => x))).toEqual(
      typeErr('limit must be a number, received string'),
    );
    for (const limit of [0, 1.5, -Infinity, NaN]) {
      expect(thrown(() => mapConcurrent([], limit, (x) => x))).toEqual(
        rangeErr(`limit must be an integer >= 1 or Infinity, received ${limit}`),
      );
    }
    expect(() => mapConcurrent([], Infinity, (x) => x)).not.toThrow();
    expect(() => mapConcurrent([], 1, (x) => x)).not.toThrow();
  });

  it('fn and options.signal', async () => {
    expect(thrown(() => mapConcurrent([1], 1, 'f' as never))).toEqual(typeErr('fn must be a function'));
    expect(thrown(() => mapConcurrent([1], 1, (x) => x, { signal: 5 as never }))).toMatchObject({
      name: 'TypeError',
      message: expect.stringMatching(/^options\.signal must be an AbortSignal, received /),
    });
    // A null options object means no options.
    await expect(mapConcurrent([1, 2], 1, (x) => x * 2, null as never)).resolves.toEqual([2, 4]);
  });
});

describe('mapConcurrent: cleanup', () => {
  it('reads the iterator once past its end, whatever the order results arrive in', async () => {
    const { iterable, calls } = counted(5);
    const out = await mapConcurrent(iterable, 2, async (x) => {
      await new Promise((r) => setTimeout(r, (5 - x) * 2));
      return x * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(calls).toEqual({ next: 6, return: 0 });
  });

  it('a failure before exhaustion closes the iterator once, even when two calls fail', async () => {
    const { iterable, calls } = counted(100);
    const s = countedSignal();
    const run = mapConcurrent(iterable, 2, (x) => Promise.reject(new Error(`boom ${x}`)), {
      signal: s.signal,
    });
    await expect(run).rejects.toThrow('boom 0');
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual({ next: 2, return: 1 });
    expect(s.removedAbort()).toBe(1);
    expect(s.remove.mock.calls[0]![1]).toBe(s.add.mock.calls[0]![1]);
  });

  it('a synchronous throw before exhaustion closes the iterator', async () => {
    const { iterable, calls } = counted(10);
    await expect(
      mapConcurrent(iterable, 1, () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(calls.return).toBe(1);
  });

  it('an iterator without return still fails with the first error', async () => {
    const { iterable } = counted(10, false);
    await expect(mapConcurrent(iterable, 1, () => Promise.reject(new Error('first')))).rejects.toThrow(
      'first',
    );
  });

  it('a failure after exhaustion does not close the iterator; a late result does nothing', async () => {
    const { iterable, calls } = counted(2);
    const s = countedSignal();
    let lateDone = false;
    const run = mapConcurrent(
      iterable,
      Infinity,
      async (x) => {
        if (x === 0) throw new Error('early');
        await new Promise((r) => setTimeout(r, 5));
        lateDone = true;
        return x;
      },
      { signal: s.signal },
    );
    await expect(run).rejects.toThrow('early');
    await vi.waitFor(() => expect(lateDone).toBe(true));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual({ next: 3, return: 0 });
    expect(s.removedAbort()).toBe(1);
  });

  it('results arriving after an abort do nothing (no second settle, no second cleanup)', async () => {
    const { iterable, calls } = counted(2);
    const s = countedSignal();
    let late = 0;
    const run = mapConcurrent(
      iterable,
      Infinity,
      async (x) => {
        await new Promise((r) => setTimeout(r, 5));
        late++;
        return x;
      },
      { signal: s.signal },
    );
    s.controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(late).toBe(2));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual({ next: 3, return: 0 });
    expect(s.removedAbort()).toBe(1);
  });

  it('the abort listener is removed when the run resolves', async () => {
    const s = countedSignal();
    await expect(mapConcurrent([1, 2, 3], 2, (x) => x, { signal: s.signal })).resolves.toEqual([1, 2, 3]);
    expect(s.removedAbort()).toBe(1);
    expect(s.remove.mock.calls[0]![1]).toBe(s.add.mock.calls[0]![1]);
  });

  it('aborting mid-run closes the iterator and rejects with an AbortError', async () => {
    const { iterable, calls } = counted(100);
    const controller = new AbortController();
    const run = mapConcurrent(iterable, 1, () => new Promise(() => {}), { signal: controller.signal });
    controller.abort('stop');
    await expect(run).rejects.toMatchObject({ name: 'AbortError', cause: 'stop' });
    expect(calls.return).toBe(1);
  });
});

describe('runChunked', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('argument checks', () => {
    const body = () => {};
    expect(thrown(() => runChunked('1' as never, 1, body))).toEqual(
      typeErr('total must be a number, received string'),
    );
    expect(thrown(() => runChunked(-1, 1, body))).toEqual(
      rangeErr('total must be an integer >= 0, received -1'),
    );
    expect(thrown(() => runChunked(1.5, 1, body))).toEqual(
      rangeErr('total must be an integer >= 0, received 1.5'),
    );
    expect(thrown(() => runChunked(1, null as never, body))).toEqual(
      typeErr('chunkSize must be a number, received object'),
    );
    expect(thrown(() => runChunked(1, 0, body))).toEqual(
      rangeErr('chunkSize must be an integer >= 1, received 0'),
    );
    expect(thrown(() => runChunked(1, 1, 'b' as never))).toEqual(typeErr('body must be a function'));
    expect(thrown(() => runChunked(1, 1, body, { signal: {} as never }))).toMatchObject({
      name: 'TypeError',
      message: expect.stringMatching(/^options\.signal must be an AbortSignal, received /),
    });
  });

  it('null options mean none', async () => {
    const calls: number[][] = [];
    await runChunked(2, 1, (a, b) => calls.push([a, b]), null as never);
    expect(calls).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it.each([
    [0, 3, []],
    [
      9,
      3,
      [
        [0, 3],
        [3, 6],
        [6, 9],
      ],
    ],
    [
      10,
      3,
      [
        [0, 3],
        [3, 6],
        [6, 9],
        [9, 10],
      ],
    ],
    [2, 5, [[0, 2]]],
  ])(
    'total %i, chunk %i: exactly ceil(total/chunk) chunks and a yield between chunks only',
    async (total, chunk, expected) => {
      const calls: number[][] = [];
      const immediate = vi.spyOn(globalThis, 'setImmediate');
      await runChunked(total, chunk, (a, b) => {
        calls.push([a, b]);
      });
      const yields = immediate.mock.calls.length;
      vi.restoreAllMocks();
      expect(calls).toEqual(expected);
      expect(yields).toBe(Math.max(0, expected.length - 1));
    },
  );
});

describe('ObjectPool', () => {
  it('options checks', () => {
    expect(thrown(() => new ObjectPool(null as never))).toEqual(typeErr('options must be an object'));
    expect(thrown(() => new ObjectPool(5 as never))).toEqual(typeErr('options must be an object'));
    expect(thrown(() => new ObjectPool({} as never))).toEqual(typeErr('options.create must be a function'));
    expect(thrown(() => new ObjectPool({ create: () => 1, reset: 5 as never }))).toEqual(
      typeErr('options.reset must be a function'),
    );
    expect(thrown(() => new ObjectPool({ create: () => 1, max: -1 }))).toEqual(
      rangeErr('max must be an integer from 0 to 4294967295, received -1'),
    );
  });

  it('max defaults to 1024 idle objects', () => {
    const pool = new ObjectPool({ create: () => ({}) });
    for (let i = 0; i < 1025; i++) pool.release({});
    expect(pool.stats).toEqual({ hits: 0, misses: 0, idle: 1024, dropped: 1 });
  });

  it('reuses released objects LIFO after draining and refilling', () => {
    const pool = new ObjectPool({ create: () => ({ n: -1 }) });
    const a = { n: 1 };
    const b = { n: 2 };
    pool.release(a);
    pool.release(b);
    expect(pool.acquire()).toBe(b);
    expect(pool.acquire()).toBe(a);
    pool.release(b);
    expect(pool.acquire()).toBe(b);
    expect(pool.acquire()).toEqual({ n: -1 });
  });
});

describe('native-offload JS twins: argument checks', () => {
  it('inputs and ends', () => {
    expect(thrown(() => nativeOffloadJs.crc32BatchSync('x' as never))).toEqual(
      typeErr('inputs must be an array of Uint8Array'),
    );
    expect(thrown(() => nativeOffloadJs.crc32PackedSync(new Uint8Array(2), [1] as never))).toMatchObject({
      name: 'TypeError',
      message: expect.stringMatching(/^ends must be a Uint32Array, received /),
    });
  });
});

describe('native-offload top level: a live signal', () => {
  it('crc32Batch and crc32Packed with a signal that is not aborted give the checksums', async () => {
    const list = [Buffer.from('a'), Buffer.from('hello'), new Uint8Array(0), Buffer.from('xyz')];
    const expected = nativeOffloadJs.crc32BatchSync(list);
    expect(Array.from(expected)).toEqual([0xe8b7be43, 0x3610a686, 0, 0xeb8eba67]);
    const { signal } = new AbortController();
    expect(await crc32Batch(list, signal)).toEqual(expected);
    const { data, ends } = packInputs(list);
    expect(await crc32Packed(data, ends, signal)).toEqual(expected);
  });
});

describe('parallel: argument checks', () => {
  afterAll(async () => {
    await closeParallelPool();
  });

  it('data must be a Float64Array', async () => {
    const data = expect.stringMatching(/^data must be a Float64Array, received /);
    expect(thrown(() => concurrencyJs.sumSquaresSync([1] as never))).toMatchObject({ message: data });
    expect(thrown(() => concurrencyJs.sumSquaresParallelSync([1] as never))).toMatchObject({ message: data });
    expect(await rejected(parallelReduce([1] as never, 'sum'))).toMatchObject({
      name: 'TypeError',
      message: data,
    });
    expect(await rejected(parallelMap([1] as never, 'sqrt'))).toMatchObject({
      name: 'TypeError',
      message: data,
    });
  });

  // A function with string `module` and `name` (its own name, 'k'): not an object, so no module kernel.
  const moduleLike = Object.assign(
    function k() {
      return 0;
    },
    { module: '/nonexistent/kernel.js' },
  );
  const badKernels: unknown[] = [
    'nope',
    'toString',
    5,
    null,
    moduleLike,
    { module: '/nonexistent/kernel.js' },
    { name: 'k' },
    { module: '/nonexistent/kernel.js', name: 5 },
    { module: 5, name: 'k' },
  ];

  it.each(badKernels)('parallelReduce kernel %s is a TypeError', async (kernel) => {
    expect(await rejected(parallelReduce(new Float64Array(4), kernel as never))).toEqual(
      typeErr('kernel must be one of sum, sumSquares, min, max or { module, name }'),
    );
  });

  it.each(badKernels)('parallelMap kernel %s is a TypeError', async (kernel) => {
    expect(await rejected(parallelMap(new Float64Array(4), kernel as never))).toEqual(
      typeErr('kernel must be one of square, sqrt, negate or { module, name }'),
    );
  });

  it('a String object naming a kernel is not a kernel name', async () => {
    const data = new Float64Array(4);
    expect(await rejected(parallelReduce(data, new String('sum') as never))).toEqual(
      typeErr('kernel must be one of sum, sumSquares, min, max or { module, name }'),
    );
    expect(await rejected(parallelMap(data, new String('sqrt') as never))).toEqual(
      typeErr('kernel must be one of square, sqrt, negate or { module, name }'),
    );
  });

  it('threads, minElements and out', async () => {
    const data = new Float64Array(4);
    expect(await rejected(parallelReduce(data, 'sum', { threads: 0 }))).toEqual(
      rangeErr('threads must be at least 1, received 0'),
    );
    expect(await rejected(parallelReduce(data, 'sum', { threads: -1 }))).toEqual(
      rangeErr('threads must be an integer from 0 to 4294967295, received -1'),
    );
    expect(await rejected(parallelReduce(data, 'sum', { minElements: 1.5 }))).toEqual(
      rangeErr('minElements must be an integer from 0 to 4294967295, received 1.5'),
    );
    expect(await rejected(parallelMap(data, 'sqrt', { out: [0, 0, 0, 0] as never }))).toMatchObject({
      name: 'TypeError',
      message: expect.stringMatching(/^out must be a Float64Array, received /),
    });
    expect(await rejected(parallelMap(data, 'sqrt', { out: new Float64Array(3) }))).toEqual(
      rangeErr('out must have the length of data (4), received 3'),
    );
  });
});

describe('parallel: routes and counters', () => {
  afterAll(async () => {
    await closeParallelPool();
  });

  it('closing with no pool open, twice, resolves', async () => {
    await closeParallelPool();
    await expect(closeParallelPool()).resolves.toBeUndefined();
    expect(parallelStats().threads).toBe(0);
  });

  it('empty data runs inline even with minElements 0', async () => {
    const before = parallelStats();
    expect(await parallelMap(new Float64Array(0), 'sqrt', { minElements: 0 })).toEqual(new Float64Array(0));
    const after = parallelStats();
    expect(after.inline - before.inline).toBe(1);
    expect(after.pooled - before.pooled).toBe(0);
  });

  it('data.length === minElements goes to the pool, one task per thread at most', async () => {
    const threads = Math.max(1, availableParallelism());
    const n = threads + 1;
    const data = Float64Array.from({ length: n }, (_, i) => (i + 1) ** 2);
    const before = parallelStats();
    const out = await parallelMap(data, 'sqrt', { minElements: n });
    const after = parallelStats();
    expect(Array.from(out)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(after.pooled - before.pooled).toBe(1);
    expect(after.inline - before.inline).toBe(0);
    expect(after.tasks - before.tasks).toBe(threads);
    expect(after.threads).toBe(threads);
  });

  it('parallelReduce counts one pooled call and its tasks', async () => {
    const data = sharedFloat64Array(BLOCK * 3);
    data.fill(2);
    const before = parallelStats();
    expect(await parallelReduce(data, 'sum', { minElements: 0, threads: 2 })).toBe(BLOCK * 6);
    const after = parallelStats();
    expect(after.pooled - before.pooled).toBe(1);
    expect(after.tasks - before.tasks).toBe(Math.min(2, Math.max(1, availableParallelism())));
  });

  it('inline sqrt, square and negate give their values', async () => {
    const data = Float64Array.from([4, 9, 16]);
    expect(Array.from(await parallelMap(data, 'sqrt'))).toEqual([2, 3, 4]);
    expect(Array.from(await parallelMap(data, 'square'))).toEqual([16, 81, 256]);
    expect(Array.from(await parallelMap(data, 'negate'))).toEqual([-4, -9, -16]);
  });
});

describe('kernels (run inside the workers, where Stryker does not see them)', () => {
  const data = Float64Array.from([3, -1, 4, 1, -5, 9, 2]);

  it('map kernels write [start, end) only', () => {
    for (const [name, f] of [
      ['square', (x: number) => x * x],
      ['sqrt', Math.sqrt],
      ['negate', (x: number) => -x],
    ] as const) {
      const out = new Float64Array(data.length).fill(7);
      mapKernels[name](data, out, 2, 5);
      expect(Array.from(out), name).toEqual([7, 7, f(4), f(1), f(-5), 7, 7]);
    }
  });

  it('reduce blocks cover [start, end) only', () => {
    expect(reduceKernels.sum.block(data, 1, 4)).toBe(4);
    expect(reduceKernels.min.block(data, 1, 4)).toBe(-1);
    expect(reduceKernels.min.block(data, 2, 4)).toBe(1);
    expect(reduceKernels.max.block(data, 1, 4)).toBe(4);
    expect(reduceKernels.max.block(Float64Array.from([-3, -2]), 0, 2)).toBe(-2);
    expect(reduceKernels.max.block(data, 2, 2)).toBe(-Infinity);
    expect(reduceKernels.min.block(data, 2, 2)).toBe(Infinity);
    expect(reduceKernels.sum.block(data, 2, 2)).toBe(0);
  });

  it('blockResults gives one result per block from start', () => {
    const big = new Float64Array(BLOCK * 2 + 3).fill(1);
    big[BLOCK * 2 + 2] = 5;
    expect(Array.from(blockResults(reduceKernels.sum.block, big, BLOCK, big.length))).toEqual([BLOCK, 7]);
    expect(Array.from(blockResults(reduceKernels.max.block, big, 0, BLOCK + 1))).toEqual([1, 1]);
    expect(blockResults(reduceKernels.sum.block, big, 0, 0).length).toBe(0);
  });

  it('reduceInline calls a block kernel once per block, never on an empty range', () => {
    const ranges: Array<[number, number]> = [];
    const block = (_: Float64Array, start: number, end: number): number => {
      ranges.push([start, end]);
      return 1;
    };
    const add = reduceKernels.sum.combine;
    expect(reduceInline(block, add, new Float64Array(BLOCK * 2))).toBe(2);
    expect(ranges).toEqual([
      [0, BLOCK],
      [BLOCK, BLOCK * 2],
    ]);
    expect(reduceInline(block, add, new Float64Array(0))).toBe(0);
    expect(reduceInline(block, add, new Float64Array(3))).toBe(1);
  });

  it('blockResults calls a block kernel once per block, never on an empty range', () => {
    const ranges: Array<[number, number]> = [];
    const block = (_: Float64Array, start: number, end: number): number => {
      ranges.push([start, end]);
      return end - start;
    };
    const data = new Float64Array(BLOCK * 3);
    expect(Array.from(blockResults(block, data, BLOCK, BLOCK * 3))).toEqual([BLOCK, BLOCK]);
    expect(ranges).toEqual([
      [BLOCK, BLOCK * 2],
      [BLOCK * 2, BLOCK * 3],
    ]);
  });

  it('the worker entry runs reduce and map tasks on shared slices', () => {
    const input = sharedFloat64Array([1, 4, 9, 16]);
    const output = sharedFloat64Array(4);
    const slice = (v: Float64Array) => ({
      buffer: v.buffer as SharedArrayBuffer,
      byteOffset: v.byteOffset,
      length: v.length,
    });
    expect(
      Array.from(run({ op: 'reduce', kernel: 'sum', input: slice(input), start: 0, end: 4 }) as Float64Array),
    ).toEqual([30]);
    expect(
      run({ op: 'map', kernel: 'sqrt', input: slice(input), output: slice(output), start: 1, end: 3 }),
    ).toBe(2);
    expect(Array.from(output)).toEqual([0, 2, 3, 0]);
    // Module kernels, as { module, name }: the fixture's map writes 2x + 1, its reduce sums.
    const fixture = path.join(__dirname, 'fixtures', 'concurrency-kernels.cjs');
    const mapKernel = { module: fixture, name: 'twicePlusOne' };
    expect(
      run({ op: 'map', kernel: mapKernel, input: slice(input), output: slice(output), start: 0, end: 1 }),
    ).toBe(1);
    expect(Array.from(output)).toEqual([3, 2, 3, 0]);
    const reduceKernel = { module: fixture, name: 'failOnNegative' };
    expect(
      Array.from(
        run({ op: 'reduce', kernel: reduceKernel, input: slice(input), start: 0, end: 4 }) as Float64Array,
      ),
    ).toEqual([30]);
    const sub = new Float64Array(input.buffer, 8, 2);
    expect(
      Array.from(run({ op: 'reduce', kernel: 'max', input: slice(sub), start: 0, end: 2 }) as Float64Array),
    ).toEqual([9]);
  });
});

describe('transferable', () => {
  it('checks the view', () => {
    expect(thrown(() => transferable({} as never))).toEqual(
      typeErr('view must be a typed array, DataView or Buffer'),
    );
    const tail =
      'ArrayBuffer (a pooled Buffer or a subarray): transferring would move the rest of it too. ' +
      'Allocate it with Buffer.alloc or new Uint8Array(n), or copy it, before transferring';
    const whole = new Uint8Array(8);
    expect(thrown(() => transferable(whole.subarray(0, 4)))).toEqual(
      typeErr(`view covers bytes 0..4 of a 8-byte ${tail}`),
    );
    expect(thrown(() => transferable(whole.subarray(4)))).toEqual(
      typeErr(`view covers bytes 4..8 of a 8-byte ${tail}`),
    );
    expect(transferable(whole)).toBe(whole.buffer);
  });
});
