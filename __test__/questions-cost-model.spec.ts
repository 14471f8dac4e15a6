import { describe, expect, it } from 'vitest';
import {
  fitCost,
  fitCrossover,
  fitLine,
  processMedians,
  type SizedForm,
} from '../benchmark/engine/cost-model';
import { rng } from '../benchmark/engine/stats';

function gauss(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** A form costing a + b·size, 4 processes of 10 samples per size, 5% process and 5% sample noise. */
function synth(a: number, b: number, sizes: number[], seed: number): SizedForm[] {
  const next = rng(seed);
  return sizes.map((size) => {
    const samples_ns: number[] = [];
    const sample_process: number[] = [];
    for (let p = 0; p < 4; p++) {
      const level = Math.exp(0.05 * gauss(next));
      for (let i = 0; i < 10; i++) {
        samples_ns.push((a + b * size) * level * Math.exp(0.05 * gauss(next)));
        sample_process.push(p);
      }
    }
    return { size, form: { samples_ns, sample_process } };
  });
}

const sizes = [100, 1e4, 1e6, 16e6];

describe('cost model', () => {
  it('fits an exact line exactly', () => {
    expect(fitLine([1, 2, 3, 4], [12, 14, 16, 18])).toEqual({ a: 10, b: 2 });
    // One wild point does not tilt a least-absolute-deviations line.
    const l = fitLine([1, 2, 3, 4, 5], [12, 14, 160, 18, 20]);
    expect(l.a).toBeCloseTo(10);
    expect(l.b).toBeCloseTo(2);
  });

  it('takes one unit per process, or per sample with one process', () => {
    expect(processMedians({ samples_ns: [1, 2, 3, 10, 20, 30], sample_process: [0, 0, 0, 1, 1, 1] })).toEqual(
      [2, 20],
    );
    expect(processMedians({ samples_ns: [5, 6, 7] })).toEqual([5, 6, 7]);
  });

  it('needs three sizes', () => {
    expect(fitCost(synth(60, 0.08, [100, 1e4], 1), 's')).toBeNull();
  });

  it('recovers a known fixed and marginal cost without noise', () => {
    const exact: SizedForm[] = sizes.map((size) => ({
      size,
      form: { samples_ns: [50 + 0.25 * size, 50 + 0.25 * size], sample_process: [0, 1] },
    }));
    const f = fitCost(exact, 'exact')!;
    expect(f.fixed.value).toBeCloseTo(50, 6);
    expect(f.marginal.value).toBeCloseTo(0.25, 9);
    expect(f.maxResidual).toBeLessThan(1e-9);
  });

  it('covers the known slope and fixed cost at least 90% of the time over 200 noisy datasets', () => {
    let slope = 0;
    let fixed = 0;
    const widths: number[] = [];
    for (let i = 0; i < 200; i++) {
      const f = fitCost(synth(60, 0.08, sizes, i + 1), `cov${i}`, 400)!;
      if (f.marginal.lo <= 0.08 && 0.08 <= f.marginal.hi) slope++;
      if (f.fixed.lo <= 60 && 60 <= f.fixed.hi) fixed++;
      widths.push((f.marginal.hi - f.marginal.lo) / 0.08);
    }
    expect(slope).toBeGreaterThanOrEqual(180);
    expect(fixed).toBeGreaterThanOrEqual(180);
    // An interval that covers everything is no interval: the slope's is typically within ±10%.
    widths.sort((a, b) => a - b);
    expect(widths[100]).toBeLessThan(0.2);
  }, 60_000);

  it('recovers a known crossover with an interval that holds it', () => {
    const truth = (500 - 60) / (0.08 - 0.01);
    let covered = 0;
    for (let i = 0; i < 40; i++) {
      const x = fitCrossover(
        synth(60, 0.08, sizes, 100 + i),
        synth(500, 0.01, sizes, 900 + i),
        `x${i}`,
        400,
      )!;
      expect(x.size! / truth).toBeGreaterThan(0.8);
      expect(x.size! / truth).toBeLessThan(1.25);
      if (x.lo! <= truth && (x.hi === null || truth <= x.hi)) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(36);
  }, 60_000);

  it('says when two lines do not cross', () => {
    const x = fitCrossover(synth(60, 0.08, sizes, 7), synth(30, 0.04, sizes, 8), 'none')!;
    expect(x.size).toBeNull();
  });
});
