/**
 * `concurrency/*`: when parallelism pays on this machine. Workers and children are started
 * outside timing (the shared piscina pool and the forked children live for the whole run and are
 * unreferenced while idle), so startup is timed only where a form is about startup
 * (`worker-pools`' `traditional`, two new Workers per task, and `startup`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import {
  js,
  native,
  PARALLEL_BLOCK,
  parallelPing,
  parallelReduce,
  sharedFloat64Array,
  transferable,
  type ModuleKernel,
} from '../src/index.js';
import { foldBlocks, reduceInline, reduceKernels, type BlockFn } from '../src/concurrency-kernels.js';
import { allEqual, defineCase } from './types.js';

const bin = native;
const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Kernels for the plain (eval) workers, as source text, so that the main thread runs the very
 * same code (through `new Function`) and the forms agree bit for bit. Eval workers start without
 * tsx, so their startup is Node's own.
 */
const KERNELS = `
function sumSquares(data, start, end) {
  const B = ${PARALLEL_BLOCK};
  let total = 0;
  for (let i = start; i < end; i += B) {
    let acc = 0;
    const stop = Math.min(i + B, end);
    for (let j = i; j < stop; j++) { const x = data[j]; acc += x * x; }
    total += acc;
  }
  return total;
}
function blockSums(data, start, end) {
  const B = ${PARALLEL_BLOCK};
  const out = new Float64Array(Math.ceil((end - start) / B));
  for (let b = 0, i = start; i < end; b++, i += B) out[b] = sumSquares(data, i, Math.min(i + B, end));
  return out;
}
function fill(out, start, end) {
  for (let i = start; i < end; i++) out[i] = Math.sqrt(i) * 1.5 + (i & 7);
}
`;
const { fill } = new Function(`${KERNELS}; return { sumSquares, fill };`)() as {
  fill: (out: Float64Array, start: number, end: number) => void;
};

/** A worker that answers each message with one reply, and the request/reply plumbing. */
class Channel {
  readonly worker: Worker;
  private waiting: Array<(value: unknown) => void> = [];

  constructor(body: string, workerData?: unknown) {
    this.worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');\n${KERNELS}\n${body}`,
      {
        eval: true,
        workerData,
      },
    );
    this.worker.on('message', (value: unknown) => this.waiting.shift()?.(value));
  }

  request<T>(message: unknown, transfer?: ArrayBuffer[]): Promise<T> {
    return new Promise<T>((resolve) => {
      this.waiting.push(resolve as (value: unknown) => void);
      this.worker.postMessage(message, transfer);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Runs `fn` one call at a time per state. benny's preparation calls an async form twice without
 * waiting in between; forms that own a moving buffer or reset a shared counter must not overlap.
 */
function serialized<S extends object, R>(fn: (s: S) => Promise<R>): (s: S) => Promise<R> {
  const tails = new WeakMap<S, Promise<unknown>>();
  return (s) => {
    const run = (tails.get(s) ?? Promise.resolve()).then(() => fn(s));
    tails.set(
      s,
      run.catch(() => undefined),
    );
    return run;
  };
}

/** Float64 data of `bytes` bytes (at least one element) in a SharedArrayBuffer, mixed magnitudes. */
function sharedData(bytes: number): Float64Array {
  const data = sharedFloat64Array(Math.max(1, Math.floor(bytes / 8)));
  let x = 0x2545f491;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = (x % 1000) / 7;
  }
  return data;
}

// ---------------------------------------------------------------------------------------------
// work-distribution

interface Children {
  procs: ChildProcess[];
  next: number;
  pending: Map<number, (blocks: Float64Array) => void>;
}

let children: Promise<Children> | null = null;

/**
 * Two forked children, started once per run and reused by every size (a tsx child takes about a
 * second to start under load). They are unreferenced while idle, so they never keep the runner
 * alive, and killed when it exits.
 */
function startChildren(count: number): Promise<Children> {
  if (children !== null) return children;
  const state: Children = { procs: [], next: 0, pending: new Map() };
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const child = fork(join(__dirname, 'concurrency-child.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
    });
    child.on('message', (m: { id: number; blocks: Float64Array }) => {
      state.pending.get(m.id)?.(m.blocks);
      state.pending.delete(m.id);
      if (state.pending.size === 0) for (const c of state.procs) c.channel?.unref();
    });
    child.unref();
    child.channel?.unref();
    ready.push(new Promise((resolve) => child.once('spawn', () => resolve())));
    state.procs.push(child);
  }
  process.once('exit', () => {
    for (const child of state.procs) child.kill();
  });
  children = Promise.all(ready).then(() => state);
  return children;
}

/**
 * Sends each child a block-aligned copy of its part of `data` and folds the replies in order.
 * The kernel is the sum of squares unless `kernel` names a module export.
 */
async function reduceInChildren(
  children: Children,
  data: Float64Array,
  kernel?: ModuleKernel,
): Promise<number> {
  const blocks = Math.ceil(data.length / PARALLEL_BLOCK);
  const parts = children.procs.length;
  const replies = children.procs.map((child, t) => {
    const start = Math.floor((t * blocks) / parts) * PARALLEL_BLOCK;
    const end = Math.min(Math.floor(((t + 1) * blocks) / parts) * PARALLEL_BLOCK, data.length);
    const id = children.next++;
    // Referenced while a reply is due, so that the runner waits for it.
    child.channel?.ref();
    return new Promise<Float64Array>((resolve) => {
      children.pending.set(id, resolve);
      child.send({ id, data: data.slice(start, end), kernel });
    });
  });
  const combine = reduceKernels.sumSquares.combine;
  let acc = combine.identity;
  for (const part of await Promise.all(replies)) acc = foldBlocks(combine, part, acc);
  return acc;
}

const workDistribution = defineCase({
  id: 'concurrency/work-distribution',
  description:
    'Sum of squares of a Float64Array: JS one thread vs piscina pool on a SharedArrayBuffer vs forked children (data sent) vs native one thread vs rayon',
  unit: 'bytes',
  // 64 MiB is in the quick run because the multiprocessing hypothesis (pays only above about
  // 10 MB) can only be refuted by a size past 30 MB; the report's Hypotheses section reads it.
  sizes: { quick: [KiB, 64 * KiB, MiB, 16 * MiB, 64 * MiB], full: [16 * KiB, 256 * KiB, 4 * MiB] },
  setup: async (size) => {
    const data = sharedData(size);
    await parallelPing();
    return { data, children: await startChildren(2) };
  },
  async: true,
  traditional: (s) => js.sumSquaresSync(s.data),
  rustInspired: (s) => parallelReduce(s.data, 'sumSquares', { minElements: 0 }),
  ...(bin ? { native: (s: { data: Float64Array }) => bin.sumSquaresSync(s.data) } : {}),
  variants: {
    'child-processes': (s) => reduceInChildren(s.children, s.data),
    ...(bin ? { 'native-rayon': (s: { data: Float64Array }) => bin.sumSquaresParallelSync(s.data) } : {}),
    dispatch: (s) => parallelReduce(s.data, 'sumSquares'),
  },
  check: (results) => allEqual(results),
});

// ---------------------------------------------------------------------------------------------
// cpu-bound

const cpuKernelPath = join(__dirname, 'concurrency-kernel.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cpuKernel = require(cpuKernelPath) as { churn: BlockFn; ROUNDS: number };
const churnKernel: ModuleKernel = { module: cpuKernelPath, name: 'churn' };

/**
 * The parallelism hypotheses are about task length, which the memory-bound sum of squares cannot
 * vary on its own: here each element costs 32 dependent multiply-adds, so the single-threaded
 * task grows from about half a millisecond (two blocks, the least that can be split) to tens of
 * milliseconds, while the data stays a few MB.
 */
const cpuBound = defineCase({
  id: 'concurrency/cpu-bound',
  description: `CPU-bound reduction (${cpuKernel.ROUNDS} multiply-adds per element): JS one thread vs piscina pool on a SharedArrayBuffer vs forked children (data sent)`,
  unit: 'elements',
  sizes: {
    quick: [2 * PARALLEL_BLOCK, 16 * PARALLEL_BLOCK, 128 * PARALLEL_BLOCK],
    full: [4 * PARALLEL_BLOCK, 64 * PARALLEL_BLOCK, 512 * PARALLEL_BLOCK],
  },
  setup: async (size) => {
    const data = sharedData(size * 8);
    await parallelPing();
    return { data, children: await startChildren(2) };
  },
  async: true,
  // With 3 samples, one sample slowed by a concurrent GC thread on the second core widened the
  // margins to ±27–58% at 131k and 1M elements (npm run bench, 2026-11-24), enough to hide a
  // 1.44× win; 10 samples cost about 4 s more.
  minSamples: 10,
  // The inline path parallelReduce itself takes below minElements: same blocks, same order.
  traditional: (s) => reduceInline(cpuKernel.churn, reduceKernels.sum.combine, s.data),
  rustInspired: (s) => parallelReduce(s.data, churnKernel, { minElements: 0 }),
  variants: {
    'child-processes': (s) => reduceInChildren(s.children, s.data, churnKernel),
  },
  check: (results) => allEqual(results),
});

// ---------------------------------------------------------------------------------------------
// worker-pools

const FRESH_WORKER = `
const { data, start, end } = workerData;
parentPort.postMessage(blockSums(data, start, end));
`;

/** Two new Workers, each summing half of the blocks, then terminated: startup inside the task. */
async function freshWorkers(data: Float64Array): Promise<number> {
  const blocks = Math.ceil(data.length / PARALLEL_BLOCK);
  const halves = [
    [0, Math.floor(blocks / 2) * PARALLEL_BLOCK],
    [Math.floor(blocks / 2) * PARALLEL_BLOCK, data.length],
  ] as const;
  const sums = await Promise.all(
    halves.map(
      ([start, end]) =>
        new Promise<Float64Array>((resolve, reject) => {
          const worker = new Worker(
            `const { parentPort, workerData } = require('node:worker_threads');\n${KERNELS}\n${FRESH_WORKER}`,
            {
              eval: true,
              workerData: { data, start, end },
            },
          );
          worker.once('message', (sums: Float64Array) => {
            void worker.terminate();
            resolve(sums);
          });
          worker.once('error', reject);
        }),
    ),
  );
  const combine = reduceKernels.sumSquares.combine;
  return foldBlocks(combine, sums[1]!, foldBlocks(combine, sums[0]!));
}

/** Starts one Worker, waits until it runs, and terminates it: startup alone. */
function startup(): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('', { eval: true });
    worker.once('online', () => void worker.terminate().then(resolve));
    worker.once('error', reject);
  });
}

const workerPools = defineCase({
  id: 'concurrency/worker-pools',
  description:
    'One parallel sum of squares: a reused piscina pool vs two new Workers per task; startup, empty round trip and the work alone measured apart',
  unit: 'bytes',
  sizes: { quick: [MiB], full: [KiB, 64 * KiB, 16 * MiB] },
  setup: async (size) => {
    await parallelPing();
    return { data: sharedData(size) };
  },
  async: true,
  traditional: (s) => freshWorkers(s.data),
  rustInspired: (s) => parallelReduce(s.data, 'sumSquares', { minElements: 0 }),
  variants: {
    'work-only': (s) => js.sumSquaresSync(s.data),
    'round-trip': () => parallelPing(),
    startup: () => startup(),
  },
  check: (results) => {
    // Startup and the empty round trip return no sum; the others fold the same blocks in order.
    const { startup: _startup, 'round-trip': _roundTrip, ...sums } = results;
    allEqual(sums);
  },
});

// ---------------------------------------------------------------------------------------------
// message-passing

const ECHO = `
const shared = new Uint8Array(workerData);
parentPort.on('message', (m) => {
  if (m.kind === 'sab') {
    parentPort.postMessage(m.length + shared[0] + shared[m.length - 1]);
  } else if (m.kind === 'clone') {
    const p = m.payload;
    parentPort.postMessage(p.length + p[0] + p[p.length - 1]);
  } else {
    const p = m.payload;
    parentPort.postMessage({ n: p.length + p[0] + p[p.length - 1], payload: p }, [p.buffer]);
  }
});
`;

interface MessageState {
  channel: Channel;
  cloned: Uint8Array;
  moved: Uint8Array;
  shared: Uint8Array;
}

const messagePassing = defineCase<MessageState>({
  id: 'concurrency/message-passing',
  description:
    'Round trip of a payload to a worker: structured clone vs transfer (moved there and back) vs a SharedArrayBuffer (only an index is sent)',
  unit: 'bytes',
  sizes: { quick: [100, 64 * KiB, MiB, 16 * MiB], full: [KiB, 16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  setup: (size) => {
    const shared = new Uint8Array(new SharedArrayBuffer(size));
    for (let i = 0; i < size; i++) shared[i] = (i * 31) & 0xff;
    const moved = new Uint8Array(size);
    moved.set(shared);
    return { channel: new Channel(ECHO, shared.buffer), cloned: Buffer.from(shared), moved, shared };
  },
  teardown: (s) => s.channel.close().then(() => undefined),
  async: true,
  traditional: serialized((s) => s.channel.request<number>({ kind: 'clone', payload: s.cloned })),
  rustInspired: serialized(async (s) => {
    const reply = await s.channel.request<{ n: number; payload: Uint8Array }>(
      { kind: 'transfer', payload: s.moved },
      [transferable(s.moved)],
    );
    s.moved = reply.payload;
    return reply.n;
  }),
  variants: {
    'shared-index': serialized((s) => s.channel.request<number>({ kind: 'sab', length: s.shared.length })),
  },
  check: (results, s) => {
    if (s.moved.byteLength !== s.shared.byteLength) throw new Error('the moved buffer did not come back');
    allEqual(results);
  },
});

// ---------------------------------------------------------------------------------------------
// synchronization

const INCREMENTER = `
const cells = new Int32Array(workerData); // [counter, lock]
function lock() {
  // Three-state futex mutex (0 free, 1 held, 2 held with waiters), after Drepper's "Futexes Are Tricky".
  let c = Atomics.compareExchange(cells, 1, 0, 1);
  if (c !== 0) {
    if (c !== 2) c = Atomics.exchange(cells, 1, 2);
    while (c !== 0) {
      Atomics.wait(cells, 1, 2);
      c = Atomics.exchange(cells, 1, 2);
    }
  }
}
function unlock() {
  if (Atomics.sub(cells, 1, 1) !== 1) {
    Atomics.store(cells, 1, 0);
    Atomics.notify(cells, 1, 1);
  }
}
parentPort.on('message', ({ mode, n }) => {
  if (mode === 'atomic') for (let i = 0; i < n; i++) Atomics.add(cells, 0, 1);
  else if (mode === 'mutex') for (let i = 0; i < n; i++) { lock(); cells[0] = cells[0] + 1; unlock(); }
  else for (let i = 0; i < n; i++) parentPort.postMessage(1);
  parentPort.postMessage('done');
});
`;

interface SyncState {
  n: number;
  cells: Int32Array;
  workers: Worker[];
}

/** Both workers add `n` each in `mode`; messages (`message` mode) are counted on this thread. */
function incrementTogether(s: SyncState, mode: 'atomic' | 'mutex' | 'message'): Promise<number> {
  s.cells[0] = 0;
  let messages = 0;
  let done = 0;
  return new Promise((resolve) => {
    for (const worker of s.workers) {
      const onMessage = (m: number | 'done') => {
        if (m !== 'done') {
          messages += m;
          return;
        }
        worker.off('message', onMessage);
        if (++done === s.workers.length) resolve(mode === 'message' ? messages : Atomics.load(s.cells, 0));
      };
      worker.on('message', onMessage);
      worker.postMessage({ mode, n: s.n });
    }
  });
}

const synchronization = defineCase<SyncState>({
  id: 'concurrency/synchronization',
  description:
    'Two threads incrementing one counter n times each: messages to the owner vs Atomics.add vs an Atomics.wait/notify mutex; Rust AtomicU64 vs Mutex',
  unit: 'calls',
  sizes: { quick: [1000, 20_000], full: [200_000] },
  setup: (n) => {
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const workers = [0, 1].map(
      () =>
        new Worker(`const { parentPort, workerData } = require('node:worker_threads');\n${INCREMENTER}`, {
          eval: true,
          workerData: cells.buffer,
        }),
    );
    return { n, cells, workers };
  },
  teardown: async (s) => {
    await Promise.all(s.workers.map((w) => w.terminate()));
  },
  async: true,
  traditional: serialized((s) => incrementTogether(s, 'message')),
  rustInspired: serialized((s) => incrementTogether(s, 'atomic')),
  ...(bin ? { native: (s: SyncState) => bin.counterAtomicSync(2, s.n) } : {}),
  variants: {
    'atomics-mutex': serialized((s) => incrementTogether(s, 'mutex')),
    ...(bin ? { 'native-mutex': (s: SyncState) => bin.counterMutexSync(2, s.n) } : {}),
  },
  check: (results, s) => {
    allEqual(results);
    if (results.traditional !== 2 * s.n) throw new Error(`lost increments: ${String(results.traditional)}`);
  },
});

// ---------------------------------------------------------------------------------------------
// sab-parallelism

const FILLER = `
parentPort.on('message', ({ out, start, end }) => {
  fill(out, start, end);
  parentPort.postMessage(end - start);
});
`;

interface FillState {
  one: Float64Array;
  two: Float64Array;
  single: Float64Array;
  workers: Channel[];
}

const sabParallelism = defineCase<FillState>({
  id: 'concurrency/sab-parallelism',
  description:
    'Fill a Float64Array in a SharedArrayBuffer with sqrt(i)*1.5+(i&7): this thread vs two workers writing disjoint halves vs one worker',
  unit: 'bytes',
  sizes: { quick: [KiB, 64 * KiB, MiB, 16 * MiB], full: [16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  setup: (size) => ({
    single: sharedFloat64Array(size / 8),
    two: sharedFloat64Array(size / 8),
    one: sharedFloat64Array(size / 8),
    workers: [new Channel(FILLER), new Channel(FILLER)],
  }),
  teardown: async (s) => {
    await Promise.all(s.workers.map((w) => w.close()));
  },
  async: true,
  traditional: (s) => {
    fill(s.single, 0, s.single.length);
    return s.single;
  },
  rustInspired: serialized(async (s) => {
    const half = s.two.length >>> 1;
    await Promise.all([
      s.workers[0]!.request({ out: s.two, start: 0, end: half }),
      s.workers[1]!.request({ out: s.two, start: half, end: s.two.length }),
    ]);
    return s.two;
  }),
  variants: {
    'one-worker': serialized(async (s) => {
      await s.workers[0]!.request({ out: s.one, start: 0, end: s.one.length });
      return s.one;
    }),
  },
  // Bit for bit: deepEqual compares the bytes of the three arrays.
  check: (results) => allEqual(results),
});

export const cases = [
  workDistribution,
  cpuBound,
  workerPools,
  messagePassing,
  synchronization,
  sabParallelism,
];
