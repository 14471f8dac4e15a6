/**
 * The only importer of the generated napi-rs loader (`../index.js`).
 *
 * Loading is "JS first, native if it loads": importing this module never throws. The binding is
 * used unless it is missing, fails to load, or `RUST_PATTERNS_FORCE_JS=1` is set; `loadError`
 * says why native is not in use.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type * as Binding from '../index.js';

/** The generated binding's surface, as declared by the generated `index.d.ts`. */
export type NativeBinding = typeof Binding;

/** Which implementation the top-level functions use. */
export type Implementation = 'native' | 'js';

function packageRoot(): string {
  // Compiled to CommonJS, this file is dist/native.js; under vitest it is src/native.ts. Either
  // way the package root is one level up.
  return path.resolve(__dirname, '..');
}

function load(): { binding: NativeBinding | null; error: Error | null } {
  if (process.env.RUST_PATTERNS_FORCE_JS === '1') {
    return {
      binding: null,
      error: new Error('RUST_PATTERNS_FORCE_JS=1 is set: the native binding was not loaded'),
    };
  }
  try {
    const requireFromRoot = createRequire(path.join(packageRoot(), 'package.json'));
    return { binding: requireFromRoot('./index.js') as NativeBinding, error: null };
  } catch (cause) {
    return {
      binding: null,
      error: new Error(
        `The rust-patterns native binding could not be loaded for ${process.platform}-${process.arch}; ` +
          'every function runs on its pure-JS twin. Run `npm run build` in a checkout, or install ' +
          'the platform package for your system.',
        { cause },
      ),
    };
  }
}

const loaded = load();

/** The native binding, or `null` when the JS twins are in use. */
export const native: NativeBinding | null = loaded.binding;

/** Why the native binding is not in use (`null` when it is). */
export const loadError: Error | null = loaded.error;

/** `'native'` when the binding loaded, else `'js'`. */
export const implementation: Implementation = native === null ? 'js' : 'native';
