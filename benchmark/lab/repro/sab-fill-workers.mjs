// What it shows: where the time of `concurrency/sab-parallelism`'s worker forms goes, outside the
// engine. An eval worker (node:worker_threads, `eval: true`, as benchmark/lab/concurrency.ts
// `Channel` starts them) fills a Float64Array over a SharedArrayBuffer with the case's kernel; the
// worker times its own `fill` and the main thread times the round trip. Variants separate the
// suspects: the kernel alone in the worker on a SharedArrayBuffer view, on a worker-local
// ArrayBuffer view, a store-free loop, and the same fill on this thread.
//
//   node benchmark/lab/repro/sab-fill-workers.mjs [MiB=16] [rounds=7]
//   .runtimes/node_modules/deno/deno run -A benchmark/lab/repro/sab-fill-workers.mjs 16 7
//
// Prints the median over rounds of each measure, in ms.
import { Worker } from 'node:worker_threads';

const mib = Number(process.argv[2] ?? 16);
const rounds = Number(process.argv[3] ?? 7);
const n = (mib * 1024 * 1024) / 8;

// The case's kernel, as text, run by the workers and (through `new Function`) by this thread.
const KERNEL = `
function fill(out, start, end) {
  for (let i = start; i < end; i++) out[i] = Math.sqrt(i) * 1.5 + (i & 7);
}
function noStore(start, end) {
  let acc = 0;
  for (let i = start; i < end; i++) acc += Math.sqrt(i) * 1.5 + (i & 7);
  return acc;
}
`;
const WORKER = `const { parentPort } = require('node:worker_threads');
${KERNEL}
const now = () => performance.now();
parentPort.on('message', ({ kind, out, start, end }) => {
  const t0 = now();
  let x = 0;
  if (kind === 'shared') fill(out, start, end);
  else if (kind === 'local') { const a = new Float64Array(end - start); fill(a, 0, a.length); x = a[1]; }
  else x = noStore(start, end);
  parentPort.postMessage({ inWorker: now() - t0, x });
});
`;
const { fill } = new Function(`${KERNEL}; return { fill };`)();

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (x) => x.toFixed(2).padStart(9);

function channel() {
  const worker = new Worker(WORKER, { eval: true });
  const waiting = [];
  worker.on('message', (m) => waiting.shift()(m));
  return {
    worker,
    request: (msg) => new Promise((resolve) => (waiting.push(resolve), worker.postMessage(msg))),
  };
}

const workers = [channel(), channel()];
const out = new Float64Array(new SharedArrayBuffer(n * 8));

async function timed(parts, kind) {
  const t0 = performance.now();
  const replies = await Promise.all(
    workers
      .slice(0, parts)
      .map((w, t) =>
        w.request({ kind, out, start: Math.floor((t * n) / parts), end: Math.floor(((t + 1) * n) / parts) }),
      ),
  );
  return { roundTrip: performance.now() - t0, inWorker: Math.max(...replies.map((r) => r.inWorker)) };
}

const rows = [];
for (const [label, parts, kind] of [
  ['1 worker, shared fill', 1, 'shared'],
  ['2 workers, shared fill', 2, 'shared'],
  ['1 worker, local fill', 1, 'local'],
  ['1 worker, no store', 1, 'nostore'],
]) {
  const rt = [];
  const iw = [];
  for (let r = 0; r < rounds + 1; r++) {
    const m = await timed(parts, kind);
    if (r === 0) continue; // the first message also waits for the worker to start
    rt.push(m.roundTrip);
    iw.push(m.inWorker);
  }
  rows.push([label, median(rt), median(iw)]);
}
const main = [];
for (let r = 0; r < rounds + 1; r++) {
  const t0 = performance.now();
  fill(out, 0, n);
  if (r > 0) main.push(performance.now() - t0);
}
rows.push(['this thread, shared fill', median(main), median(main)]);

const rt = globalThis.Deno ? `deno ${Deno.version.deno}` : `node ${process.version}`;
console.log(`${rt}: ${mib} MiB, median of ${rounds} rounds (ms)`);
console.log(`${'form'.padEnd(26)}${'round trip'.padStart(11)}${'in worker'.padStart(10)}`);
for (const [label, a, b] of rows) console.log(`${label.padEnd(26)}${fmt(a)}  ${fmt(b)}`);
await Promise.all(workers.map((w) => w.worker.terminate()));
