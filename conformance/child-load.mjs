// Loaded in a child process by loading.mjs: loads the package given as argv[2] (a directory or
// a bare name) with require and with import, and prints what it got as one JSON line.
import { createRequire } from 'node:module';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const target = process.argv[2] ?? '..';
const here = process.argv[3] ? pathToFileURL(process.argv[3]).href : import.meta.url;
const cjs = createRequire(here)(target);
const esm = await import(
  target.startsWith('.') || target.startsWith('/')
    ? new URL(target.replace(/\/?$/, '/dist/index.mjs'), here).href
    : target
);
const bytes = new TextEncoder().encode('123456789');
// Every message in loadError's chain (`errors` per step, each with its `cause` chain).
const causes = [];
const walk = (error, depth) => {
  if (!error || depth > 8) return;
  causes.push(String(error.message));
  for (const inner of error.errors ?? []) walk(inner, depth + 1);
  walk(error.cause, depth + 1);
};
walk(cjs.loadError, 0);
console.log(
  JSON.stringify({
    cjs: cjs.implementation,
    esm: esm.implementation,
    native: cjs.native !== null,
    loadError: cjs.loadError ? String(cjs.loadError.message) : null,
    causes,
    crc: [cjs.crc32Sync(bytes), esm.crc32Sync(bytes)],
  }),
);
