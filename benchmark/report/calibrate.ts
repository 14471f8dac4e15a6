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
import {
  dedupe,
  fastestOf,
  findCrossover,
  formatCrossover,
  formatInterval,
  formatSize,
  type PointVerdict,
} from './analyze.js';

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
        /** The size of the record the ratio is read at (the crossover's, or the largest). */
        size: string;
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
      size: formatSize(at.size, points[0]!.unit),
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

/** The lines of src/thresholds.ts between which `calibrate --source` writes the shipped values. */
export const SOURCE_START = '  // calibrate:start';
export const SOURCE_END = '  // calibrate:end';

/** `8388608` as `8_388_608`, as prettier leaves it. */
function numberLiteral(n: number): string {
  if (n === Number.MAX_SAFE_INTEGER) return 'Number.MAX_SAFE_INTEGER';
  return n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n);
}

/** Splits `text` into lines of at most `width` characters, each prefixed with `prefix`. */
function wrap(text: string, prefix: string, width = 100): string[] {
  const lines: string[] = [];
  let line = prefix;
  // A unit stays with its number ("16 MiB", "100 records").
  const words = text
    .split(' ')
    .reduce<string[]>(
      (acc, w) =>
        /^(B|KiB|MiB|GiB|kB|MB|GB|records|elements)\b/.test(w) && acc.length > 0
          ? [...acc.slice(0, -1), `${acc[acc.length - 1]!} ${w}`]
          : [...acc, w],
      [],
    );
  for (const word of words) {
    if (line.length + word.length + 1 > width && line !== prefix) {
      lines.push(line);
      line = prefix;
    }
    line += line === prefix ? word : ` ${word}`;
  }
  if (line !== prefix) lines.push(line);
  return lines;
}

/**
 * The comment and value of every threshold, as `calibrate --source` writes them into
 * src/thresholds.ts: the value, and the record it came from (case, size, forms) with the ratio and
 * 95% interval there, read from `file` (which `thresholdsFromRecords` made from the records of
 * `runtime`). A threshold whose case was not in the records keeps its default and says so.
 */
export function thresholdsSourceBlock(file: ThresholdsFile, runtime: string): string[] {
  const out: string[] = [];
  // Only the thresholds some case file calibrates: the per-runtime built-in cut-offs after the
  // block are set from measurements on each runtime, which one runtime's records cannot redo.
  const calibrated = new Set(calibrations.map((c) => c.key));
  for (const key of Object.keys(file.thresholds) as Array<keyof Thresholds>) {
    if (!calibrated.has(key)) continue;
    const p = file.provenance[key];
    const value = file.thresholds[key];
    const why = p
      ? `${p.case} (${runtime}): ${p.challenger} over ${p.incumbent} ${formatInterval(p)} at ${p.size}; crossover ${p.crossover}.`
      : `not measured in these records: the default.`;
    out.push(...wrap(why, '  // '), `  ${key}: ${numberLiteral(value)},`);
  }
  return out;
}

/** `source` (src/thresholds.ts) with the block between the calibrate markers replaced. */
export function writeThresholdsSource(source: string, block: string[]): string {
  const lines = source.split('\n');
  const a = lines.indexOf(SOURCE_START);
  const b = lines.indexOf(SOURCE_END);
  if (a === -1 || b === -1 || b < a) {
    throw new Error(`the thresholds source has no "${SOURCE_START.trim()}" ... "${SOURCE_END.trim()}" block`);
  }
  return [...lines.slice(0, a + 1), ...block, ...lines.slice(b)].join('\n');
}
