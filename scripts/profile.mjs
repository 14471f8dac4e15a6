#!/usr/bin/env node
// Profiles one form of one benchmark case against a symbol-carrying build of the addon.
//
//   npm run profile -- <case id> <size> [form] [iterations]            perf record + report
//   npm run profile -- --callgrind <case id> <size> [form] [iterations] instruction counts
//
// 1. Builds the addon with the `release-with-debug` cargo profile (the release code, with
//    symbols) into target/profile/.
// 2. Runs benchmark/lab/profile-driver.ts with RUST_PATTERNS_NATIVE_PATH pointing at that build,
//    under `perf record -g` (with --perf-basic-prof so JIT frames have names) or, where perf
//    has no counters or for stable counts on a noisy machine, `valgrind --tool=callgrind`.
// 3. Prints the top of the report; the raw data stays in target/profile/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'target', 'profile');
const args = process.argv.slice(2);
const callgrind = args[0] === '--callgrind';
const [id, size, form = 'native', iterations = callgrind ? '20' : '2000'] = callgrind ? args.slice(1) : args;
if (!id || !size) {
  process.stderr.write('usage: npm run profile -- [--callgrind] <case id> <size> [form] [iterations]\n');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
execFileSync(
  'npx',
  [
    'napi',
    'build',
    '--platform',
    '--profile',
    'release-with-debug',
    '--manifest-path',
    'crates/node/Cargo.toml',
    '--output-dir',
    out,
    '--js',
    'false',
    '--dts',
    'false',
  ],
  { cwd: root, stdio: 'inherit' },
);
const addon = join(
  out,
  readdirSync(out).find((f) => f.endsWith('.node')),
);
const env = { ...process.env, RUST_PATTERNS_NATIVE_PATH: addon };
const driver = [
  '--expose-gc',
  '--import',
  'tsx',
  join(root, 'benchmark', 'lab', 'profile-driver.ts'),
  id,
  size,
  form,
  iterations,
];
const run = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (callgrind) {
  const file = join(out, 'callgrind.out');
  run('valgrind', ['--tool=callgrind', `--callgrind-out-file=${file}`, process.execPath, ...driver]);
  run('callgrind_annotate', ['--threshold=95', file]);
} else {
  const file = join(out, 'perf.data');
  run('perf', ['record', '-g', '-o', file, process.execPath, '--perf-basic-prof', ...driver]);
  const report = spawnSync('perf', ['report', '-i', file, '--no-children', '--stdio'], {
    cwd: root,
    encoding: 'utf8',
  });
  process.stdout.write(
    report.stdout
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .slice(0, 40)
      .join('\n') + '\n',
  );
}
