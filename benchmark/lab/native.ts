/**
 * What the benchmark cases and the lab tests use: the library binding and the lab binding in
 * one object (`native`), and the JS twins of both (`js`), so a case times
 * `native.affineInPlaceSync` against `js.affineInPlaceSync` exactly as it times
 * `native.crc32Sync` against `js.crc32Sync`.
 *
 * `native` is `null` unless both bindings loaded; `loadError` then says which did not.
 */
import { js as libraryJs } from '../../src/index.js';
import {
  loadError as libraryLoadError,
  native as libraryNative,
  type NativeBinding,
} from '../../src/native.js';
import { labTwins } from './kernels/index.js';
import { labBinding, labLoadError, type LabBinding } from './native-binding.js';

export type { LabBinding } from './native-binding.js';
export { labBinding, labLoadError } from './native-binding.js';

/** Lab exports that price napi-rs's own bridges and have no JS twin. */
export type BridgeOnlyExports = 'tokioBridgeMix' | 'libuvBridgeMix';

/** The library and lab bindings together. */
export type LabNativeBinding = NativeBinding & LabBinding;

/** Both bindings in one object with fast properties, or `null` unless both loaded. */
export const native: LabNativeBinding | null =
  libraryNative !== null && labBinding !== null ? { ...libraryNative, ...labBinding } : null;

/** Why `native` is `null` (the library's error first), or `null` when both loaded. */
export const loadError: Error | null = libraryLoadError ?? labLoadError;

/** The JS twins of every function of both bindings (except the bridges), same signatures. */
export const js = { ...libraryJs, ...labTwins } satisfies Omit<
  LabNativeBinding,
  '__napiBindingTarget' | BridgeOnlyExports
>;
