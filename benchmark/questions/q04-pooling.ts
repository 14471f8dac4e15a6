/**
 * Q4. Object pooling in modern V8. Long-lived objects (a frame of particles stepped 4 times:
 * `ObjectPool` vs `new` per spawn) and short-lived ones (`short-lived pool` vs `short-lived new`)
 * are separate lines, each a per-object cost from its model and a ratio at every size; the
 * `BufferPool` lease is compared with one reused scratch buffer (and with a fresh Buffer per
 * frame). The seed's "object pooling helps" hypothesis is checked here.
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize } from '../report/analyze.js';
import {
  against,
  compare,
  hypothesisStatus,
  leadOf,
  compareAll,
  fitOf,
  missingRow,
  notMeasured,
  perUnit,
  ratio,
  recordAt,
  runsOf,
  runtimesLine,
  type Answer,
  type Compared,
  type Question,
  type QuestionCheck,
  type Reads,
} from './common.js';

const OBJ = 'allocation/object-pooling';
const BUF = 'allocation/buffer-reuse';
const reads: Reads[] = [
  { case: OBJ, forms: ['traditional', 'rust_inspired', 'short-lived new', 'short-lived pool'] },
  { case: BUF, forms: ['traditional', 'rust_inspired', 'pool-lease'] },
];

function series(points: Compared[], unit: string): string {
  return points.map((p) => `${formatSize(p.size, unit)} ${ratio(p)}`).join(', ');
}

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const missing: string[] = [];
  const long = compareAll(recs, OBJ, 'rust_inspired', 'traditional');
  const short = compareAll(recs, OBJ, 'short-lived pool', 'short-lived new');
  const lease = compareAll(recs, BUF, 'pool-lease', 'rust_inspired');
  const leaseVsFresh = compare(recordAt(recs, BUF), 'pool-lease', 'traditional');
  if (long.length === 0) missing.push(missingRow(OBJ, 'rust_inspired'));
  if (short.length === 0) missing.push(missingRow(OBJ, 'short-lived pool'));
  if (lease.length === 0) missing.push(missingRow(BUF, 'pool-lease'));
  const head = (p: Compared[]) => p[p.length - 1];
  const fit = (form: string) => fitOf(recs, OBJ, form);
  const perObj = (form: string) => {
    const f = fit(form);
    return f ? perUnit(f.marginal, 'particle') : '—';
  };
  const dirs = [head(long), head(short), head(lease)].map((v) => v?.direction);
  const lead = leadOf(dirs);
  const text =
    `${lead}: pooling long-lived objects is ${against(head(long))} \`new\` at ${formatSize(head(long)?.size ?? 0, 'elements')}, pooling short-lived ones ${against(head(short))} \`new\`; ` +
    `a \`BufferPool\` lease is ${against(head(lease))} one reused scratch buffer and ${against(leaseVsFresh)} a fresh Buffer per frame.`;
  const evidence = [
    `long-lived (\`${OBJ}\`): pool ${perObj('rust_inspired')} vs new ${perObj('traditional')}`,
    `short-lived: pool ${perObj('short-lived pool')} vs new ${perObj('short-lived new')}`,
    `lease vs reused scratch (\`${BUF}\`): ${series(lease, 'bytes')}`,
  ];
  const h = head(long);
  const check: QuestionCheck = {
    kind: 'hypothesis',
    statement: 'Object pooling helps (pooled faster than new)',
    status: hypothesisStatus(h, 'faster'),
    verdict: h ?? null,
    evidence: h ? `ObjectPool vs new at ${formatSize(h.size, 'elements')}: ${h.direction} ${ratio(h)}` : '',
  };
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => head(compareAll(r, OBJ, 'short-lived pool', 'short-lived new')) ?? null,
      'short-lived pool vs new',
    ),
    caveat:
      'the pooled objects are small plain objects; pooling large or native-backed objects is not measured here',
    missing,
    checks: [check],
  };
}

export const q04: Question = { number: 4, title: 'Object pooling in modern V8', reads, answer };
