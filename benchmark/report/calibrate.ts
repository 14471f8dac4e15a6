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
 * Node built-ins). Adding a threshold is one entry in `calibrations`.
 */
import { writeFileSync } from 'node:fs';

import { jsKinds } from '../engine/case.js';
import type { Mode, ResultRecord } from '../engine/record.js';
import { verdict } from '../engine/stats.js';
import type { Thresholds } from '../../src/thresholds.js';
import { defaultThresholds } from '../../src/thresholds.js';
import { dedupe, fastestOf, findCrossover, formatCrossover, type PointVerdict } from './analyze.js';

/** Which case and which pair of forms set one threshold. */
export interface Calibration {
  key: keyof Thresholds;
  case: string;
  /** The form that must win from the threshold on (default `native`). */
  challenger?: string;
  /**
   * The forms it must beat; the fastest of them at each size is the incumbent. Default: every JS
   * form of the record, of any kind.
   */
  incumbents?: readonly string[];
  /** Case size units per threshold unit: 8 bytes per Float64 element (default 1). */
  unitsPer?: number;
}

export const calibrations: readonly Calibration[] = [
  { key: 'crc32NativeMinBytes', case: 'zero-copy/checksum' },
  { key: 'countByteNativeMinBytes', case: 'zero-copy/boundary-in' },
  { key: 'recordsNativeMinRecords', case: 'zero-copy/records' },
  { key: 'csvNativeMinRecords', case: 'zero-copy/string-building' },
  { key: 'utf8NativeMinBytes', case: 'zero-copy/utf8' },
  // Native against the runtime's own validator only: `isUtf8` calls the built-in below this size
  // on CPUs without AVX-512 (and at every size on those with it).
  {
    key: 'utf8NativeOverBuiltinMinBytes',
    case: 'zero-copy/utf8',
    incumbents: ['node:buffer isUtf8'],
  },
  { key: 'linesNativeMinBytes', case: 'zero-copy/lines' },
  // `sumSquaresSync` is synchronous: the pool and child processes are other functions.
  {
    key: 'sumSquaresNativeMinElements',
    case: 'concurrency/work-distribution',
    incumbents: ['traditional'],
    unitsPer: 8,
  },
  {
    key: 'rayonMinElements',
    case: 'concurrency/work-distribution',
    challenger: 'native-rayon',
    incumbents: ['native'],
    unitsPer: 8,
  },
  // The pool (`rust_inspired`: parallelReduce with minElements 0) against the inline path it
  // replaces, on the built-in (memory-bound) kernels the default applies to.
  {
    key: 'parallelMinElements',
    case: 'concurrency/work-distribution',
    challenger: 'rust_inspired',
    incumbents: ['traditional'],
    unitsPer: 8,
  },
];

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
    return [{ size: r.size, challenger, incumbent: ik, ratio: v.ratio, lo: v.lo, hi: v.hi, class: v.class }];
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
