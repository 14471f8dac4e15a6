#!/usr/bin/env node
// `rust-patterns`: the repository's benchmark and report tool. It runs benchmark/cli.ts through
// tsx with --expose-gc, so it needs a checkout with the devDependencies installed (tsx, benny,
// the peer libraries); the published library does not depend on it.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const entry = path.join(__dirname, '..', 'benchmark', 'cli.ts');
let tsx;
try {
  tsx = pathToFileURL(require.resolve('tsx')).href;
} catch {
  tsx = null;
}
if (tsx === null || !existsSync(entry)) {
  process.stderr.write(
    'rust-patterns: this is a repository tool; run it from a checkout after `npm install` ' +
      '(it needs benchmark/ and the devDependencies tsx and benny).\n',
  );
  process.exit(1);
}
const child = spawnSync(process.execPath, ['--expose-gc', '--import', tsx, entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (child.signal) process.kill(process.pid, child.signal);
process.exit(child.status ?? 1);
