/**
 * Q3. When do workers, child processes and native threads overcome their overhead? Read as a task
 * length: the single-threaded JS time of one task (`traditional` at the same size) from which a
 * warm pool, a pool started per task, child processes (data sent) and rayon win. CPU-bound
 * (`concurrency/cpu-bound`, 32 multiply-adds per element) and the memory-side kernel
 * (`concurrency/work-distribution`, sum of squares) are read apart; the share of the 2-core ideal
 * is the 2-thread speed-up over 2. The seed's three task-length hypotheses are checked here.
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize, sig } from '../report/analyze.js';
import {
  compare,
  compareAll,
  crossoverOf,
  medianNs,
  missingRow,
  notMeasured,
  pairCheck,
  ratio,
  recordAt,
  rowsOf,
  runsOf,
  runtimesLine,
  type Answer,
  type Compared,
  type Question,
  type QuestionCheck,
  type Reads,
} from './common.js';

const CPU = 'concurrency/cpu-bound';
const MEM = 'concurrency/work-distribution';
const OFFLOAD = 'async/native-offload';
const forms: Array<[string, string]> = [
  ['rust_inspired', 'a warm pool'],
  ['pool-started-per-task', 'a pool started per task'],
  ['child-processes', 'children (data sent)'],
];
const reads: Reads[] = [
  { case: CPU, forms: ['traditional', ...forms.map(([f]) => f), 'pool@2t', 'child-processes@2t'] },
  { case: OFFLOAD, forms: ['native', 'native-sync', 'native-async-batch', 'traditional'] },
  {
    case: MEM,
    forms: [
      'traditional',
      'rust_inspired',
      'child-processes',
      'native',
      'native-rayon',
      'native-lanes',
      'native-lanes-rayon',
      'rust',
      'rust_fast',
    ],
  },
];

/** Single-threaded time of one task at `size` (the `base` form's median), ms. */
function taskMs(
  records: readonly ResultRecord[],
  id: string,
  size: number,
  base = 'traditional',
): number | null {
  const t = medianNs(recordAt(records, id, size), base);
  return t === null ? null : t / 1e6;
}

function ms(x: number): string {
  return `${sig(x)} ms`;
}

/**
 * The task-length window where the challenger starts to win: from the smallest size where it wins
 * at every larger size (S), above the largest smaller size where it decisively does not (L).
 */
function window(
  records: readonly ResultRecord[],
  points: Compared[],
  id = CPU,
  base = 'traditional',
): { from: Compared | null; notBelow: Compared | null; sMs: number | null; lMs: number | null } {
  let first = points.length;
  while (first > 0 && points[first - 1]!.direction === 'faster') first--;
  const from = first < points.length ? points[first]! : null;
  const notBelow =
    points
      .slice(0, first)
      .filter((p) => p.direction === 'slower' || p.direction === 'equivalent')
      .pop() ?? null;
  return {
    from,
    notBelow,
    sMs: from ? taskMs(records, id, from.size, base) : null,
    lMs: notBelow ? taskMs(records, id, notBelow.size, base) : null,
  };
}

/** "Starts to win on tasks of 33–300 ms": confirmed, refuted or undecided from the window. */
function check(
  statement: string,
  records: readonly ResultRecord[],
  form: string,
  label: string,
): QuestionCheck {
  const points = compareAll(records, CPU, form, 'traditional');
  if (points.length === 0)
    return { kind: 'hypothesis', statement, status: 'not measured', verdict: null, evidence: '' };
  const w = window(records, points);
  const lo = 33;
  const hi = 300;
  const status =
    w.sMs !== null && w.sMs < lo
      ? 'refuted'
      : w.lMs !== null && w.lMs > hi
        ? 'refuted'
        : w.sMs !== null && w.lMs !== null && w.lMs >= lo && w.sMs <= hi
          ? 'confirmed'
          : 'undecided';
  const last = points[points.length - 1]!;
  const evidence = w.from
    ? `${label}: faster from a ${ms(w.sMs!)} task, ${ratio(w.from)}`
    : `${label}: not faster on a ${ms(taskMs(records, CPU, last.size) ?? NaN)} task, ${ratio(last)}`;
  return { kind: 'hypothesis', statement, status, verdict: w.from ?? last, evidence };
}

/** The task length where a form's cost line crosses one thread's, from the fits (ms, with interval). */
function modelTask(records: readonly ResultRecord[], form: string): string | null {
  const rows = rowsOf(records, CPU);
  const big = rows[rows.length - 1];
  const per = big ? medianNs(big, 'traditional')! / big.size / 1e6 : NaN;
  const x = crossoverOf(records, CPU, form, 'traditional', `${CPU}|${form}|task`);
  if (!x || x.size === null) return null;
  const sizes = rows.map((r) => r.size);
  if (x.size < Math.min(...sizes) || x.size > Math.max(...sizes)) return null;
  return `${ms(x.size * per)} [${x.lo === null ? '?' : sig(x.lo * per)}–${x.hi === null ? 'open' : sig(x.hi * per)}]`;
}

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const cpuRows = rowsOf(recs, CPU);
  if (cpuRows.length === 0) return { ...notMeasured(reads), missing: [missingRow(CPU)] };
  const missing: string[] = [];
  /** Where `form` starts to beat `base` of case `id`, in single-threaded task length. */
  const byTask = (id: string, form: string, base: string, label: string): string => {
    const points = compareAll(recs, id, form, base);
    if (points.length === 0) return `${label}: not measured`;
    const w = window(recs, points, id, base);
    const at = (p: Compared) => ms(taskMs(recs, id, p.size, base) ?? NaN);
    const before = w.from ? points[points.indexOf(w.from) - 1] : undefined;
    const last = points[points.length - 1]!;
    return w.from
      ? `${label}: faster from ${ms(w.sMs!)} ${ratio(w.from)}${before ? ` (${before.direction} at ${at(before)})` : ''}`
      : `${label}: not faster up to ${at(last)} (${last.direction} ${ratio(last)})`;
  };
  const parts = forms.map(([form, label]) => {
    const model = modelTask(recs, form);
    return `${byTask(CPU, form, 'traditional', label)}${model ? `, 2-point model ${model}` : ''}`;
  });
  const big = cpuRows[cpuRows.length - 1]!;
  const share = (form: string) => {
    const v = compare(big, form, 'traditional');
    return v ? `${form} ${Math.round((v.ratio / 2) * 100)}% (${ratio(v)})` : `${form} —`;
  };
  const rayon = compareAll(recs, MEM, 'native-rayon', 'native');
  const fast = compare(recordAt(recs, MEM), 'rust_fast', 'rust');
  const text = (
    `CPU-bound, by single-threaded task length: ${parts.join('; ')}; share of the 2-core ideal: pool ${share('pool@2t').replace('pool@2t ', '')}, children ${share('child-processes@2t').replace('child-processes@2t ', '')}. ` +
    (rowsOf(recs, MEM).length === 0
      ? ''
      : `Sum of squares (\`${MEM}\`): ${byTask(MEM, 'rust_inspired', 'traditional', 'warm pool')}; ${byTask(MEM, 'child-processes', 'traditional', 'children')}; ${byTask(MEM, 'native-rayon', 'native', 'rayon (vs one native thread)')}.`)
  ).trim();
  const evidence: string[] =
    fast?.direction === 'faster'
      ? [
          `\`${MEM}\` is bound by floating-point add latency, not memory: the multi-accumulator \`rust_fast\` runs ${ratio(fast)} the one-accumulator \`rust\``,
        ]
      : [];
  // The memory-bound kernel: the same blocks summed in 8 independent lanes (`native-lanes`),
  // on rayon's threads against one thread.
  const lanes = compareAll(recs, MEM, 'native-lanes-rayon', 'native-lanes');
  if (lanes.length > 0) {
    const head = lanes[lanes.length - 1]!;
    evidence.push(
      `memory-bound (8-lane) sum of squares, rayon vs one native thread: ${lanes.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')}; the 2-core ideal's share at ${formatSize(head.size, 'bytes')}: ${Math.round((head.ratio / 2) * 100)}%`,
    );
  } else missing.push(`a memory-bound kernel (\`${MEM}\` forms \`native-lanes\`, \`native-lanes-rayon\`)`);
  if (rowsOf(recs, MEM).length === 0) missing.push(missingRow(MEM));
  else if (rayon.length === 0) missing.push(missingRow(MEM, 'native-rayon'));
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => compare(recordAt(r, CPU), 'rust_inspired', 'traditional'),
      `warm pool at ${formatSize(big.size, 'elements')}`,
    ),
    caveat: 'two cores shared with other tenants make the 2-thread figures a floor',
    missing,
    checks: [
      check('Children start to win on 33–300 ms tasks', recs, 'child-processes', 'children'),
      check('A warm pool starts to win on 33–300 ms tasks', recs, 'rust_inspired', 'a warm pool'),
      check(
        'A pool started per task starts to win on 33–300 ms tasks',
        recs,
        'pool-started-per-task',
        'a pool per task',
      ),
      ...(
        [
          [
            'native',
            'native-sync',
            'Native async, one libuv task per call, out-throughputs native sync on the main thread',
          ],
          [
            'native-async-batch',
            'native-sync',
            'Native async batched in one task out-throughputs native sync on the main thread',
          ],
          ['native-async-batch', 'traditional', 'Native async batched out-throughputs JS sync'],
        ] as const
      ).map(([c, i, statement]) => pairCheck(recs, OFFLOAD, c, i, statement, 'bytes')),
    ],
  };
}

export const q03: Question = {
  number: 3,
  title: 'When do workers, child processes and native threads overcome their overhead?',
  reads,
  answer,
};
