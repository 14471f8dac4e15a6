import { describe, expect, it } from 'vitest';

import { thresholdsFromRecords } from '../benchmark/report/calibrate.js';
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
    const againstTraditional = thresholdsFromRecords(boundary(false), 'quick');
    expect(againstTraditional.thresholds.countByteNativeMinBytes).toBe(100);
    const againstBuiltin = thresholdsFromRecords(boundary(true), 'quick');
    expect(againstBuiltin.thresholds.countByteNativeMinBytes).toBe(10_000);
    expect(againstBuiltin.provenance.countByteNativeMinBytes).toEqual({
      case: 'zero-copy/boundary-in',
      js: 'Buffer#indexOf',
      crossover: '10 kB (below: JS faster at 64 B–1 kB)',
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
    expect(file.thresholds.xorNativeMinBytes).toBe(64);
    expect(file.machine!.cpu_model).toBe('Synthetic CPU');
  });
});
