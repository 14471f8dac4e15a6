/**
 * The "records" group (src/records.ts, src/release.ts, src/move.ts, src/buffer-pool.ts) written
 * against the StrykerJS survivors of its run (docs/mutants.md, issue 28): what OwnedBlock's
 * `fill` and `close` do (contents, state, use after close), where its memory lives, the JS
 * NativeBlock's allocation failure; `move`'s refusals with their exact messages, and the
 * transfer outcomes Node 20 never produces (a DataCloneError as Node 22+ throws, a transfer that
 * leaves the source attached or returns the wrong size), simulated with a stubbed
 * `structuredClone`; BufferPool's option checks, its class boundaries (the largest class is
 * pooled, a minimum class of 1 byte) and `clear`; the record twins' argument names and the slot
 * past the last record.
 */
import { constants } from 'node:buffer';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { BufferPool } from '../src/buffer-pool.js';
import { isMoved, move } from '../src/move.js';
import { native } from '../src/native.js';
import {
  allocColumns,
  assertColumns,
  checkColumnLengths,
  decodeRecords,
  decodeRecordsInto,
  encodeRecords,
  encodeRecordsInto,
  RECORD_SIZE,
  recordsJs,
  type RecordColumns,
} from '../src/records.js';
import { OwnedBlock, releaseJs } from '../src/release.js';
import { thrown } from './helpers.js';

const typeErr = (message: string) => ({ name: 'TypeError', message });
const rangeErr = (message: string) => ({ name: 'RangeError', message });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('OwnedBlock', () => {
  it('fill sets every byte: the checksum is that of the filled bytes', () => {
    const block = new OwnedBlock(9);
    expect(block.byteLength).toBe(9);
    expect(block.checksum()).toBe(zlib.crc32(Buffer.alloc(9)));
    block.fill(0x31);
    expect(block.checksum()).toBe(zlib.crc32(Buffer.alloc(9, 0x31)));
    block.fill(0xff);
    expect(block.checksum()).toBe(zlib.crc32(Buffer.alloc(9, 0xff)));
    block.close();
  });

  it('close frees the block: closed, 0 bytes, use after close throws, a second close does nothing', () => {
    const block = new OwnedBlock(16, { reportExternal: false });
    expect(block.closed).toBe(false);
    block.close();
    expect(block.closed).toBe(true);
    expect(block.byteLength).toBe(0);
    expect(thrown(() => block.checksum())).toEqual(typeErr('NativeBlock is closed'));
    expect(thrown(() => block.fill(1))).toEqual(typeErr('NativeBlock is closed'));
    block.close();
    expect(block.closed).toBe(true);
  });

  it('fill passes its argument checks through', () => {
    const block = new OwnedBlock(4);
    expect(thrown(() => block.fill(256))).toEqual(
      rangeErr('byte must be an integer from 0 to 255, received 256'),
    );
    expect(block.checksum()).toBe(zlib.crc32(Buffer.alloc(4)));
    block.close();
  });

  it.skipIf(native === null)(
    'with the binding, the memory is native: not counted as ArrayBuffer memory',
    () => {
      const size = 32 << 20;
      // Both blocks stay open until the end: a GC during the second allocation (external memory
      // pressure) must not free the first one and hide the second one's growth.
      const before = process.memoryUsage().arrayBuffers;
      const block = new OwnedBlock(size);
      const growth = process.memoryUsage().arrayBuffers - before;
      const jsBefore = process.memoryUsage().arrayBuffers;
      const twin = new releaseJs.NativeBlock(size);
      const jsGrowth = process.memoryUsage().arrayBuffers - jsBefore;
      // The measurement sees an ArrayBuffer-backed block (the JS twin)...
      expect(jsGrowth).toBeGreaterThan(size / 2);
      // ...and OwnedBlock's memory is not one.
      expect(growth).toBeLessThan(size / 2);
      expect(block.byteLength).toBe(size);
      block.close();
      twin.close();
    },
  );
});

describe('NativeBlock JS twin', () => {
  const Block = releaseJs.NativeBlock;

  it('names its arguments in its errors', () => {
    expect(thrown(() => new Block(-1))).toEqual(
      rangeErr('size must be an integer from 0 to 4294967295, received -1'),
    );
    expect(thrown(() => new Block(8, 1 as unknown as boolean))).toEqual(
      typeErr('reportExternal must be a boolean, received a number'),
    );
    const block = new Block(2);
    expect(thrown(() => block.fill(-1))).toEqual(
      rangeErr('byte must be an integer from 0 to 255, received -1'),
    );
  });

  it('checksum after close throws its own TypeError', () => {
    const block = new Block(3);
    block.fill(7);
    expect(block.checksum()).toBe(zlib.crc32(Buffer.alloc(3, 7)));
    block.close();
    expect(thrown(() => block.checksum())).toEqual(typeErr('NativeBlock is closed'));
    expect(thrown(() => block.fill(7))).toEqual(typeErr('NativeBlock is closed'));
    expect(block.byteLength).toBe(0);
  });

  /** What `new Block(16)` throws while every `Uint8Array` allocation throws `failure`. */
  const allocationError = (failure: Error): unknown => {
    vi.stubGlobal(
      'Uint8Array',
      class {
        constructor() {
          throw failure;
        }
      },
    );
    try {
      new Block(16);
      return undefined;
    } catch (e) {
      return e;
    } finally {
      vi.unstubAllGlobals();
    }
  };

  it('an allocation failure is a RangeError naming the size, with the engine error as cause', () => {
    const failure = new RangeError('Array buffer allocation failed');
    const error = allocationError(failure);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toBe('cannot allocate a block of 16 bytes');
    expect((error as RangeError & { code: string }).code).toBe('ERR_OUT_OF_RANGE');
    expect((error as RangeError).cause).toBe(failure);
  });

  it('any other failure of the allocation is thrown as it is', () => {
    const failure = new TypeError('not an allocation failure');
    const error = allocationError(failure);
    expect(error).toBe(failure);
  });
});

describe('move: refusals', () => {
  it('a non-view is refused as such', () => {
    for (const value of [{}, null, undefined, new ArrayBuffer(8), [1, 2]]) {
      expect(thrown(() => move(value as unknown as Uint8Array))).toEqual(
        typeErr('view must be a TypedArray, Buffer or DataView'),
      );
    }
  });

  it('a view of a SharedArrayBuffer is refused as shared, and stays usable', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(8)).fill(3);
    expect(thrown(() => move(shared))).toEqual(
      typeErr('cannot move a view of a SharedArrayBuffer: its memory is shared, not owned'),
    );
    expect(shared.byteLength).toBe(8);
    expect(Array.from(shared)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('a view of part of its buffer is refused, naming its extent, whether or not it starts at 0', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const tail =
      "it does not own the whole buffer (small Buffers come from Node's shared pool); " +
      'allocate with Buffer.allocUnsafeSlow or new Uint8Array to move it';
    const head = whole.subarray(0, 4);
    expect(thrown(() => move(head))).toEqual(
      typeErr(`cannot move a view of 4 bytes at offset 0 of a 8-byte ArrayBuffer: ${tail}`),
    );
    expect(thrown(() => move(whole.subarray(2)))).toEqual(
      typeErr(`cannot move a view of 6 bytes at offset 2 of a 8-byte ArrayBuffer: ${tail}`),
    );
    expect(isMoved(whole)).toBe(false);
    expect(Array.from(head)).toEqual([1, 2, 3, 4]);
  });
});

describe('move: views from another realm (vm.runInNewContext)', () => {
  // Before the fix, `buffer instanceof ArrayBuffer` was false for these and move refused them
  // as views of a SharedArrayBuffer; a foreign DataView was transferred and then refused, which
  // left the source detached with nothing returned.
  const foreign = <T>(code: string): T => vm.runInNewContext(code) as T;

  it('a typed array moves: the source detaches, the bytes and the kind arrive, in this realm', () => {
    const source = foreign<Uint16Array>('new Uint16Array([1, 2, 65535])');
    expect(source instanceof Uint16Array).toBe(false);
    const moved = move(source);
    expect(source.byteLength).toBe(0);
    expect(isMoved(source)).toBe(true);
    expect(moved).toBeInstanceOf(Uint16Array);
    expect(Array.from(moved)).toEqual([1, 2, 65535]);
  });

  it('a DataView moves as a DataView', () => {
    const source = foreign<DataView>(
      'const d = new DataView(new ArrayBuffer(4)); d.setUint32(0, 0xdeadbeef); d',
    );
    const moved = move(source);
    // (A detached DataView's byteLength getter throws.)
    expect(source.buffer.byteLength).toBe(0);
    expect(moved).toBeInstanceOf(DataView);
    expect(moved.getUint32(0)).toBe(0xdeadbeef);
  });

  it('a view of a foreign SharedArrayBuffer is still refused as shared', () => {
    const shared = foreign<Uint8Array>('new Uint8Array(new SharedArrayBuffer(4))');
    expect(thrown(() => move(shared))).toEqual(
      typeErr('cannot move a view of a SharedArrayBuffer: its memory is shared, not owned'),
    );
  });

  it('a foreign view of part of its buffer is refused with its extent, and stays usable', () => {
    const part = foreign<Uint8Array>('new Uint8Array([1, 2, 3, 4]).subarray(1)');
    expect(thrown(() => move(part))).toEqual(
      typeErr(
        'cannot move a view of 3 bytes at offset 1 of a 4-byte ArrayBuffer: ' +
          "it does not own the whole buffer (small Buffers come from Node's shared pool); " +
          'allocate with Buffer.allocUnsafeSlow or new Uint8Array to move it',
      ),
    );
    expect(Array.from(part)).toEqual([2, 3, 4]);
  });
});

describe('move: transfers that do not move (simulated with a stubbed structuredClone)', () => {
  const untransferable = typeErr(
    'cannot move this ArrayBuffer: it is untransferable (e.g. external memory owned by a native addon), ' +
      'and a transfer would silently copy it',
  );
  const realClone = structuredClone;

  it("a copy that leaves the source attached (Node 20's external buffers) is refused and discarded", () => {
    vi.stubGlobal('structuredClone', (value: unknown) => realClone(value));
    const source = new Uint8Array([1, 2, 3]);
    expect(thrown(() => move(source))).toEqual(untransferable);
    vi.unstubAllGlobals();
    expect(isMoved(source)).toBe(false);
    expect(Array.from(source)).toEqual([1, 2, 3]);
  });

  it("a DataCloneError (Node 22+ and Bun on untransferable buffers) becomes move's TypeError", () => {
    vi.stubGlobal('structuredClone', () => {
      throw new DOMException('An ArrayBuffer is detached or untransferable', 'DataCloneError');
    });
    const source = new Uint8Array([4, 5]);
    expect(thrown(() => move(source))).toEqual(untransferable);
    vi.unstubAllGlobals();
    expect(Array.from(source)).toEqual([4, 5]);
  });

  it('any other error of the transfer is thrown as it is', () => {
    const failure = new Error('out of memory');
    vi.stubGlobal('structuredClone', () => {
      throw failure;
    });
    let error: unknown;
    try {
      move(new Uint8Array(2));
    } catch (e) {
      error = e;
    }
    vi.unstubAllGlobals();
    expect(error).toBe(failure);
  });

  it('a transfer that detaches the source but delivers a different size is refused', () => {
    vi.stubGlobal('structuredClone', (value: ArrayBuffer, options: Parameters<typeof structuredClone>[1]) =>
      realClone(value, options).slice(0, 2),
    );
    expect(thrown(() => move(new Uint8Array([1, 2, 3, 4])))).toEqual(untransferable);
  });

  it('an empty view moves (nothing can show that it detached)', () => {
    const empty = new Float64Array(0);
    const moved = move(empty);
    expect(moved).toBeInstanceOf(Float64Array);
    expect(moved.length).toBe(0);
  });
});

describe('BufferPool: options', () => {
  it('options must be an object (null and primitives are refused; undefined means defaults)', () => {
    for (const options of [null, 5, 'x', true]) {
      expect(thrown(() => new BufferPool(options as never))).toEqual(typeErr('options must be an object'));
    }
    expect(new BufferPool(undefined).acquire(10).buffer.length).toBe(10);
  });

  it('each option is named in its errors', () => {
    expect(thrown(() => new BufferPool({ minClassBytes: 0 }))).toEqual(
      rangeErr('minClassBytes must be an integer from 1 to 1073741824, received 0'),
    );
    expect(thrown(() => new BufferPool({ minClassBytes: 48 }))).toEqual(
      rangeErr('minClassBytes must be a power of two, received 48'),
    );
    expect(thrown(() => new BufferPool({ maxClassBytes: 3 }))).toEqual(
      rangeErr('maxClassBytes must be a power of two, received 3'),
    );
    expect(thrown(() => new BufferPool({ maxPooledBytes: -1 }))).toEqual(
      rangeErr('maxPooledBytes must be an integer from 0 to 9007199254740991, received -1'),
    );
    expect(thrown(() => new BufferPool({ minClassBytes: 128, maxClassBytes: 64 }))).toEqual(
      rangeErr('maxClassBytes (64) must be at least minClassBytes (128)'),
    );
  });

  it('one size class (minClassBytes = maxClassBytes) is allowed and pools', () => {
    const pool = new BufferPool({ minClassBytes: 64, maxClassBytes: 64 });
    pool.acquire(64).release();
    pool.acquire(1).release();
    expect(pool.stats).toEqual({ hits: 1, misses: 1, bytesHeld: 64, leased: 0, dropped: 0 });
  });

  it('minClassBytes 1: every class up to maxClassBytes pools, the largest included', () => {
    const pool = new BufferPool({ minClassBytes: 1, maxClassBytes: 8 });
    for (const size of [1, 2, 3, 8]) pool.acquire(size).release();
    expect(pool.stats).toEqual({ hits: 0, misses: 4, bytesHeld: 1 + 2 + 4 + 8, leased: 0, dropped: 0 });
    const lease = pool.acquire(5);
    expect(lease.buffer.length).toBe(5);
    expect(pool.stats).toEqual({ hits: 1, misses: 4, bytesHeld: 1 + 2 + 4, leased: 1, dropped: 0 });
    pool.acquire(0).release();
    expect(pool.stats.hits).toBe(2);
  });
});

describe('BufferPool: leases', () => {
  it('acquire names size in its errors', () => {
    const pool = new BufferPool();
    expect(thrown(() => pool.acquire(-1))).toEqual(
      rangeErr(`size must be an integer from 0 to ${constants.MAX_LENGTH}, received -1`),
    );
  });

  it('a request of exactly maxClassBytes is pooled; one byte more is not', () => {
    const pool = new BufferPool({ maxClassBytes: 1024 });
    pool.acquire(1024).release();
    expect(pool.stats).toEqual({ hits: 0, misses: 1, bytesHeld: 1024, leased: 0, dropped: 0 });
    pool.acquire(1024).release();
    expect(pool.stats).toEqual({ hits: 1, misses: 1, bytesHeld: 1024, leased: 0, dropped: 0 });
    pool.acquire(1025).release();
    expect(pool.stats).toEqual({ hits: 1, misses: 2, bytesHeld: 1024, leased: 0, dropped: 1 });
  });

  it('released is false while leased, true after release', () => {
    const lease = new BufferPool().acquire(10);
    expect(lease.released).toBe(false);
    lease.release();
    expect(lease.released).toBe(true);
  });

  it('clear drops the idle slabs; a lease out across it stays valid and is pooled on release', () => {
    const pool = new BufferPool();
    const kept = pool.acquire(100);
    pool.acquire(64).release();
    pool.acquire(1000).release();
    expect(pool.stats.bytesHeld).toBe(64 + 1024);
    pool.clear();
    expect(pool.stats).toEqual({ hits: 0, misses: 3, bytesHeld: 0, leased: 1, dropped: 0 });
    pool.acquire(64).release();
    expect(pool.stats.misses).toBe(4);
    kept.buffer.fill(1);
    kept.release();
    expect(pool.stats).toEqual({ hits: 0, misses: 4, bytesHeld: 64 + 128, leased: 0, dropped: 0 });
  });
});

describe('records JS twins: argument names', () => {
  const columns = (n: number): RecordColumns => allocColumns(n);
  const flat = (c: RecordColumns) => [c.timestamp, c.value, c.id, c.kind, c.flags] as const;

  it('a short column is named, with its length and the first record without a slot', () => {
    for (const name of ['timestamp', 'value', 'id', 'kind', 'flags'] as const) {
      const c = columns(3);
      (c as unknown as Record<string, unknown>)[name] = allocColumns(1)[name];
      const message = `${name} is too short: it has 1 elements for 3 records; the record at byte offset 24 has no slot`;
      expect(thrown(() => checkColumnLengths(...flat(c), 3))).toEqual(rangeErr(message));
      expect(
        thrown(() => recordsJs.decodeRecordArraysInto(new Uint8Array(3 * RECORD_SIZE), ...flat(c))),
      ).toEqual(rangeErr(message));
      expect(thrown(() => recordsJs.encodeRecordArrays(...flat(c), 3))).toEqual(rangeErr(message));
    }
  });

  it('a column of the wrong kind is named with the kind it needs', () => {
    const c = columns(1);
    const cases: Array<[number, unknown, string]> = [
      [1, new Float32Array(1), 'value must be a Float64Array, received another typed array'],
      [3, new Uint32Array(1), 'kind must be a Uint16Array, received another typed array'],
      [4, 7, 'flags must be a Uint16Array, received a number'],
    ];
    for (const [index, bad, message] of cases) {
      const args: unknown[] = [...flat(c)];
      args[index] = bad;
      expect(thrown(() => assertColumns(...(args as [unknown, unknown, unknown, unknown, unknown])))).toEqual(
        typeErr(message),
      );
      expect(
        thrown(() =>
          recordsJs.encodeRecordArrays(
            ...(args as unknown as Parameters<typeof recordsJs.encodeRecordArrays>),
          ),
        ),
      ).toEqual(typeErr(message));
    }
  });

  it('the stream is named data when decoding and out when encoding', () => {
    const c = columns(1);
    const notBytes = 'x' as unknown as Uint8Array;
    expect(thrown(() => recordsJs.decodeRecords(notBytes))).toEqual(
      typeErr('data must be a Uint8Array or Buffer, received a string'),
    );
    expect(thrown(() => recordsJs.decodeRecordArraysInto(notBytes, ...flat(c)))).toEqual(
      typeErr('data must be a Uint8Array or Buffer, received a string'),
    );
    expect(thrown(() => recordsJs.encodeRecordArraysInto(...flat(c), notBytes))).toEqual(
      typeErr('out must be a Uint8Array or Buffer, received a string'),
    );
  });

  it('encodeRecords and encodeRecordsInto on a columns object without columns: the timestamp check, not a crash', () => {
    const message = 'timestamp must be a BigUint64Array, received undefined';
    expect(thrown(() => encodeRecords({} as RecordColumns))).toEqual(typeErr(message));
    expect(thrown(() => encodeRecordsInto({} as RecordColumns, new Uint8Array(24)))).toEqual(
      typeErr(message),
    );
  });
});

describe('decodeRecords and decodeRecordsInto: a stream that is not a view', () => {
  // The route check reads `bytes.length` only after `ArrayBuffer.isView(bytes)`: without that
  // guard a null stream would fail inside the dispatcher with the engine's "Cannot read
  // properties of null" instead of the argument check's TypeError.
  const message = (received: string) => typeErr(`data must be a Uint8Array or Buffer, received ${received}`);

  it('null and undefined get the argument check, on both routes', () => {
    for (const [value, received] of [
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      const bytes = value as unknown as Uint8Array;
      expect(thrown(() => decodeRecords(bytes))).toEqual(message(received));
      expect(thrown(() => decodeRecordsInto(bytes, allocColumns(1)))).toEqual(message(received));
    }
  });
});

describe('records JS twin: decoding into longer columns', () => {
  it('writes only the slots of the records in the stream (aligned and unaligned streams)', () => {
    const source = allocColumns(2);
    source.timestamp.set([1n, 2n]);
    source.value.set([1.5, 2.5]);
    source.id.set([11, 12]);
    source.kind.set([21, 22]);
    source.flags.set([31, 32]);
    const stream = recordsJs.encodeRecordArrays(
      source.timestamp,
      source.value,
      source.id,
      source.kind,
      source.flags,
    );
    const unaligned = new Uint8Array(stream.length + 1).subarray(1);
    unaligned.set(stream);
    for (const data of [new Uint8Array(stream), unaligned]) {
      const c = allocColumns(3);
      c.timestamp.fill(9n);
      c.value.fill(9);
      c.id.fill(9);
      c.kind.fill(9);
      c.flags.fill(9);
      expect(recordsJs.decodeRecordArraysInto(data, c.timestamp, c.value, c.id, c.kind, c.flags)).toBe(2);
      expect(Array.from(c.timestamp)).toEqual([1n, 2n, 9n]);
      expect(Array.from(c.value)).toEqual([1.5, 2.5, 9]);
      expect(Array.from(c.id)).toEqual([11, 12, 9]);
      expect(Array.from(c.kind)).toEqual([21, 22, 9]);
      expect(Array.from(c.flags)).toEqual([31, 32, 9]);
    }
  });
});
