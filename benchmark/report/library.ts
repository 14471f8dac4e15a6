/**
 * The library's primitives against what users pick instead (`library/*` cases): for each case,
 * the package's public function (the `rust_inspired` form) against every other form at its
 * smallest size (the cost per call) and its largest (throughput), with the engine's intervals,
 * and which forms were measured faster, so the report and the README can recommend them for
 * that use (markdown.ts renders both). Built from the records alone.
 */
import type { FormResult, ResultRecord } from '../engine/record.js';
import { caseOf } from '../cases/index.js';
import { byCase, compareForms, formatSize, type PointVerdict } from './analyze.js';

/** The form every library case times the package's own function as. */
export const PRIMITIVE = 'rust_inspired';

/** How the report names a library case's form: `label` names forms of ours and peers alike. */
export function labelOf(
  caseId: string,
  key: string,
  records: ResultRecord[],
  label: (key: string, form?: FormResult) => string,
): string {
  if (key === 'traditional') return caseOf(caseId)?.traditionalLabel ?? 'traditional';
  return label(key, records.find((r) => r.benchmark === caseId && r.forms[key])?.forms[key]);
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

/** Rows of ours-vs-other verdicts, one per library case and other form, named by `label`. */
export function peerRows(
  records: ResultRecord[],
  label: (key: string, form?: FormResult) => string = (key) => key,
): PeerRow[] {
  return byCase(records)
    .filter(([id]) => isLibrary(id))
    .flatMap(([id, points]) => {
      // Rust without the boundary is a reference, not something a user could call instead.
      const others = [
        ...new Set(
          points.flatMap((p) => Object.entries(p.forms).flatMap(([k, f]) => (f.kind === 'rust' ? [] : [k]))),
        ),
      ].filter((k) => k !== PRIMITIVE);
      return others.flatMap((other) => {
        const series = compareForms(points, PRIMITIVE, other);
        if (series.length === 0) return [];
        return [
          {
            case: id,
            label: labelOf(id, other, points, label),
            unit: points[0]!.unit,
            other,
            smallest: series[0]!,
            largest: series[series.length - 1]!,
          },
        ];
      });
    });
}

/**
 * Where a peer, a built-in or any other form beat the package's function: the package's direction
 * is slower (its whole interval below 1/1.1), as the matrix reads directions. A win inside the
 * equivalence band (1.07x [1.05-1.09]) is not a reason to reach for another function.
 */
export function peersThatWin(rows: PeerRow[]): Array<{ case: string; label: string; sizes: string[] }> {
  return rows.flatMap((r) => {
    const lost = [r.smallest, r.largest]
      .filter((v, i, all) => all.findIndex((x) => x.size === v.size) === i)
      .filter((v) => v.direction === 'slower')
      .map((v) => formatSize(v.size, r.unit));
    return lost.length > 0 ? [{ case: r.case, label: r.label, sizes: lost }] : [];
  });
}
