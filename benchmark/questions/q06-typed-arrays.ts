/**
 * Q6. TypedArray vs Array: `Float64Array` loops against `number[]` loops (scale, sum and dot in
 * one op), per element from each form's cost model and as a ratio at every size, with each
 * runtime's ratio at the largest size. Read, write and allocation are not timed apart by the case.
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize, sig } from '../report/analyze.js';
import {
  compareAll,
  leadOf,
  medianNs,
  fitOf,
  missingRow,
  notMeasured,
  ratio,
  rowsOf,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const ID = 'allocation/typed-vs-array';
const IN_PLACE = 'allocation/in-place';
const reads: Reads[] = [
  {
    case: ID,
    forms: ['rust_inspired', 'traditional', 'typed-read', 'array-read', 'typed-write', 'array-write'],
  },
  { case: IN_PLACE, forms: ['rust_inspired', 'array-in-place', 'typed-map', 'traditional'] },
];

/**
 * Typed against array on one more row: read + write in place (`rust_inspired`, the library's
 * Float64Array kernel with its argument checks, vs a loop on a number[]), and allocate + write
 * (`Float64Array#map` vs `Array#map`). Per element at every size, not from a linear fit: the cost
 * per element of `Array#map` is not constant (on Node 20, 3.5 ns up to 10k elements and 28.8 ns at
 * 100k), so a fitted marginal cost of 3.2 ns stood beside "typed faster 1.58x at 100k".
 */
function pairLine(
  records: readonly ResultRecord[],
  label: string,
  typedForm: string,
  arrayForm: string,
  id = IN_PLACE,
): string | null {
  const rows = rowsOf(records, id).filter((r) => r.forms[typedForm] && r.forms[arrayForm]);
  const points = compareAll(records, id, typedForm, arrayForm);
  if (points.length === 0) return null;
  const times = (form: string): string =>
    rows
      .map((r) => {
        const ns = medianNs(r, form);
        return ns === null ? '—' : sig(ns / r.size);
      })
      .join(' / ');
  const sizes = `${rows.map((r) => formatSize(r.size, 'elements').replace(/ elements$/, '')).join(' / ')} elements`;
  // Directions in the sizes' order, one per size measured by both.
  const verdicts = rows.map((r) => {
    const p = points.find((x) => x.size === r.size);
    return p ? `${p.direction} ${ratio(p)}` : '—';
  });
  return `${label}: typed ${times(typedForm)} ns, array ${times(arrayForm)} ns per element at ${sizes}; typed ${verdicts.join(' / ')}`;
}

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const points = compareAll(recs, ID, 'rust_inspired', 'traditional');
  const typed = fitOf(recs, ID, 'rust_inspired');
  const array = fitOf(recs, ID, 'traditional');
  if (points.length === 0 || !typed || !array) return { ...notMeasured(reads), missing: [missingRow(ID)] };
  const lead = leadOf(points.map((p) => p.direction));
  // Per element, the evidence gives each access alone at every size (a linear fit of the whole
  // op hid that the number[] figure changes with size).
  const text = `${lead}: \`Float64Array\` against \`number[]\` loops (scale + sum + dot) on ${runs.main.label}: ${points.map((p) => `${p.direction} at ${formatSize(p.size, 'elements')} (${ratio(p)})`).join(', ')}.`;
  const perRuntime = runs.all.map((g) => {
    const p = compareAll(g.records, ID, 'rust_inspired', 'traditional').pop();
    return p ? `${g.label} ${ratio(p)}` : `${g.label} —`;
  });
  return {
    answer: text,
    evidence: [
      ...[
        pairLine(recs, 'read alone (a sum)', 'typed-read', 'array-read', ID),
        pairLine(recs, 'write alone (by index)', 'typed-write', 'array-write', ID),
        pairLine(recs, `read + write in place (\`${IN_PLACE}\`)`, 'rust_inspired', 'array-in-place'),
        pairLine(recs, 'allocate + write (`map`)', 'typed-map', 'traditional'),
      ].filter((x): x is string => x !== null),
      `typed vs array at ${formatSize(points[points.length - 1]!.size, 'elements')} by runtime: ${perRuntime.join(', ')}`,
    ],
    runtimes: '',
    caveat:
      'a `number[]` stays this fast only while V8 keeps it PACKED_DOUBLE_ELEMENTS (no holes, only numbers)',
    missing: [
      ...(compareAll(recs, ID, 'typed-read', 'array-read').length === 0
        ? [
            `a read alone and a write alone (\`${ID}\`'s \`typed-read\`/\`array-read\` and \`typed-write\`/\`array-write\` forms)`,
          ]
        : []),
      ...(rowsOf(recs, IN_PLACE).length === 0 ? [missingRow(IN_PLACE)] : []),
    ],
    checks: [],
  };
}

export const q06: Question = { number: 6, title: 'TypedArray vs Array', reads, answer };
