#!/usr/bin/env node
// Prints how far the pinned napi-rs crates are behind the newest release on crates.io (a CI
// line; it never fails the build). The pin and its reason are in the workspace Cargo.toml.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');

/** The version of `name` in Cargo.lock. */
function locked(name) {
  const m = lock.match(new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`));
  return m ? m[1] : null;
}

/** The newest version crates.io lists for `name` (`cargo info`), or null offline. */
function newest(name) {
  // Outside the workspace, or cargo info describes the locked version instead of the newest.
  const out = spawnSync('cargo', ['info', name], { encoding: 'utf8', timeout: 60_000, cwd: tmpdir() });
  const m = out.status === 0 ? out.stdout.match(/^version: (\S+)/m) : null;
  return m ? m[1] : null;
}

/** Releases between two versions, as "N minor" or "N patch" (same major assumed). */
function behind(pinned, latest) {
  const [a, b] = [pinned, latest].map((v) => v.split('.').map(Number));
  if (a[0] !== b[0]) return `major ${a[0]} -> ${b[0]}`;
  if (a[1] !== b[1]) return `${b[1] - a[1]} minor release${b[1] - a[1] === 1 ? '' : 's'} behind`;
  if (a[2] !== b[2]) return `${b[2] - a[2]} patch release${b[2] - a[2] === 1 ? '' : 's'} behind`;
  return 'up to date';
}

for (const name of ['napi', 'napi-derive']) {
  const pinned = locked(name);
  const latest = newest(name);
  if (!pinned) process.stdout.write(`${name}: not in Cargo.lock\n`);
  else if (!latest) process.stdout.write(`${name}: pinned at ${pinned}; crates.io not reachable\n`);
  else process.stdout.write(`${name}: pinned at ${pinned}, newest ${latest} (${behind(pinned, latest)})\n`);
}
