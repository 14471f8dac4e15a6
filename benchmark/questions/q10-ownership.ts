/**
 * Q10. Do ownership semantics pay in a GC language? A move (transfer: the source is detached)
 * against the defensive copies it replaces (`slice-copy`, `structuredClone`), from their cost
 * models with the crossover; its fixed cost against passing a bare reference; the process-wide
 * detach tax (a typed-array loop after any detach, with a control); and explicit release
 * (`close`) against leaving a native block to the GC. The seed's "ownership semantics add
 * overhead" hypothesis (the Dart arm's +66%) is checked against the copy a move replaces.
 */
import type { ResultRecord } from '../engine/record.js';
import { speedRatio, type RatioInterval, type Sampled } from '../engine/stats.js';
import { formatSize } from '../report/analyze.js';
import {
  compare,
  hypothesisStatus,
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
  { case: MOVE, forms: ['rust_inspired', 'traditional', 'structuredClone', 'pass-reference'] },
  { case: RELEASE, forms: ['native', 'native-gc-reported', 'native-gc-unreported'] },
];

/**
 * The detach tax with its interval over processes: the loop's time after one detach over its time
 * before, and the same in the control process where nothing is detached (`ownership/move`'s
 * `processSamples`).
 */
function detachTax(r: ResultRecord | undefined): { tax: RatioInterval; control: RatioInterval } | null {
  const ps = r?.process_samples;
  const get = (name: string): Sampled | null => {
    const x = ps?.[name];
    return x && x.values.length > 0 ? { samples_ns: x.values, sample_process: x.process } : null;
  };
  const [before, after, cBefore, cAfter] = [
    'detach_before_ns',
    'detach_after_ns',
    'control_before_ns',
    'control_after_ns',
  ].map(get);
  if (!before || !after || !cBefore || !cAfter) return null;
  // speedRatio(a, b) is b's time over a's: after over before, how many times slower.
  return {
    tax: speedRatio(before, after, `${MOVE}|detach`),
    control: speedRatio(cBefore, cAfter, `${MOVE}|control`),
  };
}

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  // The defensive copy is the row's `traditional` form; results from before it was named so
  // called it `slice-copy`, and `traditional` was then the bare reference.
  const old = recordAt(recs, MOVE)?.forms['slice-copy'] !== undefined;
  const SLICE = old ? 'slice-copy' : 'traditional';
  const REF = old ? 'traditional' : 'pass-reference';
  const move = fitOf(recs, MOVE, 'rust_inspired');
  const slice = fitOf(recs, MOVE, SLICE);
  const clone = fitOf(recs, MOVE, 'structuredClone');
  if (!move || !slice || !clone) return { ...notMeasured(reads), missing: [missingRow(MOVE)] };
  const vsSlice = compareAll(recs, MOVE, 'rust_inspired', SLICE);
  const vsClone = compareAll(recs, MOVE, 'rust_inspired', 'structuredClone');
  const big = recordAt(recs, MOVE)!;
  const ref = medianNs(big, REF);
  const m = big.metrics ?? {};
  const refV = compare(big, REF, 'rust_inspired');
  const taxed = detachTax(recs.find((r) => r.benchmark === MOVE && r.process_samples?.detach_before_ns));
  const taxText = taxed
    ? `${ratio(taxed.tax)} slower after one detach in the process (control, nothing detached: ${ratio(taxed.control)})`
    : m.detach_tax_ratio !== undefined
      ? `${m.detach_tax_ratio}× slower after one detach in the process (control: ${m.detach_tax_control_ratio ?? '—'}×; one process, no interval)`
      : '—';
  const text =
    `A move costs ${nsEstimate(move.fixed)} whatever the size, against a \`slice\` copy's ${nsEstimate(slice.fixed)} + ${gbps(slice.marginal)} and \`structuredClone\`'s ${nsEstimate(clone.fixed)} + ${gbps(clone.marginal)}: ` +
    `fitted crossovers ${fitCrossoverText(recs, MOVE, 'rust_inspired', SLICE, 'bytes')} against slice and ${fitCrossoverText(recs, MOVE, 'rust_inspired', 'structuredClone', 'bytes')} against structuredClone; passing a bare reference (${ref === null ? '—' : ns(ref)}) is ${refV ? ratio(refV) : '—'} faster than a move.`;
  const closeVsGc = compare(recordAt(recs, RELEASE), 'native', 'native-gc-reported');
  const closeVsUnreported = compare(recordAt(recs, RELEASE), 'native', 'native-gc-unreported');
  const evidence = [
    `\`${MOVE}\` move vs slice: ${vsSlice.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')} (measured: ${measuredCrossoverText(vsSlice, 'bytes')}); vs structuredClone: ${vsClone.map((p) => ratio(p)).join(', ')}`,
    `detach tax: a typed-array loop runs ${taxText}`,
    `explicit release (\`${RELEASE}\`, ${formatSize(recordAt(recs, RELEASE)?.size ?? 0, 'bytes')}): \`close()\` vs GC finalization ${closeVsGc ? ratio(closeVsGc) : '—'} (memory reported), ${closeVsUnreported ? ratio(closeVsUnreported) : '—'} (unreported)`,
  ];
  const head = vsSlice[vsSlice.length - 1];
  const check: QuestionCheck = {
    kind: 'hypothesis',
    statement: 'Ownership semantics add overhead (a move slower than the copy it replaces)',
    status: hypothesisStatus(head, 'slower'),
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
      (r) => compareAll(r, MOVE, 'rust_inspired', SLICE).pop() ?? null,
      'move vs slice at the largest size',
    ),
    caveat:
      'the detach tax is paid once per process, by every typed-array loop after the first detach anywhere in it',
    missing: !taxed && m.detach_tax_ratio === undefined ? [missingRow(MOVE, 'detach tax samples')] : [],
    checks: [check],
  };
}

export const q10: Question = {
  number: 10,
  title: 'Do ownership semantics pay in a GC language?',
  reads,
  answer,
};
