/**
 * Type tests for the public surface (vitest typecheck): they fail to compile, not at run time,
 * when a signature drifts. The install test checks the same surface through both `exports`
 * conditions of the packed package.
 */
import { describe, expectTypeOf, it } from 'vitest';

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
  xorIntoNew,
} from '../src/index.js';
import type { BenchmarkOnlyExports, Implementation, NativeBinding, Thresholds } from '../src/index.js';

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

  it('countByte and xorIntoNew', () => {
    expectTypeOf(countByte).parameters.toEqualTypeOf<[data: Uint8Array, byte: number]>();
    expectTypeOf(countByte).returns.toEqualTypeOf<number>();
    expectTypeOf(xorIntoNew).parameters.toEqualTypeOf<[data: Uint8Array, key: Uint8Array]>();
    expectTypeOf(xorIntoNew).returns.toEqualTypeOf<Buffer>();
  });

  it('simdLevel and thresholds', () => {
    expectTypeOf(simdLevel).toEqualTypeOf<() => string>();
    expectTypeOf(thresholds).toEqualTypeOf<Readonly<Thresholds>>();
    expectTypeOf(thresholds.crc32NativeMinBytes).toEqualTypeOf<number>();
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
    expectTypeOf(js).toExtend<Omit<NativeBinding, '__napiBindingTarget' | BenchmarkOnlyExports>>();
    expectTypeOf(js.crc32Sync).toEqualTypeOf<NativeBinding['crc32Sync']>();
    expectTypeOf(js.crc32).toEqualTypeOf<NativeBinding['crc32']>();
    expectTypeOf(js.countByte).toEqualTypeOf<NativeBinding['countByte']>();
    expectTypeOf(js.xorIntoNew).toEqualTypeOf<NativeBinding['xorIntoNew']>();
    expectTypeOf(js.simdLevel).toEqualTypeOf<NativeBinding['simdLevel']>();
  });
});
