/**
 * `cache-locality/hot-cold`: total `price * qty` over N records that also carry 14 rarely used
 * fields, stored inline (mixed) or split into a separate array (hot/cold split).
 *
 * Splitting the fields and laying the hot halves out together are two changes, and V8's heap
 * layout decides the second: a scavenge copies objects in the order it reaches them, so a split
 * built in one loop with the rest can end up contiguous in one process and interleaved in the
 * next. The layouts are therefore built deterministically (`lab/hot-cold.ts`) and the case times a
 * ladder that changes one thing at a time (`steps`): the split with each hot half still beside its
 * cold half, then the hot halves together, then flat floats instead of objects.
 */
import { js, native } from '../../lab/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';
import { forcedGc } from '../../engine/sampling.js';
import {
  buildLayouts,
  expectedTotal,
  MIXED_STRIDE,
  totalHot,
  totalMixed,
  type Layouts,
} from '../../lab/hot-cold.js';

const bin = native;

interface State extends Layouts {
  n: number;
}

function setup(n: number): State {
  const gc = forcedGc();
  const settle = (): void => {
    gc?.();
    gc?.();
  };
  return { n, ...buildLayouts(n, settle) };
}

export const benchCase = defineCase<State>({
  id: 'cache-locality/hot-cold',
  pattern: 'Hot/cold field splitting',
  mechanism:
    'Step by step: splitting the fields alone changes little while each hot object still sits beside its cold half, since every record still costs a cache line; laying the hot objects out together is the step that pays, because then several records share a line and the prefetcher streams them; flat floats drop the object headers and the pointer chase. In V8 the layout, not the split, is what a program controls only indirectly: a scavenge copies objects in the order it reaches them, so the case fixes the layout by construction.',
  description:
    'Sum price*qty over N records with 14 cold fields, one change per step: 16-field objects, split into hot and cold objects allocated side by side, hot objects allocated together, flat floats; then Rust. Every field is a Smi or a shared string and each layout is allocated in read order in its own pass and moved to the old generation before the next, so the heap layout is the same in every process',
  unit: 'records',
  sizes: { quick: [100, 10_000, 100_000], full: [1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  // The native form reads the split hot fields: two doubles per record.
  work: (n) => ({ items: n, bytes: 16 * n }),
  access: 'read',
  belowRoofline:
    "Parity with the JS twin fixes the order of the float additions: one dependent add per 16-byte record, so the loop runs at the add latency, not at load bandwidth; the Rust table's `rust_fast`, with eight accumulators, shows what reassociating buys.",
  setup,
  traditional: (s) => totalMixed(s.mixed),
  rustInspired: (s) => totalHot(s.hot),
  steps: ['traditional', 'split-interleaved', 'rust_inspired', 'js-flat-split'],
  ...(bin ? { native: (s: State) => bin.hotSumSync(s.flatHot, 2) } : {}),
  variants: {
    'split-interleaved': (s) => totalHot(s.hotInterleaved),
    'js-flat-mixed': (s) => js.hotSumSync(s.flatMixed, MIXED_STRIDE),
    'js-flat-split': (s) => js.hotSumSync(s.flatHot, 2),
  },
  nativeVariants: {
    ...(bin ? { 'native-mixed': (s: State) => bin.hotSumSync(s.flatMixed, MIXED_STRIDE) } : {}),
    // The native form's kernel through the lab's wasm32-wasip1-threads build.
    ...labWasmForm((w, s: State) => w.hotSumSync(s.flatHot, 2)),
  },
  // Every form against the formula, not only against each other.
  check: (results, s) => allEqual({ expected: expectedTotal(s.n), ...results }),
});
