/**
 * Q1. Views vs copies. A view (`subarray`) has a fixed cost; a copy (`slice` of the middle half)
 * a fixed cost plus a per-byte cost, so no single ratio answers: the cost models and the size
 * from which the view wins do. Records decoded into columns over one buffer vs into objects is
 * its own line (per record, from its cost models).
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize } from '../report/analyze.js';
import {
  compare,
  compareAll,
  fitCrossoverText,
  fitOf,
  gbps,
  measuredCrossoverText,
  missingRow,
  notMeasured,
  nsEstimate,
  perUnit,
  ratio,
  recordAt,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const VIEWS = 'zero-copy/view-slicing';
const RECORDS = 'zero-copy/records';
const reads: Reads[] = [
  { case: VIEWS, forms: ['rust_inspired', 'traditional', 'Buffer.from-copy'] },
  { case: RECORDS, forms: ['rust_inspired', 'traditional'] },
];

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const view = fitOf(recs, VIEWS, 'rust_inspired');
  const copy = fitOf(recs, VIEWS, 'traditional');
  const missing: string[] = [];
  if (!view || !copy) return { ...notMeasured(reads), missing: [missingRow(VIEWS)] };
  const points = compareAll(recs, VIEWS, 'rust_inspired', 'traditional');
  const first = points[0]!;
  // `slice` copies the middle half: per byte of the buffer is per half a byte copied.
  const text =
    `A view costs a fixed ${nsEstimate(view.fixed)}; a \`slice\` copy ${nsEstimate(copy.fixed)} + ${gbps(copy.marginal, 0.5)} of bytes copied. ` +
    `The view ${measuredCrossoverText(points, 'bytes')} (${ratio(first)} there; fitted crossover ${fitCrossoverText(recs, VIEWS, 'rust_inspired', 'traditional', 'bytes', ['the view', 'the copy'])}).`;
  const evidence = [
    `\`${VIEWS}\` subarray vs slice: ${points.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')}; copy fit's worst residual ${Math.round(copy.maxResidual * 100)}% (one line over all sizes)`,
  ];
  const objects = fitOf(recs, RECORDS, 'traditional');
  const columns = fitOf(recs, RECORDS, 'rust_inspired');
  const big = compare(recordAt(recs, RECORDS), 'rust_inspired', 'traditional');
  if (objects && columns && big) {
    evidence.push(
      `Records (\`${RECORDS}\`): columns over one buffer ${perUnit(columns.marginal, 'record')} vs objects ${perUnit(objects.marginal, 'record')}; ${ratio(big)} faster at ${formatSize(big.size, 'records')}`,
    );
  } else missing.push(missingRow(RECORDS));
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => compare(recordAt(r, VIEWS, first.size), 'rust_inspired', 'traditional'),
      `view vs copy at ${formatSize(first.size, 'bytes')}`,
    ),
    caveat: 'a view keeps its whole parent buffer alive',
    missing,
    checks: [],
  };
}

export const q01: Question = { number: 1, title: 'Views vs copies', reads, answer };
