/**
 * verdicts.json: every verdict of a run as data, one entry per case and comparison, so runs can
 * be compared cell by cell (`rust-patterns compare`, see `compare.ts`). Built from the records
 * alone, like the reports.
 */
import type { ResultRecord } from '../engine/record.js';
import {
  CONFIDENCE,
  EQUIVALENCE,
  type Direction,
  type MagnitudeClass,
  type VerdictClass,
} from '../engine/stats.js';
import {
  controlsOf,
  crossoverSize,
  formatCrossover,
  summarize,
  type CaseSummary,
  type Comparison,
  type ComparisonName,
  type ControlsStatus,
} from './analyze.js';
import { groupByRuntime, mainGroup, mainRecords } from './runtimes.js';
import { contendedShareByCase, hostContention, type HostContention } from './host.js';

/** One comparison at one size. */
export interface VerdictAtSize {
  size: number;
  class: VerdictClass;
  /** Which way (interval wholly beyond, or inside, the +-10% band), else undecided. */
  direction: Direction;
  /** The class the interval sits in, or the two adjacent ones it straddles; empty: undecided. */
  magnitude: MagnitudeClass[];
  ratio: number;
  ci_low: number;
  ci_high: number;
  /** The incumbent form at this size (for `native_vs_best_js`, the fastest JS form there). */
  incumbent: string;
}

/** One cell of the matrix: a case and a comparison, read at the headline (largest) size. */
export interface VerdictEntry {
  case: string;
  comparison: ComparisonName;
  /** The headline size: the largest size where the comparison was measured. */
  size: number;
  class: VerdictClass;
  direction: Direction;
  magnitude: MagnitudeClass[];
  ratio: number;
  ci_low: number;
  ci_high: number;
  challenger: string;
  incumbent: string;
  /** Native vs the fastest JS only: where native wins for good (`size` null: it never does). */
  crossover?: { text: string; size: number | null };
  by_size: VerdictAtSize[];
  /** The share of the case's sampling rounds begun in a slow spell of the host (report/host.ts). */
  host_contended_share?: number;
}

export interface VerdictsHeader {
  generated_by: string;
  /** Confidence level of every interval. */
  confidence: number;
  /** Ratios within [1/band, band] are `equivalent`. */
  equivalence_band: number;
  /** Runtimes of the records, e.g. `node v20.20.0 (V8 11.3.244.8-node.38)`. */
  runtime: string;
  /** Date of the latest record (never the clock, so a re-render is identical). */
  date: string;
  /** The controls failed or were not run: no verdict of this run should be acted on. */
  unreliable: boolean;
  controls: ControlsStatus['status'];
  /** How many sampling rounds began in a slow spell of the host (report/host.ts); absent in older files. */
  host_contention?: HostContention;
}

/** One runtime's own verdicts, when the records span several runtimes. */
export interface RuntimeVerdicts {
  /** `node 26.12.1`, `bun 1.4.5` (with the CPU when the records span machines). */
  runtime: string;
  engine: string;
  /** The matrix (and `verdicts`) reads this runtime. */
  main: boolean;
  unreliable: boolean;
  controls: ControlsStatus['status'];
  verdicts: VerdictEntry[];
}

/**
 * The file's shape: `{ header, verdicts }`, the verdicts of one runtime (the newest Node LTS
 * when the records span several), plus every runtime's own in `by_runtime` in that case.
 */
export interface VerdictsFile {
  header: VerdictsHeader;
  verdicts: VerdictEntry[];
  by_runtime?: RuntimeVerdicts[];
}

function entry(c: CaseSummary, cmp: Comparison): VerdictEntry {
  const h = cmp.headline;
  const e: VerdictEntry = {
    case: c.id,
    comparison: cmp.name,
    size: h.size,
    class: h.class,
    direction: h.direction,
    magnitude: h.magnitude,
    ratio: h.ratio,
    ci_low: h.lo,
    ci_high: h.hi,
    challenger: h.challenger,
    incumbent: h.incumbent,
    by_size: cmp.bySize.map((p) => ({
      size: p.size,
      class: p.class,
      direction: p.direction,
      magnitude: p.magnitude,
      ratio: p.ratio,
      ci_low: p.lo,
      ci_high: p.hi,
      incumbent: p.incumbent,
    })),
  };
  if (cmp.name === 'native_vs_best_js' && c.crossover) {
    e.crossover = { text: formatCrossover(c.crossover, c.unit), size: crossoverSize(c.crossover) };
  }
  return e;
}

/** Every verdict of the records: per pattern case, each comparison it has (limits and controls have none). */
export function verdictEntries(records: ResultRecord[]): VerdictEntry[] {
  const contended = contendedShareByCase(records);
  return summarize(records).flatMap((c) =>
    [c.rust, c.native, c.builtin]
      .filter((x) => x !== null)
      .map((cmp) => {
        const e = entry(c, cmp);
        const share = contended.get(c.id);
        return share === undefined ? e : { ...e, host_contended_share: share };
      }),
  );
}

/** The whole verdicts.json body. */
export function verdictsFile(all: ResultRecord[]): VerdictsFile {
  if (all.length === 0) throw new Error('no records to report');
  const records = mainRecords(all);
  const groups = groupByRuntime(all);
  const controls = controlsOf(records);
  const runtimes = [
    ...new Set(
      records.map((r) =>
        r.runtime ? `${r.runtime.name} ${r.runtime.version} (${r.runtime.engine})` : `node ${r.version.node}`,
      ),
    ),
  ];
  const dates = records.map((r) => r.date).sort();
  const contention = hostContention(records);
  return {
    header: {
      generated_by: 'rust-patterns report',
      confidence: CONFIDENCE,
      equivalence_band: EQUIVALENCE,
      runtime: runtimes.join(', '),
      date: dates[dates.length - 1]!,
      unreliable: controls.status !== 'passed',
      controls: controls.status,
      ...(contention ? { host_contention: contention } : {}),
    },
    verdicts: verdictEntries(records),
    ...(groups.length > 1
      ? {
          by_runtime: groups.map((g): RuntimeVerdicts => {
            const c = controlsOf(g.records);
            return {
              runtime: g.label,
              engine: g.engine,
              main: g.key === mainGroup(all)!.key,
              unreliable: c.status !== 'passed',
              controls: c.status,
              verdicts: verdictEntries(g.records),
            };
          }),
        }
      : {}),
  };
}

/** verdicts.json as text (two-space JSON, final newline). */
export function renderVerdicts(records: ResultRecord[]): string {
  return `${JSON.stringify(verdictsFile(records), null, 2)}\n`;
}
