/**
 * Q9. Can SharedArrayBuffer give true parallelism? Workers writing disjoint parts of a
 * SharedArrayBuffer (`rust_inspired`, on --threads threads) against this thread (`traditional`):
 * the speed-up at every size, the crossover from the cost models and as measured, and the 2-core
 * share. Contention (two threads adding to one counter) is a separate line.
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize } from '../report/analyze.js';
import {
  compare,
  compareAll,
  leadOf,
  fitCrossoverText,
  measuredCrossoverText,
  missingRow,
  notMeasured,
  pairCheck,
  ratio,
  recordAt,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const ID = 'concurrency/sab-parallelism';
const SYNC = 'concurrency/synchronization';
const reads: Reads[] = [
  { case: ID, forms: ['rust_inspired', 'traditional'] },
  { case: SYNC, forms: ['traditional', 'rust_inspired', 'atomics-mutex'] },
];

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const points = compareAll(recs, ID, 'rust_inspired', 'traditional');
  if (points.length === 0) return { ...notMeasured(reads), missing: [missingRow(ID)] };
  const top = points[points.length - 1]!;
  const threads = recordAt(recs, ID)?.threads ?? 2;
  // The lead reads the largest size: a speed-up that is undecided there (its interval reaches
  // into the +-10% band) is said as such, with the interval, never as a bare "undecided".
  const lead =
    top.direction === 'undecided'
      ? `Not shown at these sizes (at ${formatSize(top.size, 'bytes')} the interval reaches into the ±10% band)`
      : leadOf([top.direction]);
  const text =
    `${lead}: ${threads} workers filling a shared Float64Array reach ${ratio(top)} at ${formatSize(top.size, 'bytes')}, ` +
    `${Math.round((top.ratio / threads) * 100)}% of the ${threads}-core ideal; they break even at about ${fitCrossoverText(recs, ID, 'rust_inspired', 'traditional', 'bytes', ['the workers', 'one thread'])} by the fits (measured: ${measuredCrossoverText(points, 'bytes')}).`;
  const atomics = compare(recordAt(recs, SYNC), 'rust_inspired', 'traditional');
  const mutex = compare(recordAt(recs, SYNC), 'atomics-mutex', 'traditional');
  const sync = recordAt(recs, SYNC);
  return {
    answer: text,
    evidence: [
      `\`${ID}\` speed-up by size: ${points.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')}`,
      `contention (\`${SYNC}\` at ${sync ? formatSize(sync.size, sync.unit) : '—'}): Atomics.add on one counter ${atomics ? ratio(atomics) : '—'}, an Atomics mutex ${mutex ? ratio(mutex) : '—'} vs counting locally and posting once`,
    ],
    runtimes: runtimesLine(
      runs,
      (r) => compareAll(r, ID, 'rust_inspired', 'traditional').pop() ?? null,
      'workers at the largest size',
    ),
    caveat:
      'a kernel with less arithmetic per byte than sqrt + multiply-add is capped by the memory bandwidth both cores share',
    missing: [],
    checks: (
      [
        ['native-atomic', 'native', 'Rust: AtomicU64 beats counting locally and joining'],
        ['native-mutex', 'native', 'Rust: Mutex beats counting locally and joining'],
        [
          'atomics-mutex',
          'traditional',
          'JS: an Atomics.wait/notify mutex beats counting locally and posting once',
        ],
        ['native-atomic', 'rust_inspired', 'Rust AtomicU64 on threads beats Atomics.add on workers'],
        ['native-mutex', 'atomics-mutex', 'Rust std Mutex on threads beats the Atomics mutex on workers'],
      ] as const
    ).map(([c, i, statement]) => pairCheck(recs, SYNC, c, i, statement, 'calls')),
  };
}

export const q09: Question = {
  number: 9,
  title: 'Can SharedArrayBuffer give true parallelism?',
  reads,
  answer,
};
