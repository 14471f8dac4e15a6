/**
 * Q7. Microtask vs macrotask: per hop, chained (each hop schedules the next) and scheduled at once
 * (a fan-out), `queueMicrotask` against `setImmediate`; and what a microtask chain does to the
 * event loop: how long a timer, an immediate and I/O wait behind it (the case's starvation
 * metrics, one figure per run, no interval).
 */
import type { ResultRecord } from '../engine/record.js';
import { sig } from '../report/analyze.js';
import {
  compare,
  medianNs,
  missingRow,
  notMeasured,
  ns,
  ratio,
  recordAt,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const ID = 'async/scheduling';
const reads: Reads[] = [
  {
    case: ID,
    forms: ['rust_inspired', 'traditional', 'fan-out queueMicrotask', 'fan-out setImmediate', 'Promise.then'],
  },
];

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const r = recordAt(runs.main.records, ID);
  const chained = compare(r, 'rust_inspired', 'traditional');
  const fan = compare(r, 'fan-out queueMicrotask', 'fan-out setImmediate');
  if (!r || !chained) return { ...notMeasured(reads), missing: [missingRow(ID)] };
  const per = (form: string) => {
    const t = medianNs(r, form);
    return t === null ? '—' : ns(t / r.size);
  };
  const m = r.metrics ?? {};
  const starve = (k: string) => (m[k] === undefined ? '—' : `${sig(m[k])} ms`);
  const text =
    `A microtask hop costs ${per('rust_inspired')} against ${per('traditional')} for a macrotask (\`setImmediate\`): ${ratio(chained)} faster chained, ${fan ? ratio(fan) : '—'} scheduled at once; ` +
    `but while a microtask chain runs, a timer waits ${starve('starve_queueMicrotask_timer_ms')} and I/O ${starve('starve_queueMicrotask_io_ms')}, against ${starve('starve_setImmediate_timer_ms')} and ${starve('starve_setImmediate_io_ms')} behind a macrotask chain.`;
  const evidence = [
    `\`${ID}\` at ${r.size} hops: Promise.then ${per('Promise.then')}, fan-out microtask ${per('fan-out queueMicrotask')}, fan-out setImmediate ${per('fan-out setImmediate')} per hop`,
    `a long blocking loop: event-loop delay p99 ${m.blocking_eld_p99_ms === undefined ? '—' : sig(m.blocking_eld_p99_ms)} ms; the same work in 10k-item chunks behind setImmediate: ${m.chunk_10000_eld_p99_ms === undefined ? '—' : sig(m.chunk_10000_eld_p99_ms)} ms`,
  ];
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (x) => compare(recordAt(x, ID), 'rust_inspired', 'traditional'),
      'chained microtask vs macrotask',
    ),
    caveat: 'starvation and delay are one figure per run, without an interval',
    missing: [],
    checks: [],
  };
}

export const q07: Question = { number: 7, title: 'Microtask vs macrotask', reads, answer };
