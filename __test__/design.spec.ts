/** `rust-patterns design`: variance components and the cost-optimal rounds per process. */
import { describe, expect, it } from 'vitest';

import { rng } from '../benchmark/engine/stats.js';
import {
  costsFromTimings,
  designText,
  samplingDesign,
  varianceComponents,
} from '../benchmark/report/design.js';
import { record } from './fixtures/synthetic-records.js';

function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

describe('sampling design', () => {
  it('recovers the variance between processes and within them', () => {
    const next = rng(17);
    const groups = Array.from({ length: 40 }, () => {
      const level = 0.1 * normal(next);
      return Float64Array.from({ length: 30 }, () => level + 0.05 * normal(next));
    });
    const c = varianceComponents(groups)!;
    expect(c.processes).toBe(40);
    expect(c.rounds).toBe(30);
    expect(Math.sqrt(c.within)).toBeGreaterThan(0.04);
    expect(Math.sqrt(c.within)).toBeLessThan(0.06);
    expect(Math.sqrt(c.between)).toBeGreaterThan(0.07);
    expect(Math.sqrt(c.between)).toBeLessThan(0.13);
    expect(varianceComponents([Float64Array.of(1, 2)])).toBeNull();
  });

  it('prices a round from the timings of sampling processes, not the inspecting one', () => {
    const line = (role: 'inspect' | 'sample', sample: number) => ({
      case: 'x/y',
      size: 1,
      role,
      process: 0,
      setup_ms: 5,
      check_ms: 0,
      sample_ms: sample,
      memory_ms: 0,
      metrics_ms: 0,
    });
    const c = costsFromTimings([line('inspect', 999), line('sample', 60), line('sample', 60)], 10, 2)!;
    // 60 ms of sampling, 20 ms of it the two forms' warm-up, over ten rounds.
    expect(c.round).toBeCloseTo(0.004, 6);
    expect(c.process).toBeCloseTo(0.025, 6);
    expect(costsFromTimings([line('inspect', 10)], 10, 2)).toBeNull();
  });

  it('asks for fewer rounds and more processes when the process level dominates', () => {
    const next = rng(5);
    // Four processes of ten rounds; the challenger's level moves by 10% per process.
    const spec = (level: () => number) => {
      const trad: number[] = [];
      const rust: number[] = [];
      const proc: number[] = [];
      for (let p = 0; p < 4; p++) {
        const l = level();
        for (let i = 0; i < 10; i++) {
          const t = 1000 * Math.exp(0.01 * normal(next));
          trad.push(t);
          rust.push((t / 2) * l * Math.exp(0.01 * normal(next)));
          proc.push(p);
        }
      }
      const r = record('zero-copy/view-slicing', 1024, {
        traditional: { kind: 'traditional', ns: 1000 },
        rust_inspired: { kind: 'rust_inspired', ns: 500 },
      });
      Object.assign(r.forms.traditional!, { samples_ns: trad, sample_process: proc });
      Object.assign(r.forms.rust_inspired!, { samples_ns: rust, sample_process: proc });
      return r;
    };
    const noisy = samplingDesign([spec(() => Math.exp(0.1 * normal(next)))]);
    expect(noisy).toHaveLength(1);
    expect(noisy[0]!.optimalRounds).toBeLessThan(10);
    expect(noisy[0]!.widthRatio).toBeLessThan(1);
    expect(designText(noisy)).toMatch(/1 paired comparisons/);
    const steady = samplingDesign([spec(() => 1)]);
    expect(steady[0]!.optimalRounds).toBeGreaterThan(noisy[0]!.optimalRounds);
  });
});
