// Builds (when missing or older than its source) and loads the raw C Node-API reference addon
// (floor.c) with the system C compiler and the Node-API headers of the `node-api-headers` npm
// package: no node-gyp, no download. The `.node` file goes to build/ beside this file (ignored by
// git). Node-API is ABI-stable, so one build serves Node 20 and 26, Bun and Deno.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const here = __dirname;

/** The path of the built addon, building it first when needed. */
function buildRawC() {
  const source = join(here, 'floor.c');
  const out = join(here, 'build', 'floor.node');
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(source).mtimeMs) return out;
  const include = require('node-api-headers').include_dir;
  mkdirSync(dirname(out), { recursive: true });
  // -O2 and no -march: the same portable code generation as the Rust release build.
  execFileSync(
    process.env.CC ?? 'cc',
    ['-O2', '-shared', '-fPIC', '-Wall', '-Werror', `-I${include}`, '-o', out, source],
    { stdio: 'inherit' },
  );
  return out;
}

/**
 * The raw C reference functions: countByte, isUtf8, utf8ValidUpTo, crc32Sync, lineOffsets,
 * decodeRecordArraysInto and encodeRecordArraysInto.
 */
function loadRawC() {
  return require(buildRawC());
}

module.exports = { buildRawC, loadRawC };
