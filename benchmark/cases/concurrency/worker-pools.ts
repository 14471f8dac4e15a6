/**
 * `concurrency/worker-pools`: one parallel sum of squares on a reused piscina pool vs on two new
 * Workers per task, with startup, an empty round trip and the work alone measured apart.
 */
import { Worker } from 'node:worker_threads';

import { BLOCK, foldBlocks, reduceKernels } from '../../../src/concurrency-kernels.js';
import { concurrencyJs, parallelPing, parallelReduce } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { sharedData, workerSource } from '../../lab/concurrency.js';

const MiB = 1024 * 1024;

const FRESH_WORKER = `
const { data, start, end } = workerData;
parentPort.postMessage(blockSums(data, start, end));
`;

/** Two new Workers, each summing half of the blocks, then terminated: startup inside the task. */
async function freshWorkers(data: Float64Array): Promise<number> {
  const blocks = Math.ceil(data.length / BLOCK);
  const halves = [
    [0, Math.floor(blocks / 2) * BLOCK],
    [Math.floor(blocks / 2) * BLOCK, data.length],
  ] as const;
  const sums = await Promise.all(
    halves.map(
      ([start, end]) =>
        new Promise<Float64Array>((resolve, reject) => {
          const worker = new Worker(workerSource(FRESH_WORKER), {
            eval: true,
            workerData: { data, start, end },
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

export const benchCase = defineCase({
  id: 'concurrency/worker-pools',
  description:
    'One parallel sum of squares: a reused piscina pool vs two new Workers per task; startup, empty round trip and the work alone measured apart',
  unit: 'bytes',
  sizes: { quick: [MiB], full: [1024, 64 * 1024, 16 * MiB] },
  setup: async (size) => {
    await parallelPing();
    return { data: sharedData(size) };
  },
  async: true,
  traditional: (s) => freshWorkers(s.data),
  rustInspired: (s) => parallelReduce(s.data, 'sumSquares', { minElements: 0 }),
  variants: {
    'work-only': (s) => concurrencyJs.sumSquaresSync(s.data),
    'round-trip': () => parallelPing(),
    startup: () => startup(),
  },
  check: (results) => {
    // Startup and the empty round trip return no sum; the others fold the same blocks in order.
    const { startup: _startup, 'round-trip': _roundTrip, ...sums } = results;
    allEqual(sums);
  },
});
