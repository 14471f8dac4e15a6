/**
 * Q2. Can Promises and the event loop match Rust's async? Four operations, each per operation at
 * the largest count measured, JS against tokio's current-thread runtime (`rust`) and its
 * multi-thread runtime (`rust-multi-thread`, 2 workers): spawn + join, a channel message, a
 * zero-delay hop, and a TCP echo round trip. Each is a ratio with its interval (above 1: JS
 * faster); the parts point different ways, so the answer names which part goes which way.
 */
import type { ResultRecord } from '../engine/record.js';
import {
  compare,
  leadOf,
  medianNs,
  missingRow,
  notMeasured,
  ns,
  ratio,
  recordAt,
  runsOf,
  runtimesLine,
  type Answer,
  type Compared,
  type Question,
  type Reads,
} from './common.js';

interface Part {
  name: string;
  case: string;
  js: string;
  /** Operations one op of the form performs, from the record (the count, or clients × 8 round trips). */
  opsPerRecord: (r: ResultRecord) => number;
}

const parts: Part[] = [
  { name: 'spawn+join', case: 'async/tokio-spawn', js: 'traditional', opsPerRecord: (r) => r.size },
  { name: 'channel message', case: 'async/tokio-channel', js: 'traditional', opsPerRecord: (r) => r.size },
  {
    name: 'zero-delay hop (setImmediate vs yield_now)',
    case: 'async/tokio-timers',
    js: 'setImmediate',
    opsPerRecord: (r) => r.size,
  },
  {
    name: 'TCP echo round trip',
    case: 'async/tokio-tcp-echo',
    js: 'traditional',
    opsPerRecord: (r) => r.size * 8,
  },
];
const TOKIO = ['rust', 'rust-multi-thread'] as const;
const reads: Reads[] = parts.map((p) => ({ case: p.case, forms: [p.js, ...TOKIO] }));

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const missing: string[] = [];
  const evidence: string[] = [];
  const wins: string[] = [];
  const losses: string[] = [];
  const other: string[] = [];
  for (const p of parts) {
    const r = recordAt(recs, p.case);
    const cur = compare(r, p.js, 'rust');
    const multi = compare(r, p.js, 'rust-multi-thread');
    if (!r || !cur) {
      missing.push(missingRow(p.case, 'rust'));
      continue;
    }
    const per = (form: string) => {
      const t = medianNs(r, form);
      return t === null ? '—' : ns(t / p.opsPerRecord(r));
    };
    const side = (v: Compared) => `${ratio(v)}`;
    const line = `${p.name} ${side(cur)}`;
    (cur.direction === 'faster' ? wins : cur.direction === 'slower' ? losses : other).push(line);
    evidence.push(
      `${p.name}: JS ${per(p.js)}, tokio ${per('rust')}, multi-thread ${per('rust-multi-thread')} (JS vs it ${multi ? ratio(multi) : '—'})`,
    );
  }
  const text =
    `${leadOf([...wins.map(() => 'faster' as const), ...losses.map(() => 'slower' as const), ...other.map(() => 'undecided' as const)])} (JS over tokio's current-thread runtime; per-op times below): Promises win at ${wins.join(', ') || 'nothing measured'}; ` +
    `tokio wins at ${losses.join(', ') || 'nothing measured'}${other.length ? `; undecided or equivalent: ${other.join(', ')}` : ''}.`;
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => compare(recordAt(r, 'async/tokio-spawn'), 'traditional', 'rust'),
      'spawn+join',
    ),
    caveat:
      'tokio runs in its own Rust benchmark processes (unpaired intervals), without the Node-API crossing a JS caller would add',
    missing,
    checks: [],
  };
}

export const q02: Question = {
  number: 2,
  title: "Can Promises and the event loop match Rust's async?",
  reads,
  answer,
};
