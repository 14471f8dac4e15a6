/**
 * `rust-patterns calibrate --out <file>`: where the faster path starts to win for each size
 * threshold of the dispatching functions, written as JSON with the machine, date and interval.
 * The shipped defaults live in code (`src/thresholds.ts`), each with the numbers of the run that
 * set it; this command produces those numbers, and a service can apply its own file with
 * `configureThresholds(JSON.parse(text).thresholds)`.
 *
 * The rule is the report's crossover (`findCrossover` in analyze.ts): the smallest size from which
 * the challenger wins at every larger size, a win being an interval wholly above the equivalence
 * band, whichever class it falls in (`directionOf`: 1.55-2.24x straddles the slightly faster /
 * faster boundary, but it is a win all the same). For the native thresholds the incumbent
 * at each size is the fastest JS form of any kind (traditional, Rust-inspired, variants, peers,
 * Node built-ins). Adding a threshold is one entry in its case file's `thresholds`.
 */
import { writeFileSync } from 'node:fs';

import { jsKinds, type CaseThreshold } from '../engine/case.js';
import { allCases } from '../cases/index.js';
import type { Mode, ResultRecord } from '../engine/record.js';
import { verdict } from '../engine/stats.js';
import type { Thresholds } from '../../src/thresholds.js';
import { defaultThresholds } from '../../src/thresholds.js';
import { dedupe, fastestOf, findCrossover, formatCrossover, type PointVerdict } from './analyze.js';

/** Which case and which pair of forms set one threshold (a case file's `thresholds` entry). */
export interface Calibration extends CaseThreshold {
  key: keyof Thresholds;
  case: string;
}

/** Every threshold the case files name, in matrix order. */
export const calibrations: readonly Calibration[] = allCases.flatMap((c) =>
  (c.thresholds ?? []).map((t) => {
    if (!(t.key in defaultThresholds)) throw new Error(`${c.id}: ${t.key} is not a threshold`);
    return { ...t, key: t.key as keyof Thresholds, case: c.id };
  }),
);

export interface ThresholdsFile {
  generator: string;
  date: string | null;
  machine: ResultRecord['machine'] | null;
  /** Every threshold: measured ones, and the defaults for those whose case was not run. */
  thresholds: Thresholds;
  provenance: Partial<
    Record<
      keyof Thresholds,
      {
        case: string;
        challenger: string;
        /** The incumbent at the crossover size (or at the largest size, if it never wins). */
        incumbent: string;
        crossover: string;
        /** Challenger speed over incumbent at that size, with its 95% interval. */
        ratio: number;
        lo: number;
        hi: number;
      }
    >
  >;
}

/** The challenger against the fastest incumbent at each size where both were measured. */
export function calibrationSeries(points: ResultRecord[], cal: Calibration): PointVerdict[] {
  const challenger = cal.challenger ?? 'native';
  return points.flatMap((r) => {
    const c = r.forms[challenger];
    const only = cal.incumbents;
    const candidates = only
      ? { ...r, forms: Object.fromEntries(Object.entries(r.forms).filter(([k]) => only.includes(k))) }
      : r;
    const best = fastestOf(
      candidates,
      only ? new Set(Object.values(candidates.forms).map((f) => f.kind)) : jsKinds,
    );
    if (!c || !best) return [];
    const [ik, inf] = best;
    const v = verdict(c, inf, `${r.benchmark}|${r.size}|calibrate|${challenger}|${ik}`);
    return [{ size: r.size, challenger, incumbent: ik, ...v }];
  });
}

/**
 * Computes the thresholds from records. A challenger that never wins gets
 * `Number.MAX_SAFE_INTEGER` (never taken); thresholds whose case is absent keep the defaults.
 */
export function thresholdsFromRecords(records: ResultRecord[], mode: Mode): ThresholdsFile {
  const values: Record<keyof Thresholds, number> = { ...defaultThresholds };
  const provenance: ThresholdsFile['provenance'] = {};
  const all = dedupe(records);
  for (const cal of calibrations) {
    const points = all.filter((r) => r.benchmark === cal.case).sort((a, b) => a.size - b.size);
    const series = calibrationSeries(points, cal);
    const x = findCrossover(series);
    if (!x) continue;
    const per = cal.unitsPer ?? 1;
    values[cal.key] = x.kind === 'never' ? Number.MAX_SAFE_INTEGER : Math.ceil(x.size / per);
    const at = series.find((p) => p.size === (x.kind === 'never' ? x.largest : x.size))!;
    provenance[cal.key] = {
      case: cal.case,
      challenger: at.challenger,
      incumbent: at.incumbent,
      crossover: formatCrossover(x, points[0]!.unit),
      ratio: at.ratio,
      lo: at.lo,
      hi: at.hi,
    };
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
