// What it shows: the cost of posting a message that holds a SharedArrayBuffer view to a worker,
// by size, with nothing done in the worker. `concurrency/sab-parallelism`'s worker forms post
// `{ out, start, end }` with `out` a Float64Array over one SharedArrayBuffer; on Deno 2.9.6 those
// forms took 192-287 ms at 16 MiB while the fill itself takes a few ms in the worker
// (sab-fill-workers.mjs). Each row times, as medians over rounds:
//   post    the synchronous `worker.postMessage` call on this thread,
//   arrive  from the call to the worker's 'message' handler (both clocks are
//           performance.timeOrigin + performance.now()),
//   trip    the whole round trip, the worker replying with a number.
// Messages: the view the case posts, the bare SharedArrayBuffer, an ArrayBuffer-backed view of the
// same size (cloned, for scale), and a number. On Deno, `web` rows use Deno's own Worker
// (the web API) with the same messages.
//
//   node benchmark/lab/repro/sab-postmessage-cost.mjs [rounds=7]
//   .runtimes/node_modules/deno/deno run -A benchmark/lab/repro/sab-postmessage-cost.mjs 7
import { Worker } from 'node:worker_threads';

const rounds = Number(process.argv[2] ?? 7);
const now = () => performance.timeOrigin + performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const NODE_WORKER = `const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => parentPort.postMessage(performance.timeOrigin + performance.now()));`;
const WEB_WORKER = `self.onmessage = () => self.postMessage(performance.timeOrigin + performance.now());`;

/** A request/reply channel over either worker API: `send(msg)` resolves to the arrival time. */
function channel(api) {
  const waiting = [];
  if (api === 'node') {
    const w = new Worker(NODE_WORKER, { eval: true });
    w.on('message', (t) => waiting.shift()(t));
    return { post: (m) => w.postMessage(m), waiting, close: () => w.terminate() };
  }
  const url = `data:text/javascript,${encodeURIComponent(WEB_WORKER)}`;
  const w = new globalThis.Worker(url, { type: 'module' });
  w.onmessage = (e) => waiting.shift()(e.data);
  return { post: (m) => w.postMessage(m), waiting, close: () => w.terminate() };
}

async function measure(ch, make) {
  const post = [];
  const arrive = [];
  const trip = [];
  for (let r = 0; r < rounds + 1; r++) {
    const msg = make();
    const reply = new Promise((resolve) => ch.waiting.push(resolve));
    const t0 = now();
    ch.post(msg);
    const t1 = now();
    const tArrive = await reply;
    const t2 = now();
    if (r === 0) continue; // the first message also waits for the worker to start
    post.push(t1 - t0);
    arrive.push(tArrive - t0);
    trip.push(t2 - t0);
  }
  return [median(post), median(arrive), median(trip)];
}

const rt = globalThis.Deno ? `deno ${Deno.version.deno}` : `node ${process.version}`;
console.log(`${rt}: median of ${rounds} rounds (ms)`);
console.log(
  `${'api'.padEnd(5)}${'message'.padEnd(26)}${'post'.padStart(9)}${'arrive'.padStart(9)}${'trip'.padStart(9)}`,
);
const apis = globalThis.Deno ? ['node', 'web'] : ['node'];
for (const api of apis) {
  const ch = channel(api);
  for (const bytes of [64 * 1024, 1024 * 1024, 16 * 1024 * 1024]) {
    const sab = new SharedArrayBuffer(bytes);
    const view = new Float64Array(sab);
    const plain = new Float64Array(bytes / 8);
    const kinds = [
      ['{ out: SAB view }', () => ({ out: view, start: 0, end: view.length })],
      ['{ buf: SAB }', () => ({ buf: sab, start: 0, end: view.length })],
      ['{ out: ArrayBuffer view }', () => ({ out: plain, start: 0, end: plain.length })],
      ['{ n: 1 }', () => ({ n: 1 })],
    ];
    for (const [label, make] of kinds) {
      const [p, a, t] = await measure(ch, make);
      const name = `${label} ${bytes >= 1048576 ? `${bytes / 1048576} MiB` : `${bytes / 1024} KiB`}`;
      console.log(
        `${api.padEnd(5)}${name.padEnd(26)}${p.toFixed(3).padStart(9)}${a.toFixed(3).padStart(9)}${t.toFixed(3).padStart(9)}`,
      );
    }
  }
  await ch.close();
}
