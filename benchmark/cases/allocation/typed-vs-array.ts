/**
 * `allocation/typed-vs-array`: one op = scale `b` by -1 in place, then `sum(a) + dot(a, b)`,
 * over `number[]` vs `Float64Array` vs the Rust slice kernels. The `number[]` loops are
 * separate functions from the Float64Array ones so each stays monomorphic. Reads and writes are
 * also timed alone (`typed-read`/`array-read`: a sum; `typed-write`/`array-write`: every element
 * written from its index), so Q6 can say which of the two the container changes.
 */
import { js, native } from '../../lab/native.js';
import { randomFloats } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

const bin = native;

function arraySum(a: number[]): number {
  let s = 0;
  for (let i = 0, n = a.length; i < n; i++) s += a[i]!;
  return s;
}

function arrayDot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0, n = a.length; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

function arrayScale(a: number[], k: number): void {
  for (let i = 0, n = a.length; i < n; i++) a[i] = a[i]! * k;
}

function typedSum(a: Float64Array): number {
  let s = 0;
  for (let i = 0, n = a.length; i < n; i++) s += a[i]!;
  return s;
}

/** Writes every element from its index; returns two of them, so the writes are used. */
function arrayWrite(a: number[], k: number): number {
  const n = a.length;
  for (let i = 0; i < n; i++) a[i] = i * k;
  return a[n >> 1]! + a[n - 1]!;
}

function typedWrite(a: Float64Array, k: number): number {
  const n = a.length;
  for (let i = 0; i < n; i++) a[i] = i * k;
  return a[n >> 1]! + a[n - 1]!;
}

interface State {
  arrA: number[];
  arrB: number[];
  idiomA: number[];
  idiomB: number[];
  jsA: Float64Array;
  jsB: Float64Array;
  nA: Float64Array;
  nB: Float64Array;
  /** The wasm form's own pair (it scales `wB` in place, as the native form scales `nB`). */
  wA: Float64Array;
  wB: Float64Array;
  /** Read alone: the same values as `arrA`. */
  readT: Float64Array;
  /** Written alone, from the index. */
  writeA: number[];
  writeT: Float64Array;
  k: number;
}

export const benchCase = defineCase<State>({
  id: 'allocation/typed-vs-array',
  pattern: 'TypedArray vs Array',
  mechanism:
    'A packed JS array of small integers is read through the same fast element paths as a typed array, and its builtins are just as optimised; typed arrays save memory more than time (a guess).',
  questions: [{ question: 6, answers: ['rust_inspired_vs_traditional'] }],
  description: 'Scale, sum and dot: number[] loops vs Float64Array loops vs Rust slice kernels',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 100_000], full: [1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  // Reads and writes alone are parts of the op, timed for Q6: never "the fastest JS" native is
  // measured against (the first run with them read native as slower than a bare sum).
  otherWork: ['array-read', 'typed-read', 'array-write', 'typed-write'],
  setup: (size) => {
    const a = randomFloats(size);
    const b = randomFloats(size, 1 / 4, 0x85ebca6b);
    return {
      arrA: Array.from(a),
      arrB: Array.from(b),
      idiomA: Array.from(a),
      idiomB: Array.from(b),
      jsA: a.slice(),
      jsB: b.slice(),
      nA: a.slice(),
      nB: b.slice(),
      wA: a.slice(),
      wB: b.slice(),
      readT: a.slice(),
      writeA: Array.from(a),
      writeT: a.slice(),
      k: 0.75,
    };
  },
  traditional: (s) => {
    arrayScale(s.arrB, -1);
    return arraySum(s.arrA) + arrayDot(s.arrA, s.arrB);
  },
  rustInspired: (s) => {
    js.scaleF64Sync(s.jsB, -1);
    return js.sumF64Sync(s.jsA) + js.dotF64Sync(s.jsA, s.jsB);
  },
  ...(bin
    ? {
        native: (s: State) => {
          bin.scaleF64Sync(s.nB, -1);
          return bin.sumF64Sync(s.nA) + bin.dotF64Sync(s.nA, s.nB);
        },
      }
    : {}),
  variants: {
    // What much Node code writes: reduce for sums, map (a new array) for scaling.
    'array-reduce-map': (s) => {
      const b = s.idiomB.map((x) => x * -1);
      s.idiomB = b;
      const a = s.idiomA;
      return a.reduce((acc, x) => acc + x, 0) + a.reduce((acc, x, i) => acc + x * b[i]!, 0);
    },
    'array-read': (s) => arraySum(s.arrA),
    'typed-read': (s) => typedSum(s.readT),
    'array-write': (s) => arrayWrite(s.writeA, s.k),
    'typed-write': (s) => typedWrite(s.writeT, s.k),
  },
  // The native form's kernels through the lab's wasm32-wasip1-threads build.
  nativeVariants: labWasmForm((w, s: State) => {
    w.scaleF64Sync(s.wB, -1);
    return w.sumF64Sync(s.wA) + w.dotF64Sync(s.wA, s.wB);
  }),
  check: (results) => {
    const {
      'array-read': arrayRead,
      'typed-read': typedRead,
      'array-write': arrayWritten,
      'typed-write': typedWritten,
      ...op
    } = results;
    allEqual(op);
    allEqual({ 'array-read': arrayRead, 'typed-read': typedRead });
    allEqual({ 'array-write': arrayWritten, 'typed-write': typedWritten });
  },
});
