/**
 * `cache-locality/access-order`: the same gather-sum over N doubles through a shuffled,
 * strided or sequential index. Traditional code visits records in whatever order it holds
 * their ids (a Map, arrival order): the shuffled index. The Rust habit is to sort that work
 * into memory order first: the sequential index. Values are small integers, so every order
 * gives the same exact sum.
 */
import { js } from '../../../src/index.js';
import { native } from '../../../src/native.js';
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
  rustInspired: (s) => js.gatherSumSync(s.data, s.sequential),
  ...(bin ? { native: (s: State) => bin.gatherSumSync(s.data, s.sequential) } : {}),
  variants: {
    'js-strided': (s) => js.gatherSumSync(s.data, s.strided),
  },
  ...(bin
    ? {
        nativeVariants: {
          'native-strided': (s: State) => bin.gatherSumSync(s.data, s.strided),
          'native-shuffled': (s: State) => bin.gatherSumSync(s.data, s.shuffled),
        },
      }
    : {}),
  check: (results) => allEqual(results),
});
