/**
 * Q10. Do ownership semantics pay in a GC language? A move (transfer: the source is detached)
 * against the defensive copies it replaces (`slice-copy`, `structuredClone`), from their cost
 * models with the crossover; its fixed cost against passing a bare reference; the process-wide
 * detach tax (a typed-array loop after any detach, with a control); and explicit release
 * (`close`) against leaving a native block to the GC. The seed's "ownership semantics add
 * overhead" hypothesis (the Dart arm's +66%) is checked against the copy a move replaces.
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
  medianNs,
  missingRow,
  notMeasured,
  ns,
  nsEstimate,
  ratio,
  recordAt,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type QuestionCheck,
  type Reads,
} from './common.js';

const MOVE = 'ownership/move';
const RELEASE = 'ownership/release';
const reads: Reads[] = [
  { case: MOVE, forms: ['rust_inspired', 'slice-copy', 'structuredClone', 'traditional'] },
  { case: RELEASE, forms: ['native', 'native-gc-reported', 'native-gc-unreported'] },
];

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const move = fitOf(recs, MOVE, 'rust_inspired');
  const slice = fitOf(recs, MOVE, 'slice-copy');
  const clone = fitOf(recs, MOVE, 'structuredClone');
  if (!move || !slice || !clone) return { ...notMeasured(reads), missing: [missingRow(MOVE)] };
  const vsSlice = compareAll(recs, MOVE, 'rust_inspired', 'slice-copy');
  const vsClone = compareAll(recs, MOVE, 'rust_inspired', 'structuredClone');
  const big = recordAt(recs, MOVE)!;
  const ref = medianNs(big, 'traditional');
  const m = big.metrics ?? {};
  const refV = compare(big, 'traditional', 'rust_inspired');
  const text =
    `A move costs ${nsEstimate(move.fixed)} whatever the size, against a \`slice\` copy's ${nsEstimate(slice.fixed)} + ${gbps(slice.marginal)} and \`structuredClone\`'s ${nsEstimate(clone.fixed)} + ${gbps(clone.marginal)}: ` +
    `fitted crossovers ${fitCrossoverText(recs, MOVE, 'rust_inspired', 'slice-copy', 'bytes')} against slice and ${fitCrossoverText(recs, MOVE, 'rust_inspired', 'structuredClone', 'bytes')} against structuredClone; passing a bare reference (${ref === null ? '—' : ns(ref)}) is ${refV ? ratio(refV) : '—'} faster than a move.`;
  const closeVsGc = compare(recordAt(recs, RELEASE), 'native', 'native-gc-reported');
  const closeVsUnreported = compare(recordAt(recs, RELEASE), 'native', 'native-gc-unreported');
  const evidence = [
    `\`${MOVE}\` move vs slice: ${vsSlice.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')} (measured: ${measuredCrossoverText(vsSlice, 'bytes')}); vs structuredClone: ${vsClone.map((p) => ratio(p)).join(', ')}`,
    `detach tax: a typed-array loop runs ${m.detach_tax_ratio ?? '—'}× slower after one detach in the process (control: ${m.detach_tax_control_ratio ?? '—'}×)`,
    `explicit release (\`${RELEASE}\`, ${formatSize(recordAt(recs, RELEASE)?.size ?? 0, 'bytes')}): \`close()\` vs GC finalization ${closeVsGc ? ratio(closeVsGc) : '—'} (memory reported), ${closeVsUnreported ? ratio(closeVsUnreported) : '—'} (unreported)`,
  ];
  const head = vsSlice[vsSlice.length - 1];
  const check: QuestionCheck = {
    kind: 'hypothesis',
    statement: 'Ownership semantics add overhead (a move slower than the copy it replaces)',
    status: !head
      ? 'not measured'
      : head.direction === 'slower'
        ? 'confirmed'
        : head.direction === 'undecided'
          ? 'undecided'
          : 'refuted',
    verdict: head ?? null,
    evidence: head
      ? `move vs slice at ${formatSize(head.size, 'bytes')}: ${head.direction} ${ratio(head)}`
      : '',
  };
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => compareAll(r, MOVE, 'rust_inspired', 'slice-copy').pop() ?? null,
      'move vs slice at the largest size',
    ),
    caveat: 'the detach tax is one figure per run, paid once per process by every typed-array loop',
    missing: m.detach_tax_ratio === undefined ? [missingRow(MOVE, 'detach tax metrics')] : [],
    checks: [check],
  };
}

export const q10: Question = {
  number: 10,
  title: 'Do ownership semantics pay in a GC language?',
  reads,
  answer,
};
