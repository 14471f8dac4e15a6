/**
 * The shared pool's set-up and shutdown in `src/concurrency.ts`, with piscina replaced by a fake
 * that records its options and runs each task on this thread through the worker's own `run`
 * (docs/mutants.md, parallel group): which worker file the pool loads (the compiled file when it
 * exists beside the module, else the TypeScript source through tsx), its size, and that
 * `closeParallelPool` waits for tasks in flight and then closes the pool exactly once.
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { closeParallelPool, parallelMap, parallelStats, sharedFloat64Array } from '../src/concurrency.js';

const fake = vi.hoisted(() => ({
  compiledExists: false,
  options: [] as unknown[],
  closes: 0,
  /** When set, tasks wait for this Promise before they run. */
  gate: null as Promise<void> | null,
  order: [] as string[],
  /** The Promise of every task run() returned, weakly held. */
  sent: [] as Array<WeakRef<Promise<unknown>>>,
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const existsSync = (p: import('node:fs').PathLike): boolean =>
    String(p).endsWith(`${path.sep}concurrency-worker.js`) ? fake.compiledExists : fs.existsSync(p);
  return { ...fs, default: { ...fs, existsSync }, existsSync };
});

vi.mock('piscina', async () => {
  const { default: run } = await import('../src/concurrency-worker.js');
  class Piscina {
    constructor(options: unknown) {
      fake.options.push(options);
    }
    run(task: Parameters<typeof run>[0]): Promise<unknown> {
      const result = (async () => {
        if (fake.gate !== null) await fake.gate;
        fake.order.push('task');
        return run(task);
      })();
      fake.sent.push(new WeakRef(result));
      return result;
    }
    async close(): Promise<void> {
      fake.order.push('close');
      fake.closes++;
    }
  }
  return { Piscina, default: Piscina };
});

const threads = Math.max(1, availableParallelism());
const srcDir = path.resolve(__dirname, '..', 'src');

beforeEach(() => {
  Object.assign(fake, { compiledExists: false, options: [], closes: 0, gate: null, order: [], sent: [] });
});

afterEach(async () => {
  fake.gate = null;
  await closeParallelPool();
});

async function openPool(): Promise<void> {
  const out = await parallelMap(sharedFloat64Array([1, 4, 9]), 'sqrt', { minElements: 0 });
  expect(Array.from(out)).toEqual([1, 2, 3]);
}

describe('the pool piscina is given', () => {
  it('the compiled worker beside the module when it exists, with no loader hook', async () => {
    fake.compiledExists = true;
    await openPool();
    expect(fake.options).toEqual([
      {
        filename: path.join(srcDir, 'concurrency-worker.js'),
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: Infinity,
      },
    ]);
  });

  it('else the TypeScript source, loaded through tsx', async () => {
    await openPool();
    expect(fake.options).toEqual([
      {
        filename: path.join(srcDir, 'concurrency-worker.ts'),
        execArgv: ['--import', 'tsx'],
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: Infinity,
      },
    ]);
    expect(parallelStats().threads).toBe(threads);
  });

  it('one pool for every call until it is closed', async () => {
    await openPool();
    await openPool();
    expect(fake.options).toHaveLength(1);
    await closeParallelPool();
    expect(parallelStats().threads).toBe(0);
    await openPool();
    expect(fake.options).toHaveLength(2);
  });
});

describe('closeParallelPool', () => {
  it('closes an open pool once, and does nothing when none is open', async () => {
    await openPool();
    await closeParallelPool();
    expect(fake.closes).toBe(1);
    await closeParallelPool();
    expect(fake.closes).toBe(1);
  });

  it('waits for the tasks in flight before closing', async () => {
    let open!: () => void;
    fake.gate = new Promise((resolve) => (open = resolve));
    const call = parallelMap(sharedFloat64Array([1, 4, 9]), 'sqrt', { minElements: 0 });
    const closed = closeParallelPool();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.closes).toBe(0);
    open();
    await closed;
    expect(Array.from(await call)).toEqual([1, 2, 3]);
    expect(fake.order.at(-1)).toBe('close');
    expect(fake.order.filter((o) => o === 'task')).toHaveLength(Math.min(threads, 3));
  });

  it('forgets each task once it settles: an open pool holds no finished task', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await openPool();
    expect(fake.sent.length).toBe(Math.min(threads, 3));
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(fake.sent.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(parallelStats().threads).toBe(threads);
  });
});
