/**
 * `concurrency/worker-pools`: one sum of squares on the main thread (traditional: what code
 * does without workers) vs spread over a reused, warm piscina pool (the Rust habit of a thread
 * pool started once). New Workers per task (the run's `--threads` of them), the start-up of one
 * Worker and an empty round trip through the pool are variants, so the pool's fixed costs are
 * priced apart from the work.
 */
import { Worker } from 'node:worker_threads';

import { BLOCK, foldBlocks, reduceKernels } from '../../../src/concurrency-kernels.js';
import { concurrencyJs, parallelReduce } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { parallelPing, sharedData, workerSource } from '../../lab/concurrency.js';

const MiB = 1024 * 1024;

const FRESH_WORKER = `
const { data, start, end } = workerData;
parentPort.postMessage(blockSums(data, start, end));
`;

/** `parts` new Workers, each summing its share of the blocks, then terminated: startup inside the task. */
async function freshWorkers(data: Float64Array, parts: number): Promise<number> {
  const blocks = Math.ceil(data.length / BLOCK);
  const edge = (i: number): number => Math.min(Math.floor((i * blocks) / parts) * BLOCK, data.length);
  const sums = await Promise.all(
    Array.from(
      { length: parts },
      (_, i) =>
        new Promise<Float64Array>((resolve, reject) => {
          const worker = new Worker(workerSource(FRESH_WORKER), {
            eval: true,
            workerData: { data, start: edge(i), end: edge(i + 1) },
          });
          worker.once('message', (sums: Float64Array) => {
            void worker.terminate();
            resolve(sums);
          });
          worker.once('error', reject);
        }),
    ),
  );
  const combine = reduceKernels.sumSquares.combine;
  return sums.reduce((acc, part) => foldBlocks(combine, part, acc), combine.identity);
}

/** Starts one Worker, waits until it runs, and terminates it: startup alone. */
function startup(): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('', { eval: true });
    worker.once('online', () => void worker.terminate().then(resolve));
    worker.once('error', reject);
  });
}

interface State {
  data: Float64Array;
  /** The run's `--threads`: the pool tasks and new Workers per task. */
  threads: number;
}

export const benchCase = defineCase<State>({
  id: 'concurrency/worker-pools',
  pattern: 'Worker pool',
  mechanism:
    'A warm pool costs a message round trip per task and new Workers a V8 isolate each, while the main thread costs nothing extra but blocks the event loop meanwhile.',
  dart: { ratio: 0.25, text: 'worker pool 4x slower; new isolates 6x slower' },
  questions: [{ question: 8, answers: ['rust_inspired_vs_traditional'] }],
  description:
    'One sum of squares: the main thread vs a reused piscina pool; --threads new Workers per task, one Worker start-up and an empty round trip apart; the pool also at 1..--threads threads',
  unit: 'bytes',
  sizes: { quick: [MiB], full: [1024, 64 * 1024] },
  setup: async (size, { threads }) => {
    await parallelPing();
    return { data: sharedData(size), threads };
  },
  async: true,
  // Async like the other forms, so the comparison is not a sync call against a Promise's cost.
  traditional: async (s) => concurrencyJs.sumSquaresSync(s.data),
  rustInspired: (s) => parallelReduce(s.data, 'sumSquares', { minElements: 0, threads: s.threads }),
  variants: {
    'fresh-workers': (s) => freshWorkers(s.data, s.threads),
    'round-trip': () => parallelPing(),
    startup: () => startup(),
  },
  scaling: {
    pool: (s, t) => parallelReduce(s.data, 'sumSquares', { minElements: 0, threads: t }),
  },
  check: (results) => {
    // Startup and the empty round trip return no sum; the others fold the same blocks in order.
    const { startup: _startup, 'round-trip': _roundTrip, ...sums } = results;
    allEqual(sums);
  },
});
