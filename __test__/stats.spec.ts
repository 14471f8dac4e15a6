import { describe, expect, it } from 'vitest';

import {
  classify,
  direction,
  medianInterval,
  rng,
  smallSampleFactor,
  speedRatio,
  tQuantile,
  worthMoreProcesses,
  bands,
  type Sampled,
} from '../benchmark/engine/stats.js';

/** Samples with right-skewed timing noise (log-normal, sd ~`noise`) and one 3x outlier per set. */
function synthetic(timeNs: number, n: number, noise: number, next: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Box-Muller normal, then a one-sided jitter term: timing noise only ever adds time.
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    out.push(timeNs * Math.exp(noise * z) * (1 + 0.02 * next()));
  }
  out[Math.floor(next() * n)]! *= 3;
  return out;
}

describe('speedRatio', () => {
  it.each([
    [12, 0.03],
    [12, 0.1],
    [30, 0.05],
  ])(
    'a 95 percent interval covers the true ratio in at least 90 percent of 200 pairs (n=%i, noise %f)',
    (n, noise) => {
      const next = rng(42 + n);
      let covered = 0;
      const pairs = 200;
      for (let i = 0; i < pairs; i++) {
        const truth = Math.exp((next() - 0.5) * 6); // 0.05x .. 20x
        const incumbent: Sampled = { samples_ns: synthetic(1000, n, noise, next) };
        const challenger: Sampled = { samples_ns: synthetic(1000 / truth, n, noise, next) };
        const iv = speedRatio(challenger, incumbent, i, 0.95, 500);
        if (iv.lo <= truth && truth <= iv.hi) covered++;
      }
      expect(covered / pairs).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('pairs samples taken in the same rounds: drift that hits both forms cancels', () => {
    const next = rng(11);
    let covered = 0;
    let width = 0;
    for (let i = 0; i < 100; i++) {
      // Each round runs up to 35% slower or faster for both forms alike.
      const drift = Array.from({ length: 16 }, () => Math.exp(0.3 * (next() - 0.5) * 2));
      const inc = synthetic(1000, 16, 0.03, next).map((t, j) => t * drift[j]!);
      const ch = synthetic(500, 16, 0.03, next).map((t, j) => t * drift[j]!);
      const iv = speedRatio({ samples_ns: ch }, { samples_ns: inc }, i, 0.95, 500);
      if (iv.lo <= 2 && 2 <= iv.hi) covered++;
      width += Math.log(iv.hi / iv.lo);
    }
    expect(covered).toBeGreaterThanOrEqual(90);
    // Unpaired, the drift alone would make the interval about 1.3x wide.
    expect(Math.exp(width / 100)).toBeLessThan(1.12);
  });

  it('pools processes: spread between processes widens the interval', () => {
    const next = rng(7);
    const one = synthetic(1000, 24, 0.02, next);
    const within: Sampled = { samples_ns: one };
    // The same samples split over three processes whose levels differ by 15%.
    const levels = [1, 1.15, 0.87];
    const across: Sampled = {
      samples_ns: one.map((t, i) => t * levels[i % 3]!),
      sample_process: one.map((_, i) => i % 3),
    };
    // The reference was sampled elsewhere (24 samples, one process), so the pair is unpaired.
    const ref: Sampled = { samples_ns: synthetic(1000, 25, 0.02, next) };
    const a = speedRatio(within, ref, 1);
    const b = speedRatio(across, ref, 1);
    expect(b.hi / b.lo).toBeGreaterThan((a.hi / a.lo) * 1.05);
  });

  // The runner adds up to two processes while a headline verdict is undecided with a wide
  // interval (runner.ts `needsMoreProcesses`): the extra looks must not spoil the interval.
  it('keeps its coverage with the runner sequential extra processes, and rarely decides a wrong class', () => {
    const next = rng(2024);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    let covered = 0;
    let decided = 0;
    let wrong = 0;
    let looks = 0;
    const pairs = 200;
    for (let i = 0; i < pairs; i++) {
      // True ratios spread over 1.05x..2.6x, across the 1.1x and 2x class boundaries.
      const truth = Math.exp(Math.log(1.05) + next() * Math.log(2.6 / 1.05));
      const ch: number[] = [];
      const inc: number[] = [];
      const proc: number[] = [];
      const addProcess = (p: number): void => {
        // Each process has its own level for the ratio (JIT, heap layout), about 4% apart.
        const level = Math.exp(0.04 * normal());
        for (const t of synthetic(1000, 5, 0.05, next)) {
          inc.push(t);
          ch.push((t / truth / level) * Math.exp(0.05 * normal()));
          proc.push(p);
        }
      };
      // Quick mode's default: four processes of five rounds each.
      for (let p = 0; p < 4; p++) addProcess(p);
      const verdictNow = () => {
        const iv = speedRatio(
          { samples_ns: ch, sample_process: proc },
          { samples_ns: inc, sample_process: proc },
          i,
          0.95,
          500,
        );
        return { ...iv, class: classify(iv) };
      };
      let v = verdictNow();
      for (let extra = 0; extra < 2 && worthMoreProcesses(v); extra++) {
        addProcess(4 + extra);
        looks++;
        v = verdictNow();
      }
      if (v.lo <= truth && truth <= v.hi) covered++;
      if (v.class !== 'undecided') {
        decided++;
        const band = bands.find((b) => b.class === v.class)!;
        if (truth < band.from || truth >= band.to) wrong++;
      }
    }
    expect(looks).toBeGreaterThan(0);
    expect(covered / pairs).toBeGreaterThanOrEqual(0.9);
    expect(wrong / decided).toBeLessThanOrEqual(0.05);
  });

  it('is deterministic for a given seed', () => {
    const next = rng(3);
    const x: Sampled = { samples_ns: synthetic(100, 12, 0.05, next) };
    const y: Sampled = { samples_ns: synthetic(200, 12, 0.05, next) };
    expect(speedRatio(x, y, 'a')).toEqual(speedRatio(x, y, 'a'));
    expect(speedRatio(x, y, 'a').ratio).toBeCloseTo(2, 0);
  });

  it('the median interval holds the median', () => {
    const next = rng(5);
    const iv = medianInterval({ samples_ns: synthetic(500, 15, 0.05, next) }, 1);
    expect(iv.lo).toBeLessThanOrEqual(iv.ratio);
    expect(iv.hi).toBeGreaterThanOrEqual(iv.ratio);
  });

  it('widens small samples by the t factor', () => {
    expect(tQuantile(0.975, 11)).toBeCloseTo(2.201, 2);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.045, 2);
    expect(smallSampleFactor(12)).toBeGreaterThan(1.1);
    expect(smallSampleFactor(1000)).toBeLessThan(1.01);
  });
});

describe('classify', () => {
  it.each([
    [12, 40, 'much-faster'],
    [2.1, 9, 'faster'],
    [1.12, 1.9, 'slightly-faster'],
    [0.95, 1.05, 'equivalent'],
    [1 / 1.1, 1.1, 'equivalent'],
    [0.6, 0.85, 'slightly-slower'],
    [0.12, 0.4, 'slower'],
    [0.01, 0.09, 'much-slower'],
    // Straddling any boundary is undecided, including the equivalence band's edges.
    [1.05, 1.3, 'undecided'],
    [0.95, 1.2, 'undecided'],
    [1.8, 2.3, 'undecided'],
    [8, 12, 'undecided'],
    [0.4, 0.6, 'undecided'],
    [0.05, 0.2, 'undecided'],
    [0.5, 20, 'undecided'],
  ] as const)('[%f, %f] is %s', (lo, hi, expected) => {
    expect(classify({ lo, hi })).toBe(expected);
  });

  it('maps classes to directions', () => {
    expect(direction('faster')).toBe('wins');
    expect(direction('slightly-slower')).toBe('loses');
    expect(direction('equivalent')).toBe('ties');
    expect(direction('undecided')).toBe('undecided');
  });
});
