// Async work: cancellation with AbortSignal, bounded concurrency, and the worker-pool parallel
// primitives.
import assert from 'node:assert/strict';

import { lib, note, test } from './harness.mjs';

const { js, native } = lib;
const twins = [['public', lib], ['js', js], ...(native === null ? [] : [['native', native]])];
const isAbort = (e) => e?.name === 'AbortError';
const aborted = () => {
  const c = new AbortController();
  c.abort();
  return c.signal;
};

test('crc32 resolves to crc32Sync; an aborted signal rejects with an AbortError on every form', async () => {
  const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) & 0xff).subarray(3);
  const expected = lib.crc32Sync(bytes);
  for (const [form, impl] of twins) {
    // The WebAssembly binding rejects work aborted before it starts with an Error whose message,
    // not name, is "AbortError": napi-rs on wasm does not hand back the error object the task's
    // `reject` built (its owner check fails there) and makes a plain one from the message. The
    // public functions check the signal before calling the binding, so users see an AbortError.
    const wasmBinding = form === 'native' && lib.implementation === 'wasm';
    const preAborted = wasmBinding ? (e) => isAbort(e) || e?.message === 'AbortError' : isAbort;
    if (wasmBinding)
      note('wasm binding: work aborted before it starts rejects with message (not name) "AbortError"');
    assert.equal(await impl.crc32(bytes), expected, form);
    assert.equal(await impl.crc32(bytes, 0, new AbortController().signal), expected, form);
    await assert.rejects(impl.crc32(bytes, 0, aborted()), preAborted, form);
    await assert.rejects(impl.crc32Batch([bytes, bytes], aborted()), preAborted, `${form} crc32Batch`);
    const { data, ends } = lib.packInputs([bytes, bytes]);
    await assert.rejects(impl.crc32Packed(data, ends, aborted()), preAborted, `${form} crc32Packed`);
    assert.deepEqual(
      Array.from(await impl.crc32Batch([bytes, bytes.subarray(1)])),
      [expected, lib.crc32Sync(bytes.subarray(1))],
      form,
    );
  }
});

test('aborting while crc32 runs rejects with an AbortError at once, and later calls still work', async () => {
  const big = new Uint8Array(64 * 1024 * 1024);
  const controller = new AbortController();
  const pending = lib.crc32(big, 0, controller.signal);
  controller.abort();
  await assert.rejects(pending, isAbort);
  assert.equal(await lib.crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('mapConcurrent keeps at most `limit` calls in flight and returns results in input order', async () => {
  let inFlight = 0;
  let most = 0;
  const results = await lib.mapConcurrent(
    Array.from({ length: 40 }, (_, i) => i),
    3,
    async (item, index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      inFlight--;
      return item * 2 + index;
    },
  );
  assert.equal(most, 3);
  assert.deepEqual(
    results,
    Array.from({ length: 40 }, (_, i) => i * 3),
  );
});

test('mapConcurrent: an abort rejects with an AbortError and starts no new call', async () => {
  const controller = new AbortController();
  let started = 0;
  const pending = lib.mapConcurrent(
    (function* () {
      for (let i = 0; i < 1000; i++) yield i;
    })(),
    2,
    async (i) => {
      started++;
      if (i === 5) controller.abort(new Error('enough'));
      await new Promise((resolve) => setTimeout(resolve, 1));
      return i;
    },
    { signal: controller.signal },
  );
  await assert.rejects(pending, (e) => isAbort(e) && e.cause?.message === 'enough');
  const atAbort = started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(started, atAbort, 'no call starts after the abort');
  assert.ok(started <= 7, `started ${started} calls`);
  await assert.rejects(
    lib.mapConcurrent([1], 1, (x) => x, { signal: aborted() }),
    isAbort,
  );
});

test('parallelMap and parallelReduce through the worker pool equal the inline results', async () => {
  const n = 3 * lib.PARALLEL_BLOCK + 17;
  const data = lib.sharedFloat64Array(Array.from({ length: n }, (_, i) => (i % 1000) - 500));
  const before = lib.parallelStats();
  const inline = await lib.parallelMap(data, 'square', { minElements: 2 ** 32 - 1 });
  const pooled = await lib.parallelMap(data, 'square', { minElements: 0 });
  assert.deepEqual(Array.from(pooled), Array.from(inline));
  assert.equal(pooled[n - 1], (((n - 1) % 1000) - 500) ** 2);
  const out = new Float64Array(n);
  assert.equal(await lib.parallelMap(data, 'negate', { minElements: 0, out }), out);
  assert.equal(out[1], -data[1]);
  for (const kernel of ['sum', 'sumSquares', 'min', 'max']) {
    assert.equal(
      await lib.parallelReduce(data, kernel, { minElements: 0 }),
      await lib.parallelReduce(data, kernel, { minElements: 2 ** 32 - 1 }),
      kernel,
    );
  }
  // A plain (non-shared) input is copied for the workers and left untouched.
  const plain = Float64Array.from(data);
  assert.equal(
    await lib.parallelReduce(plain, 'sum', { minElements: 0 }),
    await lib.parallelReduce(data, 'sum', { minElements: 0 }),
  );
  const after = lib.parallelStats();
  assert.ok(after.pooled > before.pooled, 'the pool ran');
  assert.equal(lib.sumSquaresSync(data), await lib.parallelReduce(data, 'sumSquares', { minElements: 0 }));
});
