/**
 * Type tests for the public surface (vitest typecheck): they fail to compile, not at run time,
 * when a signature drifts. One top-level `describe` per export of the package root, titled with
 * the export's name, and one `describe('js.<name>')` per member of `js`:
 * `__test__/exports.spec.ts` lists the real exports and fails on any without its block here.
 * The install test checks the same surface through both `exports` conditions of the packed
 * package.
 */
import { describe, expectTypeOf, it } from 'vitest';

import type { LabBinding } from '../benchmark/lab/native-binding.js';
import * as generated from '../index.js';
import {
  allocColumns,
  BufferLease,
  BufferPool,
  closeParallelPool,
  configureThresholds,
  countByte,
  crc32,
  crc32Batch,
  crc32BatchSync,
  crc32Packed,
  crc32Sync,
  decodeRecords,
  decodeRecordsInto,
  defaultThresholds,
  encodeRecords,
  encodeRecordsInto,
  implementation,
  isMoved,
  isUtf8,
  js,
  lineOffsets,
  lineViews,
  loadError,
  mapConcurrent,
  move,
  native,
  ObjectPool,
  OwnedBlock,
  packInputs,
  PARALLEL_BLOCK,
  parallelMap,
  parallelReduce,
  parallelStats,
  RECORD_LAYOUT,
  RECORD_SIZE,
  recordsToCsv,
  runChunked,
  sharedFloat64Array,
  simdLevel,
  isUtf8Route,
  utf8SimdLevel,
  sumSquaresSync,
  thresholds,
  transferable,
  utf8ValidUpTo,
  yieldToEventLoop,
} from '../src/index.js';
import type {
  BufferPoolOptions,
  BufferPoolStats,
  Combine,
  Implementation,
  MapConcurrentOptions,
  MapKernelName,
  ModuleKernel,
  NativeBinding,
  ObjectPoolOptions,
  ObjectPoolStats,
  OwnedBlockOptions,
  ParallelMapOptions,
  ParallelReduceOptions,
  ParallelStats,
  RecordColumns,
  ReduceKernelName,
  RunChunkedOptions,
  Thresholds,
} from '../src/index.js';

const bytes = new Uint8Array(4);
const f64 = new Float64Array(4);
const columns = allocColumns(1);

// ---------------------------------------------------------------------------------------------
// Implementation choice

describe('native', () => {
  it('is the generated binding, or null without it', () => {
    expectTypeOf(native).toEqualTypeOf<NativeBinding | null>();
    // @ts-expect-error possibly null: callers must check before calling
    native.crc32Sync(bytes);
  });
});

describe('NativeBinding', () => {
  it('is the generated index.d.ts', () => {
    expectTypeOf<NativeBinding>().toEqualTypeOf<typeof generated>();
    expectTypeOf<NativeBinding['crc32Sync']>().toEqualTypeOf(crc32Sync);
  });
});

describe('implementation', () => {
  it('says which path the top-level functions use', () => {
    expectTypeOf(implementation).toEqualTypeOf<Implementation>();
  });
});

describe('Implementation', () => {
  it('is native, wasm or js', () => {
    expectTypeOf<Implementation>().toEqualTypeOf<'native' | 'wasm' | 'js'>();
    // @ts-expect-error only the three paths exist
    const other: Implementation = 'asm.js';
    void other;
  });
});

describe('loadError', () => {
  it('is why native is not in use', () => {
    expectTypeOf(loadError).toEqualTypeOf<Error | null>();
  });
});

describe('utf8SimdLevel', () => {
  it('names the CPU level from a closed set', () => {
    expectTypeOf(utf8SimdLevel).toEqualTypeOf<() => 'avx512' | 'avx2' | 'neon' | 'scalar'>();
  });
});

describe('isUtf8Route', () => {
  it('names the route from a closed set', () => {
    expectTypeOf(isUtf8Route).toEqualTypeOf<(size: number) => 'js' | 'builtin' | 'native'>();
  });
});

describe('simdLevel', () => {
  it('names the CRC-32 code path', () => {
    expectTypeOf(simdLevel).toEqualTypeOf<() => string>();
    // @ts-expect-error takes no arguments
    simdLevel(1);
  });
});

/** The lab binding's kernels (benchmark only), by name. */
type LabOnly = Exclude<keyof LabBinding, '__napiBindingTarget'>;

describe('js', () => {
  it('has every library function of the binding with the same signature', () => {
    expectTypeOf(js).toExtend<Omit<NativeBinding, '__napiBindingTarget'>>();
    // Nothing more and nothing less than the binding's functions.
    expectTypeOf<keyof typeof js>().toEqualTypeOf<Exclude<keyof NativeBinding, '__napiBindingTarget'>>();
  });

  it('lists no benchmark-only kernel of the lab binding, and neither does NativeBinding', () => {
    expectTypeOf<Extract<keyof NativeBinding, LabOnly>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof typeof js, LabOnly>>().toEqualTypeOf<never>();
    // Not vacuous: the lab names are really there to be excluded.
    expectTypeOf<'xorIntoNew' | 'noop' | 'particleFrameSync' | 'tokioBridgeMix'>().toExtend<LabOnly>();
  });
});

// ---------------------------------------------------------------------------------------------
// Checksums and the boundary

describe('crc32Sync', () => {
  it('bytes and an optional u32 initial value', () => {
    expectTypeOf(crc32Sync).parameters.toEqualTypeOf<[data: Uint8Array, initial?: number]>();
    expectTypeOf(crc32Sync).returns.toEqualTypeOf<number>();
    expectTypeOf(crc32Sync).toBeCallableWith(Buffer.from('abc'));
    // @ts-expect-error strings are not bytes
    crc32Sync('abc');
    // @ts-expect-error null is not an initial value
    crc32Sync(bytes, null);
  });
});

describe('crc32', () => {
  it('as crc32Sync, on the thread pool, with an optional signal', () => {
    expectTypeOf(crc32).parameters.toEqualTypeOf<
      [data: Uint8Array, initial?: number, signal?: AbortSignal | null]
    >();
    expectTypeOf(crc32).returns.toEqualTypeOf<Promise<number>>();
    // @ts-expect-error the signal is an AbortSignal, not an AbortController
    void crc32(bytes, 0, new AbortController());
  });
});

describe('countByte', () => {
  it('bytes and a byte value', () => {
    expectTypeOf(countByte).parameters.toEqualTypeOf<[data: Uint8Array, byte: number]>();
    expectTypeOf(countByte).returns.toEqualTypeOf<number>();
    // @ts-expect-error the byte is required
    countByte(bytes);
  });
});

describe('crc32BatchSync', () => {
  it('an array of byte views; one checksum each', () => {
    expectTypeOf(crc32BatchSync).parameters.toEqualTypeOf<[inputs: Uint8Array[]]>();
    expectTypeOf(crc32BatchSync).returns.toEqualTypeOf<Uint32Array>();
    // @ts-expect-error one view is not a batch
    crc32BatchSync(bytes);
  });
});

describe('crc32Batch', () => {
  it('as crc32BatchSync, async, with a signal', () => {
    expectTypeOf(crc32Batch).parameters.toEqualTypeOf<[inputs: Uint8Array[], signal?: AbortSignal | null]>();
    expectTypeOf(crc32Batch).returns.toEqualTypeOf<Promise<Uint32Array>>();
    // @ts-expect-error strings are not bytes
    void crc32Batch(['a']);
  });
});

describe('crc32Packed', () => {
  it('packed bytes and end offsets, async', () => {
    expectTypeOf(crc32Packed).parameters.toEqualTypeOf<
      [data: Uint8Array, ends: Uint32Array, signal?: AbortSignal | null]
    >();
    expectTypeOf(crc32Packed).returns.toEqualTypeOf<Promise<Uint32Array>>();
    // @ts-expect-error ends are a Uint32Array, not a number[]
    void crc32Packed(bytes, [4]);
  });
});

describe('packInputs', () => {
  it('packs views for crc32Packed', () => {
    expectTypeOf(packInputs).parameters.toEqualTypeOf<[inputs: readonly Uint8Array[]]>();
    expectTypeOf(packInputs).returns.toEqualTypeOf<{ data: Uint8Array; ends: Uint32Array }>();
    // @ts-expect-error strings are not bytes
    packInputs(['a']);
  });
});

// ---------------------------------------------------------------------------------------------
// Thresholds

describe('thresholds', () => {
  it('is read-only', () => {
    expectTypeOf(thresholds).toEqualTypeOf<Thresholds>();
    expectTypeOf(thresholds.crc32NativeMinBytes).toEqualTypeOf<number>();
    // @ts-expect-error read-only: change them with configureThresholds
    thresholds.crc32NativeMinBytes = 1;
  });
});

describe('Thresholds', () => {
  it('has exactly the twelve cut-offs, all read-only numbers', () => {
    expectTypeOf<keyof Thresholds>().toEqualTypeOf<
      | 'crc32NativeMinBytes'
      | 'countByteNativeMinBytes'
      | 'parallelMinElements'
      | 'rayonMinElements'
      | 'sumSquaresNativeMinElements'
      | 'recordsNativeMinRecords'
      | 'csvNativeMinRecords'
      | 'crc32OverBuiltinMinBytes'
      | 'crc32BuiltinMinBytes'
      | 'utf8NativeMinBytes'
      | 'utf8NativeOverBuiltinMinBytes'
      | 'linesNativeMinBytes'
    >();
    expectTypeOf<Thresholds>().toEqualTypeOf<Readonly<Thresholds>>();
  });
});

describe('defaultThresholds', () => {
  it('is read-only Thresholds', () => {
    expectTypeOf(defaultThresholds).toEqualTypeOf<Thresholds>();
    // @ts-expect-error read-only
    defaultThresholds.linesNativeMinBytes = 1;
  });
});

describe('configureThresholds', () => {
  it('takes some cut-offs and returns those in use', () => {
    expectTypeOf(configureThresholds).parameters.toEqualTypeOf<[overrides: Partial<Thresholds>]>();
    expectTypeOf(configureThresholds).returns.toEqualTypeOf<Thresholds>();
    expectTypeOf(configureThresholds).toBeCallableWith({ countByteNativeMinBytes: 4096 });
    expectTypeOf(configureThresholds).toBeCallableWith(defaultThresholds);
    // @ts-expect-error an unknown field is a typo
    configureThresholds({ crc32MinBytes: 1 });
    // @ts-expect-error values are numbers
    configureThresholds({ crc32NativeMinBytes: '64' });
  });
});

// ---------------------------------------------------------------------------------------------
// Parallelism

describe('sumSquaresSync', () => {
  it('a Float64Array; a number', () => {
    expectTypeOf(sumSquaresSync).parameters.toEqualTypeOf<[data: Float64Array]>();
    expectTypeOf(sumSquaresSync).returns.toEqualTypeOf<number>();
    // @ts-expect-error a number[] is not a Float64Array
    sumSquaresSync([1, 2]);
  });
});

describe('parallelReduce', () => {
  it('a Float64Array, a kernel name or module, options; a number', () => {
    expectTypeOf(parallelReduce).parameters.toEqualTypeOf<
      [data: Float64Array, kernel: ReduceKernelName | ModuleKernel, options?: ParallelReduceOptions]
    >();
    expectTypeOf(parallelReduce).returns.toEqualTypeOf<Promise<number>>();
    // @ts-expect-error 'square' is a map kernel, not a reduction
    void parallelReduce(f64, 'square');
  });
});

describe('parallelMap', () => {
  it('a Float64Array, a kernel name or module, options; a Float64Array', () => {
    expectTypeOf(parallelMap).parameters.toEqualTypeOf<
      [data: Float64Array, kernel: MapKernelName | ModuleKernel, options?: ParallelMapOptions]
    >();
    expectTypeOf(parallelMap).returns.toEqualTypeOf<Promise<Float64Array>>();
    // @ts-expect-error 'sum' is a reduction, not a map kernel
    void parallelMap(f64, 'sum');
  });
});

describe('ReduceKernelName', () => {
  it('names the built-in reductions', () => {
    expectTypeOf<ReduceKernelName>().toEqualTypeOf<'sum' | 'sumSquares' | 'min' | 'max'>();
  });
});

describe('MapKernelName', () => {
  it('names the built-in maps', () => {
    expectTypeOf<MapKernelName>().toEqualTypeOf<'square' | 'sqrt' | 'negate'>();
  });
});

describe('ModuleKernel', () => {
  it('a module path and an export name', () => {
    expectTypeOf<ModuleKernel>().toEqualTypeOf<{ module: string; name: string }>();
  });
});

describe('Combine', () => {
  it('an identity and a step', () => {
    expectTypeOf<Combine['identity']>().toEqualTypeOf<number>();
    expectTypeOf<Combine['step']>().toEqualTypeOf<(a: number, b: number) => number>();
  });
});

describe('ParallelReduceOptions', () => {
  it('minElements, combine and threads, all optional', () => {
    expectTypeOf<ParallelReduceOptions>().toEqualTypeOf<{
      minElements?: number;
      combine?: Combine;
      threads?: number;
    }>();
  });
});

describe('ParallelMapOptions', () => {
  it('minElements and out, both optional', () => {
    expectTypeOf<ParallelMapOptions>().toEqualTypeOf<{ minElements?: number; out?: Float64Array }>();
  });
});

describe('parallelStats', () => {
  it('returns ParallelStats', () => {
    expectTypeOf(parallelStats).toEqualTypeOf<() => ParallelStats>();
  });
});

describe('ParallelStats', () => {
  it('counts inline and pooled calls, tasks and threads', () => {
    expectTypeOf<ParallelStats>().toEqualTypeOf<{
      inline: number;
      pooled: number;
      tasks: number;
      threads: number;
    }>();
  });
});

describe('closeParallelPool', () => {
  it('resolves when the pool is closed', () => {
    expectTypeOf(closeParallelPool).toEqualTypeOf<() => Promise<void>>();
  });
});

describe('PARALLEL_BLOCK', () => {
  it('is the block size in elements', () => {
    expectTypeOf(PARALLEL_BLOCK).toEqualTypeOf<number>();
  });
});

describe('sharedFloat64Array', () => {
  it('a length or values; a Float64Array', () => {
    expectTypeOf(sharedFloat64Array).parameters.toEqualTypeOf<[source: number | ArrayLike<number>]>();
    expectTypeOf(sharedFloat64Array).returns.toEqualTypeOf<Float64Array>();
    // @ts-expect-error strings are not numbers
    sharedFloat64Array(['1']);
  });
});

describe('transferable', () => {
  it('a view; its ArrayBuffer', () => {
    expectTypeOf(transferable).parameters.toEqualTypeOf<[view: ArrayBufferView]>();
    expectTypeOf(transferable).returns.toEqualTypeOf<ArrayBuffer>();
    // @ts-expect-error an ArrayBuffer is not a view
    transferable(new ArrayBuffer(8));
  });
});

// ---------------------------------------------------------------------------------------------
// Async helpers

describe('mapConcurrent', () => {
  it('items, a limit and a mapper; the results in order', () => {
    expectTypeOf(mapConcurrent(['a'], 2, (s) => s.length)).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(mapConcurrent([1], 2, async (n, i) => `${n + i}`)).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(mapConcurrent<number, number>).parameters.toEqualTypeOf<
      [
        items: Iterable<number>,
        limit: number,
        fn: (item: number, index: number) => number | PromiseLike<number>,
        options?: MapConcurrentOptions,
      ]
    >();
    // @ts-expect-error the limit is required
    void mapConcurrent([1], (n: number) => n);
  });
});

describe('MapConcurrentOptions', () => {
  it('an optional signal', () => {
    expectTypeOf<MapConcurrentOptions>().toEqualTypeOf<{ signal?: AbortSignal | null }>();
  });
});

describe('runChunked', () => {
  it('a total, a chunk size and a body', () => {
    expectTypeOf(runChunked).parameters.toEqualTypeOf<
      [
        total: number,
        chunkSize: number,
        body: (start: number, end: number) => void,
        options?: RunChunkedOptions,
      ]
    >();
    expectTypeOf(runChunked).returns.toEqualTypeOf<Promise<void>>();
    // @ts-expect-error the body is required
    void runChunked(10, 2);
  });
});

describe('RunChunkedOptions', () => {
  it('an optional signal', () => {
    expectTypeOf<RunChunkedOptions>().toEqualTypeOf<{ signal?: AbortSignal | null }>();
  });
});

describe('yieldToEventLoop', () => {
  it('resolves after pending I/O', () => {
    expectTypeOf(yieldToEventLoop).toEqualTypeOf<() => Promise<void>>();
  });
});

// ---------------------------------------------------------------------------------------------
// Pools and ownership

describe('BufferPool', () => {
  it('acquire(size) leases a Buffer; stats; clear', () => {
    expectTypeOf(BufferPool).constructorParameters.toEqualTypeOf<[options?: BufferPoolOptions]>();
    const pool = new BufferPool();
    expectTypeOf(pool.acquire).toEqualTypeOf<(size: number) => BufferLease>();
    expectTypeOf(pool.stats).toEqualTypeOf<BufferPoolStats>();
    expectTypeOf(pool.clear).toEqualTypeOf<() => void>();
    // @ts-expect-error the size is required
    pool.acquire();
  });
});

describe('BufferPoolOptions', () => {
  it('every field optional', () => {
    expectTypeOf<BufferPoolOptions>().toEqualTypeOf<{
      maxPooledBytes?: number;
      minClassBytes?: number;
      maxClassBytes?: number;
      detachOnRelease?: boolean;
    }>();
  });
});

describe('BufferPoolStats', () => {
  it('counters', () => {
    expectTypeOf<BufferPoolStats>().toEqualTypeOf<{
      hits: number;
      misses: number;
      bytesHeld: number;
      leased: number;
      dropped: number;
    }>();
  });
});

describe('BufferLease', () => {
  it('a Buffer until released; disposable', () => {
    const lease = new BufferPool().acquire(16);
    expectTypeOf(lease).toEqualTypeOf<BufferLease>();
    // @ts-expect-error leases come from a pool's acquire
    new BufferLease();
    expectTypeOf(lease.buffer).toEqualTypeOf<Buffer>();
    expectTypeOf(lease.released).toEqualTypeOf<boolean>();
    expectTypeOf(lease.release).toEqualTypeOf<() => void>();
    expectTypeOf(lease).toExtend<Disposable>();
    // @ts-expect-error read-only
    lease.released = true;
  });
});

describe('ObjectPool', () => {
  it('typed by what create returns', () => {
    const pool = new ObjectPool({ create: () => ({ x: 0 }), reset: (p) => void (p.x = 0) });
    expectTypeOf(pool).toEqualTypeOf<ObjectPool<{ x: number }>>();
    expectTypeOf(pool.acquire).toEqualTypeOf<() => { x: number }>();
    expectTypeOf(pool.release).toEqualTypeOf<(item: { x: number }) => void>();
    expectTypeOf(pool.stats).toEqualTypeOf<ObjectPoolStats>();
    // @ts-expect-error another type than the pool's
    pool.release('x');
    // @ts-expect-error create is required
    new ObjectPool({});
  });
});

describe('ObjectPoolOptions', () => {
  it('create, optional reset and max', () => {
    expectTypeOf<ObjectPoolOptions<string>>().toEqualTypeOf<{
      create: () => string;
      reset?: (item: string) => void;
      max?: number;
    }>();
  });
});

describe('ObjectPoolStats', () => {
  it('counters', () => {
    expectTypeOf<ObjectPoolStats>().toEqualTypeOf<{
      hits: number;
      misses: number;
      idle: number;
      dropped: number;
    }>();
  });
});

describe('OwnedBlock', () => {
  it('a size and options; fill, checksum, close; disposable', () => {
    expectTypeOf(OwnedBlock).constructorParameters.toEqualTypeOf<
      [size: number, options?: OwnedBlockOptions]
    >();
    const block = new OwnedBlock(8);
    expectTypeOf(block.byteLength).toEqualTypeOf<number>();
    expectTypeOf(block.closed).toEqualTypeOf<boolean>();
    expectTypeOf(block.fill).toEqualTypeOf<(byte: number) => void>();
    expectTypeOf(block.checksum).toEqualTypeOf<() => number>();
    expectTypeOf(block.close).toEqualTypeOf<() => void>();
    expectTypeOf(block).toExtend<Disposable>();
    // @ts-expect-error the size is required
    new OwnedBlock();
  });
});

describe('OwnedBlockOptions', () => {
  it('reportExternal, optional', () => {
    expectTypeOf<OwnedBlockOptions>().toEqualTypeOf<{ reportExternal?: boolean }>();
  });
});

describe('move', () => {
  it('keeps the view type', () => {
    const buf: Buffer = Buffer.alloc(1);
    const floats: Float64Array = f64;
    const view: DataView = new DataView(new ArrayBuffer(1));
    expectTypeOf(move(buf)).toEqualTypeOf<Buffer>();
    expectTypeOf(move(floats)).toEqualTypeOf<Float64Array>();
    expectTypeOf(move(view)).toEqualTypeOf<DataView>();
    // @ts-expect-error an ArrayBuffer is not a view
    move(new ArrayBuffer(1));
  });
});

describe('isMoved', () => {
  it('a view; a boolean', () => {
    expectTypeOf(isMoved).parameters.toEqualTypeOf<[view: ArrayBufferView]>();
    expectTypeOf(isMoved).returns.toEqualTypeOf<boolean>();
    // @ts-expect-error an ArrayBuffer is not a view
    isMoved(new ArrayBuffer(1));
  });
});

// ---------------------------------------------------------------------------------------------
// Records, text and lines

describe('RECORD_SIZE', () => {
  it('is the record size in bytes', () => {
    expectTypeOf(RECORD_SIZE).toEqualTypeOf<number>();
  });
});

describe('RECORD_LAYOUT', () => {
  it('field offsets as read-only literals', () => {
    expectTypeOf(RECORD_LAYOUT).toEqualTypeOf<
      Readonly<{
        readonly timestamp: 0;
        readonly value: 8;
        readonly id: 16;
        readonly kind: 20;
        readonly flags: 22;
      }>
    >();
    // @ts-expect-error read-only
    RECORD_LAYOUT.value = 0;
  });
});

describe('RecordColumns', () => {
  it('one typed array per field', () => {
    expectTypeOf<RecordColumns>().toEqualTypeOf<{
      timestamp: BigUint64Array;
      value: Float64Array;
      id: Uint32Array;
      kind: Uint16Array;
      flags: Uint16Array;
    }>();
  });
});

describe('allocColumns', () => {
  it('a count; columns', () => {
    expectTypeOf(allocColumns).toEqualTypeOf<(count: number) => RecordColumns>();
    // @ts-expect-error the count is required
    allocColumns();
  });
});

describe('decodeRecords', () => {
  it('bytes; columns', () => {
    expectTypeOf(decodeRecords).toEqualTypeOf<(bytes: Uint8Array) => RecordColumns>();
    // @ts-expect-error strings are not bytes
    decodeRecords('x');
  });
});

describe('decodeRecordsInto', () => {
  it('bytes and columns; the record count', () => {
    expectTypeOf(decodeRecordsInto).toEqualTypeOf<(bytes: Uint8Array, columns: RecordColumns) => number>();
    // @ts-expect-error the column form takes the columns as one object
    decodeRecordsInto(bytes, columns.timestamp, columns.value, columns.id, columns.kind, columns.flags);
  });
  it('one name, one shape: the binding and its twins call their array form decodeRecordArraysInto', () => {
    expectTypeOf<NativeBinding>().not.toHaveProperty('decodeRecordsInto');
    expectTypeOf(js).not.toHaveProperty('decodeRecordsInto');
  });
});

describe('encodeRecords', () => {
  it('columns and an optional count; a Buffer', () => {
    expectTypeOf(encodeRecords).toEqualTypeOf<(columns: RecordColumns, count?: number) => Buffer>();
    // @ts-expect-error columns, not bytes
    encodeRecords(bytes);
    // @ts-expect-error the column form takes the columns as one object
    encodeRecords(columns.timestamp, columns.value, columns.id, columns.kind, columns.flags);
  });
  it('one name, one shape: the binding and its twins call their array form encodeRecordArrays', () => {
    expectTypeOf<NativeBinding>().not.toHaveProperty('encodeRecords');
    expectTypeOf(js).not.toHaveProperty('encodeRecords');
  });
});

describe('encodeRecordsInto', () => {
  it('columns, an output and an optional count; bytes written', () => {
    expectTypeOf(encodeRecordsInto).toEqualTypeOf<
      (columns: RecordColumns, out: Uint8Array, count?: number) => number
    >();
    // @ts-expect-error the output is required
    encodeRecordsInto(columns);
  });
  it('one name, one shape: the binding and its twins call their array form encodeRecordArraysInto', () => {
    expectTypeOf<NativeBinding>().not.toHaveProperty('encodeRecordsInto');
    expectTypeOf(js).not.toHaveProperty('encodeRecordsInto');
  });
});

describe('recordsToCsv', () => {
  it('columns and an optional count; a Buffer of CSV', () => {
    expectTypeOf(recordsToCsv).toEqualTypeOf<(columns: RecordColumns, count?: number) => Buffer>();
    // @ts-expect-error columns, not bytes
    recordsToCsv(bytes);
    // @ts-expect-error the column form takes the columns as one object
    recordsToCsv(columns.timestamp, columns.value, columns.id, columns.kind, columns.flags);
  });
  it('one name, one shape: the binding and its twins call their array form recordArraysToCsv', () => {
    expectTypeOf<NativeBinding>().not.toHaveProperty('recordsToCsv');
    expectTypeOf(js).not.toHaveProperty('recordsToCsv');
  });
});

describe('isUtf8', () => {
  it('bytes; a boolean', () => {
    expectTypeOf(isUtf8).toEqualTypeOf<(bytes: Uint8Array) => boolean>();
    // @ts-expect-error strings are always valid: bytes only
    isUtf8('x');
  });
});

describe('utf8ValidUpTo', () => {
  it('bytes; an offset', () => {
    expectTypeOf(utf8ValidUpTo).toEqualTypeOf<(bytes: Uint8Array) => number>();
    // @ts-expect-error bytes only
    utf8ValidUpTo([0x61]);
  });
});

describe('lineOffsets', () => {
  it('bytes; the end offsets', () => {
    expectTypeOf(lineOffsets).toEqualTypeOf<(bytes: Uint8Array) => Uint32Array>();
    // @ts-expect-error bytes only
    lineOffsets('a\nb');
  });
});

describe('lineViews', () => {
  it('bytes; a generator of views', () => {
    expectTypeOf(lineViews).parameters.toEqualTypeOf<[bytes: Uint8Array]>();
    expectTypeOf(lineViews).returns.toEqualTypeOf<Generator<Uint8Array, void, undefined>>();
    // @ts-expect-error bytes only
    lineViews('a\nb');
  });
});

// ---------------------------------------------------------------------------------------------
// `js`: each twin has its binding function's exact type (the binding's own signatures are pinned
// by the top-level blocks above and by the generated index.d.ts).

describe('js.crc32Sync', () =>
  it('', () => expectTypeOf(js.crc32Sync).toEqualTypeOf<NativeBinding['crc32Sync']>()));
describe('js.crc32', () => it('', () => expectTypeOf(js.crc32).toEqualTypeOf<NativeBinding['crc32']>()));
describe('js.countByte', () =>
  it('', () => expectTypeOf(js.countByte).toEqualTypeOf<NativeBinding['countByte']>()));
describe('js.crc32BatchSync', () =>
  it('', () => expectTypeOf(js.crc32BatchSync).toEqualTypeOf<NativeBinding['crc32BatchSync']>()));
describe('js.crc32Batch', () =>
  it('', () => expectTypeOf(js.crc32Batch).toEqualTypeOf<NativeBinding['crc32Batch']>()));
describe('js.crc32PackedSync', () =>
  it('', () => expectTypeOf(js.crc32PackedSync).toEqualTypeOf<NativeBinding['crc32PackedSync']>()));
describe('js.crc32Packed', () =>
  it('', () => expectTypeOf(js.crc32Packed).toEqualTypeOf<NativeBinding['crc32Packed']>()));
describe('js.sumSquaresSync', () =>
  it('', () => expectTypeOf(js.sumSquaresSync).toEqualTypeOf<NativeBinding['sumSquaresSync']>()));
describe('js.sumSquaresParallelSync', () =>
  it('', () =>
    expectTypeOf(js.sumSquaresParallelSync).toEqualTypeOf<NativeBinding['sumSquaresParallelSync']>()));
describe('js.decodeRecordArraysInto', () =>
  it('the binding form: six arguments', () => {
    expectTypeOf(js.decodeRecordArraysInto).toEqualTypeOf<NativeBinding['decodeRecordArraysInto']>();
    // @ts-expect-error the binding form takes the columns one by one
    js.decodeRecordArraysInto(bytes, columns);
  }));
describe('js.decodeRecords', () =>
  it('', () => expectTypeOf(js.decodeRecords).toEqualTypeOf<NativeBinding['decodeRecords']>()));
describe('js.encodeRecordArraysInto', () =>
  it('the binding form: the columns one by one, then out', () => {
    expectTypeOf(js.encodeRecordArraysInto).toEqualTypeOf<NativeBinding['encodeRecordArraysInto']>();
    // @ts-expect-error the binding form takes the columns one by one
    js.encodeRecordArraysInto(columns, new Uint8Array(24));
  }));
describe('js.encodeRecordArrays', () =>
  it('the binding form: the columns one by one', () => {
    expectTypeOf(js.encodeRecordArrays).toEqualTypeOf<NativeBinding['encodeRecordArrays']>();
    // @ts-expect-error the binding form takes the columns one by one
    js.encodeRecordArrays(columns);
  }));
describe('js.recordArraysToCsv', () =>
  it('the binding form: the columns one by one', () => {
    expectTypeOf(js.recordArraysToCsv).toEqualTypeOf<NativeBinding['recordArraysToCsv']>();
    // @ts-expect-error the binding form takes the columns one by one
    js.recordArraysToCsv(columns);
  }));
describe('js.isUtf8', () => it('', () => expectTypeOf(js.isUtf8).toEqualTypeOf<NativeBinding['isUtf8']>()));
describe('js.utf8ValidUpTo', () =>
  it('', () => expectTypeOf(js.utf8ValidUpTo).toEqualTypeOf<NativeBinding['utf8ValidUpTo']>()));
describe('js.lineOffsets', () =>
  it('', () => expectTypeOf(js.lineOffsets).toEqualTypeOf<NativeBinding['lineOffsets']>()));
describe('js.NativeBlock', () =>
  it('constructs like the binding class', () => {
    expectTypeOf(js.NativeBlock).constructorParameters.toEqualTypeOf<
      ConstructorParameters<NativeBinding['NativeBlock']>
    >();
  }));
describe('js.crc32BatchParallel', () =>
  it('', () => expectTypeOf(js.crc32BatchParallel).toEqualTypeOf<NativeBinding['crc32BatchParallel']>()));
describe('js.utf8SimdLevel', () =>
  it('', () => expectTypeOf(js.utf8SimdLevel).toEqualTypeOf<NativeBinding['utf8SimdLevel']>()));
describe('js.simdLevel', () =>
  it('', () => expectTypeOf(js.simdLevel).toEqualTypeOf<NativeBinding['simdLevel']>()));
