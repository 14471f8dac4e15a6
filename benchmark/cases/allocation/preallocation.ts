/** `allocation/preallocation`: running sums built by push, into a preallocated array, or an arena. */
import { js, native } from '../../lab/native.js';
import { prefixSumInto } from '../../lab/kernels/preallocation.js';
import { asNumbers, randomFloats } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

const bin = native;

/** The same loop as `prefixSumInto`, kept separate so each stays monomorphic (number[] here). */
function prefixSumIntoArray(data: Float64Array, out: number[]): number[] {
  let sum = 0;
  for (let i = 0, n = data.length; i < n; i++) out[i] = sum += data[i]!;
  return out;
}

interface State {
  data: Float64Array;
  /** One ArrayBuffer allocated at setup; every op carves its output from it (bump reset per op). */
  arena: ArrayBuffer;
}

export const benchCase = defineCase<State>({
  id: 'allocation/preallocation',
  pattern: 'Preallocation (with_capacity)',
  mechanism:
    'A typed array of known length is allocated once, where push grows a JS array by reallocating and copying its elements store.',
  description:
    'Running sums: push onto [] vs new Float64Array(n) vs an ArrayBuffer arena vs Rust Vec::with_capacity',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 100_000], full: [1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  setup: (size) => ({ data: randomFloats(size), arena: new ArrayBuffer(size * 8) }),
  traditional: (s) => {
    const out: number[] = [];
    let sum = 0;
    for (let i = 0; i < s.data.length; i++) out.push((sum += s.data[i]!));
    return out;
  },
  rustInspired: (s) => js.prefixSumSync(s.data),
  ...(bin ? { native: (s: State) => bin.prefixSumSync(s.data) } : {}),
  variants: {
    'array-prealloc': (s) => prefixSumIntoArray(s.data, new Array<number>(s.data.length)),
    arena: (s) => prefixSumInto(s.data, new Float64Array(s.arena, 0, s.data.length)),
  },
  nativeVariants: {
    ...(bin ? { 'native-push': (s: State) => bin.prefixSumPushSync(s.data) } : {}),
    // The native form's kernel through the lab's wasm32-wasip1-threads build.
    ...labWasmForm((w, s: State) => w.prefixSumSync(s.data)),
  },
  // The arena's view is overwritten by the next op, so results are compared as they come.
  check: (results) =>
    allEqual(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, asNumbers(v)]))),
});
