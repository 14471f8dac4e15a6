/**
 * `allocation/in-place`: `x * -1 + 0.5` over N numbers, as a new array (`map`) or written back.
 * The map is an involution up to rounding, so repeated in-place runs stay bounded.
 *
 * `Array#map` and the in-place Float64Array kernel differ in three ways, so the case times a
 * ladder that changes one at a time (`steps`): the closure per element, the new output array, and
 * the container (`number[]` vs Float64Array).
 */
import { js, native } from '../../lab/native.js';
import { asNumbers, randomFloats } from '../../lab/data.js';
import { affineArrayInPlace, affineIntoNewArray } from '../../lab/in-place.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

const SCALE = -1;
const OFFSET = 0.5;
const bin = native;

interface State {
  /** Read by the forms that make a new array. */
  array: number[];
  /** Written back by the number[] in-place form. */
  arrayInPlace: number[];
  typedForMap: Float64Array;
  forJs: Float64Array;
  forNative: Float64Array;
  /** Written back by the wasm form (emnapi copies it into wasm memory and back on each call). */
  forWasm: Float64Array;
}

export const benchCase = defineCase<State>({
  id: 'allocation/in-place',
  pattern: 'In-place mutation',
  mechanism:
    "Step by step: a counted loop into new Array(n) instead of Array#map drops the closure call per element and map's generic construction of its result; writing back skips allocating and filling a new array, whose cost grows with its size once it outgrows the young generation; a packed number[] of doubles already stores raw doubles as a Float64Array does, so the last step, the container, should buy little (a guess).",
  description:
    'Affine map, one change per step: Array#map to a new number[], a loop into a preallocated new number[], the loop in place on the number[], in place on a Float64Array; then Rust &mut [f64] on it',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 100_000], full: [1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  // The in-place kernels read and write back 8 bytes per element: held to the update roofline
  // (`limits/bandwidth`'s `update-vector`), which a copy's is not (the Rust kernel ran at 181%
  // of the 1 MiB copy figure: a copy's stores first fetch their destination lines).
  work: (n) => ({ items: n, bytes: 8 * n }),
  access: 'update',
  setup: (size) => {
    const data = randomFloats(size);
    return {
      array: Array.from(data),
      arrayInPlace: Array.from(data),
      typedForMap: data.slice(),
      forJs: data.slice(),
      forNative: data.slice(),
      forWasm: data.slice(),
    };
  },
  traditional: (s) => s.array.map((x) => x * SCALE + OFFSET),
  // The last step also adds the library's argument checks, which cost the same at every size.
  steps: ['traditional', 'array-loop-new', 'array-in-place', 'rust_inspired'],
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
  variants: {
    'array-loop-new': (s) => affineIntoNewArray(s.array, SCALE, OFFSET),
    'array-in-place': (s) => affineArrayInPlace(s.arrayInPlace, SCALE, OFFSET),
    'typed-map': (s) => s.typedForMap.map((x) => x * SCALE + OFFSET),
  },
  // The native form's kernel through the lab's wasm32-wasip1-threads build.
  nativeVariants: labWasmForm((w, s: State) => {
    w.affineInPlaceSync(s.forWasm, SCALE, OFFSET);
    return s.forWasm;
  }),
  // Every form against the map applied to the input (s.array is never written), not only to each other.
  check: (results, s) =>
    allEqual({
      expected: Array.from(s.array, (x) => x * SCALE + OFFSET),
      ...Object.fromEntries(Object.entries(results).map(([k, v]) => [k, asNumbers(v)])),
    }),
});
