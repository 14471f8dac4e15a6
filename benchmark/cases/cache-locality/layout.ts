/** `cache-locality/layout`: one particle step over an array of objects, AoS floats, or SoA. */
import { RECORD_FIELDS } from '../../lab/kernels/layout.js';
import { js, native } from '../../lab/native.js';
import { randomFloats } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

const DT = 1 / 64;
const bin = native;

interface Record8 {
  x: number;
  y: number;
  vx: number;
  vy: number;
  mass: number;
  charge: number;
  id: number;
  flags: number;
}

interface Soa {
  x: Float64Array;
  y: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
}

interface State {
  objects: Record8[];
  aosJs: Float64Array;
  aosNative: Float64Array;
  soaJs: Soa;
  soaNative: Soa;
  /** The wasm form's own columns (it moves them in place, as the native form moves `soaNative`). */
  soaWasm: Soa;
}

function stepObjects(records: Record8[], dt: number): number {
  let sum = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    r.x = r.x + r.vx * dt;
    r.y = r.y + r.vy * dt;
    sum += r.x + r.y;
  }
  return sum;
}

function makeState(n: number): State {
  const raw = randomFloats(n * RECORD_FIELDS);
  const objects: Record8[] = [];
  const soa = (): Soa => ({
    x: new Float64Array(n),
    y: new Float64Array(n),
    vx: new Float64Array(n),
    vy: new Float64Array(n),
  });
  const soaJs = soa();
  const soaNative = soa();
  const soaWasm = soa();
  for (let i = 0; i < n; i++) {
    const f = raw.subarray(i * RECORD_FIELDS, (i + 1) * RECORD_FIELDS);
    objects.push({ x: f[0]!, y: f[1]!, vx: f[2]!, vy: f[3]!, mass: f[4]!, charge: f[5]!, id: i, flags: 0 });
    for (const s of [soaJs, soaNative, soaWasm]) {
      s.x[i] = f[0]!;
      s.y[i] = f[1]!;
      s.vx[i] = f[2]!;
      s.vy[i] = f[3]!;
    }
  }
  return { objects, aosJs: raw.slice(), aosNative: raw.slice(), soaJs, soaNative, soaWasm };
}

export const benchCase = defineCase<State>({
  id: 'cache-locality/layout',
  pattern: 'Cache-friendly layout',
  mechanism:
    'Columns keep each field contiguous, so a loop over one field streams cache lines; an array of objects spreads fields over separate heap objects with headers and pointers.',
  dart: { ratio: 1.38, text: 'cache-friendly layout 1.38x' },
  questions: [{ question: 6, answers: ['rust_inspired_vs_traditional'] }],
  description:
    'Move N particles one step: array of 8-field objects vs SoA Float64Arrays vs Rust SoA (and AoS)',
  unit: 'records',
  sizes: { quick: [100, 10_000, 1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  setup: makeState,
  traditional: (s) => stepObjects(s.objects, DT),
  rustInspired: (s) => js.particlesSoaStepSync(s.soaJs.x, s.soaJs.y, s.soaJs.vx, s.soaJs.vy, DT),
  ...(bin
    ? {
        native: (s: State) =>
          bin.particlesSoaStepSync(s.soaNative.x, s.soaNative.y, s.soaNative.vx, s.soaNative.vy, DT),
      }
    : {}),
  variants: {
    'js-aos-flat': (s) => js.particlesAosStepSync(s.aosJs, DT),
  },
  nativeVariants: {
    ...(bin ? { 'native-aos': (s: State) => bin.particlesAosStepSync(s.aosNative, DT) } : {}),
    // The native form's kernel through the lab's wasm32-wasip1-threads build.
    ...labWasmForm((w, s: State) =>
      w.particlesSoaStepSync(s.soaWasm.x, s.soaWasm.y, s.soaWasm.vx, s.soaWasm.vy, DT),
    ),
  },
  check: (results) => allEqual(results),
});
