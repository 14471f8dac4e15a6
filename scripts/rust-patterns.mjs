#!/usr/bin/env node
// The repository's benchmark tool (`npm run bench`, `npm run report`, `npm run compare`): compiles
// benchmark/, src/ and examples/ with tsc into build/bench (incrementally) and runs the compiled
// benchmark/cli.js with --expose-gc. The cases are timed as the tsc output users run, not through
// a dev-time transform: esbuild's CommonJS output (tsx) turns imports into getters that a hot
// loop pays for. Not part of the published package.
//
// `node scripts/rust-patterns.mjs build` (in `npm run build`) stops after the compile and also
// builds the tokio suite's binary (crates/async-bench), so the first `npm run bench` after an
// install times the same work as every later one: on a fresh clone the first run took 6:19
// against 5:49 and 5:49 for the next two (stop 30, runs f-1..3), the difference being this tsc
// build (13.5 s) and async-bench's cargo build, both made on first use.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'bench');
const require = createRequire(import.meta.url);

const tsc = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.bench.json')],
  {
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) {
  process.stderr.write('rust-patterns: the TypeScript build of benchmark/ failed (see above)\n');
  process.exit(tsc.status ?? 1);
}
// Plain CommonJS files are not tsc's to copy.
for (const dir of ['benchmark/lab', 'src']) {
  for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.cjs'))) {
    mkdirSync(join(out, dir), { recursive: true });
    copyFileSync(join(root, dir, f), join(out, dir, f));
  }
}
// The compiled src/ takes build/bench as the package root: link the generated loader (which
// resolves the addon beside its real path) and package.json.
for (const f of ['index.js', 'package.json']) {
  if (!existsSync(join(out, f))) symlinkSync(join(root, f), join(out, f));
}
// The compiled benchmark/lab/native-binding.js loads the lab binding from ./native beside it.
const labNative = join('benchmark', 'lab', 'native');
if (!existsSync(join(out, labNative))) symlinkSync(join(root, labNative), join(out, labNative));

if (process.argv[2] === 'build') {
  const cargo = spawnSync(
    process.env.CARGO ?? 'cargo',
    ['build', '--release', '--quiet', '-p', 'async-bench'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  // Without cargo the benchmark still runs (the tokio suite reports its forms as missing).
  if (cargo.error) process.stderr.write(`rust-patterns: async-bench not built (${cargo.error.message})\n`);
  process.exit(cargo.status ?? 0);
}

const cli = join(out, 'benchmark', 'cli.js');
const child = spawnSync(process.execPath, ['--expose-gc', cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (child.signal) process.kill(process.pid, child.signal);
process.exit(child.status ?? 1);
