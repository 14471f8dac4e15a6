import { caseContext } from '../benchmark/engine/case.js';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';

import fc from 'fast-check';
import { Piscina } from 'piscina';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { benchCase as synchronizationCase } from '../benchmark/cases/concurrency/synchronization.js';
import { checkForms, formsOf } from '../benchmark/engine/runner.js';
import {
  closeParallelPool,
  native,
  loadError,
  PARALLEL_BLOCK,
  parallelMap,
  parallelReduce,
  parallelStats,
  sharedFloat64Array,
  sumSquaresSync,
  transferable,
  type ReduceKernelName,
} from '../src/index.js';
import { js as labJs, native as labNative } from '../benchmark/lab/native.js';
import { detachedView, labImplementations } from './helpers.js';

const fixture = path.join(__dirname, 'fixtures', 'concurrency-kernels.cjs');

/** A deterministic mix of magnitudes, signs and (optionally) NaN/±Infinity/-0. */
function fill(out: Float64Array, seed: number, specials: boolean): Float64Array {
  let x = seed | 0 || 1;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const r = (x >>> 0) / 2 ** 32;
    if (specials && (x & 0x3ff) === 7) out[i] = [Number.NaN, Infinity, -Infinity, -0][(x >>> 10) & 3]!;
    else out[i] = (r - 0.5) * 10 ** ((x >>> 24) % 9);
  }
  return out;
}

/**
 * Float64Array views: empty, odd lengths, lengths across 8,192-element block edges, and
 * `subarray` views at an offset into a larger buffer.
 */
const floatViews = (maxLength: number, specials = false): fc.Arbitrary<Float64Array> =>
  fc
    .tuple(
      fc.oneof(
        fc.nat(maxLength),
        fc.constantFrom(0, 1, 3, PARALLEL_BLOCK - 1, PARALLEL_BLOCK, PARALLEL_BLOCK + 1),
      ),
      fc.nat(5),
      fc.nat(5),
      fc.integer(),
      fc.boolean(),
    )
    .map(([length, head, tail, seed, shared]) => {
      const all = new Float64Array(
        shared
          ? new SharedArrayBuffer((head + length + tail) * 8)
          : new ArrayBuffer((head + length + tail) * 8),
      );
      return fill(all, seed, specials).subarray(head, head + length);
    });

/** The blocked reduction written out independently: fold each block left to right, then the blocks. */
function reference(data: Float64Array, kernel: ReduceKernelName): number {
  const f = {
    sum: (a: number, x: number) => a + x,
    sumSquares: (a: number, x: number) => a + x * x,
    min: (a: number, x: number) => Math.min(a, x),
    max: (a: number, x: number) => Math.max(a, x),
  }[kernel];
  const identity = kernel === 'min' ? Infinity : kernel === 'max' ? -Infinity : 0;
  const outer = kernel === 'min' ? Math.min : kernel === 'max' ? Math.max : (a: number, b: number) => a + b;
  let total = identity;
  for (let i = 0; i < data.length; i += PARALLEL_BLOCK) {
    let acc = identity;
    for (let j = i; j < Math.min(i + PARALLEL_BLOCK, data.length); j++) acc = f(acc, data[j]!);
    total = outer(total, acc);
  }
  return total;
}

/** Bit-for-bit equality of two Float64Arrays (NaN payloads and -0 included), without a deep walk. */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

const notFloat64: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['number', 1],
  ['string', 'abc'],
  ['array', [1, 2]],
  ['Uint8Array', new Uint8Array(8)],
  ['Float32Array', new Float32Array(2)],
  ['DataView', new DataView(new ArrayBuffer(8))],
  ['ArrayBuffer', new ArrayBuffer(8)],
  ['Proxy of Float64Array', new Proxy(new Float64Array(2), {})],
];

function detachedFloat64(): Float64Array {
  const view = detachedView();
  return new Float64Array(view.buffer);
}

describe.each(labImplementations)('concurrency kernels (%s)', (name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('sumSquaresSync equals the blocked reference bit for bit, on any view', () => {
    fc.assert(
      fc.property(floatViews(3 * PARALLEL_BLOCK, true), (data) => {
        expect(impl.sumSquaresSync(data)).toBe(reference(data, 'sumSquares'));
      }),
      { numRuns: 1000 },
    );
  });

  it('sumSquaresParallelSync equals sumSquaresSync bit for bit', () => {
    fc.assert(
      fc.property(floatViews(20 * PARALLEL_BLOCK), (data) => {
        expect(impl.sumSquaresParallelSync(data)).toBe(impl.sumSquaresSync(data));
      }),
      { numRuns: 150 },
    );
    expect(impl.sumSquaresParallelSync(new Float64Array(0))).toBe(0);
  });

  it('integer-valued data sums exactly', () => {
    const data = new Float64Array(300_001).map((_, i) => i % 16);
    let exact = 0;
    for (let i = 0; i < data.length; i++) exact += (i % 16) ** 2;
    expect(impl.sumSquaresParallelSync(data)).toBe(exact);
    expect(impl.sumSquaresSync(data.subarray(1))).toBe(exact);
  });

  it('sumSquaresLanesSync: the parallel form agrees bit for bit, the chain up to rounding', () => {
    fc.assert(
      fc.property(floatViews(5 * PARALLEL_BLOCK), (data) => {
        const lanes = impl.sumSquaresLanesSync(data);
        expect(impl.sumSquaresLanesParallelSync(data)).toBe(lanes);
        const chain = impl.sumSquaresSync(data);
        // accumulate::reassociation_tolerance: the squares are not negative.
        const tolerance = 2 * Math.max(0, data.length - 1) * Number.EPSILON * chain;
        expect(Math.abs(lanes - chain)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 300 },
    );
    expect(impl.sumSquaresLanesSync(new Float64Array(0))).toBe(0);
    expect(impl.sumSquaresLanesParallelSync(Float64Array.of(3))).toBe(9);
    for (const [label, bad] of notFloat64) {
      expect(() => impl.sumSquaresLanesSync(bad as Float64Array), label).toThrow(TypeError);
      expect(() => impl.sumSquaresLanesParallelSync(bad as Float64Array), label).toThrow(TypeError);
    }
  });

  it('counters count every increment', () => {
    expect(impl.counterAtomicSync(2, 10_000)).toBe(20_000);
    expect(impl.counterMutexSync(2, 10_000)).toBe(20_000);
    expect(impl.counterAtomicSync(3, 0)).toBe(0);
  });

  it('throws TypeError for wrong types and detached buffers', () => {
    for (const [label, bad] of notFloat64) {
      expect(() => impl.sumSquaresSync(bad as Float64Array), label).toThrow(TypeError);
      expect(() => impl.sumSquaresParallelSync(bad as Float64Array), label).toThrow(TypeError);
    }
    expect(() => impl.sumSquaresSync(detachedFloat64())).toThrow(/detached/);
    for (const bad of [undefined, '2', null, {}]) {
      expect(() => impl.counterAtomicSync(bad as number, 1), String(bad)).toThrow(TypeError);
      expect(() => impl.counterMutexSync(2, bad as number), String(bad)).toThrow(TypeError);
    }
    expect(() => (impl.counterAtomicSync as (t: number) => number)(2)).toThrow(TypeError);
  });

  it('throws RangeError for bad thread and increment counts', () => {
    for (const bad of [0, 65, -1, 1.5, 2 ** 32, Number.NaN]) {
      expect(() => impl.counterAtomicSync(bad, 1), String(bad)).toThrow(RangeError);
      expect(() => impl.counterMutexSync(bad, 1), String(bad)).toThrow(RangeError);
    }
    expect(() => impl.counterAtomicSync(0, 1)).toThrow('threads must be from 1 to 64, received 0');
    expect(() => impl.counterAtomicSync(1, -1)).toThrow(RangeError);
  });

  it('CounterThreads counts every increment in every mode, call after call on the same threads', () => {
    const set = new impl.CounterThreads(3);
    try {
      expect(set.threads).toBe(3);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
          expect(set.countLocalSync(n)).toBe(3 * n);
          expect(set.addAtomicSync(n)).toBe(3 * n);
          expect(set.addMutexSync(n)).toBe(3 * n);
        }),
        { numRuns: 50 },
      );
    } finally {
      set.close();
    }
  });

  it('CounterThreads refuses bad arguments and counting once closed, as the native class does', () => {
    for (const bad of [undefined, '2', null, {}]) {
      expect(() => new impl.CounterThreads(bad as number), String(bad)).toThrow(TypeError);
    }
    for (const bad of [0, 65, -1, 1.5, 2 ** 32, Number.NaN]) {
      expect(() => new impl.CounterThreads(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => new impl.CounterThreads(0)).toThrow('threads must be from 1 to 64, received 0');
    const set = new impl.CounterThreads(2);
    expect(() => set.addAtomicSync('1' as unknown as number)).toThrow(TypeError);
    expect(() => set.addMutexSync(2 ** 24)).toThrow(
      'threads * increments must be at most 16777216, received 33554432',
    );
    expect(set.countLocalSync(5)).toBe(10);
    set.close();
    expect(set.threads).toBe(0);
    expect(() => set.countLocalSync(1)).toThrow(TypeError);
    expect(() => set.addAtomicSync(1)).toThrow('CounterThreads is closed');
    // A wrong type is reported before the closed state, as the binding converts arguments first.
    expect(() => set.addMutexSync(-1)).toThrow(RangeError);
    set.close();
  });
});

describe('parallelReduce / parallelMap', () => {
  afterAll(() => closeParallelPool());

  // Runs first, before any test opens the pool.
  it('runs empty and below-threshold inputs inline, without starting the pool', async () => {
    const before = parallelStats();
    expect(before.threads).toBe(0);
    const tiny = sharedFloat64Array([1, 2, 3]);
    await expect(parallelReduce(tiny, 'sumSquares')).resolves.toBe(14);
    await expect(parallelReduce(new Float64Array(0), 'min', { minElements: 0 })).resolves.toBe(Infinity);
    await expect(parallelMap(tiny, 'negate')).resolves.toEqual(new Float64Array([-1, -2, -3]));
    const after = parallelStats();
    expect(after.inline - before.inline).toBe(3);
    expect(after.pooled).toBe(before.pooled);
    expect(after.tasks).toBe(before.tasks);
    expect(after.threads).toBe(0);
  });

  it('reduces through the pool to the one-thread result, for every kernel', async () => {
    const kernels: ReduceKernelName[] = ['sum', 'sumSquares', 'min', 'max'];
    await fc.assert(
      fc.asyncProperty(
        floatViews(6 * PARALLEL_BLOCK, true),
        fc.constantFrom(...kernels),
        async (data, kernel) => {
          const before = parallelStats().pooled;
          const pooled = await parallelReduce(data, kernel, { minElements: 1 });
          expect(pooled).toBe(reference(data, kernel));
          expect(parallelStats().pooled - before).toBe(data.length === 0 ? 0 : 1);
        },
      ),
      { numRuns: 60 },
    );
    expect(parallelStats().threads).toBeGreaterThan(0);
  });

  it('splits sizes that do not divide by the worker count', async () => {
    for (const n of [1, 2, 3, PARALLEL_BLOCK + 1, 3 * PARALLEL_BLOCK + 7, 5 * PARALLEL_BLOCK - 1]) {
      const data = fill(sharedFloat64Array(n), n, false);
      await expect(parallelReduce(data, 'sumSquares', { minElements: 0 })).resolves.toBe(
        sumSquaresSync(data),
      );
      const mapped = await parallelMap(data, 'square', { minElements: 0 });
      expect(
        sameBits(
          mapped,
          data.map((x) => x * x),
        ),
      ).toBe(true);
    }
  });

  it('splits a reduction into at most `threads` tasks, with the same result', async () => {
    const data = fill(sharedFloat64Array(4 * PARALLEL_BLOCK), 3, false);
    const expected = sumSquaresSync(data);
    const tasksOf = async (options: { threads?: number }): Promise<number> => {
      const before = parallelStats().tasks;
      await expect(parallelReduce(data, 'sumSquares', { minElements: 0, ...options })).resolves.toBe(
        expected,
      );
      return parallelStats().tasks - before;
    };
    expect(await tasksOf({ threads: 1 })).toBe(1);
    const all = parallelStats().threads;
    expect(await tasksOf({})).toBe(Math.min(all, 4));
    expect(await tasksOf({ threads: all + 3 })).toBe(Math.min(all, 4));
    await expect(parallelReduce(data, 'sumSquares', { threads: 0 })).rejects.toThrow(RangeError);
    await expect(parallelReduce(data, 'sumSquares', { threads: 1.5 })).rejects.toThrow(RangeError);
    await expect(parallelReduce(data, 'sumSquares', { threads: '2' as unknown as number })).rejects.toThrow(
      TypeError,
    );
  });

  it('maps through the pool to the one-thread result, into `out` or in place', async () => {
    await fc.assert(
      fc.asyncProperty(floatViews(4 * PARALLEL_BLOCK, true), async (data) => {
        const expected = data.map(Math.sqrt);
        expect(sameBits(await parallelMap(data, 'sqrt', { minElements: 1 }), expected)).toBe(true);
        const out = new Float64Array(data.length);
        expect(await parallelMap(data, 'sqrt', { minElements: 1, out })).toBe(out);
        expect(sameBits(out, expected)).toBe(true);
      }),
      { numRuns: 30 },
    );
    const data = fill(sharedFloat64Array(50_001), 9, false);
    const expected = data.map((x) => -x);
    await parallelMap(data, 'negate', { minElements: 0, out: data });
    expect(sameBits(data, expected)).toBe(true);
  });

  it('runs module kernels, with a custom combine', async () => {
    const data = fill(sharedFloat64Array(40_000), 3, false).map(Math.abs);
    const kernel = { module: fixture, name: 'failOnNegative' };
    await expect(parallelReduce(data, kernel, { minElements: 0 })).resolves.toBe(reference(data, 'sum'));
    const max = { identity: -Infinity, step: Math.max };
    const blockSums: number[] = [];
    for (let i = 0; i < data.length; i += PARALLEL_BLOCK) {
      blockSums.push(reference(data.subarray(i, i + PARALLEL_BLOCK), 'sum'));
    }
    await expect(parallelReduce(data, kernel, { minElements: 0, combine: max })).resolves.toBe(
      Math.max(...blockSums),
    );
    const mapped = await parallelMap(data, { module: fixture, name: 'twicePlusOne' }, { minElements: 0 });
    expect(
      sameBits(
        mapped,
        data.map((x) => 2 * x + 1),
      ),
    ).toBe(true);
  });

  it('a kernel that throws mid-task rejects that task with its error, and the pool keeps serving', async () => {
    const data = fill(sharedFloat64Array(4 * PARALLEL_BLOCK), 5, false).map(Math.abs);
    data[3 * PARALLEL_BLOCK + 10] = -2;
    const kernel = { module: fixture, name: 'failOnNegative' };
    await expect(parallelReduce(data, kernel, { minElements: 0 })).rejects.toThrow(
      `negative value -2 at index ${3 * PARALLEL_BLOCK + 10}`,
    );
    data[3 * PARALLEL_BLOCK + 10] = 2;
    const results = await Promise.all(
      Array.from({ length: 6 }, () => parallelReduce(data, 'sum', { minElements: 0 })),
    );
    expect(results).toEqual(Array.from({ length: 6 }, () => reference(data, 'sum')));
  });

  it('a kernel that exits its worker rejects that task, and the worker is replaced', async () => {
    const data = fill(sharedFloat64Array(2 * PARALLEL_BLOCK), 6, false).map(Math.abs);
    data[PARALLEL_BLOCK + 1] = -1;
    await expect(
      parallelReduce(data, { module: fixture, name: 'exitOnNegative' }, { minElements: 0 }),
    ).rejects.toThrow(/exit/i);
    data[PARALLEL_BLOCK + 1] = 1;
    for (let round = 0; round < 3; round++) {
      await expect(parallelReduce(data, 'sumSquares', { minElements: 0 })).resolves.toBe(
        sumSquaresSync(data),
      );
    }
    expect(parallelStats().threads).toBeGreaterThan(0);
  });

  it('posts tasks that hold no typed array: each names its SharedArrayBuffer and place in it', async () => {
    // Deno's node:worker_threads walks every delivered message with for...in, which yields each
    // index of a typed array (benchmark/lab/repro/sab-postmessage-cost.mjs): a task must carry
    // buffers, not views, to cost the same at every size.
    const run = vi.spyOn(Piscina.prototype, 'run');
    try {
      const all = fill(sharedFloat64Array(3 * PARALLEL_BLOCK + 9), 4, false);
      const data = all.subarray(3, 3 * PARALLEL_BLOCK + 7);
      await expect(parallelReduce(data, 'sum', { minElements: 0 })).resolves.toBe(reference(data, 'sum'));
      const out = sharedFloat64Array(data.length + 2).subarray(1, data.length + 1);
      await parallelMap(data, 'negate', { minElements: 0, out });
      expect(
        sameBits(
          out,
          data.map((x) => -x),
        ),
      ).toBe(true);
      const tasks = run.mock.calls.map(([task]) => task as Record<string, unknown>);
      expect(tasks.length).toBeGreaterThanOrEqual(2);
      for (const task of tasks) {
        for (const value of Object.values(task)) expect(ArrayBuffer.isView(value)).toBe(false);
        const slices = [task.input, task.output].filter((x) => x !== undefined);
        for (const slice of slices) expect(slice).toMatchObject({ buffer: expect.any(SharedArrayBuffer) });
      }
      expect(tasks.find((t) => t.op === 'reduce')?.input).toMatchObject({
        byteOffset: 3 * 8,
        length: data.length,
      });
      expect(tasks.find((t) => t.op === 'map')?.output).toMatchObject({ byteOffset: 8, length: data.length });
    } finally {
      run.mockRestore();
    }
  });

  it('copies a non-shared input and leaves it untouched', async () => {
    const data = fill(new Float64Array(3 * PARALLEL_BLOCK + 5), 8, false);
    const copy = data.slice();
    await expect(parallelReduce(data, 'sum', { minElements: 0 })).resolves.toBe(reference(copy, 'sum'));
    expect(sameBits(data, copy)).toBe(true);
  });

  it('refuses bad arguments with TypeError/RangeError before any work', async () => {
    for (const [label, bad] of notFloat64) {
      await expect(parallelReduce(bad as Float64Array, 'sum'), label).rejects.toThrow(TypeError);
      await expect(parallelMap(bad as Float64Array, 'square'), label).rejects.toThrow(TypeError);
    }
    const data = sharedFloat64Array(4);
    await expect(parallelReduce(data, 'product' as ReduceKernelName)).rejects.toThrow(TypeError);
    await expect(parallelReduce(data, 'toString' as ReduceKernelName)).rejects.toThrow(TypeError);
    await expect(parallelMap(data, 'sum' as 'square')).rejects.toThrow(TypeError);
    await expect(parallelReduce(data, { module: fixture, name: 'missing' })).rejects.toThrow(
      /not an exported/,
    );
    await expect(parallelReduce(data, 'sum', { minElements: -1 })).rejects.toThrow(RangeError);
    await expect(parallelMap(data, 'square', { out: new Float64Array(3) })).rejects.toThrow(RangeError);
    await expect(parallelMap(data, 'square', { out: new Uint8Array(32) as never })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('transferable', () => {
  it('moves an owned buffer: the sender is detached after the transfer', () => {
    const { port1, port2 } = new MessageChannel();
    try {
      const bytes = Buffer.alloc(1024, 7);
      port1.postMessage(bytes, [transferable(bytes)]);
      expect(bytes.byteLength).toBe(0);
      expect(bytes.buffer.byteLength).toBe(0);
      const floats = new Float64Array(16);
      port1.postMessage(floats, [transferable(floats)]);
      expect(floats.length).toBe(0);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('refuses a pooled Buffer, a subarray, a shared or a detached buffer with a clear error', () => {
    const pooled = Buffer.from('hello');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    expect(() => transferable(pooled)).toThrow(TypeError);
    expect(() => transferable(pooled)).toThrow(/pooled Buffer or a subarray/);
    expect(() => transferable(new Uint8Array(16).subarray(1))).toThrow(/bytes 1\.\.16 of a 16-byte/);
    expect(() => transferable(sharedFloat64Array(2))).toThrow(/SharedArrayBuffer/);
    expect(() => transferable(detachedView())).toThrow(/detached/);
    expect(() => transferable({} as Uint8Array)).toThrow(TypeError);
  });
});

describe('pool lifetime', () => {
  it('closing lets tasks already sent finish, and a later call opens a new pool', async () => {
    const data = fill(sharedFloat64Array(4 * PARALLEL_BLOCK), 11, false);
    const running = parallelReduce(data, 'sum', { minElements: 0 });
    await closeParallelPool();
    await expect(running).resolves.toBe(reference(data, 'sum'));
    expect(parallelStats().threads).toBe(0);
    await expect(parallelReduce(data, 'sum', { minElements: 0 })).resolves.toBe(reference(data, 'sum'));
    expect(parallelStats().threads).toBeGreaterThan(0);
    await closeParallelPool();
  });

  it('the process exits by itself once the pool is closed', () => {
    const entry = path.join(__dirname, '..', 'src', 'index.ts');
    const script = `
      const m = require(${JSON.stringify(entry)});
      const data = m.sharedFloat64Array(100000).fill(2);
      m.parallelReduce(data, 'sum', { minElements: 0 })
        .then((sum) => { console.log(sum, m.parallelStats().threads); return m.closeParallelPool(); })
        .then(() => console.log('closed'));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.error).toBeUndefined();
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(child.stdout).toMatch(/^200000 [1-9]\d*\nclosed\n$/);
    expect(child.status).toBe(0);
  });
});

describe.skipIf(labNative === null)('sumSquaresLanes parity: native ≡ js', () => {
  it('agrees bit for bit on any view, unaligned and odd-length ones included', () => {
    fc.assert(
      fc.property(floatViews(3 * PARALLEL_BLOCK, true), (data) => {
        expect(labNative!.sumSquaresLanesSync(data)).toBe(labJs.sumSquaresLanesSync(data));
        expect(labNative!.sumSquaresLanesParallelSync(data)).toBe(labJs.sumSquaresLanesParallelSync(data));
      }),
      { numRuns: 500 },
    );
  });
});

describe('concurrency/synchronization case', () => {
  it('starts its workers and native threads in setup, and every form counts every increment', async () => {
    const state = await synchronizationCase.setup(1000, caseContext());
    try {
      expect(state.workers).toHaveLength(2);
      expect(state.threads?.threads ?? null).toBe(native === null ? null : 2);
      const keys = formsOf(synchronizationCase).map((f) => f.key);
      expect(keys.slice(0, 2)).toEqual(['traditional', 'rust_inspired']);
      if (native !== null) {
        expect(keys).toEqual(
          expect.arrayContaining(['native', 'native-atomic', 'native-mutex', 'native-threads-per-call']),
        );
      }
      await checkForms(synchronizationCase, state);
      for (const f of formsOf(synchronizationCase)) expect(await f.fn(state), f.key).toBe(2000);
    } finally {
      await synchronizationCase.teardown!(state);
    }
    expect(state.threads?.threads ?? 0).toBe(0);
  }, 30_000);
});
