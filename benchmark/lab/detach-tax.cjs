'use strict';
/**
 * Run in a fresh process by `ownership/move`'s metrics: times a typed-array loop before and
 * after one unrelated ArrayBuffer is detached anywhere in the process. V8 compiles typed-array
 * access without a detach check while no buffer was ever detached (a process-wide protector);
 * the first detach invalidates that, and optimised code then checks on every access. Prints
 * `{ before_ns, after_ns }`: the median time of one sum over 1M doubles. With `control` as the
 * second argument nothing is detached, so the two figures differ only by noise.
 */
const data = new Float64Array(1 << 20);
for (let i = 0; i < data.length; i++) data[i] = i & 1023;

function sum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

function median(fn, runs) {
  const times = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    sink += fn(data);
    times.push(Number(process.hrtime.bigint() - t0));
  }
  times.sort((a, b) => a - b);
  if (sink === -1) process.stdout.write('');
  return times[times.length >> 1];
}

const runs = Number(process.argv[2] || 41);
median(sum, runs); // warm-up: optimise `sum` before the first measurement
const before = median(sum, runs);
if (process.argv[3] !== 'control') {
  const other = new ArrayBuffer(8);
  structuredClone(other, { transfer: [other] });
}
const after = median(sum, runs);
process.stdout.write(JSON.stringify({ before_ns: before, after_ns: after }));
