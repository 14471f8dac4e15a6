import { describe, expect, it } from 'vitest';

import {
  classify,
  direction,
  directionFor,
  judge,
  magnitudeOf,
  medianInterval,
  sequentialFactor,
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

  // The runner adds a process while a verdict's direction or magnitude is undecided with a wide
  // interval, and up to three while its direction is (report/sequential.ts `needsMoreProcesses`):
  // with Pocock's constant for the looks taken, the extra looks must not spoil the interval.
  it('keeps its coverage with the runner sequential extra processes, and rarely decides a wrong class', () => {
    const next = rng(2024);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    let covered = 0;
    let decided = 0;
    let wrong = 0;
    let looks = 0;
    let wrongWay = 0;
    const pairs = 200;
    for (let i = 0; i < pairs; i++) {
      // True ratios spread over 0.85x..2.6x, across the 1/1.1x, 1.1x and 2x boundaries.
      const truth = Math.exp(Math.log(0.85) + next() * Math.log(2.6 / 0.85));
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
      let taken = 1;
      const verdictNow = () =>
        judge(
          speedRatio(
            { samples_ns: ch, sample_process: proc, looks: taken },
            { samples_ns: inc, sample_process: proc, looks: taken },
            i,
            0.95,
            500,
          ),
        );
      let v = verdictNow();
      const more = (extra: number): boolean =>
        worthMoreProcesses(v) && (extra < 1 || directionFor(v) === 'undecided');
      for (let extra = 0; extra < 3 && more(extra); extra++) {
        addProcess(4 + extra);
        looks++;
        taken++;
        v = verdictNow();
      }
      if (v.lo <= truth && truth <= v.hi) covered++;
      if (v.magnitude.length > 0) {
        decided++;
        const claimed = bands.filter((b) => v.magnitude.includes(b.class));
        if (!claimed.some((b) => truth >= b.from && truth < b.to)) wrong++;
      }
      const dir = directionFor({ lo: truth, hi: truth });
      if (v.direction !== 'undecided' && v.direction !== dir && dir !== 'undecided') wrongWay++;
    }
    expect(looks).toBeGreaterThan(20);
    expect(covered / pairs).toBeGreaterThanOrEqual(0.9);
    expect(wrong / decided).toBeLessThanOrEqual(0.05);
    expect(wrongWay).toBeLessThanOrEqual(pairs * 0.05);
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

  it('widens an interval after extra looks by Pocock constant', () => {
    expect(sequentialFactor(1)).toBe(1);
    expect(sequentialFactor(2)).toBeCloseTo(2.178 / 1.96, 6);
    expect(sequentialFactor(3)).toBeCloseTo(2.289 / 1.96, 6);
    const next = rng(9);
    const a: Sampled = { samples_ns: synthetic(1000, 20, 0.05, next) };
    const b: Sampled = { samples_ns: synthetic(500, 20, 0.05, next) };
    const one = speedRatio(b, a, 1);
    const two = speedRatio({ ...b, looks: 2 }, a, 1);
    expect(two.ratio).toBe(one.ratio);
    expect(Math.log(two.hi / two.lo)).toBeCloseTo(Math.log(one.hi / one.lo) * (2.178 / 1.96), 6);
  });

  it('maps classes to directions', () => {
    expect(direction('faster')).toBe('wins');
    expect(direction('slightly-slower')).toBe('loses');
    expect(direction('equivalent')).toBe('ties');
    expect(direction('undecided')).toBe('undecided');
  });
});

describe('direction and magnitude', () => {
  it.each([
    [1.3, 3.5, 'faster'],
    [1.1, 1.4, 'faster'],
    [0.3, 0.8, 'slower'],
    [0.95, 1.05, 'equivalent'],
    [1 / 1.1, 1.1, 'equivalent'],
    [0.9, 1.3, 'undecided'],
    [0.5, 1.05, 'undecided'],
    [0, 2, 'undecided'],
    [1.5, Infinity, 'undecided'],
  ] as const)('[%f, %f] points %s', (lo, hi, expected) => {
    expect(directionFor({ lo, hi })).toBe(expected);
  });

  it.each([
    // One class: the whole interval in one band.
    [12, 40, ['much-faster']],
    [2.1, 9, ['faster']],
    [1.12, 1.9, ['slightly-faster']],
    [0.95, 1.05, ['equivalent']],
    [0.6, 0.85, ['slightly-slower']],
    [0.12, 0.4, ['slower']],
    [0.01, 0.09, ['much-slower']],
    // Two adjacent classes: one boundary inside the interval.
    [1.87, 2.02, ['slightly-faster', 'faster']],
    [9.39, 10.5, ['faster', 'much-faster']],
    [0.67, 0.93, ['slightly-slower', 'equivalent']],
    [1.05, 1.3, ['equivalent', 'slightly-faster']],
    [0.05, 0.2, ['much-slower', 'slower']],
    // Three classes or more: undecided.
    [0.8, 1.3, []],
    [1.05, 2.2, []],
    [0.5, 20, []],
    [0, 1, []],
    [1, Infinity, []],
  ] as const)('[%f, %f] has magnitude %j', (lo, hi, expected) => {
    expect(magnitudeOf({ lo, hi })).toEqual(expected);
  });

  it('judges the class, the direction and the magnitude from one interval', () => {
    // node:zlib's "undecided 9.82x [9.39-10.5]": faster, "faster to much faster".
    const zlib = judge({ ratio: 9.82, lo: 9.39, hi: 10.5 });
    expect(zlib).toMatchObject({
      class: 'undecided',
      direction: 'faster',
      magnitude: ['faster', 'much-faster'],
    });
    // typed-vs-array's "undecided 0.90x [0.67-0.93]": the direction is still undecided (0.93 is
    // inside the band), the magnitude two classes.
    const typed = judge({ ratio: 0.9, lo: 0.67, hi: 0.93 });
    expect(typed).toMatchObject({ direction: 'undecided', magnitude: ['slightly-slower', 'equivalent'] });
    expect(judge({ ratio: 3, lo: 2.5, hi: 3.5 })).toMatchObject({ class: 'faster', magnitude: ['faster'] });
  });

  it('asks for more processes only where the direction or the magnitude is open', () => {
    expect(worthMoreProcesses({ lo: 0.9, hi: 1.5 })).toBe(true); // direction open
    expect(worthMoreProcesses({ lo: 1.3, hi: 12 })).toBe(true); // three classes
    expect(worthMoreProcesses({ lo: 1.87, hi: 2.02 })).toBe(false); // decided: two classes
    expect(worthMoreProcesses({ lo: 1.06, hi: 1.12 })).toBe(false); // narrow, on the band's edge
  });
});
