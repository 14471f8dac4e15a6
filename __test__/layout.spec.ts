import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { js, loadError, native } from '../benchmark/lab/native.js';
import { float64Views, labImplementations, nonFinite, notFloat64 } from './helpers.js';

/** Splits AoS records (8 f64 each) into fresh SoA arrays of the four stepped fields. */
function toSoa(records: Float64Array): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const n = records.length / 8;
  const fields = [0, 1, 2, 3].map((f) => Float64Array.from({ length: n }, (_, i) => records[i * 8 + f]!));
  return fields as [Float64Array, Float64Array, Float64Array, Float64Array];
}

/** AoS views whose length is a whole number of records. */
const aosViews = float64Views(8 * 40).map((v) => v.subarray(0, v.length - (v.length % 8)));

describe.each(labImplementations)('layout (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('AoS and SoA steps move the same particles to the same places', () => {
    fc.assert(
      fc.property(aosViews, fc.double({ min: -4, max: 4, noNaN: true }), (records, dt) => {
        const [x, y, vx, vy] = toSoa(records);
        const untouched = Array.from(records).filter((_, i) => i % 8 >= 4);
        const a = impl.particlesAosStepSync(records, dt);
        const s = impl.particlesSoaStepSync(x, y, vx, vy, dt);
        expect(a).toBe(s);
        expect(toSoa(records)).toEqual([x, y, vx, vy]);
        expect(Array.from(records).filter((_, i) => i % 8 >= 4)).toEqual(untouched);
      }),
      { numRuns: 500 },
    );
  });

  it('throws TypeError for wrong types and RangeError for bad shapes and values', () => {
    const one = (): Float64Array => new Float64Array(1);
    for (const [label, bad] of notFloat64()) {
      expect(() => impl.particlesAosStepSync(bad as Float64Array, 1), label).toThrow(TypeError);
      expect(() => impl.particlesSoaStepSync(one(), one(), one(), bad as Float64Array, 1), label).toThrow(
        TypeError,
      );
    }
    for (const [label, bad, kind] of nonFinite) {
      expect(() => impl.particlesAosStepSync(new Float64Array(8), bad as number), label).toThrow(kind);
      expect(() => impl.particlesSoaStepSync(one(), one(), one(), one(), bad as number), label).toThrow(kind);
    }
    expect(() => impl.particlesAosStepSync(new Float64Array(9), 1)).toThrow(RangeError);
    expect(() => impl.particlesSoaStepSync(one(), new Float64Array(2), one(), one(), 1)).toThrow(RangeError);
    const shared = new Float64Array(4);
    expect(() =>
      impl.particlesSoaStepSync(shared.subarray(0, 2), shared.subarray(1, 3), one(), one(), 1),
    ).toThrow(/overlap/);
    expect(() =>
      impl.particlesSoaStepSync(shared.subarray(0, 2), one(), shared.subarray(0, 2), one(), 1),
    ).toThrow(/overlap/);
  });
});

describe.skipIf(native === null)('layout parity: native ≡ js', () => {
  it('refuses x or y sharing memory with any other array alike, and lets vx and vy share', () => {
    const outcome = (call: () => unknown): unknown => {
      try {
        return { value: call() };
      } catch (e) {
        return { error: (e as Error).constructor.name, message: (e as Error).message };
      }
    };
    const names = ['x', 'y', 'vx', 'vy'];
    /** Four arrays of 2, where `b` shares its first element with `a`'s last one. */
    const aliased = (a: number, b: number): Parameters<typeof js.particlesSoaStepSync> => {
      const shared = new Float64Array(3);
      const arrays = names.map((_, j) =>
        j === a ? shared.subarray(0, 2) : j === b ? shared.subarray(1, 3) : new Float64Array(2),
      );
      return [...arrays, 0.5] as Parameters<typeof js.particlesSoaStepSync>;
    };
    const refused = { error: 'RangeError', message: 'x and y must not overlap each other, vx or vy' };
    for (let a = 0; a < 4; a += 1) {
      for (let b = a + 1; b < 4; b += 1) {
        const label = `${names[a]}/${names[b]}`;
        const nativeOutcome = outcome(() => native!.particlesSoaStepSync(...aliased(a, b)));
        expect(nativeOutcome, label).toEqual(outcome(() => js.particlesSoaStepSync(...aliased(a, b))));
        expect(nativeOutcome, label).toEqual(a < 2 ? refused : { value: 0 });
      }
    }
    // An empty view inside another array shares no byte: the length check speaks on both paths.
    const shared = new Float64Array(4);
    const emptyInside = [
      shared.subarray(1, 1),
      shared.subarray(0, 2),
      new Float64Array(2),
      new Float64Array(2),
    ];
    const args = [...emptyInside, 1] as Parameters<typeof js.particlesSoaStepSync>;
    expect(outcome(() => native!.particlesSoaStepSync(...args))).toEqual(
      outcome(() => js.particlesSoaStepSync(...args)),
    );
    expect(outcome(() => js.particlesSoaStepSync(...args))).toMatchObject({
      error: 'RangeError',
      message: /same length/,
    });
  });

  it('agrees on both layouts, including empty and offset views', () => {
    fc.assert(
      fc.property(aosViews, fc.double({ noNaN: true, noDefaultInfinity: true }), (records, dt) => {
        const a = records.slice();
        const b = records.slice();
        expect(native!.particlesAosStepSync(a, dt)).toBe(js.particlesAosStepSync(b, dt));
        expect(a).toEqual(b);
        const p = toSoa(records);
        const q = toSoa(records);
        expect(native!.particlesSoaStepSync(...p, dt)).toBe(js.particlesSoaStepSync(...q, dt));
        expect(p).toEqual(q);
      }),
      { numRuns: 1000 },
    );
  });
});
