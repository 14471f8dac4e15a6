/**
 * `concurrency/work-distribution`: one sum of squares over a SharedArrayBuffer, on this thread,
 * on the piscina pool, in two forked children (the data sent to them), natively and on rayon.
 */
import { concurrencyJs, parallelReduce } from '../../../src/concurrency.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import {
  parallelPing,
  reduceInChildren,
  sharedData,
  startChildren,
  type Children,
} from '../../lab/concurrency.js';

const bin = native;
const KiB = 1024;
const MiB = 1024 * KiB;

interface State {
  data: Float64Array;
  children: Children;
  /** The run's `--threads`: the pool tasks and children the JS parallel forms use. */
  threads: number;
}

export const benchCase = defineCase<State>({
  id: 'concurrency/work-distribution',
  pattern: 'Parallel map across workers',
  mechanism:
    'A memory-bound kernel is limited by the memory bandwidth all cores share, so more threads add coordination cost without more bandwidth.',
  dart: { ratio: 1 / 27, text: 'parallel map 27x slower' },
  questions: [{ question: 3, answers: ['rust_inspired_vs_traditional'] }],
  thresholds: [
    // `sumSquaresSync` is synchronous: the pool and child processes are other functions.
    { key: 'sumSquaresNativeMinElements', incumbents: ['traditional'], unitsPer: 8 },
    { key: 'rayonMinElements', challenger: 'native-rayon', incumbents: ['native'], unitsPer: 8 },
    // The pool (`rust_inspired`: parallelReduce with minElements 0) against the inline path it
    // replaces, on the built-in (memory-bound) kernels the default applies to.
    { key: 'parallelMinElements', challenger: 'rust_inspired', incumbents: ['traditional'], unitsPer: 8 },
  ],
  description:
    'Sum of squares of a Float64Array: JS one thread vs piscina pool on a SharedArrayBuffer vs forked children (data sent), on --threads threads, vs native one thread vs rayon (every core); the pool also at 1..--threads threads',
  unit: 'bytes',
  // 64 MiB is in the quick run because the multiprocessing hypothesis (pays only above about
  // 10 MB) can only be refuted by a size past 30 MB; the report's Hypotheses section reads it.
  sizes: { quick: [KiB, 64 * KiB, MiB, 16 * MiB], full: [16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  // The native kernels read each element once.
  access: 'read',
  setup: async (size, { threads }) => {
    const data = sharedData(size);
    await parallelPing();
    return { data, children: await startChildren(threads), threads };
  },
  async: true,
  traditional: (s) => concurrencyJs.sumSquaresSync(s.data),
  rustInspired: (s) => parallelReduce(s.data, 'sumSquares', { minElements: 0, threads: s.threads }),
  ...(bin ? { native: (s: State) => bin.sumSquaresSync(s.data) } : {}),
  variants: {
    'child-processes': (s) => reduceInChildren(s.children, s.data, undefined, s.threads),
    dispatch: (s) => parallelReduce(s.data, 'sumSquares', { threads: s.threads }),
  },
  // rayon's global pool takes every core and the binding has no thread count: native-rayon is
  // not part of the curve.
  scaling: {
    pool: (s, t) => parallelReduce(s.data, 'sumSquares', { minElements: 0, threads: t }),
  },
  ...(bin ? { nativeVariants: { 'native-rayon': (s: State) => bin.sumSquaresParallelSync(s.data) } } : {}),
  check: (results) => allEqual(results),
});
