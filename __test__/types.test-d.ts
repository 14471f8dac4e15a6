/**
 * Type tests for the public surface (vitest typecheck): they fail to compile, not at run time,
 * when a signature drifts. The install test checks the same surface through both `exports`
 * conditions of the packed package.
 */
import { describe, expectTypeOf, it } from 'vitest';

import type { LabBinding } from '../benchmark/lab/native-binding.js';
import * as generated from '../index.js';
import {
  countByte,
  crc32,
  crc32Sync,
  implementation,
  js,
  loadError,
  native,
  simdLevel,
  thresholds,
} from '../src/index.js';
import type { Implementation, NativeBinding, Thresholds } from '../src/index.js';

/** The lab binding's kernels (benchmark only), by name. */
type LabOnly = Exclude<keyof LabBinding, '__napiBindingTarget'>;

describe('top-level functions', () => {
  it('crc32Sync and crc32: bytes and an optional initial value; crc32 also takes a signal', () => {
    expectTypeOf(crc32Sync).parameters.toEqualTypeOf<[data: Uint8Array, initial?: number]>();
    expectTypeOf(crc32Sync).returns.toEqualTypeOf<number>();
    expectTypeOf(crc32).parameters.toEqualTypeOf<
      [data: Uint8Array, initial?: number, signal?: AbortSignal | null]
    >();
    expectTypeOf(crc32).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(crc32Sync).toBeCallableWith(Buffer.from('abc'));
    // @ts-expect-error strings are not bytes
    crc32Sync('abc');
  });

  it('countByte', () => {
    expectTypeOf(countByte).parameters.toEqualTypeOf<[data: Uint8Array, byte: number]>();
    expectTypeOf(countByte).returns.toEqualTypeOf<number>();
  });

  it('simdLevel and thresholds', () => {
    expectTypeOf(simdLevel).toEqualTypeOf<() => string>();
    expectTypeOf(thresholds).toEqualTypeOf<Readonly<Thresholds>>();
    expectTypeOf(thresholds.crc32NativeMinBytes).toEqualTypeOf<number>();
  });
});

describe('library only', () => {
  it('neither native nor js lists a benchmark-only kernel of the lab binding', () => {
    expectTypeOf<Extract<keyof NativeBinding, LabOnly>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof typeof js, LabOnly>>().toEqualTypeOf<never>();
    // Not vacuous: the lab names are really there to be excluded.
    expectTypeOf<'xorIntoNew' | 'noop' | 'particleFrameSync' | 'tokioBridgeMix'>().toExtend<LabOnly>();
  });
});

describe('implementation choice', () => {
  it('native may be absent; implementation and loadError say why', () => {
    expectTypeOf(native).toEqualTypeOf<NativeBinding | null>();
    expectTypeOf(implementation).toEqualTypeOf<Implementation>();
    expectTypeOf<Implementation>().toEqualTypeOf<'native' | 'js'>();
    expectTypeOf(loadError).toEqualTypeOf<Error | null>();
  });

  it('NativeBinding is the generated index.d.ts', () => {
    expectTypeOf<NativeBinding>().toEqualTypeOf<typeof generated>();
    expectTypeOf<NativeBinding['crc32Sync']>().toEqualTypeOf(crc32Sync);
  });

  it('js has every native function with the same signature', () => {
    expectTypeOf(js).toExtend<Omit<NativeBinding, '__napiBindingTarget'>>();
    expectTypeOf(js.crc32Sync).toEqualTypeOf<NativeBinding['crc32Sync']>();
    expectTypeOf(js.crc32).toEqualTypeOf<NativeBinding['crc32']>();
    expectTypeOf(js.countByte).toEqualTypeOf<NativeBinding['countByte']>();
    expectTypeOf(js.recordsToCsv).toEqualTypeOf<NativeBinding['recordsToCsv']>();
    expectTypeOf(js.simdLevel).toEqualTypeOf<NativeBinding['simdLevel']>();
  });
});
