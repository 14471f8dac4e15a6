/**
 * `cache-locality/access-order`: the same gather-sum over N doubles through a shuffled,
 * strided or sequential index. Traditional code visits records in whatever order it holds
 * their ids (a Map, arrival order): the shuffled index. The Rust habit is to sort that work
 * into memory order first, and the sort is part of the price: the Rust-inspired form copies
 * and sorts the shuffled index inside the timed region, then gathers in order. The `sequential`
 * variants are the gather alone over an index already in order; the metrics give the number of
 * passes over one sorted index from which sorting pays. Values are small integers, so every
 * order gives the same exact sum.
 */
import { js, native } from '../../lab/native.js';
import { randomFloats, shuffledIndex } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';

/** 16 doubles = 128 bytes: every visit of the strided walk lands on a new cache line pair. */
const STRIDE = 16;
const bin = native;

interface State {
  data: Float64Array;
  sequential: Uint32Array;
  strided: Uint32Array;
  shuffled: Uint32Array;
}

function stridedIndex(n: number): Uint32Array {
  const out = new Uint32Array(n);
  let k = 0;
  for (let start = 0; start < STRIDE; start++) for (let i = start; i < n; i += STRIDE) out[k++] = i;
  return out;
}

export const benchCase = defineCase<State>({
  id: 'cache-locality/access-order',
  pattern: 'Sequential access order',
  mechanism:
    'In memory order the hardware prefetcher streams the data; a shuffled index misses the caches and the TLB on most accesses, and sorting the index first costs a comparison sort.',
  description: 'Gather-sum of N doubles through a shuffled vs strided vs sequential index, in JS and Rust',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 1_000_000], full: [10_000_000] },
  // Each element: an 8-byte double and its 4-byte index, read once (in order by the native form).
  work: (n) => ({ items: n, bytes: 12 * n }),
  access: 'read',
  setup: (n) => ({
    data: randomFloats(n, 1),
    sequential: Uint32Array.from({ length: n }, (_, i) => i),
    strided: stridedIndex(n),
    shuffled: shuffledIndex(n),
  }),
  traditional: (s) => js.gatherSumSync(s.data, s.shuffled),
  // Sort the work into memory order (a copy of the index, sorted numerically), then gather.
  rustInspired: (s) => js.gatherSumSync(s.data, s.shuffled.slice().sort()),
  ...(bin ? { native: (s: State) => bin.gatherSumSync(s.data, s.shuffled.slice().sort()) } : {}),
  variants: {
    'js-sequential': (s) => js.gatherSumSync(s.data, s.sequential),
    'js-strided': (s) => js.gatherSumSync(s.data, s.strided),
  },
  ...(bin
    ? {
        nativeVariants: {
          'native-sequential': (s: State) => bin.gatherSumSync(s.data, s.sequential),
          'native-strided': (s: State) => bin.gatherSumSync(s.data, s.strided),
          'native-shuffled': (s: State) => bin.gatherSumSync(s.data, s.shuffled),
        },
      }
    : {}),
  check: (results) => allEqual(results),
  metrics: (s) => breakEven(s),
});

/** Median milliseconds of `fn` over `runs` runs. */
function medianMs(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/**
 * Passes over one index from which sorting it first pays: the sort's cost over what each pass
 * saves (shuffled gather minus sequential gather). A single pass pays only where this is below 1.
 */
function breakEven(s: State): Record<string, number> {
  const runs = 9;
  const sortMs = medianMs(() => s.shuffled.slice().sort(), runs);
  const shuffledMs = medianMs(() => js.gatherSumSync(s.data, s.shuffled), runs);
  const sequentialMs = medianMs(() => js.gatherSumSync(s.data, s.sequential), runs);
  const saved = shuffledMs - sequentialMs;
  return {
    sort_ms: Math.round(sortMs * 1000) / 1000,
    saved_per_pass_ms: Math.round(saved * 1000) / 1000,
    ...(saved > 0 ? { break_even_passes: Math.round((sortMs / saved) * 100) / 100 } : {}),
  };
}
