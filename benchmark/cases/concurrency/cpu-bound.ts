/**
 * `concurrency/cpu-bound`: when parallelism pays, by task length. The memory-bound sum of squares
 * cannot vary task length on its own: here each element costs 32 dependent multiply-adds, so the
 * single-threaded task grows from about half a millisecond (two blocks, the least that can be
 * split) to tens of milliseconds, while the data stays a few MB.
 */
import { join } from 'node:path';

import { BLOCK, reduceInline, reduceKernels, type BlockFn } from '../../../src/concurrency-kernels.js';
import type { ModuleKernel } from '../../../src/concurrency-worker.js';
import { closeParallelPool, parallelReduce } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import {
  parallelPing,
  reduceInChildren,
  sharedData,
  startChildren,
  type Children,
} from '../../lab/concurrency.js';

/**
 * Plain CommonJS (copied as is by the build), so that this thread, the piscina workers
 * (`parallelReduce` with `{ module, name }`) and the forked children load the very same code.
 */
const cpuKernelPath = join(__dirname, '..', '..', 'lab', 'concurrency-kernel.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cpuKernel = require(cpuKernelPath) as { churn: BlockFn; ROUNDS: number };
const churnKernel: ModuleKernel = { module: cpuKernelPath, name: 'churn' };

interface State {
  data: Float64Array;
  children: Children;
  /** The run's `--threads`: the pool tasks and children every parallel form uses. */
  threads: number;
}

export const benchCase = defineCase<State>({
  id: 'concurrency/cpu-bound',
  pattern: 'Parallel CPU-bound work (by task length)',
  mechanism:
    'CPU-bound work scales with the cores once a task is long enough to amortise the round trip of a message to a worker and back.',
  questions: [{ question: 3, answers: ['rust_inspired_vs_traditional'] }],
  description: `CPU-bound reduction (${cpuKernel.ROUNDS} multiply-adds per element): JS one thread vs a warm piscina pool on a SharedArrayBuffer vs a pool started per task vs forked children (data sent), each on --threads threads; pool and children also at 1..--threads threads`,
  unit: 'elements',
  sizes: {
    quick: [2 * BLOCK, 16 * BLOCK],
    full: [128 * BLOCK],
  },
  setup: async (size, { threads }) => {
    const data = sharedData(size * 8);
    await parallelPing();
    return { data, children: await startChildren(threads), threads };
  },
  async: true,
  // With 3 samples, one sample slowed by a concurrent GC thread on the second core widened the
  // margins to ±27–58% at 131k and 1M elements, enough to hide a 1.44× win.
  minSamples: 10,
  // The inline path parallelReduce itself takes below minElements: same blocks, same order.
  traditional: (s) => reduceInline(cpuKernel.churn, reduceKernels.sum.combine, s.data),
  rustInspired: (s) => parallelReduce(s.data, churnKernel, { minElements: 0, threads: s.threads }),
  variants: {
    'child-processes': (s) => reduceInChildren(s.children, s.data, churnKernel, s.threads),
    // The pool's start-up inside the task: a new pool (its threads started) for every op.
    'pool-started-per-task': async (s) => {
      await closeParallelPool();
      return parallelReduce(s.data, churnKernel, { minElements: 0, threads: s.threads });
    },
  },
  scaling: {
    pool: (s, t) => parallelReduce(s.data, churnKernel, { minElements: 0, threads: t }),
    'child-processes': (s, t) => reduceInChildren(s.children, s.data, churnKernel, t),
  },
  check: (results) => allEqual(results),
});
