import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Particle, stepParticle } from '../benchmark/lab/kernels/object-pool.js';
import { js, loadError, native } from '../benchmark/lab/native.js';
import { ObjectPool } from '../src/index.js';
import { labImplementations, nonFinite, notFloat64 } from './helpers.js';

/** The frame with a new Particle per spawn: the definition the pooled twins must match. */
function reference(seeds: Float64Array, steps: number): number {
  const live: Particle[] = [];
  for (let i = 0; i < seeds.length; i += 4)
    live.push(new Particle(seeds[i], seeds[i + 1], seeds[i + 2], seeds[i + 3]));
  for (let s = 0; s < steps; s++) for (const p of live) stepParticle(p);
  return live.reduce((sum, p) => sum + (p.x + p.y), 0);
}

const seedViews = fc
  .tuple(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 4 * 60 }), fc.nat(3))
  .map(([values, head]) => {
    const start = Math.min(head, values.length);
    const n = (values.length - start) & ~3;
    return new Float64Array(values).subarray(start, start + n);
  });

describe('ObjectPool', () => {
  it('reuses released objects after reset, LIFO, and counts hits and misses', () => {
    let made = 0;
    const pool = new ObjectPool({ create: () => ({ id: made++, value: 0 }), reset: (o) => (o.value = 0) });
    const a = pool.acquire();
    const b = pool.acquire();
    a.value = 42;
    pool.release(a);
    expect(a.value).toBe(0);
    expect(pool.acquire()).toBe(a);
    expect(pool.stats).toEqual({ hits: 1, misses: 2, idle: 0, dropped: 0 });
    pool.release(b);
    expect(pool.stats.idle).toBe(1);
    pool.clear();
    expect(pool.acquire()).not.toBe(b);
  });

  it('never holds more than max idle objects under random acquire/release sequences', () => {
    fc.assert(
      fc.property(fc.nat(8), fc.array(fc.boolean(), { maxLength: 200 }), (max, ops) => {
        const pool = new ObjectPool({ create: () => ({}), max });
        const out: object[] = [];
        let dropped = 0;
        for (const acquire of ops) {
          if (acquire || out.length === 0) out.push(pool.acquire());
          else {
            if (pool.stats.idle === max) dropped++;
            pool.release(out.pop()!);
          }
          expect(pool.stats.idle).toBeLessThanOrEqual(max);
        }
        expect(pool.stats.dropped).toBe(dropped);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects bad options', () => {
    expect(() => new ObjectPool(null as unknown as { create: () => object })).toThrow(TypeError);
    expect(() => new ObjectPool({ create: 1 as unknown as () => object })).toThrow(TypeError);
    expect(() => new ObjectPool({ create: () => ({}), reset: 'x' as unknown as () => void })).toThrow(
      TypeError,
    );
    for (const max of [-1, 1.5, 2 ** 32])
      expect(() => new ObjectPool({ create: () => ({}), max })).toThrow(RangeError);
  });
});

describe.each(labImplementations)('particleFrameSync (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('equals a frame of fresh particles, and repeats', () => {
    fc.assert(
      fc.property(seedViews, fc.nat(12), (seeds, steps) => {
        const expected = reference(seeds, steps);
        expect(impl.particleFrameSync(seeds, steps)).toBe(expected);
        expect(impl.particleFrameSync(seeds, steps)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('throws TypeError for wrong types and RangeError for bad values', () => {
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.particleFrameSync(bad as Float64Array, 1), label).toThrow(TypeError);
    }
    for (const [label, bad, kind] of nonFinite) {
      expect(() => impl.particleFrameSync(new Float64Array(4), bad as number), label).toThrow(kind);
    }
    for (const bad of [-1, 0.5, 2 ** 32]) {
      expect(() => impl.particleFrameSync(new Float64Array(4), bad), String(bad)).toThrow(RangeError);
    }
    expect(() => impl.particleFrameSync(new Float64Array(5), 1)).toThrow(RangeError);
  });
});

describe.skipIf(native === null)('particleFrameSync parity: native ≡ js', () => {
  it('agrees on random seeds, including empty and offset views', () => {
    fc.assert(
      fc.property(seedViews, fc.nat(20), (seeds, steps) => {
        expect(native!.particleFrameSync(seeds, steps)).toBe(js.particleFrameSync(seeds, steps));
      }),
      { numRuns: 1000 },
    );
  });
});
