import { describe, expect, it } from 'vitest';

import { thresholdsFromRecords } from '../benchmark/report/calibrate.js';
import { defaultThresholds } from '../src/thresholds.js';
import { record } from './fixtures/synthetic-records.js';

describe('thresholdsFromRecords', () => {
  const sizes = [64, 100, 1_000, 10_000, 100_000];
  // Native per size; traditional is slow everywhere; Buffer#indexOf is fast until 10 kB.
  const boundary = (withBuiltin: boolean) =>
    sizes.map((size, i) =>
      record('zero-copy/boundary-in', size, {
        traditional: { kind: 'traditional', ns: size * 25 },
        native: { kind: 'native', ns: [2_000, 200, 700, 1_500, 9_000][i]! },
        ...(withBuiltin
          ? { 'Buffer#indexOf': { kind: 'builtin' as const, ns: [40, 50, 150, 4_500, 45_000][i]! } }
          : {}),
      }),
    );

  it('uses the fastest JS form of any kind and the report crossover rule', () => {
    // zero-copy/lines names no incumbents: every JS form competes, a built-in included.
    const lines = (withBuiltin: boolean) =>
      boundary(withBuiltin).map((r) => ({ ...r, benchmark: 'zero-copy/lines' }));
    const againstTraditional = thresholdsFromRecords(lines(false), 'quick');
    expect(againstTraditional.thresholds.linesNativeMinBytes).toBe(100);
    const againstBuiltin = thresholdsFromRecords(lines(true), 'quick');
    expect(againstBuiltin.thresholds.linesNativeMinBytes).toBe(10_000);
    const at = againstBuiltin.provenance.linesNativeMinBytes!;
    expect(at).toMatchObject({
      case: 'zero-copy/lines',
      challenger: 'native',
      incumbent: 'Buffer#indexOf',
      crossover: '10 kB (below: JS faster at 64 B–1 kB)',
    });
    // 45 µs against 9 µs at 100 kB would be 5x; at the crossover, 10 kB, it is 4.5/1.5 = 3x.
    expect(at.ratio).toBeCloseTo(3, 0);
    expect(at.lo).toBeLessThanOrEqual(at.ratio);
    expect(at.hi).toBeGreaterThanOrEqual(at.ratio);
  });

  it('compares with the forms a case file names: countByte with its twin, not Buffer#indexOf', () => {
    // The dispatcher runs the twin below the cut-off (boundary-in's `thresholds` entry), so a
    // faster built-in does not move the threshold.
    const file = thresholdsFromRecords(boundary(true), 'quick');
    expect(file.thresholds.countByteNativeMinBytes).toBe(100);
    expect(file.provenance.countByteNativeMinBytes).toMatchObject({
      incumbent: 'traditional',
      size: '100 B',
    });
  });

  it('never native when native never wins; defaults for unmeasured cases', () => {
    const records = [1_000, 10_000].map((size) =>
      record('zero-copy/checksum', size, {
        rust_inspired: { kind: 'rust_inspired', ns: size },
        native: { kind: 'native', ns: size * 3 },
      }),
    );
    const file = thresholdsFromRecords(records, 'quick');
    expect(file.thresholds.crc32NativeMinBytes).toBe(Number.MAX_SAFE_INTEGER);
    expect(file.provenance.crc32NativeMinBytes!.crossover).toBe('never (up to 10 kB: JS faster there)');
    expect(file.provenance.crc32NativeMinBytes!.incumbent).toBe('rust_inspired');
    expect(file.thresholds.linesNativeMinBytes).toBe(defaultThresholds.linesNativeMinBytes);
    expect(file.machine!.cpu_model).toBe('Synthetic CPU');
  });

  it('pool, rayon and sync thresholds compare their own pairs of forms, in elements', () => {
    const MiB = 1 << 20;
    const sizes = [MiB, 16 * MiB, 64 * MiB];
    // The pool loses to one JS thread until 64 MiB; native always beats JS; rayon from 16 MiB.
    // The child processes are fastest of all at 64 MiB, but no sync or inline path can use them.
    const records = sizes.map((size, i) =>
      record('concurrency/work-distribution', size, {
        traditional: { kind: 'traditional', ns: size / 4 },
        rust_inspired: { kind: 'rust_inspired', ns: [MiB, 16 * MiB, (16 * MiB) / 3][i]! },
        'child-processes': { kind: 'variant', ns: [10 * MiB, 10 * MiB, MiB][i]! },
        native: { kind: 'native', ns: size / 12 },
        'native-rayon': { kind: 'native_variant', ns: [MiB / 4, size / 36, size / 36][i]! },
      }),
    );
    const file = thresholdsFromRecords(records, 'quick');
    expect(file.thresholds.parallelMinElements).toBe((64 * MiB) / 8);
    expect(file.thresholds.rayonMinElements).toBe((16 * MiB) / 8);
    expect(file.thresholds.sumSquaresNativeMinElements).toBe(MiB / 8);
    expect(file.provenance.parallelMinElements).toMatchObject({
      challenger: 'rust_inspired',
      incumbent: 'traditional',
    });
    expect(file.provenance.rayonMinElements).toMatchObject({
      challenger: 'native-rayon',
      incumbent: 'native',
    });
  });

  it('an interval wholly beyond the equivalence band decides, even across a class boundary', () => {
    // Native about 2x the twin at the top size, with spread: the interval straddles the 2x
    // boundary between "slightly faster" and "faster", so its class is undecided, yet native wins.
    const records = [100, 10_000].map((size, i) =>
      record('zero-copy/lines', size, {
        traditional: { kind: 'traditional', ns: size * 2 },
        native: { kind: 'native', ns: [size * 6, size][i]!, noise: [0.02, 0.15][i]! },
      }),
    );
    const file = thresholdsFromRecords(records, 'quick');
    const at = file.provenance.linesNativeMinBytes!;
    expect(at.lo).toBeGreaterThan(1.1);
    expect(at.lo).toBeLessThan(2);
    expect(at.hi).toBeGreaterThan(2);
    expect(file.thresholds.linesNativeMinBytes).toBe(10_000);
  });
});
