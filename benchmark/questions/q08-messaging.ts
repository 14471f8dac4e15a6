/**
 * Q8. Clone vs transfer vs SharedArrayBuffer: a round trip of a payload to a worker, structured
 * clone (`traditional`) vs transfer (`rust_inspired`) vs an index into a SharedArrayBuffer
 * (`shared-index`). Clone is a fixed cost plus a per-byte cost, transfer and SAB a fixed cost; the
 * crossover comes from the fits and as measured. The task length from which a worker pays is
 * derived from the round trip: on 2 cores, a task split in two saves T/2, so it pays once
 * T/2 exceeds the round trip, T > 2 × (fixed + per-byte × bytes).
 */
import type { CostFit } from '../engine/cost-model.js';
import type { ResultRecord } from '../engine/record.js';
import { formatSize } from '../report/analyze.js';
import {
  compareAll,
  fitCrossoverText,
  fitOf,
  gbps,
  measuredCrossoverText,
  missingRow,
  notMeasured,
  ns,
  nsEstimate,
  ratio,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const ID = 'concurrency/message-passing';
const reads: Reads[] = [{ case: ID, forms: ['traditional', 'rust_inspired', 'shared-index'] }];
const MIB = 2 ** 20;

/** The task length (ns) from which a worker pays on 2 cores for a payload of `bytes`: 2 × round trip. */
function breakEven(fit: CostFit, bytes: number): { value: number; lo: number; hi: number } {
  const at = (a: number, b: number) => 2 * (a + b * bytes);
  return {
    value: at(fit.fixed.value, fit.marginal.value),
    lo: at(fit.fixed.lo, fit.marginal.lo),
    hi: at(fit.fixed.hi, fit.marginal.hi),
  };
}

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const clone = fitOf(recs, ID, 'traditional');
  const transfer = fitOf(recs, ID, 'rust_inspired');
  const sab = fitOf(recs, ID, 'shared-index');
  if (!clone || !transfer || !sab) return { ...notMeasured(reads), missing: [missingRow(ID)] };
  const points = compareAll(recs, ID, 'rust_inspired', 'traditional');
  const be = (fit: CostFit) => {
    const b = breakEven(fit, MIB);
    return `${ns(b.value)} [${ns(b.lo)}–${ns(b.hi)}]`;
  };
  const text =
    `Clone costs ${nsEstimate(clone.fixed)} per round trip + ${gbps(clone.marginal)}; transfer ${nsEstimate(transfer.fixed)} and a SAB index ${nsEstimate(sab.fixed)} whatever the size, fitted crossover ${fitCrossoverText(recs, ID, 'rust_inspired', 'traditional', 'bytes', ['transfer', 'clone'])}. ` +
    `With 1 MiB of data a worker on 2 cores pays for tasks over ${be(clone)} cloned, ${be(transfer)} transferred.`;
  const evidence = [
    `\`${ID}\` transfer vs clone: ${points.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')} (measured: ${measuredCrossoverText(points, 'bytes')})`,
    `worst clone fit residual ${Math.round(clone.maxResidual * 100)}%`,
  ];
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => compareAll(r, ID, 'rust_inspired', 'traditional').pop() ?? null,
      'transfer vs clone at the largest size',
    ),
    caveat:
      'the break-even task length is derived from the round trip, assuming the task splits evenly over 2 cores; a transferred buffer is gone from the sender',
    missing: [],
    checks: [],
  };
}

export const q08: Question = { number: 8, title: 'Clone vs transfer vs SharedArrayBuffer', reads, answer };
