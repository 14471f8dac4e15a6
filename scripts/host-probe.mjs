// How steady is this host for JIT-compiled JS against native code, from one process to the next?
//
//   node scripts/host-probe.mjs [--processes N]      (default 12; needs `npm run build`)
//   node scripts/host-probe.mjs --within S           one process for S seconds (see below)
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
//
// `--within S` shows that the state belongs to the host, not to a process: one process times the
// integer loop for S seconds and prints the median of each window of 50 runs (about 6 ms when
// quiet). On the AMD EPYC VM of 2026-12-07 (00:30), one process read 121 µs for seconds, then
// 175-235 µs for spells of 30 ms to 3 s, then 121 µs again; at 00:58 no process of eight was slow.
// The benchmark times a shorter loop of this kind before every sampling round (the engine's
// `hostCanary`) and reports the share of rounds begun in a spell.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const intLoop = (d) => {
  let a = 0;
  for (let i = 0; i < d.length; i++) a = (a + (i ^ (a >>> 3))) | 0;
  return a;
};

if (process.argv[2] === '--within') {
  const seconds = Number(process.argv[3]);
  if (!(seconds > 0 && seconds <= 600)) throw new RangeError('--within takes seconds, from 0 to 600');
  const data = new Float64Array(131072);
  const windows = [];
  let sink = 0;
  const end = Date.now() + seconds * 1e3;
  while (Date.now() < end) {
    const times = [];
    for (let r = 0; r < 50; r++) {
      const t = process.hrtime.bigint();
      sink += intLoop(data);
      times.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
    windows.push(times.sort((x, y) => x - y)[25]);
  }
  const fastest = Math.min(...windows);
  const slow = windows.filter((w) => w > 1.3 * fastest).length;
  console.log(windows.map((w) => w.toFixed(0)).join(' '));
  // The sum goes out so that V8 cannot drop the loops.
  console.log(
    `windows of 50 runs: ${windows.length}; slow (over 1.3x the quickest, ${fastest.toFixed(1)} µs): ${slow}; sum ${sink}`,
  );
} else if (process.argv[2] === '--child') {
  const require = createRequire(import.meta.url);
  const { sumSquares } = require(join(root, 'dist', 'concurrency-kernels.js'));
  const { native } = require(join(root, 'dist', 'index.js'));
  if (native === null) throw new Error('host-probe: the native binding is not loaded (npm run build)');
  const n = 131072;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = (i % 1000) / 7;
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
