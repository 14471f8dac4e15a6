/**
 * `concurrency/work-distribution`: one sum of squares over a SharedArrayBuffer, on this thread,
 * on the piscina pool, in two forked children (the data sent to them), natively and on rayon.
 *
 * The library's kernel (`sumSquaresSync` and every form but two) sums each block in one add
 * chain, so it is CPU-bound: each element waits for the previous add (about 4 cycles), which
 * holds one core to about 8 GB/s, far below what it can read. The `native-lanes` forms sum each
 * block in 8 independent lanes (`sumSquaresLanesSync`, the lab binding) and run at the speed the
 * data can be read: the memory-bound kernel. The metrics check that against the read roofline
 * measured at the same byte length in the same process (the faster of `limits/bandwidth`'s two
 * read scans): each native kernel's GB/s and its share of that roofline.
 */
import { concurrencyJs, parallelReduce } from '../../../src/concurrency.js';
import { native } from '../../lab/native.js';
import { wasmForm } from '../../lab/wasm.js';
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
    "The library's kernel keeps one add chain per block, so each element waits for the previous floating-point add: it is CPU-bound and scales with cores; summing in independent lanes makes it memory-bound, at the read roofline of one core, where more threads only help while each core has bandwidth of its own.",
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
    'Sum of squares of a Float64Array (CPU-bound: one add chain per block; native-lanes: memory-bound): JS one thread vs piscina pool on a SharedArrayBuffer vs forked children (data sent), on --threads threads, vs native one thread vs rayon (every core); the pool also at 1..--threads threads',
  unit: 'bytes',
  // 64 MiB is a full-run size only: the quick run stops at 16 MiB.
  sizes: { quick: [KiB, 64 * KiB, MiB, 16 * MiB], full: [16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  // The native kernels read each element once.
  access: 'read',
  belowRoofline:
    'Parity with the JS twin fixes the order of the float additions within each block: one dependent add per 8-byte element, so one core runs at the add latency, not at load bandwidth.',
  parallelForms: ['rust_inspired', 'child-processes', 'dispatch', 'native-rayon', 'native-lanes-rayon'],
  // The wasm forms at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm', 'wasm-simd'],
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
  ...(bin
    ? {
        nativeVariants: {
          'native-rayon': (s: State) => bin.sumSquaresParallelSync(s.data),
          'native-lanes': (s: State) => bin.sumSquaresLanesSync(s.data),
          'native-lanes-rayon': (s: State) => bin.sumSquaresLanesParallelSync(s.data),
          // The one-thread native kernel through the library's wasm32-wasip1-threads build (the
          // rayon forms would time wasi-threads Workers, a question about Workers, not the kernel).
          ...wasmForm((w, s: State) => w.sumSquaresSync(s.data)),
        },
      }
    : {}),
  check: (results, s) => {
    const { 'native-lanes': lanes, 'native-lanes-rayon': lanesRayon, ...chain } = results;
    allEqual(chain);
    if (lanes === undefined) return;
    allEqual({ 'native-lanes': lanes, 'native-lanes-rayon': lanesRayon });
    // Another summation order: equal up to rounding (`accumulate::reassociation_tolerance`; the
    // squares are not negative, so the sum of their magnitudes is the sum itself).
    const reference = chain.traditional as number;
    const tolerance = 2 * Math.max(0, s.data.length - 1) * Number.EPSILON * reference;
    if (!(Math.abs((lanes as number) - reference) <= tolerance)) {
      throw new Error(`benchmark check failed: native-lanes ${String(lanes)} vs ${reference}`);
    }
  },
  metrics: (s) => (bin ? roofline(s.data, bin) : {}),
});

/**
 * The read roofline at the case's size and each native kernel's GB/s and share of it, median of
 * 15. The roofline is the faster of two full read scans of a buffer of the same byte length, as
 * `limits/bandwidth` takes them: `Buffer#indexOf` for a byte that never occurs (memchr) and the
 * binding's `countByte`. A kernel near 1 streams its bytes as fast as a scan does (memory-bound).
 */
function roofline(data: Float64Array, b: NonNullable<typeof bin>): Record<string, number> {
  const gbps = (fn: () => unknown): number => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    return data.byteLength / (times[times.length >> 1]! * 1e6);
  };
  // Bytes 0..254: byte 255 never occurs, so both scans read the whole buffer.
  const scan = Buffer.allocUnsafeSlow(data.byteLength);
  for (let i = 0; i < scan.length; i++) scan[i] = (i * 131 + (i >>> 8)) % 255;
  const indexOf = gbps(() => scan.indexOf(255));
  const countByte = gbps(() => b.countByte(scan, 255));
  const read = Math.max(indexOf, countByte);
  const r = (x: number): number => Math.round(x * 100) / 100;
  const out: Record<string, number> = {
    read_indexof_gbps: r(indexOf),
    read_native_gbps: r(countByte),
    read_roofline_gbps: r(read),
  };
  const kernels = {
    native: () => b.sumSquaresSync(data),
    native_lanes: () => b.sumSquaresLanesSync(data),
    native_lanes_rayon: () => b.sumSquaresLanesParallelSync(data),
  };
  for (const [name, fn] of Object.entries(kernels)) {
    const g = gbps(fn);
    out[`${name}_gbps`] = r(g);
    out[`${name}_share_of_read`] = r(g / read);
  }
  return out;
}
