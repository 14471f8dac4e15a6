// The conformance suite's own test runner: plain JS that Node, Bun and Deno run unchanged.
// `node:test` is not usable here: Bun refuses `describe`/`test` outside `bun test`, and Deno runs
// `node:test` files only under `deno test` (under `deno run` a failing test exits 0).
//
// Each test prints `ok`/`not ok`; the last line is `# conformance {json}` with the runtime, its
// engine, the implementation in use and the counts, which scripts/test-runtimes.mjs reads.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import { runtimeInfo } from './runtime-info.mjs';

export const info = runtimeInfo();
export const root = fileURLToPath(new URL('..', import.meta.url));
export const require = createRequire(import.meta.url);
/** The built package, loaded as a CommonJS user would: `require('rust-patterns')`. */
export const lib = require('..');
/**
 * A command that children of this runtime run under, split on spaces (`CONFORMANCE_CHILD_PREFIX`):
 * under qemu-user a child of an emulated runtime is an emulated binary too, which the kernel runs
 * only where binfmt_misc is set up (scripts/platforms.sh sets `qemu-aarch64-static -L <sysroot>`).
 */
const childPrefix = (process.env.CONFORMANCE_CHILD_PREFIX ?? '').split(' ').filter(Boolean);

/** True when this process was asked for the JS twins (`RUST_PATTERNS_FORCE_JS=1`). */
export const forcedJs = process.env.RUST_PATTERNS_FORCE_JS === '1';

/** True when this process was asked for the WebAssembly build first (`NAPI_RS_FORCE_WASI`). */
export const forcedWasm = !forcedJs && ['1', 'true', 'error'].includes(process.env.NAPI_RS_FORCE_WASI ?? '');

/** The implementation this process should load: `'js'`, `'wasm'` or `'native'`. */
export const expectedImplementation = forcedJs ? 'js' : forcedWasm ? 'wasm' : 'native';

const tests = [];
let notes = [];
const allNotes = [];

/** Registers a test; `fn` may be async. */
export function test(name, fn) {
  tests.push({ name, fn });
}

/**
 * Records why a runtime (or the implementation) takes a different, still correct, path in the
 * current test. Printed under the test and listed in the summary: differences are never silent.
 */
export function note(text) {
  notes.push(text);
}

/**
 * Runs `file` in a child process of this same runtime, with extra `env`. Deno gets `run` and
 * `permissions` (default `-A`, as the parent has); other runtimes ignore `permissions` unless
 * `nodeArgs` is given.
 */
export function runChild(file, { env = {}, permissions = ['-A'], nodeArgs = [], args = [] } = {}) {
  const runtimeArgs = info.runtime === 'deno' ? ['run', ...permissions] : nodeArgs;
  const [command, ...prefix] = [...childPrefix, process.execPath];
  const result = spawnSync(command, [...prefix, ...runtimeArgs, file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

/** The last line of a child's stdout as JSON; throws with the child's output if it failed. */
export function childJson(result) {
  if (result.status !== 0) {
    throw new Error(
      `child exited with ${result.status} (${result.signal ?? 'no signal'}):\n${result.stderr}${result.stdout}`,
    );
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Why the expected implementation is not the one in use, for the summary. Under
 * `NAPI_RS_FORCE_WASI=1` a WebAssembly build that fails to load falls back to the native binary
 * without a `loadError`, so its own loader is required again here to get the reason.
 */
function whyNotLoaded() {
  if (forcedWasm) {
    try {
      require('../rust-patterns.wasi.cjs');
      return 'the WebAssembly build loads on its own, but the package did not use it';
    } catch (error) {
      return String(error?.message ?? error).split('\n')[0];
    }
  }
  return String(lib.loadError?.message ?? 'no loadError');
}

/** Runs every registered test in order, prints the summary line and sets the exit code. */
export async function run({ after } = {}) {
  const started = performance.now();
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    notes = [];
    const t0 = performance.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), 60_000, t.name);
      passed++;
      console.log(`ok     ${t.name} (${Math.round(performance.now() - t0)} ms)`);
    } catch (error) {
      failed++;
      const text = String(error?.stack ?? error)
        .split('\n')
        .join('\n       ');
      console.log(`not ok ${t.name}\n       ${text}`);
    }
    for (const n of notes) console.log(`       note: ${n}`);
    allNotes.push(...notes.map((n) => `${t.name}: ${n}`));
  }
  await after?.();
  const summary = {
    ...info,
    implementation: lib.implementation,
    ...(lib.implementation === expectedImplementation ? {} : { loadError: whyNotLoaded() }),
    passed,
    failed,
    ms: Math.round(performance.now() - started),
    notes: allNotes,
  };
  console.log(`# conformance ${JSON.stringify(summary)}`);
  process.exitCode = failed === 0 ? 0 : 1;
}
