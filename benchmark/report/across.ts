/**
 * "Across runtimes": when the records come from several runtimes (or machines), each runtime's
 * records are summarized on their own (its own controls, limits and bootstrap), and per case and
 * comparison the verdict class on every runtime is set side by side, with the flips marked, plus
 * per runtime the call floor, the read and copy rooflines and the 16-byte `crc32Sync`. Shared by
 * RESULTS.md, the HTML report and verdicts.json.
 */
import { benchCase as checksum } from '../cases/zero-copy/checksum.js';
import type { ResultRecord, UnavailableMetric } from '../engine/record.js';
import {
  verdictWords,
  controlsOf,
  formatInterval,
  formatSize,
  formatTime,
  levels,
  limitsOf,
  summarize,
  type ComparisonName,
  type PointVerdict,
} from './analyze.js';
import { groupByRuntime, mainGroup, type RuntimeGroup } from './runtimes.js';

/** The two verdicts compared across runtimes. */
export const acrossComparisons: ReadonlyArray<{ name: ComparisonName; label: string }> = [
  { name: 'rust_inspired_vs_traditional', label: 'Rust-inspired JS vs traditional' },
  { name: 'native_vs_best_js', label: 'native vs fastest JS' },
];

/** The case whose 16-byte native time is each runtime's small-call cost. */
export const CRC_CASE = checksum.id;
export const CRC_SIZE = 16;

/** One runtime's references. */
export interface RuntimeFacts {
  group: RuntimeGroup;
  records: number;
  controls: 'passed' | 'failed' | 'missing';
  callFloorNs: { noop?: number; borrow_16b?: number } | null;
  readGbps: Partial<Record<(typeof levels)[number], number>> | null;
  copyGbps: Partial<Record<(typeof levels)[number], number>> | null;
  /** `crc32Sync` (native) at 16 bytes, µs per op; null where not measured. */
  crc32Sync16Us: number | null;
  unavailable: UnavailableMetric[];
}

/** One case and comparison on every runtime (aligned with `groups`; null: not measured there). */
export interface AcrossRow {
  case: string;
  comparison: ComparisonName;
  label: string;
  unit: string;
  verdicts: Array<PointVerdict | null>;
  /** `direction`: faster beyond the interval on one runtime, slower on another; `class`: the classes differ. */
  flip: 'direction' | 'class' | null;
}

export interface AcrossRuntimes {
  groups: RuntimeGroup[];
  /** Index of the runtime the matrix reads. */
  main: number;
  facts: RuntimeFacts[];
  rows: AcrossRow[];
}

function factsOf(group: RuntimeGroup): RuntimeFacts {
  const limits = limitsOf(group.records);
  const crc = group.records.find((r) => r.benchmark === CRC_CASE && r.size === CRC_SIZE);
  return {
    group,
    records: group.records.length,
    controls: controlsOf(group.records).status,
    callFloorNs: limits.call_floor_ns ?? null,
    readGbps: limits.roofline?.read_gbps ?? null,
    copyGbps: limits.roofline?.copy_gbps ?? null,
    crc32Sync16Us: crc?.forms.native?.time_per_op_us ?? null,
    unavailable: [...new Set(group.records.flatMap((r) => r.unavailable ?? []))].sort(),
  };
}

function flipOf(verdicts: Array<PointVerdict | null>): AcrossRow['flip'] {
  const present = verdicts.filter((v) => v !== null);
  if (new Set(present.map((v) => v.class)).size <= 1) return null;
  // Read from each interval's direction, as the matrix is: faster on one runtime, slower on another.
  const dirs = new Set(present.map((v) => v.direction));
  return dirs.has('faster') && dirs.has('slower') ? 'direction' : 'class';
}

/** The cross-runtime comparison, or null when the records come from one runtime. */
export function acrossRuntimes(records: ResultRecord[]): AcrossRuntimes | null {
  const groups = groupByRuntime(records);
  if (groups.length < 2) return null;
  const mainKey = mainGroup(records)!.key;
  const main = groups.findIndex((g) => g.key === mainKey);
  const summaries = groups.map((g) => summarize(g.records));
  // Cases in the main runtime's matrix order, then any the others add.
  const ids = [...new Set([main, ...groups.keys()].flatMap((i) => summaries[i]!.map((c) => c.id)))];
  const rows: AcrossRow[] = [];
  for (const id of ids) {
    const cases = summaries.map((s) => s.find((c) => c.id === id) ?? null);
    const unit = cases.find((c) => c !== null)!.unit;
    for (const { name, label } of acrossComparisons) {
      const verdicts = cases.map((c) => {
        const cmp = name === 'native_vs_best_js' ? c?.native : c?.rust;
        return cmp?.headline ?? null;
      });
      if (verdicts.every((v) => v === null)) continue;
      rows.push({ case: id, comparison: name, label, unit, verdicts, flip: flipOf(verdicts) });
    }
  }
  return { groups, main, facts: groups.map(factsOf), rows };
}

/**
 * Where the matrix runtime's direction for a case and comparison is not every runtime's: the
 * other runtimes' differing directions ("bun 1.4.5 slower"), or null when every runtime that
 * measured it agrees, only one did, or the matrix runtime's own direction is undecided.
 */
export function mainOnly(a: AcrossRuntimes | null, id: string, comparison: ComparisonName): string | null {
  if (!a) return null;
  const row = a.rows.find((r) => r.case === id && r.comparison === comparison);
  const main = row?.verdicts[a.main];
  if (!row || !main || main.direction === 'undecided') return null;
  const differing = row.verdicts.flatMap((v, i) =>
    i === a.main || v === null || v.direction === main.direction
      ? []
      : [`${a.groups[i]!.label} ${v.direction}`],
  );
  return differing.length > 0 ? differing.join(', ') : null;
}

/** A verdict cell without its class: ratio and interval, native's incumbent, the size where sizes differ. */
export function acrossDetail(row: AcrossRow, i: number): string {
  const v = row.verdicts[i];
  if (!v) return '—';
  const sizes = new Set(row.verdicts.filter((x) => x !== null).map((x) => x.size));
  const vs = row.comparison === 'native_vs_best_js' ? ` vs ${v.incumbent}` : '';
  const at = sizes.size > 1 ? ` @ ${formatSize(v.size, row.unit)}` : '';
  return `${formatInterval(v)}${vs}${at}`;
}

/** A verdict cell: the class, then `acrossDetail`. */
export function acrossCell(row: AcrossRow, i: number): string {
  const v = row.verdicts[i];
  return v ? `${verdictWords(v)} ${acrossDetail(row, i)}` : '—';
}

/** Whether a cell's class differs from the main runtime's (or, where main lacks it, from the first). */
export function differs(a: AcrossRuntimes, row: AcrossRow, i: number): boolean {
  const ref = row.verdicts[a.main] ?? row.verdicts.find((v) => v !== null) ?? null;
  const v = row.verdicts[i] ?? null;
  return row.flip !== null && v !== null && ref !== null && v.class !== ref.class;
}

function gbps(x: Partial<Record<(typeof levels)[number], number>> | null): string {
  return x ? levels.map((l) => (x[l] === undefined ? '—' : x[l]!.toFixed(1))).join(' / ') : '—';
}

/** The per-runtime references as table rows. */
export function factsTable(a: AcrossRuntimes): { header: string[]; rows: string[][] } {
  return {
    header: [
      'Runtime',
      'Engine',
      'Records',
      'Controls',
      'Call floor, no-op / 16 B borrow',
      'Read GB/s, L1 / L2 / L3 / memory',
      'Copy GB/s, L1 / L2 / L3 / memory',
      '`crc32Sync` 16 B (native)',
      'Unavailable',
    ],
    rows: a.facts.map((f, i) => [
      `${f.group.label}${i === a.main ? ' (matrix)' : ''}`,
      f.group.engine,
      String(f.records),
      f.controls,
      f.callFloorNs ? `${f.callFloorNs.noop ?? '—'} / ${f.callFloorNs.borrow_16b ?? '—'} ns` : '—',
      gbps(f.readGbps),
      gbps(f.copyGbps),
      f.crc32Sync16Us === null ? '—' : formatTime(f.crc32Sync16Us),
      f.unavailable.length ? f.unavailable.join(', ') : 'none',
    ]),
  };
}

/** One sentence per flip, direction flips first. */
export function flipSentences(a: AcrossRuntimes): string[] {
  const flips = a.rows.filter((r) => r.flip !== null);
  return [...flips.filter((r) => r.flip === 'direction'), ...flips.filter((r) => r.flip === 'class')].map(
    (r) => {
      const parts = r.verdicts.flatMap((v, i) =>
        v ? [`${verdictWords(v)} ${formatInterval(v)} on ${a.groups[i]!.label}`] : [],
      );
      return `\`${r.case}\`, ${r.label}${r.flip === 'direction' ? ' (direction flips)' : ''}: ${parts.join('; ')}.`;
    },
  );
}

/** The introduction of the section. */
export function acrossIntro(a: AcrossRuntimes): string {
  const main = a.groups[a.main]!;
  return (
    `The same cases measured on ${a.groups.length} runtimes. The matrix above reads ${main.label} only; here each runtime's records are summarized on their own (own controls, limits and bootstrap). ` +
    `Each cell is the verdict at that runtime's largest measured size. **Bold**: a class that differs from ${main.label}'s. ` +
    'A flip is a case and comparison whose class differs between runtimes; a direction flip has the challenger faster beyond the interval on one runtime and slower on another. ' +
    'Figures a runtime cannot measure are listed as unavailable and left out, never counted as 0.'
  );
}
