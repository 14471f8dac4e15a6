// What it shows: the library's `parallelReduce` on the shared piscina pool, timed per call, so
// that a runtime whose worker messages cost O(length) of a posted typed array stands out. Deno
// 2.9.6's node:worker_threads walks each delivered message with `for...in` (see
// sab-postmessage-cost.mjs); while a task carried its input as a Float64Array view, one call took
// about 100 ms at 1 MiB and 1.65 s at 16 MiB there, against 1.3 and 16 ms on Node 20.
//
//   node scripts/rust-patterns.mjs help     # compiles src/ into build/bench/
//   node benchmark/lab/repro/parallel-reduce-message.cjs
//   .runtimes/node_modules/deno/deno run -A --unstable-detect-cjs benchmark/lab/repro/parallel-reduce-message.cjs
//
// Prints the median of 6 calls (after 2 untimed) at 1 MiB and 16 MiB.
const { join } = require('node:path');
const { parallelReduce, sharedFloat64Array } = require(
  join(__dirname, '..', '..', '..', 'build', 'bench', 'src', 'concurrency.js'),
);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

(async () => {
  const runtime = globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : `node ${process.version}`;
  for (const mib of [1, 16]) {
    const data = sharedFloat64Array((mib * 1048576) / 8).fill(1);
    const ms = [];
    for (let r = 0; r < 8; r++) {
      const t0 = performance.now();
      const sum = await parallelReduce(data, 'sumSquares', { minElements: 0 });
      if (sum !== data.length) throw new Error(`sum ${sum}, expected ${data.length}`);
      if (r >= 2) ms.push(performance.now() - t0);
    }
    console.log(`${runtime}: parallelReduce sumSquares over ${mib} MiB, median ${median(ms).toFixed(2)} ms`);
  }
  process.exit(0);
})();
