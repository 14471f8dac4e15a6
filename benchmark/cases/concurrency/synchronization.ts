/**
 * `concurrency/synchronization`: two threads adding n each to one count, in JS (workers) and in
 * Rust (threads). Traditional JS counts in each worker and posts the total once (what a
 * competent developer writes: no shared state at all); the Rust-inspired form shares one counter
 * and `Atomics.add`s to it; an `Atomics.wait`/`notify` mutex and one message per increment are
 * variants. Natively the same three: each thread counts locally and replies once (`native`), an
 * `AtomicU64` (`native-atomic`) or a `std::sync::Mutex` (`native-mutex`).
 *
 * Start-up is outside the timed region on both sides: the two workers are started in setup and
 * each timed op posts them one message and waits for their replies; the two native threads are a
 * `CounterThreads` set started in setup, parked on a channel, and each timed op hands every
 * thread one job and waits for every reply (the join). `native-threads-per-call`
 * (`counterAtomicSync`, which starts and joins its threads inside the call) prices the start-up
 * that the other forms leave out.
 */
import { Worker } from 'node:worker_threads';

import { native } from '../../lab/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { serialized } from '../../lab/concurrency.js';

const bin = native;

/** Each mode has its own [counter, lock] pair, so no form reads or resets another's cells. */
const CELLS = { atomic: 0, mutex: 2, message: 4, local: 4 } as const;
type Mode = keyof typeof CELLS;

const INCREMENTER = `
const cells = new Int32Array(workerData);
function lock(at) {
  // Three-state futex mutex (0 free, 1 held, 2 held with waiters), after Drepper's "Futexes Are Tricky".
  let c = Atomics.compareExchange(cells, at, 0, 1);
  if (c !== 0) {
    if (c !== 2) c = Atomics.exchange(cells, at, 2);
    while (c !== 0) {
      Atomics.wait(cells, at, 2);
      c = Atomics.exchange(cells, at, 2);
    }
  }
}
function unlock(at) {
  if (Atomics.sub(cells, at, 1) !== 1) {
    Atomics.store(cells, at, 0);
    Atomics.notify(cells, at, 1);
  }
}
parentPort.on('message', ({ mode, n, at }) => {
  if (mode === 'atomic') for (let i = 0; i < n; i++) Atomics.add(cells, at, 1);
  else if (mode === 'mutex') for (let i = 0; i < n; i++) { lock(at + 1); cells[at] = cells[at] + 1; unlock(at + 1); }
  else if (mode === 'local') {
    let count = 0;
    for (let i = 0; i < n; i++) count++;
    parentPort.postMessage(count);
  } else for (let i = 0; i < n; i++) parentPort.postMessage(1);
  parentPort.postMessage('done');
});
`;

/** Threads (and workers) adding to the count: the machine this case was written on has 2 cores. */
const THREADS = 2;

interface State {
  n: number;
  cells: Int32Array;
  workers: Worker[];
  /** The native threads, started in setup (null without the binding). */
  threads: InstanceType<NonNullable<typeof bin>['CounterThreads']> | null;
}

/** Both workers add `n` each in `mode`; messages (`message` mode) are counted on this thread. */
function incrementTogether(s: State, mode: Mode): Promise<number> {
  const at = CELLS[mode];
  s.cells[at] = 0;
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
        if (++done === s.workers.length) {
          resolve(mode === 'message' || mode === 'local' ? messages : Atomics.load(s.cells, at));
        }
      };
      worker.on('message', onMessage);
      worker.postMessage({ mode, n: s.n, at });
    }
  });
}

export const benchCase = defineCase<State>({
  id: 'concurrency/synchronization',
  pattern: 'Synchronization: local counts, atomics, a mutex',
  mechanism:
    'Counting locally needs no synchronization; an atomic add makes two cores contend for one cache line, and a mutex adds lock traffic and futex sleeps; with threads and workers started before timing, a round costs one hand-off to each and one reply.',
  dart: { ratio: 1 / 184, text: 'lock-free up to 184x slower' },
  questions: [{ question: 9, answers: ['rust_inspired_vs_traditional'] }],
  formPairs: [
    {
      challenger: 'native-atomic',
      incumbent: 'native',
      question: 'Rust: AtomicU64 vs counting locally and joining',
    },
    {
      challenger: 'native-mutex',
      incumbent: 'native',
      question: 'Rust: Mutex vs counting locally and joining',
    },
    {
      challenger: 'atomics-mutex',
      incumbent: 'traditional',
      question: 'JS: Atomics.wait/notify mutex vs counting locally and posting once',
    },
    {
      challenger: 'native-atomic',
      incumbent: 'rust_inspired',
      question: 'Atomics: Rust AtomicU64 on threads vs Atomics.add on workers',
    },
    {
      challenger: 'native-mutex',
      incumbent: 'atomics-mutex',
      question: 'Mutex: Rust std Mutex on threads vs the Atomics mutex on workers',
    },
  ],
  description:
    'Two threads adding n each to one count, started before timing: count locally and post once vs Atomics.add vs an Atomics mutex vs a message per increment (JS workers); count locally and join vs AtomicU64 vs Mutex (Rust threads)',
  unit: 'calls',
  sizes: { quick: [1000, 20_000], full: [200_000] },
  // `n` increments on each of two threads.
  work: (n) => ({ items: 2 * n }),
  setup: (n) => {
    const cells = new Int32Array(new SharedArrayBuffer(6 * 4));
    const workers = Array.from(
      { length: THREADS },
      () =>
        new Worker(`const { parentPort, workerData } = require('node:worker_threads');\n${INCREMENTER}`, {
          eval: true,
          workerData: cells.buffer,
        }),
    );
    return { n, cells, workers, threads: bin ? new bin.CounterThreads(THREADS) : null };
  },
  teardown: async (s) => {
    s.threads?.close();
    await Promise.all(s.workers.map((w) => w.terminate()));
  },
  async: true,
  traditional: serialized((s) => incrementTogether(s, 'local')),
  rustInspired: serialized((s) => incrementTogether(s, 'atomic')),
  ...(bin
    ? {
        native: (s: State) => s.threads!.countLocalSync(s.n),
        nativeVariants: {
          'native-atomic': (s: State) => s.threads!.addAtomicSync(s.n),
          'native-mutex': (s: State) => s.threads!.addMutexSync(s.n),
          'native-threads-per-call': (s: State) => bin.counterAtomicSync(THREADS, s.n),
        },
      }
    : {}),
  variants: {
    'atomics-mutex': serialized((s) => incrementTogether(s, 'mutex')),
    'message per increment': serialized((s) => incrementTogether(s, 'message')),
  },
  check: (results, s) => {
    allEqual(results);
    if (results.traditional !== THREADS * s.n)
      throw new Error(`lost increments: ${String(results.traditional)}`);
  },
});
