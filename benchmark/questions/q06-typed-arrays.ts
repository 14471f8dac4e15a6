/**
 * Q6. TypedArray vs Array: `Float64Array` loops against `number[]` loops (scale, sum and dot in
 * one op), per element from each form's cost model and as a ratio at every size, with each
 * runtime's ratio at the largest size. Read, write and allocation are not timed apart by the case.
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize } from '../report/analyze.js';
import {
  compareAll,
  leadOf,
  fitOf,
  missingRow,
  notMeasured,
  perUnit,
  ratio,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const ID = 'allocation/typed-vs-array';
const reads: Reads[] = [{ case: ID, forms: ['rust_inspired', 'traditional'] }];

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const points = compareAll(recs, ID, 'rust_inspired', 'traditional');
  const typed = fitOf(recs, ID, 'rust_inspired');
  const array = fitOf(recs, ID, 'traditional');
  if (points.length === 0 || !typed || !array) return { ...notMeasured(reads), missing: [missingRow(ID)] };
  const lead = leadOf(points.map((p) => p.direction));
  const text =
    `${lead}: a \`Float64Array\` loop against a \`number[]\` loop on ${runs.main.label} is ${points.map((p) => `${p.direction} at ${formatSize(p.size, 'elements')} (${ratio(p)})`).join(', ')}; ` +
    `per element (scale + sum + dot): typed ${perUnit(typed.marginal, 'element')}, array ${perUnit(array.marginal, 'element')}.`;
  const perRuntime = runs.all.map((g) => {
    const p = compareAll(g.records, ID, 'rust_inspired', 'traditional').pop();
    return p ? `${g.label} ${ratio(p)}` : `${g.label} —`;
  });
  return {
    answer: text,
    evidence: [
      `at ${formatSize(points[points.length - 1]!.size, 'elements')} by runtime: ${perRuntime.join(', ')}`,
    ],
    runtimes: '',
    caveat:
      'a `number[]` stays this fast only while V8 keeps it PACKED_DOUBLE_ELEMENTS (no holes, only numbers)',
    missing: [`per-element read, write and allocation timed apart (\`${ID}\` times them in one op)`],
    checks: [],
  };
}

export const q06: Question = { number: 6, title: 'TypedArray vs Array', reads, answer };
