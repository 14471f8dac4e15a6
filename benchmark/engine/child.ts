/**
 * One case of a `rust-patterns bench` run in its own process (see `isolate` in bench.ts): runs
 * the case named in argv in-process and reports each size's start, each record and the sink to
 * the parent over IPC.
 */
import { runBenchmarks, type ChildMessage, type Mode } from './bench.js';
import { sink } from './types.js';

const [caseId, mode] = process.argv.slice(2) as [string, Mode];

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, (e: Error | null) => (e ? reject(e) : resolve())),
  );
}

async function main(): Promise<void> {
  const pending: Array<Promise<void>> = [];
  await runBenchmarks({
    mode,
    only: caseId,
    isolate: false,
    onProgress: (_done, _total, _label, job) => {
      if (job) pending.push(send({ type: 'job', sizeIndex: job.sizeIndex }));
    },
    onRecord: (record) => pending.push(send({ type: 'record', record })),
  });
  await Promise.all(pending);
  await send({ type: 'done', sink: sink.value });
  process.disconnect();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
  process.disconnect?.();
});
