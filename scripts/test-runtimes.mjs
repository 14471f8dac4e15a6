// Runs the conformance suite (conformance/suite.mjs) on this machine's Node and on every runtime
// that `npm run runtimes` installed, once on the native binding and once on the JS twins
// (RUST_PATTERNS_FORCE_JS=1), one after another, then prints one table row per run:
//
//   npm run test:runtimes                 every runtime, both implementations
//   npm run test:runtimes -- bun deno     only these (names from .runtimes/manifest.json, or "node")
//   npm run test:runtimes -- --verbose    also print every test line
//   npm run test:runtimes -- --wasm       once on the WebAssembly build instead (NAPI_RS_FORCE_WASI=1;
//                                         scripts/platforms-wasm.sh builds it and runs this)
//
// Exits non-zero if any test fails on any runtime, or a runtime does not finish the suite. With
// --wasm, a runtime that cannot load the WebAssembly build at all (the suite reports another
// implementation) is listed as such and does not fail the run; one that loads it must pass.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suite = join(root, 'conformance', 'suite.mjs');
const verbose = process.argv.includes('--verbose');
const wasm = process.argv.includes('--wasm');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const runtimes = [{ name: `node${process.versions.node.split('.')[0]}`, bin: process.execPath, args: [] }];
let manifest = null;
try {
  manifest = JSON.parse(readFileSync(join(root, '.runtimes', 'manifest.json'), 'utf8'));
} catch {
  console.log(
    'test:runtimes: no .runtimes/manifest.json; run `npm run runtimes` to add Node 22/24/26, Bun and Deno',
  );
}
for (const [name, entry] of Object.entries(manifest?.runtimes ?? {})) {
  runtimes.push({ name, bin: join(root, entry.bin), args: entry.args });
}
const selected = runtimes.filter(
  (r) => only.length === 0 || only.includes(r.name) || (r === runtimes[0] && only.includes('node')),
);

const rows = [];
const notes = new Map();
const started = Date.now();
for (const runtime of selected) {
  for (const mode of wasm ? ['wasm'] : ['native', 'js']) {
    const t0 = Date.now();
    const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
    if (mode === 'js') env.RUST_PATTERNS_FORCE_JS = '1';
    else delete env.RUST_PATTERNS_FORCE_JS;
    if (mode === 'wasm') env.NAPI_RS_FORCE_WASI = '1';
    const result = spawnSync(runtime.bin, [...runtime.args, suite], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = (result.stdout ?? '').trim().split('\n');
    const summaryLine = lines.findLast((l) => l.startsWith('# conformance '));
    const summary = summaryLine ? JSON.parse(summaryLine.slice('# conformance '.length)) : null;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    // The wasm build forced but not loaded: the runtime cannot run it (the cause is in the
    // summary's loadError); reported, not failed.
    const unsupported = mode === 'wasm' && summary !== null && summary.implementation !== 'wasm';
    const ok = unsupported || (summary !== null && summary.failed === 0 && result.status === 0);
    console.log(
      `${unsupported ? 'n/a ' : ok ? 'pass' : 'FAIL'} ${runtime.name} (${mode}) in ${seconds} s` +
        (unsupported ? `: does not load the WebAssembly build (${summary.loadError})` : ''),
    );
    if (verbose || !ok) {
      // Every failing test with its error, or everything when asked.
      let printing = verbose;
      for (const line of lines) {
        if (line.startsWith('ok ') || line.startsWith('not ok '))
          printing = verbose || line.startsWith('not ok ');
        if (printing && !line.startsWith('# conformance ')) console.log(`  ${line}`);
      }
      if (summary === null)
        console.log(
          `  no summary (exit ${result.status}, ${result.signal ?? 'no signal'}):\n${result.stderr}`,
        );
    }
    for (const n of summary?.notes ?? []) {
      if (!notes.has(n)) notes.set(n, new Set());
      notes.get(n).add(runtime.name);
    }
    rows.push({
      runtime: runtime.name,
      version: summary?.version ?? '?',
      engine: summary?.engine ?? '?',
      implementation: unsupported
        ? `${summary.implementation} (wasm not loaded)`
        : (summary?.implementation ?? mode),
      passed: summary && !unsupported ? String(summary.passed) : '-',
      failed: summary ? (unsupported ? '-' : String(summary.failed)) : 'crashed',
      time: `${seconds} s`,
      ok,
    });
  }
}

const columns = ['runtime', 'version', 'engine', 'implementation', 'passed', 'failed', 'time'];
const width = Object.fromEntries(
  columns.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]),
);
const line = (cells) => `| ${columns.map((c) => cells[c].padEnd(width[c])).join(' | ')} |`;
console.log(`\n${line(Object.fromEntries(columns.map((c) => [c, c])))}`);
console.log(`| ${columns.map((c) => '-'.repeat(width[c])).join(' | ')} |`);
for (const row of rows) console.log(line(row));
if (notes.size > 0) {
  console.log('\nWhere a runtime takes its own (correct) path:');
  for (const [n, names] of notes) console.log(`- [${[...names].join(', ')}] ${n}`);
}
const failedRuns = rows.filter((r) => !r.ok).length;
console.log(
  `\ntest:runtimes: ${rows.length - failedRuns}/${rows.length} runs passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failedRuns === 0 ? 0 : 1;
