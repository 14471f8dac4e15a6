// The error contract: bad arguments throw a TypeError (ERR_INVALID_ARG_TYPE) or RangeError
// (ERR_OUT_OF_RANGE) whose message starts with the parameter's name, on every form; and a
// hostile-input sweep over every export, in a child process of this runtime, never crashes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

import { childJson, lib, root, runChild, test } from './harness.mjs';

const { js, native } = lib;
const twins = [['public', lib], ['js', js], ...(native === null ? [] : [['native', native]])];

/** Asserts that `fn` throws `Class` with `code` and a message that starts with `param`. */
function throwsNaming(fn, Class, param, label) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Class, `${label}: ${error?.name} is not a ${Class.name}: ${error?.message}`);
    assert.equal(error.code, Class === TypeError ? 'ERR_INVALID_ARG_TYPE' : 'ERR_OUT_OF_RANGE', label);
    assert.ok(
      error.message.startsWith(`${param} `),
      `${label}: message does not name ${param}: ${error.message}`,
    );
    return true;
  });
}

const notBytes = [
  undefined,
  null,
  0,
  Number.NaN,
  'abc',
  {},
  [1, 2, 3],
  new Uint16Array(4),
  new ArrayBuffer(8),
];

test('byte functions throw TypeError naming `data` for null, undefined and wrong types', () => {
  for (const [form, impl] of twins) {
    for (const name of [
      'crc32Sync',
      'countByte',
      'isUtf8',
      'utf8ValidUpTo',
      'lineOffsets',
      'decodeRecords',
    ]) {
      for (const bad of notBytes) {
        const args = name === 'countByte' ? [bad, 1] : [bad];
        throwsNaming(() => impl[name](...args), TypeError, 'data', `${form}.${name}(${String(bad)})`);
      }
    }
  }
});

test('numeric parameters throw RangeError (out of range) or TypeError (not a number), named', () => {
  const bytes = new Uint8Array(4);
  for (const [form, impl] of twins) {
    for (const bad of [-1, 2 ** 32, 1.5, Number.NaN, Infinity]) {
      throwsNaming(
        () => impl.crc32Sync(bytes, bad),
        RangeError,
        'initial',
        `${form}.crc32Sync initial=${bad}`,
      );
    }
    throwsNaming(() => impl.crc32Sync(bytes, '1'), TypeError, 'initial', `${form}.crc32Sync initial='1'`);
    for (const bad of [-1, 256, 0.5]) {
      throwsNaming(() => impl.countByte(bytes, bad), RangeError, 'byte', `${form}.countByte byte=${bad}`);
    }
    throwsNaming(() => impl.countByte(bytes, null), TypeError, 'byte', `${form}.countByte byte=null`);
    throwsNaming(
      () => impl.decodeRecords(new Uint8Array(25)),
      RangeError,
      'data',
      `${form}.decodeRecords(25 bytes)`,
    );
  }
  throwsNaming(
    () => lib.encodeRecords({ ...lib.allocColumns(1), timestamp: null }),
    TypeError,
    'timestamp',
    'encodeRecords',
  );
  throwsNaming(() => lib.mapConcurrent([], 0, () => 0), RangeError, 'limit', 'mapConcurrent limit=0');
  throwsNaming(() => lib.mapConcurrent([], '1', () => 0), TypeError, 'limit', "mapConcurrent limit='1'");
  throwsNaming(() => lib.mapConcurrent(null, 1, () => 0), TypeError, 'items', 'mapConcurrent items=null');
  throwsNaming(() => new lib.BufferPool().acquire(-1), RangeError, 'size', 'BufferPool.acquire(-1)');
  throwsNaming(
    () => new lib.BufferPool({ minClassBytes: 48 }),
    RangeError,
    'minClassBytes',
    'BufferPool minClassBytes=48',
  );
  throwsNaming(() => new lib.ObjectPool({}), TypeError, 'options.create', 'ObjectPool({})');
});

test('async functions reject bad arguments the same way, and a non-signal names `signal`', async () => {
  for (const [form, impl] of twins) {
    await assert.rejects(
      async () => impl.crc32(null),
      (e) => e instanceof TypeError && e.message.startsWith('data '),
      `${form}.crc32(null)`,
    );
    await assert.rejects(
      async () => impl.crc32(new Uint8Array(1), 0, {}),
      (e) => e instanceof TypeError && e.message.startsWith('signal '),
      `${form}.crc32 signal={}`,
    );
  }
  await assert.rejects(
    lib.parallelMap(new Float64Array(4), 'nope'),
    (e) => e instanceof TypeError && e.message.startsWith('kernel '),
  );
  await assert.rejects(
    lib.parallelReduce([1, 2], 'sum'),
    (e) => e instanceof TypeError && e.message.startsWith('data '),
  );
});

const hostileRuns = Number(process.env.CONFORMANCE_HOSTILE_RUNS ?? 300);
const declarations = readFileSync(join(root, 'index.d.ts'), 'utf8');
const arity = (params) => (params.trim() === '' ? 0 : params.split(',').length);
const functions = Object.fromEntries(
  [...declarations.matchAll(/export declare function (\w+)\(([^)]*)\)/g)].map(([, name, params]) => [
    name,
    arity(params),
  ]),
);
const classes = Object.fromEntries(
  [...declarations.matchAll(/export declare class (\w+) \{[^]*?constructor\(([^)]*)\)/g)].map(
    ([, name, params]) => [name, arity(params)],
  ),
);

/** Runs __test__/fixtures/hostile-run.cjs (the vitest suite's sweep) under this runtime. */
function sweep(loader, exportsByName, classNames) {
  const dir = mkdtempSync(join(tmpdir(), 'rp-conformance-hostile-'));
  try {
    const spec = join(dir, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        loader,
        seed: 20261124,
        runs: hostileRuns,
        exports: exportsByName,
        classes: classNames,
      }),
    );
    const outcomes = childJson(
      runChild(join(root, '__test__', 'fixtures', 'hostile-run.cjs'), { args: [spec] }),
    );
    for (const [name, kinds] of Object.entries(outcomes)) {
      assert.deepEqual(
        Object.keys(kinds).filter((k) => k.startsWith('BAD:')),
        [],
        name,
      );
      assert.equal(
        Object.values(kinds).reduce((a, b) => a + b, 0),
        hostileRuns,
        name,
      );
    }
    assert.deepEqual(Object.keys(outcomes).sort(), Object.keys(exportsByName).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(`hostile input: ${hostileRuns} calls per JS twin end in a value, TypeError, RangeError or AbortError`, () => {
  const names = Object.fromEntries(
    Object.entries({ ...functions, ...classes }).filter(([name]) => typeof js[name] === 'function'),
  );
  sweep(
    join(root, 'conformance', 'js-twins.cjs'),
    names,
    Object.keys(classes).filter((c) => c in names),
  );
});

test(`hostile input: ${hostileRuns} calls per native export (or, on the JS twins, the binding is absent)`, () => {
  if (native === null) {
    // Forced JS: the binding is not loaded, so there is nothing native to call.
    assert.equal(lib.implementation, 'js');
    return;
  }
  sweep(join(root, 'index.js'), { ...functions, ...classes }, Object.keys(classes));
});
