/**
 * The WebAssembly build of the library binding (`crates/node` for `wasm32-wasip1-threads`, run by
 * `@napi-rs/wasm-runtime`), loaded beside the native one in the same process so a case times
 * `wasm.crc32Sync` against `native.crc32Sync` and the JS forms on the same inputs.
 *
 * Built by `npm run build:bench-wasm` into `target/wasm-bench/` with the command
 * scripts/platforms-wasm.sh uses (the release build: no `bench-exports`; the wasm32 standard
 * library comes from `rustup target add wasm32-wasip1-threads`, as that script explains). This
 * module requires the generated `rust-patterns.wasi.cjs` by path, so `src/native.ts` (what the
 * library loads, and `native` here) is untouched: the two bindings are two objects, one a
 * `.node`, one a WebAssembly instance with its own shared memory.
 *
 * Importing this module never throws; without a build, `wasm` is `null` and `wasmLoadError` says
 * why. `RUST_PATTERNS_FORCE_JS=1` skips it, as it skips the native bindings.
 *
 * What a wasm call costs beyond the kernel: emnapi copies a typed array argument into the
 * module's memory and copies what Rust wrote back out (docs/install.md), so the wasm forms pay
 * a copy per call that the native forms do not: that is part of the boundary being measured.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type { NativeBinding } from '../../src/native.js';

/** Where `npm run build:bench-wasm` writes the module and its loaders, from the repository root. */
export const WASM_BENCH_DIR = path.join('target', 'wasm-bench');
/**
 * Where `npm run build:bench-wasm-simd` writes the same build with `-C target-feature=+simd128`
 * (WebAssembly's 128-bit SIMD, which memchr and simdutf8 use on wasm32 when compiled in; the
 * release build has none).
 */
export const WASM_SIMD_BENCH_DIR = path.join('target', 'wasm-bench-simd');
const LOADER = 'rust-patterns.wasi.cjs';

/**
 * The repository root: the first directory up from this file holding the build. Under vitest
 * this file is benchmark/lab/wasm.ts; compiled by scripts/rust-patterns.mjs it is
 * build/bench/benchmark/lab/wasm.js, so the root is further up.
 */
function findLoader(buildDir: string): string | null {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, buildDir, LOADER);
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

function load(buildDir: string, script: string): { binding: NativeBinding | null; error: Error | null } {
  if (process.env.RUST_PATTERNS_FORCE_JS === '1') {
    return {
      binding: null,
      error: new Error('RUST_PATTERNS_FORCE_JS=1 is set: the wasm binding was not loaded'),
    };
  }
  const loader = findLoader(buildDir);
  if (loader === null) {
    return {
      binding: null,
      error: new Error(`no ${path.join(buildDir, LOADER)} above ${__dirname}: run \`npm run ${script}\``),
    };
  }
  try {
    const binding = requireQuietly(loader) as Partial<NativeBinding> & { __napiBindingTarget?: string };
    if (binding.__napiBindingTarget !== 'wasm32-wasi') {
      throw new Error(
        `${loader} is not the wasm32-wasi build (target ${String(binding.__napiBindingTarget)})`,
      );
    }
    // A copy with fast properties, as `native` in src/native.ts.
    return { binding: { ...binding } as NativeBinding, error: null };
  } catch (cause) {
    return { binding: null, error: new Error(`the wasm binding did not load from ${loader}`, { cause }) };
  }
}

const loaded = load(WASM_BENCH_DIR, 'build:bench-wasm');
const loadedSimd = load(WASM_SIMD_BENCH_DIR, 'build:bench-wasm-simd');

/**
 * The library binding built for wasm32-wasip1-threads, or `null` when it is not built (or the JS
 * twins are forced). Its type is the native binding's; the benchmark-only exports
 * (`boundaryRaw`, `boundaryNapi`) are absent, as in the release build.
 */
export const wasm: NativeBinding | null = loaded.binding;

/** Why `wasm` is `null` (`null` when it loaded). */
export const wasmLoadError: Error | null = loaded.error;

/** The same build with simd128 (a second instance, its own memory), or `null` when not built. */
export const wasmSimd: NativeBinding | null = loadedSimd.binding;

/** Why `wasmSimd` is `null` (`null` when it loaded). */
export const wasmSimdLoadError: Error | null = loadedSimd.error;

/**
 * A case's `wasm` form, to spread into its `nativeVariants`: the same call as its `native` form
 * on the wasm binding (nothing when it did not load), and `wasm-simd`, the same call on the
 * simd128 build, when that is built. Native variants, so the verdicts' `native` stays the `.node`
 * (analyze.ts reads the `native` key) while both are timed and checked with the others;
 * report/wasm.ts compares `wasm` with `native` and the fastest JS form.
 */
export function wasmForm<S>(
  call: (binding: NativeBinding, state: S) => unknown,
): Record<string, (state: S) => unknown> {
  const plain = wasm;
  const simd = wasmSimd;
  return {
    ...(plain ? { wasm: (state: S) => call(plain, state) } : {}),
    ...(simd ? { 'wasm-simd': (state: S) => call(simd, state) } : {}),
  };
}
