/**
 * Q3. When do workers, child processes and native threads overcome their overhead? Read as a task
 * length: the single-threaded JS time of one task (`traditional` at the same size) from which a
 * warm pool, a pool started per task, child processes (data sent) and rayon win. CPU-bound
 * (`concurrency/cpu-bound`, 32 multiply-adds per element) and the memory-side kernel
 * (`concurrency/work-distribution`, sum of squares) are read apart; the share of the 2-core ideal
 * is the 2-thread speed-up over 2. The seed's three task-length hypotheses are checked here.
 */
import { fitCrossover } from '../engine/cost-model.js';
import type { ResultRecord } from '../engine/record.js';
import { formatSize, sig } from '../report/analyze.js';
import {
  compare,
  compareAll,
  medianNs,
  missingRow,
  notMeasured,
  pairCheck,
  ratio,
  recordAt,
  rowsOf,
  runsOf,
  runtimesLine,
  sized,
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
  ['rust_inspired', 'warm pool'],
  ['pool-started-per-task', 'pool per task'],
  ['child-processes', 'child processes'],
];
const reads: Reads[] = [
  { case: CPU, forms: ['traditional', ...forms.map(([f]) => f), 'pool@2t', 'child-processes@2t'] },
  {
    case: MEM,
    forms: ['traditional', 'rust_inspired', 'child-processes', 'native', 'native-rayon', 'rust', 'rust_fast'],
  },
];

/** Single-threaded JS time of one task at `size`, ms. */
function taskMs(records: readonly ResultRecord[], id: string, size: number): number | null {
  const t = medianNs(recordAt(records, id, size), 'traditional');
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
    sMs: from ? taskMs(records, CPU, from.size) : null,
    lMs: notBelow ? taskMs(records, CPU, notBelow.size) : null,
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
    ? `${label}: wins from a ${ms(w.sMs!)} task, ${ratio(w.from)}`
    : `${label}: does not win on a ${ms(taskMs(records, CPU, last.size) ?? NaN)} task, ${ratio(last)}`;
  return { kind: 'hypothesis', statement, status, verdict: w.from ?? last, evidence };
}

/** The task length where a form's cost line crosses one thread's, from the fits (ms, with interval). */
function modelTask(records: readonly ResultRecord[], form: string): string | null {
  const rows = rowsOf(records, CPU);
  const big = rows[rows.length - 1];
  const per = big ? medianNs(big, 'traditional')! / big.size / 1e6 : NaN;
  const x = fitCrossover(
    sized(records, CPU, form),
    sized(records, CPU, 'traditional'),
    `${CPU}|${form}|task`,
  );
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
  const parts = forms.map(([form, label]) => {
    const points = compareAll(recs, CPU, form, 'traditional');
    const w = window(recs, points);
    const last = points[points.length - 1];
    const before = w.from ? points[points.indexOf(w.from) - 1] : undefined;
    const measured = w.from
      ? `wins from ${ms(w.sMs!)}${before ? ` (${before.direction} at ${ms(taskMs(recs, CPU, before.size) ?? NaN)})` : ''}`
      : `does not win up to ${ms(taskMs(recs, CPU, last?.size ?? 0) ?? NaN)}`;
    const model = modelTask(recs, form);
    return `${label} ${measured}${model ? `, 2-point model ${model}` : ''}`;
  });
  const big = cpuRows[cpuRows.length - 1]!;
  const share = (form: string) => {
    const v = compare(big, form, 'traditional');
    return v ? `${form} ${Math.round((v.ratio / 2) * 100)}% (${ratio(v)})` : `${form} —`;
  };
  const rayon = compareAll(recs, MEM, 'native-rayon', 'native');
  const memPool = compare(recordAt(recs, MEM), 'rust_inspired', 'traditional');
  const memProc = compare(recordAt(recs, MEM), 'child-processes', 'traditional');
  const fast = compare(recordAt(recs, MEM), 'rust_fast', 'rust');
  const text =
    `CPU-bound, by single-threaded task length: ${parts.join('; ')}; share of the 2-core ideal: pool ${share('pool@2t').replace('pool@2t ', '')}, children ${share('child-processes@2t').replace('child-processes@2t ', '')}. ` +
    `Sum of squares at ${formatSize(recordAt(recs, MEM)?.size ?? 0, 'bytes')}: pool ${memPool ? ratio(memPool) : '—'}, children ${memProc ? ratio(memProc) : '—'}, rayon vs one native thread ${rayon.length ? ratio(rayon[rayon.length - 1]!) : '—'}.`;
  const evidence = [
    `\`${MEM}\` is bound by floating-point add latency, not memory: the multi-accumulator \`rust_fast\` runs ${fast ? ratio(fast) : '—'} the one-accumulator \`rust\``,
  ];
  missing.push(`a truly memory-bound kernel (\`${MEM}\` is being rebuilt)`);
  if (rayon.length === 0) missing.push(missingRow(MEM, 'native-rayon'));
  const h = (what: string) => `${what} start to win at 33–300 ms`;
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
      check(h('children'), recs, 'child-processes', 'child processes'),
      check(h('a warm pool'), recs, 'rust_inspired', 'a warm pool'),
      check(
        h('Workers whose pool starts inside each task'),
        recs,
        'pool-started-per-task',
        'a pool per task',
      ),
    ],
  };
}

export const q03: Question = {
  number: 3,
  title: 'When do workers, child processes and native threads overcome their overhead?',
  reads,
  answer,
};
