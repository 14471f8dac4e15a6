// Loading: CommonJS and ESM entries, native and forced-JS, through a symlink, under a
// permission model.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  childJson,
  expectedImplementation,
  forcedJs,
  info,
  lib,
  note,
  root,
  runChild,
  test,
} from './harness.mjs';

const CHECK_VALUE = 0xcbf43926; // CRC-32 of "123456789", the standard check value.
const childLoad = join(root, 'conformance', 'child-load.mjs');

test('require() of the package root loads the expected implementation', () => {
  if (forcedJs) {
    assert.equal(lib.implementation, 'js');
    assert.equal(lib.native, null);
    assert.match(lib.loadError.message, /RUST_PATTERNS_FORCE_JS=1/);
  } else {
    // Every built target loads through Node-API: linux-x64-gnu, linux-arm64-gnu under qemu,
    // linux-x64-musl and linux-arm64-musl under Bun's musl build (arm64 under qemu), win32-x64
    // under wine; the WebAssembly build (NAPI_RS_FORCE_WASI) through @napi-rs/wasm-runtime.
    assert.equal(lib.implementation, expectedImplementation, String(lib.loadError?.stack));
    assert.equal(lib.loadError, null);
    assert.equal(typeof lib.native.simdLevel(), 'string');
  }
  assert.equal(lib.crc32Sync(new TextEncoder().encode('123456789')), CHECK_VALUE);
});

test('import() of dist/index.mjs exposes every CommonJS export, bound to the same module', async () => {
  const esm = await import(new URL('../dist/index.mjs', import.meta.url).href);
  const missing = Object.keys(lib).filter((k) => k !== '__esModule' && !(k in esm));
  assert.deepEqual(missing, []);
  // One module instance, so one binding: the ESM entry re-exports the CommonJS module.
  assert.equal(esm.crc32Sync, lib.crc32Sync);
  assert.equal(esm.BufferPool, lib.BufferPool);
  assert.equal(esm.implementation, lib.implementation);
});

test('dist/ is CommonJS by its own package.json, whatever the root says', () => {
  assert.deepEqual(JSON.parse(readFileSync(join(root, 'dist', 'package.json'), 'utf8')), {
    type: 'commonjs',
  });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.exports['.'].import.default, './dist/index.mjs');
  assert.equal(pkg.exports['.'].require.default, './dist/index.js');
});

test('RUST_PATTERNS_FORCE_JS=1 in a child of this runtime loads the JS twins, and they agree', () => {
  const got = childJson(runChild(childLoad, { env: { RUST_PATTERNS_FORCE_JS: '1' }, args: ['..'] }));
  assert.equal(got.cjs, 'js');
  assert.equal(got.esm, 'js');
  assert.equal(got.native, false);
  assert.match(got.loadError, /RUST_PATTERNS_FORCE_JS=1/);
  assert.deepEqual(got.crc, [CHECK_VALUE, CHECK_VALUE]);
});

test('import and require of "rust-patterns" through a symlinked node_modules entry (npm link, file:)', () => {
  // The package's real path is outside any node_modules: Deno then reads `.js` by the nearest
  // package.json's "type", and before dist/package.json existed it read dist/index.js as ESM
  // ("exports is not defined", issue 18).
  const project = mkdtempSync(join(tmpdir(), 'rp-conformance-link-'));
  try {
    mkdirSync(join(project, 'node_modules'));
    // npm links a directory with a junction on Windows, where a symlink needs Developer Mode.
    const type = process.platform === 'win32' ? 'junction' : 'dir';
    try {
      symlinkSync(root.replace(/[\\/]$/, ''), join(project, 'node_modules', 'rust-patterns'), type);
    } catch (error) {
      // Wine 8 (scripts/platforms-win32.sh) has no reparse points: no junction can exist there.
      if (error.code !== 'ENOTSUP') throw error;
      note(`this system cannot make a ${type} (ENOTSUP), so the linked install is not checked`);
      return;
    }
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'linked', private: true, dependencies: { 'rust-patterns': `file:${root}` } }),
    );
    const main = join(project, 'main.mjs');
    writeFileSync(main, readFileSync(childLoad, 'utf8'));
    const env = forcedJs ? { RUST_PATTERNS_FORCE_JS: '1' } : {};
    const got = childJson(runChild(main, { env, args: ['rust-patterns', main] }));
    assert.equal(got.cjs, expectedImplementation);
    assert.equal(got.esm, expectedImplementation);
    assert.deepEqual(got.crc, [CHECK_VALUE, CHECK_VALUE]);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a permission model that denies native addons falls back to the JS twins and says why', () => {
  let result;
  if (info.runtime === 'deno') {
    // Deno loads Node-API addons only with --allow-ffi; reading the package and env is allowed.
    note('Deno: without --allow-ffi the addon is denied; the library runs on its JS twins');
    result = runChild(childLoad, {
      permissions: ['--allow-read', '--allow-env', '--allow-sys'],
      args: ['..'],
    });
  } else if (info.runtime === 'node') {
    // Node's permission model (experimental in 20, stable from 22) denies addons unless
    // --allow-addons is given.
    const flag = Number(info.version.split('.')[0]) >= 22 ? '--permission' : '--experimental-permission';
    note(`Node: ${flag} without --allow-addons denies the addon; the library runs on its JS twins`);
    result = runChild(childLoad, {
      nodeArgs: [flag, '--allow-fs-read=*', '--allow-child-process'],
      args: ['..'],
    });
  } else {
    // Bun has no permission model: nothing can deny the addon, so the child loads it natively.
    note('Bun: no permission model exists, so the addon is never denied; checked that a child loads it');
    const got = childJson(runChild(childLoad, { args: ['..'] }));
    assert.equal(got.cjs, expectedImplementation);
    return;
  }
  const got = childJson(result);
  assert.equal(got.cjs, 'js');
  assert.equal(got.esm, 'js');
  assert.deepEqual(got.crc, [CHECK_VALUE, CHECK_VALUE]);
  if (!forcedJs) {
    assert.match(got.loadError, /could not be loaded/);
    assert.ok(
      got.causes.some((c) =>
        info.runtime === 'deno' ? /--allow-ffi/ : /loading addons is disabled/.test(c),
      ),
      `no cause names the denial: ${JSON.stringify(got.causes)}`,
    );
  }
});

test('the binding loads inside a worker thread of this runtime', async () => {
  const { Worker } = await import('node:worker_threads');
  const source = `const { parentPort, workerData } = require('node:worker_threads');
const lib = require(workerData);
parentPort.postMessage([lib.implementation, lib.crc32Sync(new TextEncoder().encode('123456789'))]);`;
  const worker = new Worker(source, { eval: true, workerData: root });
  const [implementation, crc] = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.equal(implementation, lib.implementation);
  assert.equal(crc, CHECK_VALUE);
});
