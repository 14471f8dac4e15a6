/**
 * `rust-patterns calibrate`: measures where native starts to beat the JS twin for each size
 * threshold and writes them to thresholds.json with the machine and date. Adding a threshold is
 * one line in `calibrations`.
 */
import { writeFileSync } from 'node:fs';

import type { Thresholds } from '../src/thresholds.js';
import { defaultThresholds } from '../src/thresholds.js';
import type { Mode, ResultRecord } from './bench.js';
import { findCrossover, formatCrossover, type Crossover } from './report/analyze.js';

type MainForm = 'traditional' | 'rust_inspired' | 'native';

/** Which case sets which threshold, and which JS form the dispatching function falls back to. */
export const calibrations: Array<{ key: keyof Thresholds; case: string; js: MainForm; native: MainForm }> = [
  { key: 'crc32NativeMinBytes', case: 'zero-copy/checksum', js: 'rust_inspired', native: 'native' },
  { key: 'countByteNativeMinBytes', case: 'zero-copy/boundary-in', js: 'traditional', native: 'native' },
  { key: 'xorNativeMinBytes', case: 'zero-copy/boundary-out', js: 'traditional', native: 'native' },
];

/** The threshold a crossover implies: native from the crossover on, never if it never wins. */
export function thresholdFrom(x: Crossover): number {
  if (x.kind === 'always') return x.size;
  if (x.kind === 'at') return x.estimate;
  return Number.MAX_SAFE_INTEGER;
}

export interface ThresholdsFile {
  generator: string;
  date: string | null;
  machine: ResultRecord['machine'] | null;
  thresholds: Record<string, number>;
  provenance: Record<string, { case: string; js: string; crossover: string }>;
}

/** Computes thresholds.json from records; thresholds whose case is absent keep the defaults. */
export function thresholdsFromRecords(records: ResultRecord[], mode: Mode): ThresholdsFile {
  const values: Record<string, number> = { ...defaultThresholds };
  const provenance: ThresholdsFile['provenance'] = {};
  for (const cal of calibrations) {
    const points = records
      .filter((r) => r.benchmark === cal.case && r.results[cal.js] && r.results[cal.native])
      .map((r) => ({ size: r.size, challenger: r.results[cal.native]!, incumbent: r.results[cal.js]! }));
    const x = findCrossover(points);
    if (!x) continue;
    values[cal.key] = thresholdFrom(x);
    provenance[cal.key] = { case: cal.case, js: cal.js, crossover: formatCrossover(x, 'bytes') };
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
