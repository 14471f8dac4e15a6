// Ownership: move() and transferable(), and the two pools.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';

import { info, lib, note, test } from './harness.mjs';

const { isMoved, move, native } = lib;

test('move() detaches the source (byteLength 0) and keeps the bytes and the view kind', () => {
  const source = new Uint8Array([1, 2, 3, 4]);
  const moved = move(source);
  assert.equal(source.byteLength, 0);
  assert.equal(isMoved(source), true);
  assert.deepEqual(Array.from(moved), [1, 2, 3, 4]);
  const buf = Buffer.allocUnsafeSlow(16).fill(9);
  const movedBuf = move(buf);
  assert.equal(Buffer.isBuffer(movedBuf), true);
  assert.equal(buf.byteLength, 0);
  const f = move(new Float64Array([1.5, -0]));
  assert.ok(f instanceof Float64Array);
  assert.ok(Object.is(f[1], -0));
  assert.ok(move(new DataView(new ArrayBuffer(8))) instanceof DataView);
});

test('move() refuses shared, detached, partial and non-view values with a TypeError', () => {
  assert.throws(() => move(new Uint8Array(new SharedArrayBuffer(8))), TypeError);
  const gone = new Uint8Array(4);
  move(gone);
  assert.throws(() => move(gone), TypeError);
  assert.throws(() => move({}), TypeError);
  assert.throws(() => move(new Uint8Array(8).subarray(2)), TypeError);
});

test('move() of a small Buffer.from: refused where it shares a pool slab, moved where it owns its memory', () => {
  const small = Buffer.from('hello');
  if (info.runtime === 'bun') {
    // Bun's Buffer.from allocates an ArrayBuffer of exactly the string's size (no shared 8 KiB
    // pool, Buffer.poolSize notwithstanding), so the Buffer owns all its memory and a move is
    // correct: the source detaches and the bytes arrive.
    note('Bun: Buffer.from("hello") owns a 5-byte ArrayBuffer (no shared pool), so move() transfers it');
    assert.equal(small.buffer.byteLength, small.length);
    const moved = move(small);
    assert.equal(moved.toString(), 'hello');
    assert.equal(small.byteLength, 0);
  } else {
    // Node and Deno cut small Buffers from a shared pool slab; moving would steal its neighbours.
    assert.ok(small.buffer.byteLength > small.length, `${info.runtime}: Buffer.from is pooled`);
    assert.throws(
      () => move(small),
      (e) => e instanceof TypeError && /shared pool/.test(e.message),
    );
    assert.equal(small.toString(), 'hello');
  }
  // Buffer.allocUnsafe is pooled on every runtime here... except Bun, again.
  const unsafe = Buffer.allocUnsafe(10);
  if (unsafe.buffer.byteLength === unsafe.length) {
    assert.equal(info.runtime, 'bun', 'only Bun gives small allocUnsafe Buffers their own ArrayBuffer');
    assert.equal(move(unsafe).length, 10);
  } else {
    assert.throws(() => move(unsafe), TypeError);
  }
});

test('move() refuses an external buffer created by the addon instead of silently copying it', () => {
  if (native === null) {
    // The JS twins create ordinary ArrayBuffers; only the binding makes external ones.
    assert.equal(lib.implementation, 'js');
    note('JS twins: no addon-created external buffers exist');
    return;
  }
  // recordArraysToCsv moves Rust's String out as the Buffer's backing store (no copy): 5 records of
  // zeros are 50 bytes of "0,0,0,0,0\n".
  const c = lib.allocColumns(5);
  const external = native.recordArraysToCsv(c.timestamp, c.value, c.id, c.kind, c.flags);
  if (lib.implementation === 'wasm') {
    // emnapi hands Rust's bytes out as a view of the module's own memory, which a threads build
    // shares between its workers: a SharedArrayBuffer, which move() refuses as shared.
    note('wasm: a Buffer moved out of Rust is a view of the shared wasm memory; move() refuses it');
    assert.equal(Object.prototype.toString.call(external.buffer), '[object SharedArrayBuffer]');
    assert.equal(external.length, 50);
    assert.throws(
      () => move(external),
      (e) => e instanceof TypeError && /SharedArrayBuffer/.test(e.message),
    );
    assert.equal(external[0], 0x30, 'the source is left intact');
    return;
  }
  assert.equal(external.byteOffset, 0);
  assert.equal(external.buffer.byteLength, 50);
  if (info.runtime === 'deno') {
    // Deno's V8 does not mark Node-API external ArrayBuffers untransferable: structuredClone
    // detaches the source and hands the memory over, so move() is a real move there.
    note('Deno: an addon-created external ArrayBuffer is transferable, so move() moves it (source detached)');
    const moved = move(external);
    assert.equal(external.byteLength, 0);
    assert.equal(moved.length, 50);
    assert.equal(moved[0], 0x30);
    return;
  }
  // Node 20 silently copies an untransferable buffer (move() detects that); Node 22+ and Bun
  // throw a DataCloneError from structuredClone. Either way move() must throw its TypeError.
  assert.throws(
    () => move(external),
    (e) => e instanceof TypeError && /untransferable/.test(e.message),
  );
  assert.equal(external.byteLength, 50, 'the source is left intact');
  assert.equal(external[0], 0x30);
});

test('transferable() hands over owned buffers and refuses partial, shared and detached ones', async () => {
  const { MessageChannel } = await import('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  const view = new Uint8Array([5, 6, 7]);
  const received = new Promise((resolve) => port2.once('message', resolve));
  port1.postMessage(view, [lib.transferable(view)]);
  assert.equal(view.byteLength, 0, 'moved, not copied');
  assert.deepEqual(Array.from(await received), [5, 6, 7]);
  port1.close();
  port2.close();
  assert.throws(() => lib.transferable(new Uint8Array(8).subarray(1)), TypeError);
  assert.throws(() => lib.transferable(new Uint8Array(new SharedArrayBuffer(4))), TypeError);
  assert.throws(() => lib.transferable(view), TypeError);
});

test('BufferPool reuses slabs, refuses use after release and double release, caps idle bytes', () => {
  const pool = new lib.BufferPool({ maxPooledBytes: 256, minClassBytes: 64, maxClassBytes: 1024 });
  const a = pool.acquire(100);
  assert.equal(a.buffer.length, 100);
  a.buffer.fill(7);
  a.release();
  assert.equal(a.released, true);
  assert.throws(() => a.buffer);
  assert.throws(
    () => a.release(),
    (e) => e.code === 'ERR_INVALID_STATE',
  );
  const b = pool.acquire(120);
  assert.equal(b.buffer[0], 7, 'same 128-byte class: the slab was reused, not zeroed');
  const big = pool.acquire(4096);
  b.release();
  big.release();
  const c = pool.acquire(200);
  const d = pool.acquire(200);
  c.release();
  d.release();
  // b's 128-byte slab is kept; the 4096-byte lease is above maxClassBytes; the two 256-byte
  // slabs would exceed maxPooledBytes next to it.
  assert.deepEqual(pool.stats, { hits: 1, misses: 4, bytesHeld: 128, leased: 0, dropped: 3 });
  // What `using` calls at the end of its block (the syntax itself is not in Node 20).
  const e = pool.acquire(10);
  e[Symbol.dispose]();
  assert.equal(e.released, true);
  assert.equal(pool.stats.leased, 0);
});

test('BufferPool detachOnRelease: a kept reference reads as empty after release', () => {
  const pool = new lib.BufferPool({ detachOnRelease: true });
  const lease = pool.acquire(64);
  const kept = lease.buffer;
  kept.fill(1);
  lease.release();
  assert.equal(kept.byteLength, 0);
  const again = pool.acquire(64);
  assert.equal(again.buffer[0], 1, 'the memory moved back into the pool');
  again.release();
});

test('ObjectPool: LIFO reuse, reset on release, drops beyond max', () => {
  let made = 0;
  const pool = new lib.ObjectPool({
    create: () => ({ n: made++, used: false }),
    reset: (o) => (o.used = false),
    max: 1,
  });
  const a = pool.acquire();
  const b = pool.acquire();
  a.used = true;
  pool.release(a);
  pool.release(b);
  assert.deepEqual(pool.stats, { hits: 0, misses: 2, idle: 1, dropped: 1 });
  const c = pool.acquire();
  assert.equal(c, a);
  assert.equal(c.used, false);
  pool.clear();
  assert.equal(pool.stats.idle, 0);
});

test('NativeBlock (the binding and the JS twin) refuses a call without new and any receiver that is not a block', () => {
  for (const Block of [native?.NativeBlock, lib.js.NativeBlock]) {
    if (Block === undefined) continue;
    // Deno gives the constructor a non-null new.target for a plain call, which the binding reads
    // as `undefined`: without that check NativeBlock(8) wrapped globalThis there.
    assert.throws(() => Block(8), TypeError);
    assert.throws(() => Block.call({}, 8), TypeError);
    for (const receiver of [{}, globalThis, 1, undefined, new Uint8Array(4)]) {
      for (const method of ['fill', 'checksum', 'close']) {
        assert.throws(() => Block.prototype[method].call(receiver, 1), TypeError);
      }
      const byteLength = Object.getOwnPropertyDescriptor(Block.prototype, 'byteLength').get;
      assert.throws(() => byteLength.call(receiver), TypeError);
    }
    class Sub extends Block {}
    const block = new Sub(5);
    block.fill(2);
    assert.deepEqual(
      [block.byteLength, block.checksum(), block.closed],
      [5, lib.crc32Sync(new Uint8Array(5).fill(2)), false],
    );
    block.close();
    assert.equal(block.closed, true);
  }
});
