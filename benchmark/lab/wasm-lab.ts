/**
 * The WebAssembly build of the lab binding (`crates/lab` for `wasm32-wasip1-threads`), loaded
 * beside the native lab binding so the allocation, cache-locality and limits cases time each lab
 * kernel's `wasm` form against its `native` form and the JS forms on the same inputs, as
 * benchmark/lab/wasm.ts does for the library binding's kernels.
 *
 * Built by `npm run build:bench-wasm-lab` into `target/wasm-bench-lab/` (the command of
 * `build:lab` with the wasm target; the wasm32 standard library comes from `rustup target add
 * wasm32-wasip1-threads`, see scripts/platforms-wasm.sh). Its own module, apart from wasm.ts:
 * importing it loads only the lab's build (about 65 ms with the runtime, 15 ms once wasm.ts
 * loaded it), and a case that imports neither loads no WebAssembly.
 *
 * Every lab export builds for wasm32, the threaded ones included (rayon and std::thread run on
 * wasi-threads Workers; `tokioBridgeMix` builds but throws when called); the cases that get no
 * `wasm` form, and why, are in benchmark/README.md ("WebAssembly forms").
 *
 * Importing this module never throws; without a build, `labWasm` is `null` and
 * `labWasmLoadError` says why.
 */
import * as path from 'node:path';

import type { LabBinding } from './native-binding.js';
import { loadWasmBuild, wasmForms } from './wasm-load.js';

/** Where `npm run build:bench-wasm-lab` writes the module and its loaders, from the repository root. */
export const WASM_LAB_BENCH_DIR = path.join('target', 'wasm-bench-lab');

const loaded = loadWasmBuild<LabBinding>(
  WASM_LAB_BENCH_DIR,
  'rust-patterns-lab.wasi.cjs',
  'build:bench-wasm-lab',
);

/** The lab binding built for wasm32-wasip1-threads, or `null` when it is not built. */
export const labWasm: LabBinding | null = loaded.binding;

/** Why `labWasm` is `null` (`null` when it loaded). */
export const labWasmLoadError: Error | null = loaded.error;

/**
 * A case's `wasm` form, to spread into its `nativeVariants`: the same call as its `native` form
 * on the lab's wasm build, or nothing when it did not load.
 */
export function labWasmForm<S>(
  call: (binding: LabBinding, state: S) => unknown,
): Record<string, (state: S) => unknown> {
  return wasmForms({ wasm: labWasm }, call);
}
