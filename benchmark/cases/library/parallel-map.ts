/**
 * `library/parallel-map`: a CPU-bound element-wise map over N doubles (32 dependent
 * multiply-adds per element), on the main thread (traditional) and spread over the cores by the
 * package's `parallelMap`, by a piscina pool used directly and by tinypool. Every pool gets the
 * same kernel file, the same SharedArrayBuffer-backed input and output and one contiguous slice
 * per thread, and is started (all threads up) before timing: this prices each pool's dispatch,
 * not its start-up. `parallelMap` is timed twice: forced onto the pool (`minElements: 0`, the
 * Rust-inspired form, so its verdict prices the parallel path against the main thread), and as
 * a user calls it by default (`parallelMap-default`), which runs inline on the main thread below
 * `thresholds.parallelMinElements` (8,388,608 elements, set on the memory-bound
 * `concurrency/work-distribution` kernel): every quick size here is below it, so that form shows
 * what the default costs a CPU-bound map.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

import Piscina from 'piscina';

import { closeParallelPool, parallelMap, sharedFloat64Array } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { randomFloats } from '../../lab/data.js';
import { importEsm } from '../../lab/esm.js';

const kernelFile = join(__dirname, '..', '..', 'lab', 'parallel-map-kernel.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { churnMap } = require(kernelFile) as {
  churnMap: (input: Float64Array, output: Float64Array, start: number, end: number) => void;
};

interface Slice {
  input: Float64Array;
  output: Float64Array;
  start: number;
  end: number;
}

interface Pool {
  run(task: Slice, options: { name: string }): Promise<unknown>;
  destroy(): Promise<void>;
}

interface State {
  input: Float64Array;
  output: Float64Array;
  threads: number;
  piscina: Pool;
  tinypool: Pool;
}

/** Runs `pool` over `threads` contiguous slices of the shared input into the shared output. */
async function viaPool(pool: Pool, s: State): Promise<Float64Array> {
  const n = s.input.length;
  const parts = Math.min(s.threads, Math.max(1, n));
  const tasks: Array<Promise<unknown>> = [];
  for (let p = 0; p < parts; p++) {
    const start = Math.floor((n * p) / parts);
    const end = Math.floor((n * (p + 1)) / parts);
    tasks.push(pool.run({ input: s.input, output: s.output, start, end }, { name: 'task' }));
  }
  await Promise.all(tasks);
  return s.output;
}

export const benchCase = defineCase<State>({
  id: 'library/parallel-map',
  pattern: 'Parallel map vs piscina and tinypool',
  mechanism:
    "Every pool pays a message to a worker and back per slice, which a CPU-bound map repays from short tasks on; parallelMap's default threshold, set on a memory-bound kernel, keeps such maps inline on the main thread.",
  traditionalLabel: 'main thread',
  description:
    'CPU-bound map over N doubles: main thread vs parallelMap (forced parallel, and with its default threshold) vs piscina vs tinypool',
  unit: 'elements',
  sizes: { quick: [1000, 100_000], full: [10_000, 1_000_000] },
  async: true,
  setup: async (n) => {
    const threads = Math.max(1, availableParallelism());
    const input = sharedFloat64Array(randomFloats(n, 1));
    const output = sharedFloat64Array(n);
    const { Tinypool } = await importEsm<{ Tinypool: new (o: object) => Pool }>('tinypool');
    const piscina = new Piscina({
      filename: kernelFile,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
    });
    const tinypool = new Tinypool({
      filename: kernelFile,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
    });
    const state: State = { input, output, threads, piscina: piscina as unknown as Pool, tinypool };
    // Start every pool's threads (and parallelMap's shared pool) before anything is timed.
    await viaPool(state.piscina, state);
    await viaPool(state.tinypool, state);
    await parallelMap(input, { module: kernelFile, name: 'churnMap' }, { minElements: 0 });
    return state;
  },
  teardown: async (s) => {
    await Promise.all([s.piscina.destroy(), s.tinypool.destroy(), closeParallelPool()]);
  },
  traditional: async (s) => {
    const out = new Float64Array(s.input.length);
    churnMap(s.input, out, 0, s.input.length);
    return out;
  },
  rustInspired: (s) => parallelMap(s.input, { module: kernelFile, name: 'churnMap' }, { minElements: 0 }),
  variants: {
    'parallelMap-default': (s) => parallelMap(s.input, { module: kernelFile, name: 'churnMap' }),
  },
  peers: {
    piscina: (s) => viaPool(s.piscina, s),
    tinypool: (s) => viaPool(s.tinypool, s),
  },
  check: (results) => allEqual(results),
});
