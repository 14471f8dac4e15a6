// How steady is this host for JIT-compiled JS against native code, from one process to the next?
//
//   node scripts/host-probe.mjs [--processes N]      (default 12; needs `npm run build`)
//
// Each of N fresh processes, one after another, times three loops over the same 1 MiB
// Float64Array in 300 interleaved rounds and reports the medians of the last 200: the package's
// JS `sumSquares` (dependent float adds, `concurrency/work-distribution`'s traditional form), an
// integer loop that reads no memory, and the binding's `sumSquaresSync` (the same adds in Rust).
// On a steady host every process gives the same three figures. On the 2-vCPU VM of 2026-12-06
// about a third of the processes ran every JS loop 1.6-1.9x slower while the native loop slowed
// far less (at most 1.5x), in runs of consecutive processes (a state of the host lasting
// seconds), whatever vCPU the process was pinned to: the JS:native ratio of a case then depends
// on when its processes ran. Run it before a benchmark session; a `slow` count above 0 says the
// verdicts of latency-bound JS forms may move between runs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--child') {
  const require = createRequire(import.meta.url);
  const { sumSquares } = require(join(root, 'dist', 'concurrency-kernels.js'));
  const { native } = require(join(root, 'dist', 'index.js'));
  if (native === null) throw new Error('host-probe: the native binding is not loaded (npm run build)');
  const n = 131072;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = (i % 1000) / 7;
  const intLoop = (d) => {
    let a = 0;
    for (let i = 0; i < d.length; i++) a = (a + (i ^ (a >>> 3))) | 0;
    return a;
  };
  const forms = {
    js: () => sumSquares(data),
    int: () => intLoop(data),
    native: () => native.sumSquaresSync(data),
  };
  if (forms.js() !== forms.native()) throw new Error('host-probe: JS and native sums differ');
  const times = { js: [], int: [], native: [] };
  let sink = 0;
  for (let r = 0; r < 300; r++) {
    for (const [name, fn] of Object.entries(forms)) {
      const t = process.hrtime.bigint();
      for (let k = 0; k < 5; k++) sink += fn();
      times[name].push(Number(process.hrtime.bigint() - t) / 5000);
    }
  }
  const median = (a) => a.slice(100).sort((x, y) => x - y)[100];
  process.stdout.write(
    JSON.stringify({ js: median(times.js), int: median(times.int), native: median(times.native), sink }),
  );
} else {
  const { values } = parseArgs({ options: { processes: { type: 'string', default: '12' } } });
  const count = Number(values.processes);
  if (!Number.isInteger(count) || count < 1) throw new RangeError('--processes must be a positive integer');
  const rows = [];
  console.log('process\ttime\tjs µs\tint µs\tnative µs\tjs/native');
  for (let p = 0; p < count; p++) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`host-probe: process ${p} failed: ${r.stderr}`);
    const row = JSON.parse(r.stdout);
    rows.push(row);
    const at = new Date().toISOString().slice(11, 19);
    console.log(
      `${p}\t${at}\t${row.js.toFixed(1)}\t${row.int.toFixed(1)}\t${row.native.toFixed(1)}\t${(row.js / row.native).toFixed(2)}`,
    );
  }
  // A process is slow when its JS loop takes 1.4x the fastest process's: the two levels seen on
  // that VM were 1.6-1.9x apart, and in a steady spell its processes agreed within 1.2x.
  const fastest = Math.min(...rows.map((r) => r.js));
  const slow = rows.filter((r) => r.js > 1.4 * fastest).length;
  const ratios = rows.map((r) => r.js / r.native).sort((a, b) => a - b);
  console.log(
    `slow: ${slow} of ${count} processes (JS loop over 1.4x the fastest process's); ` +
      `js/native from ${ratios[0].toFixed(2)} to ${ratios.at(-1).toFixed(2)}`,
  );
}
