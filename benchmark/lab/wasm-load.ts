/**
 * Loading a binding's WebAssembly build (a `napi build --target wasm32-wasip1-threads` output,
 * run by `@napi-rs/wasm-runtime`) beside its native build in one process, for the benchmark's
 * `wasm` forms. benchmark/lab/wasm.ts loads the library binding this way, benchmark/lab/
 * wasm-lab.ts the lab binding; each module loads its own build when it is imported, so a case
 * pays only for the builds it imports.
 *
 * Loading never throws: without a build the binding is `null` and the error says which command
 * builds it. `RUST_PATTERNS_FORCE_JS=1` skips it, as it skips the native bindings.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** A loaded wasm binding, or `null` and why not. */
export interface WasmLoad<B> {
  binding: B | null;
  error: Error | null;
}

/**
 * The generated loader `<buildDir>/<loader>`, in the first directory up from this file that holds
 * it. Under vitest this file is benchmark/lab/wasm-load.ts; compiled by scripts/rust-patterns.mjs
 * it is build/bench/benchmark/lab/wasm-load.js, so the repository root is further up.
 */
function findLoader(buildDir: string, loader: string): string | null {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, buildDir, loader);
    if (existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * Requires the loader with Node 20's "WASI is an experimental feature" warning held back (one
 * line on every benchmark process's stderr otherwise); other warnings pass.
 */
function requireQuietly(loader: string): unknown {
  const emit = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (String(typeof warning === 'string' ? warning : warning.message).startsWith('WASI is an experimental'))
      return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return createRequire(loader)(loader);
  } finally {
    process.emitWarning = emit;
  }
}

/**
 * Loads `<buildDir>/<loader>` (the `.wasi.cjs` napi-rs generates), which `npm run <script>`
 * builds, and checks that it is the wasm32-wasi build.
 */
export function loadWasmBuild<B>(buildDir: string, loader: string, script: string): WasmLoad<B> {
  if (process.env.RUST_PATTERNS_FORCE_JS === '1') {
    return {
      binding: null,
      error: new Error(`RUST_PATTERNS_FORCE_JS=1 is set: ${loader} was not loaded`),
    };
  }
  const found = findLoader(buildDir, loader);
  if (found === null) {
    return {
      binding: null,
      error: new Error(`no ${path.join(buildDir, loader)} above ${__dirname}: run \`npm run ${script}\``),
    };
  }
  try {
    const binding = requireQuietly(found) as Partial<B> & { __napiBindingTarget?: string };
    if (binding.__napiBindingTarget !== 'wasm32-wasi') {
      throw new Error(
        `${found} is not the wasm32-wasi build (target ${String(binding.__napiBindingTarget)})`,
      );
    }
    // A copy with fast properties, as `native` in src/native.ts.
    return { binding: { ...binding } as B, error: null };
  } catch (cause) {
    return { binding: null, error: new Error(`the wasm binding did not load from ${found}`, { cause }) };
  }
}

/**
 * Native variants that make the same call on each loaded wasm build, keyed by form name (`wasm`,
 * `wasm-simd`); builds that did not load give no form. Native variants, so the verdicts'
 * `native` stays the `.node` (analyze.ts reads the `native` key) while each is timed and checked
 * with the other forms; report/wasm.ts compares `wasm` with `native` and the fastest JS form.
 */
export function wasmForms<B, S>(
  builds: Record<string, B | null>,
  call: (binding: B, state: S) => unknown,
): Record<string, (state: S) => unknown> {
  const forms: Record<string, (state: S) => unknown> = {};
  for (const [key, binding] of Object.entries(builds)) {
    if (binding !== null) forms[key] = (state: S) => call(binding, state);
  }
  return forms;
}
