/**
 * `rust-patterns calibrate`: where native starts to beat the fastest JS form for each size
 * threshold, written to thresholds.json with the machine and date. The rule is the report's
 * crossover (`findCrossover` in analyze.ts): the smallest size from which native's class is a
 * win at every larger size, against the fastest JS form of any kind (traditional, Rust-inspired,
 * variants, peers, Node built-ins) at each size. Adding a threshold is one line in `calibrations`.
 */
import { writeFileSync } from 'node:fs';

import type { Thresholds } from '../../src/thresholds.js';
import { defaultThresholds } from '../../src/thresholds.js';
import type { Mode, ResultRecord } from '../engine/record.js';
import { compareSeries, crossoverSize, dedupe, findCrossover, formatCrossover } from './analyze.js';

/** Which case sets which threshold. */
export const calibrations: Array<{ key: keyof Thresholds; case: string }> = [
  { key: 'crc32NativeMinBytes', case: 'zero-copy/checksum' },
  { key: 'countByteNativeMinBytes', case: 'zero-copy/boundary-in' },
  { key: 'xorNativeMinBytes', case: 'zero-copy/boundary-out' },
];

export interface ThresholdsFile {
  generator: string;
  date: string | null;
  machine: ResultRecord['machine'] | null;
  thresholds: Record<string, number>;
  provenance: Record<
    string,
    {
      case: string;
      /** The fastest JS form at the crossover size (or at the largest size, if native never wins). */
      js: string;
      crossover: string;
    }
  >;
}

/**
 * Computes thresholds.json from records. A native path that never wins gets
 * `Number.MAX_SAFE_INTEGER` (never native); thresholds whose case is absent keep the defaults.
 */
export function thresholdsFromRecords(records: ResultRecord[], mode: Mode): ThresholdsFile {
  const values: Record<string, number> = { ...defaultThresholds };
  const provenance: ThresholdsFile['provenance'] = {};
  const all = dedupe(records);
  for (const cal of calibrations) {
    const points = all.filter((r) => r.benchmark === cal.case).sort((a, b) => a.size - b.size);
    const series = compareSeries(points, 'native_vs_best_js');
    if (!series) continue;
    const x = findCrossover(series.bySize)!;
    const size = crossoverSize(x);
    values[cal.key] = size ?? Number.MAX_SAFE_INTEGER;
    const at = series.bySize.find((p) => p.size === size) ?? series.headline;
    provenance[cal.key] = { case: cal.case, js: at.incumbent, crossover: formatCrossover(x, 'bytes') };
  }
  const dates = records.map((r) => r.date).sort();
  return {
    generator: `rust-patterns calibrate --${mode}`,
    date: dates[dates.length - 1] ?? null,
    machine: records[0]?.machine ?? null,
    thresholds: values,
    provenance,
  };
}

export function writeThresholds(file: string, body: ThresholdsFile): void {
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
