/**
 * Loads the benchmark-only lab binding (`crates/lab`, built by `npm run build:lab` into
 * `benchmark/lab/native/`): the kernels that exist only to be timed, never shipped. Importing
 * this module never throws; without a build, `labBinding` is `null` and `labLoadError` says why.
 * `RUST_PATTERNS_FORCE_JS=1` skips it, as it skips the library binding.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type * as Lab from './native/index.js';

/** The lab binding's surface, as declared by its generated `index.d.ts`. */
export type LabBinding = typeof Lab;

function load(): { binding: LabBinding | null; error: Error | null } {
  if (process.env.RUST_PATTERNS_FORCE_JS === '1') {
    return {
      binding: null,
      error: new Error('RUST_PATTERNS_FORCE_JS=1 is set: the lab binding was not loaded'),
    };
  }
  // Compiled by scripts/rust-patterns.mjs this file is build/bench/benchmark/lab/native-binding.js,
  // beside a link to benchmark/lab/native; under vitest it is the source file. Either way the
  // generated loader is ./native/index.js.
  // RUST_PATTERNS_LAB_NATIVE_PATH names a build to load instead, as RUST_PATTERNS_NATIVE_PATH
  // does for the library (the mutation runs of crates/napi-args build both bindings).
  const loader = process.env.RUST_PATTERNS_LAB_NATIVE_PATH || path.join(__dirname, 'native', 'index.js');
  try {
    // A copy with fast properties (see `native` in src/native.ts).
    return { binding: { ...(createRequire(loader)(loader) as LabBinding) }, error: null };
  } catch (cause) {
    return {
      binding: null,
      error: new Error(`the lab binding did not load from ${loader}: run \`npm run build:lab\``, { cause }),
    };
  }
}

const loaded = load();

/** The lab binding, or `null` when it is not built (or the JS twins are forced). */
export const labBinding: LabBinding | null = loaded.binding;

/** Why the lab binding is not in use (`null` when it is). */
export const labLoadError: Error | null = loaded.error;
