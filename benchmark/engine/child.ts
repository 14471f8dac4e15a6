/**
 * One process of a `rust-patterns bench` run (see `runInChild` in runner.ts): runs the case named
 * in argv here and reports each size's start, each record and the sink to the parent over IPC.
 */
import { sink } from './case.js';
import { loadCaseFile, runCaseHere, type ChildMessage, type ProcessRole } from './runner.js';
import type { Mode } from './record.js';

const [caseId, caseFile, mode, index, count, role, threads] = process.argv.slice(2) as [
  string,
  string,
  Mode,
  string?,
  string?,
  ProcessRole?,
  string?,
];

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, (e: Error | null) => (e ? reject(e) : resolve())),
  );
}

async function main(): Promise<void> {
  const c = await loadCaseFile(caseFile, caseId);
  const pending: Array<Promise<void>> = [];
  await runCaseHere(
    c,
    mode,
    (sizeIndex) => pending.push(send({ type: 'job', sizeIndex })),
    (record) => pending.push(send({ type: 'record', record })),
    {
      index: Number(index ?? 0),
      count: Number(count ?? 1),
      role: role ?? 'all',
      ...(threads ? { threads: Number(threads) } : {}),
    },
  );
  await Promise.all(pending);
  await send({ type: 'done', sink: sink.value });
  process.disconnect();
  // Everything is reported: end now rather than wait for helpers a case left referenced (on Bun
  // the concurrency cases' forked children cannot be unreferenced).
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
  process.disconnect?.();
});
