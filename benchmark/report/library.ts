/**
 * The library's primitives against what users pick instead (`library/*` cases): for each case,
 * the package's public function (the `rust_inspired` form) against every other form at its
 * smallest size (the cost per call) and its largest (throughput), with the engine's intervals,
 * and a sentence naming every peer or built-in that was measured faster, so the README can
 * recommend it for that use. Built from the records alone, like the other report sections.
 */
import type { ResultRecord } from '../engine/record.js';
import { byCase, compareForms, formatSize, formatVerdict, type PointVerdict } from './analyze.js';
import { formLabel, table } from './markdown.js';

/** The form every library case times the package's own function as. */
export const PRIMITIVE = 'rust_inspired';

/** What each library case's `traditional` form is (see the case files). */
export const traditionalOf: Record<string, string> = {
  'library/map-concurrent': 'p-limit (peer)',
  'library/parallel-map': 'main thread',
  'library/utf8': 'TextDecoder({ fatal: true })',
  'library/lines': "toString().split('\\n')",
};

function labelOf(caseId: string, key: string, records: ResultRecord[]): string {
  if (key === 'traditional') return traditionalOf[caseId] ?? 'traditional';
  const form = records.find((r) => r.benchmark === caseId && r.forms[key])?.forms[key];
  return formLabel(key, form);
}

export function isLibrary(id: string): boolean {
  return id.startsWith('library/');
}

export interface PeerRow {
  case: string;
  /** How the report names `other`. */
  label: string;
  unit: string;
  /** The other form (a peer, built-in, the traditional baseline, a variant, native). */
  other: string;
  smallest: PointVerdict;
  largest: PointVerdict;
}

/** Rows of ours-vs-other verdicts, one per library case and other form. */
export function peerRows(records: ResultRecord[]): PeerRow[] {
  return byCase(records)
    .filter(([id]) => isLibrary(id))
    .flatMap(([id, points]) => {
      const others = [...new Set(points.flatMap((p) => Object.keys(p.forms)))].filter((k) => k !== PRIMITIVE);
      return others.flatMap((other) => {
        const series = compareForms(points, PRIMITIVE, other);
        if (series.length === 0) return [];
        return [
          {
            case: id,
            label: labelOf(id, other, points),
            unit: points[0]!.unit,
            other,
            smallest: series[0]!,
            largest: series[series.length - 1]!,
          },
        ];
      });
    });
}

/** Where a peer, a built-in or any other form beat the package's function beyond the interval. */
export function peersThatWin(rows: PeerRow[]): Array<{ case: string; label: string; sizes: string[] }> {
  return rows.flatMap((r) => {
    const lost = [r.smallest, r.largest]
      .filter((v, i, all) => all.findIndex((x) => x.size === v.size) === i)
      // Faster beyond the interval: its whole interval lies below 1, whatever class it straddles.
      .filter((v) => v.hi < 1)
      .map((v) => formatSize(v.size, r.unit));
    return lost.length > 0 ? [{ case: r.case, label: r.label, sizes: lost }] : [];
  });
}

/** The RESULTS.md section; empty when the records hold no library case. */
export function librarySection(records: ResultRecord[]): string[] {
  const rows = peerRows(records);
  if (rows.length === 0) return [];
  const body = rows.map((r) => [
    r.case,
    r.label,
    `${formatSize(r.smallest.size, r.unit)}: ${formatVerdict(r.smallest)}`,
    r.largest.size === r.smallest.size
      ? ''
      : `${formatSize(r.largest.size, r.unit)}: ${formatVerdict(r.largest)}`,
  ]);
  const wins = peersThatWin(rows);
  return [
    '## The primitives against what users pick instead',
    '',
    "Each row times this package's function against another way to do the same work, in the same rounds; the ratio is how many times faster the package's function is (below 1: the other is faster). The smallest size prices a call, the largest the throughput.",
    '',
    table(['Case', 'Against', 'Smallest size', 'Largest size'], body),
    '',
    wins.length === 0
      ? "No peer or built-in was measured faster than the package's function at these sizes."
      : `Measured faster than the package's function (use them there): ${wins
          .map((w) => `${w.label} for ${w.case} at ${w.sizes.join(' and ')}`)
          .join('; ')}.`,
    '',
  ];
}
