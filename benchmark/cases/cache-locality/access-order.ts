/**
 * `cache-locality/access-order`: the same gather-sum over N doubles through an index that
 * arrives shuffled. Traditional code visits records in whatever order it holds their ids (a Map,
 * arrival order): the gather through the shuffled index. The Rust habit is to sort that work
 * into memory order first, and the sort is part of the price: the Rust-inspired form copies and
 * sorts the index inside the timed region, then gathers in order, and the native form does the
 * same three steps in Rust (`sortedGatherSumSync`), so every timed form takes the shuffled index
 * and the native one does exactly the work of its JS rival. The gathers alone over an index
 * already in sequential, strided (16 doubles = 128 bytes apart) or shuffled order, in JS and
 * natively, are metrics: the order's own effect, and the number of passes over one sorted index
 * from which sorting pays. Values are small integers, so every order gives the same exact sum.
 */
import { js, native } from '../../lab/native.js';
import { randomFloats, shuffledIndex } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

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
    'Sorting a copy of the index into memory order lets the prefetcher stream the gather, but a comparison sort costs more than one shuffled pass saves, so it pays only when the sorted index serves several passes.',
  description:
    'Gather-sum of N doubles through a shuffled index: in arrival order vs copy, sort and gather in order, in JS and in Rust',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 1_000_000], full: [10_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  // Each element: an 8-byte double and its 4-byte index, read once. No roofline: the sorted
  // forms are bound by the sort (a comparison sort of the index), not by streaming the bytes.
  work: (n) => ({ items: n, bytes: 12 * n }),
  setup: (n) => ({
    data: randomFloats(n, 1),
    sequential: Uint32Array.from({ length: n }, (_, i) => i),
    strided: stridedIndex(n),
    shuffled: shuffledIndex(n),
  }),
  traditional: (s) => js.gatherSumSync(s.data, s.shuffled),
  // Sort the work into memory order (a copy of the index, sorted numerically), then gather.
  rustInspired: (s) => js.sortedGatherSumSync(s.data, s.shuffled),
  ...(bin ? { native: (s: State) => bin.sortedGatherSumSync(s.data, s.shuffled) } : {}),
  // The native form's kernel through the lab's wasm32-wasip1-threads build.
  nativeVariants: labWasmForm((w, s: State) => w.sortedGatherSumSync(s.data, s.shuffled)),
  check: (results) => allEqual(results),
  metrics: (s) => orderMetrics(s),
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
 * The gathers alone, by order (`<js|native>_<order>_ms`, median of 9), the JS sort of a copy of
 * the index, and the passes over one index from which sorting it first pays: the sort's cost
 * over what each pass saves (shuffled gather minus sequential gather). A single pass pays only
 * where `break_even_passes` is below 1.
 */
function orderMetrics(s: State): Record<string, number> {
  const runs = 9;
  const ms = (x: number): number => Math.round(x * 1000) / 1000;
  const out: Record<string, number> = {};
  const impls = bin
    ? ([
        ['js', js],
        ['native', bin],
      ] as const)
    : ([['js', js]] as const);
  for (const [name, impl] of impls) {
    for (const order of ['sequential', 'strided', 'shuffled'] as const) {
      out[`${name}_${order}_ms`] = ms(medianMs(() => impl.gatherSumSync(s.data, s[order]), runs));
    }
  }
  const sortMs = medianMs(() => s.shuffled.slice().sort(), runs);
  const saved = out.js_shuffled_ms! - out.js_sequential_ms!;
  return {
    ...out,
    sort_ms: ms(sortMs),
    saved_per_pass_ms: ms(saved),
    ...(saved > 0 ? { break_even_passes: Math.round((sortMs / saved) * 100) / 100 } : {}),
  };
}
