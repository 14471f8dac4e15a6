/**
 * `allocation/in-place`: `x * -1 + 0.5` over N numbers, as a new array (`map`) or written back.
 * The map is an involution up to rounding, so repeated in-place runs stay bounded.
 */
import { js, native } from '../../lab/native.js';
import { asNumbers, randomFloats } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';

const SCALE = -1;
const OFFSET = 0.5;
const bin = native;

interface State {
  array: number[];
  typedForMap: Float64Array;
  forJs: Float64Array;
  forNative: Float64Array;
}

export const benchCase = defineCase<State>({
  id: 'allocation/in-place',
  description:
    'Affine map: Array#map to a new number[] vs in place on a Float64Array vs Rust &mut [f64] on it',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 1_000_000], full: [10_000_000] },
  // The in-place kernels read and write back 8 bytes per element.
  work: (n) => ({ items: n, bytes: 8 * n }),
  access: 'copy',
  setup: (size) => {
    const data = randomFloats(size);
    return {
      array: Array.from(data),
      typedForMap: data.slice(),
      forJs: data.slice(),
      forNative: data.slice(),
    };
  },
  traditional: (s) => s.array.map((x) => x * SCALE + OFFSET),
  rustInspired: (s) => {
    js.affineInPlaceSync(s.forJs, SCALE, OFFSET);
    return s.forJs;
  },
  ...(bin
    ? {
        native: (s: State) => {
          bin.affineInPlaceSync(s.forNative, SCALE, OFFSET);
          return s.forNative;
        },
      }
    : {}),
  variants: { 'typed-map': (s) => s.typedForMap.map((x) => x * SCALE + OFFSET) },
  check: (results) =>
    allEqual(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, asNumbers(v)]))),
});
