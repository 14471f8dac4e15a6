/**
 * `allocation/object-pooling`: a frame of particles spawned from seeds, stepped 4 times and
 * retired. All particles of a frame are alive together (long-lived within the frame), so `new`
 * per spawn really allocates (no escape analysis) and large frames promote to the old
 * generation: the case where a pool can pay. The `retained-array` variant is the Rust-shaped
 * control: the frame's array and objects are reused without any pool.
 *
 * The short-lived variants retire each particle right after its steps (one alive at a time), the
 * case where a pool is pure overhead: `new` there is a young-generation bump allocation or no
 * allocation at all once escape analysis removes it. GC pauses per form are in the memory pass.
 */
import { js, native } from '../../lab/native.js';
import { ObjectPool } from '../../../src/object-pool.js';
import { Particle, stepParticle } from '../../lab/kernels/object-pool.js';
import { randomFloats } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

const STEPS = 4;
const bin = native;

/** `new Particle` per spawn into a fresh array, dropped at the end of the frame. */
function freshFrame(seeds: Float64Array): number {
  const live: Particle[] = [];
  for (let i = 0; i < seeds.length; i += 4) {
    live.push(new Particle(seeds[i]!, seeds[i + 1]!, seeds[i + 2]!, seeds[i + 3]!));
  }
  for (let s = 0; s < STEPS; s++) for (let i = 0; i < live.length; i++) stepParticle(live[i]!);
  let sum = 0;
  for (let i = 0; i < live.length; i++) sum += live[i]!.x + live[i]!.y;
  return sum;
}

/** The Rust `Vec<Particle>` shape in JS: the frame's particle array and objects are kept. */
function retainedFrame(seeds: Float64Array, live: Particle[]): number {
  const n = seeds.length / 4;
  while (live.length < n) live.push(new Particle());
  for (let i = 0; i < n; i++) {
    const p = live[i]!;
    p.x = seeds[4 * i]!;
    p.y = seeds[4 * i + 1]!;
    p.vx = seeds[4 * i + 2]!;
    p.vy = seeds[4 * i + 3]!;
  }
  for (let s = 0; s < STEPS; s++) for (let i = 0; i < n; i++) stepParticle(live[i]!);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += live[i]!.x + live[i]!.y;
  return sum;
}

/** Short-lived: each particle is made, stepped and dropped before the next one exists. */
function shortLivedNew(seeds: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < seeds.length; i += 4) {
    const p = new Particle(seeds[i]!, seeds[i + 1]!, seeds[i + 2]!, seeds[i + 3]!);
    for (let s = 0; s < STEPS; s++) stepParticle(p);
    sum += p.x + p.y;
  }
  return sum;
}

/** Short-lived through an ObjectPool: acquire, set, step, release. */
function shortLivedPooled(seeds: Float64Array, pool: ObjectPool<Particle>): number {
  let sum = 0;
  for (let i = 0; i < seeds.length; i += 4) {
    const p = pool.acquire();
    p.x = seeds[i]!;
    p.y = seeds[i + 1]!;
    p.vx = seeds[i + 2]!;
    p.vy = seeds[i + 3]!;
    for (let s = 0; s < STEPS; s++) stepParticle(p);
    sum += p.x + p.y;
    pool.release(p);
  }
  return sum;
}

interface State {
  seeds: Float64Array;
  live: Particle[];
  pool: ObjectPool<Particle>;
}

export const benchCase = defineCase<State>({
  id: 'allocation/object-pooling',
  pattern: 'Object pooling',
  mechanism:
    "V8's young generation makes short-lived allocation a pointer bump and dead objects free to collect, so a pool only pays when objects live long enough to be promoted and traced by full collections.",
  dart: { ratio: 2.7, text: 'object pooling 2.7x' },
  questions: [
    {
      question: 4,
      answers: [
        'rust_inspired_vs_traditional',
        { challenger: 'short-lived pool', incumbent: 'short-lived new' },
      ],
    },
  ],
  hypothesis: {
    statement:
      'Object pooling helps (confirmed if the pooled form is faster at 95% confidence; refuted if it is equivalent or slower; undecided otherwise).',
    confirmedWhen: 'faster',
    form: 'pooled form',
  },
  description:
    'A frame of N particles stepped 4 times: new per spawn vs ObjectPool vs a reused Rust Vec<Particle>',
  unit: 'elements',
  sizes: { quick: [100, 10_000, 100_000], full: [1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  setup: (size) => ({
    seeds: randomFloats(size * 4, 1 / 16),
    live: [],
    pool: new ObjectPool({ create: () => new Particle(), max: 16 }),
  }),
  traditional: (s) => freshFrame(s.seeds),
  rustInspired: (s) => js.particleFrameSync(s.seeds, STEPS),
  ...(bin ? { native: (s: State) => bin.particleFrameSync(s.seeds, STEPS) } : {}),
  variants: {
    'retained-array': (s) => retainedFrame(s.seeds, s.live),
    'short-lived new': (s) => shortLivedNew(s.seeds),
    'short-lived pool': (s) => shortLivedPooled(s.seeds, s.pool),
  },
  // The native form's kernel through the lab's wasm32-wasip1-threads build.
  nativeVariants: labWasmForm((w, s: State) => w.particleFrameSync(s.seeds, STEPS)),
  check: (results) => allEqual(results),
});
