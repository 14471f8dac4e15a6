// What it shows: why `concurrency/sab-parallelism`'s traditional form ran 3-4x slower on Node 24
// than on Node 20, 22 and 26 (20.5 ms against ~6 ms at 16 MiB in the committed quick runs). The
// case's `fill` (one Math.sqrt per element) is called the way the engine calls a form: from an
// arrow (the form) inside an async timed loop that awaits each op, in fixed batches. On Node 24.22
// (V8 13.6) the code that runs the loop is then Maglev's, with `fill` inlined into the form, and it
// allocates 16 bytes per element, a boxed double by its size, which goes with Math.sqrt (the same
// kernel without Math.sqrt, `nosqrt`, allocates nothing). Node 20, 22 and 26 run the same script without
// allocating. `--no-maglev-inlining` or `--no-maglev` removes the allocation and the slowdown on
// Node 24. Which code runs depends on the call history: a warm-up batch that doubles from one op,
// instead of the fixed batch, did not reproduce it here.
//
//   node benchmark/lab/repro/maglev-sqrt-fill.mjs [fill|nosqrt] [elements=8192] [batch=25] [rounds=60]
//   .runtimes/node_modules/node24/bin/node benchmark/lab/repro/maglev-sqrt-fill.mjs
//   .runtimes/node_modules/node24/bin/node --no-maglev-inlining benchmark/lab/repro/maglev-sqrt-fill.mjs
//
// Prints, over the last half of the rounds, the median ns per element of a batch and the median
// heap bytes that one call of the form allocates per element (v8.getHeapStatistics before and
// after; the statistics object itself adds about 0.1 B per element at 8192 elements).
import { getHeapStatistics } from 'node:v8';

const kernel = process.argv[2] ?? 'fill';
const n = Number(process.argv[3] ?? 8192);
const batch = Number(process.argv[4] ?? 25);
const rounds = Number(process.argv[5] ?? 60);

// The case's kernel, compiled the way benchmark/lab/concurrency.ts compiles it; `nosqrt` drops
// the square root and keeps the rest.
const value = kernel === 'nosqrt' ? 'i * 1.5 + (i & 7)' : 'Math.sqrt(i) * 1.5 + (i & 7)';
const { fill } = new Function(`function fill(out, start, end) {
  for (let i = start; i < end; i++) out[i] = ${value};
}; return { fill };`)();
const state = { single: new Float64Array(new SharedArrayBuffer(n * 8)) };
// The case's traditional form.
const traditional = (s) => {
  fill(s.single, 0, s.single.length);
  return s.single;
};
// The engine's timed loop for an async case (benchmark/engine/sampling.ts `timedLoop`).
const timed = new Function(
  'fn',
  'state',
  'hr',
  `return async function timed(n) {
     let last;
     const t0 = hr();
     for (let i = 0; i < n; i++) last = await fn(state);
     return [Number(hr() - t0), last];
   };`,
)(traditional, state, process.hrtime.bigint);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const nsPerElement = [];
const bytesPerElement = [];
for (let r = 0; r < rounds; r++) {
  const [t] = await timed(batch);
  const before = getHeapStatistics().used_heap_size;
  traditional(state);
  const after = getHeapStatistics().used_heap_size;
  if (r < rounds / 2) continue;
  nsPerElement.push(t / batch / n);
  if (after >= before) bytesPerElement.push((after - before) / n); // else a GC ran in between
}
console.log(
  `node ${process.version} ${process.execArgv.join(' ') || '(default flags)'} ${kernel}: ${n} elements, ` +
    `${median(nsPerElement).toFixed(2)} ns/element, ` +
    `${bytesPerElement.length ? median(bytesPerElement).toFixed(1) : '?'} B allocated/element`,
);
