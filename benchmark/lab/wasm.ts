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
import * as path from 'node:path';

import type { NativeBinding } from '../../src/native.js';
import { loadWasmBuild, wasmForms } from './wasm-load.js';

/** Where `npm run build:bench-wasm` writes the module and its loaders, from the repository root. */
export const WASM_BENCH_DIR = path.join('target', 'wasm-bench');
/**
 * Where `npm run build:bench-wasm-simd` writes the same build with `-C target-feature=+simd128`
 * (WebAssembly's 128-bit SIMD, which memchr and simdutf8 use on wasm32 when compiled in; the
 * release build has none).
 */
export const WASM_SIMD_BENCH_DIR = path.join('target', 'wasm-bench-simd');
const LOADER = 'rust-patterns.wasi.cjs';

const loaded = loadWasmBuild<NativeBinding>(WASM_BENCH_DIR, LOADER, 'build:bench-wasm');
const loadedSimd = loadWasmBuild<NativeBinding>(WASM_SIMD_BENCH_DIR, LOADER, 'build:bench-wasm-simd');

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
 * simd128 build, when that is built (`wasmForms`).
 */
export function wasmForm<S>(
  call: (binding: NativeBinding, state: S) => unknown,
): Record<string, (state: S) => unknown> {
  return wasmForms({ wasm, 'wasm-simd': wasmSimd }, call);
}
