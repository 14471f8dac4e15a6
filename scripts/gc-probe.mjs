// What does a forced full GC between samples do to the forms it separates?
//
//   node scripts/gc-probe.mjs [--processes N] [--rounds R] [--messages M]
//                                                   (defaults 3, 30, 10000; needs `npm run build`)
//
// Runs async/tokio-channel's three JS forms (async generator, bounded channel, object-mode
// stream.Readable) in R rounds, one op each per round, in N fresh `node --expose-gc
// --trace-deopt` processes per policy, with the engine's own collector and event-loop turn
// (`makeCollector`, `settle` in benchmark/engine/sampling.ts) between rounds and forms:
// - `full`: a full GC before every round and a scavenge before every form, what the sampler did
//   until stop 34;
// - `engine`: the collector as the sampler uses it now (scavenges, and a full GC only after
//   `fullGcGrowthBytes` of heap growth).
// It prints each process's median time per op over the last two thirds of the rounds and how
// many deoptimizations V8 traced, by reason. A full GC collects the per-call closures and contexts
// that optimized code embeds weakly and so deoptimizes that code ("weak objects", "code
// dependencies"): the forms then run partly unoptimized after every GC.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--child') {
  const [policy, rounds, messages] = [process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
  const require = createRequire(import.meta.url);
  const lab = require(join(root, 'build', 'bench', 'benchmark', 'lab', 'event-loop-vs-tokio.js'));
  const { fullGcGrowthBytes, makeCollector, settle } = require(
    join(root, 'build', 'bench', 'benchmark', 'engine', 'sampling.js'),
  );
  const forms = {
    generator: lab.channelAsyncGenerator,
    bounded: lab.channelBounded,
    readable: lab.channelReadable,
  };
  const times = Object.fromEntries(Object.keys(forms).map((k) => [k, []]));
  // `full` feeds the collector a heap that grows by the full-GC step at every reading, so every
  // round starts with a full GC and every form with a scavenge: the old policy, same mechanism.
  let heap = 0;
  const grows = () => (heap += fullGcGrowthBytes);
  const gc = policy === 'full' ? makeCollector(globalThis.gc, true, grows) : makeCollector();
  for (let r = 0; r < rounds; r++) {
    gc.round();
    for (const [name, fn] of Object.entries(forms)) {
      gc.form();
      await settle();
      const t0 = process.hrtime.bigint();
      const got = await fn(messages);
      times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (got.count !== messages) throw new Error(`gc-probe: ${name} passed ${got.count} of ${messages}`);
    }
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const skip = Math.floor(rounds / 3);
  const out = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v.slice(skip))]));
  process.stderr.write(`GCPROBE ${JSON.stringify(out)}\n`);
} else {
  const { values } = parseArgs({
    options: {
      processes: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '30' },
      messages: { type: 'string', default: '10000' },
    },
  });
  const processes = Number(values.processes);
  const rounds = Number(values.rounds);
  const messages = Number(values.messages);
  for (const [name, v, min] of [
    ['processes', processes, 1],
    ['rounds', rounds, 3],
    ['messages', messages, 1],
  ]) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`--${name} must be an integer >= ${min}`);
  }
  const self = fileURLToPath(import.meta.url);
  for (const policy of ['full', 'engine']) {
    for (let p = 0; p < processes; p++) {
      const args = [
        '--expose-gc',
        '--trace-deopt',
        self,
        '--child',
        policy,
        String(rounds),
        String(messages),
      ];
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
      const line = r.stderr.split('\n').find((l) => l.startsWith('GCPROBE '));
      if (r.status !== 0 || line === undefined) {
        process.stderr.write(r.stderr);
        throw new Error(`gc-probe: the ${policy} child exited with ${r.status}`);
      }
      const ms = JSON.parse(line.slice('GCPROBE '.length));
      const reasons = {};
      for (const m of r.stdout.matchAll(/reason: ([^)\]]*)/g)) reasons[m[1]] = (reasons[m[1]] ?? 0) + 1;
      const total = Object.values(reasons).reduce((a, b) => a + b, 0);
      const top = Object.entries(reasons)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      const fig = Object.entries(ms)
        .map(([k, v]) => `${k} ${v.toFixed(2)} ms`)
        .join(', ');
      console.log(`${policy.padEnd(8)} process ${p + 1}: ${fig}; ${total} deopts (${top})`);
    }
  }
}
