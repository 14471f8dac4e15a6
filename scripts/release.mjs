// Builds the release binary and packs the npm packages, without touching the committed
// package.json.
//
//   node scripts/release.mjs [--bundle-prebuilds] [--skip-build] [--plain] [--out DIR]
//
// 1. Builds the addon with napi-rs's cross toolchain (`--use-napi-cross`: gcc against a glibc 2.17
//    sysroot) into target/napi-release, then the TypeScript (dist/). `--plain` uses the host
//    toolchain instead (the binary then needs the host's glibc); `--skip-build` reuses the binary
//    in target/napi-release. The release build leaves out the benchmark-only exports (the
//    `bench-exports` feature of crates/node, which `npm run build` turns on), so the local build
//    is never packed.
// 2. Copies the binary into its platform package, npm/<platform>/ (the other platforms' binaries
//    are placed there by scripts/platforms.sh and scripts/platforms-musl.sh).
// 3. Checks the glibc floor of that binary (scripts/check-glibc.mjs), unless --plain.
// 4. Stages the main package in target/npm-stage/rust-patterns with the optionalDependencies on
//    the platform packages added there only: a committed optionalDependency on an unpublished
//    version would break `npm install` from a clean clone. `--bundle-prebuilds` also copies the
//    binary to prebuilds/<platform>-<arch>/node.napi.<libc>.node (node-gyp-build naming), for
//    installs that skip optional dependencies.
// 5. `npm pack`s the main package and every platform package that has its binary into DIR (default target/npm-pack)
//    and prints the tarballs as JSON on the last line of stdout.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { GLIBC_FLOOR, maxGlibc } from './check-glibc.mjs';
import { ensureCrossToolchain } from './cross-toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2], ...opts });

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const outAt = args.indexOf('--out');
const outDir = resolve(outAt === -1 ? join(root, 'target', 'npm-pack') : args[outAt + 1]);
const bundlePrebuilds = flag('--bundle-prebuilds');
const releaseDir = join(root, 'target', 'napi-release');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { binaryName, packageName } = pkg.napi;
// The one target this script builds; the others' binaries are placed in their npm/ dirs by
// scripts/platforms*.sh, which also install-test them.
const platform = 'linux-x64-gnu';
const nodeFile = `${binaryName}.${platform}.node`;

// 1. Build.
if (!flag('--skip-build')) {
  rmSync(releaseDir, { recursive: true, force: true });
  const napiArgs = ['build', '--platform', '--release', '--manifest-path', 'crates/node/Cargo.toml'];
  napiArgs.push('--output-dir', releaseDir, '--js', 'index.js', '--dts', 'index.d.ts');
  if (!flag('--plain')) {
    ensureCrossToolchain('x86_64-unknown-linux-gnu');
    napiArgs.push('--use-napi-cross', '--target', 'x86_64-unknown-linux-gnu');
  }
  run(bin('napi'), napiArgs);
  // The release build regenerates the loader and types too: they must match the committed ones.
  for (const file of ['index.js', 'index.d.ts']) {
    if (readFileSync(join(releaseDir, file), 'utf8') !== readFileSync(join(root, file), 'utf8')) {
      throw new Error(
        `release: the release build generated a different ${file}; run \`npm run build\` and commit it`,
      );
    }
  }
  run('npm', ['run', 'build:ts']);
}
const built = join(releaseDir, nodeFile);
if (!existsSync(built)) {
  throw new Error(`release: no ${built}; run \`npm run release\` (without --skip-build) first`);
}
if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('release: no dist/; run `npm run build:ts`');

// 2. Place the binary in its platform package. (`napi artifacts` would do the same, but it refuses
// to run while any configured target's binary is missing, and the others come from
// scripts/platforms.sh.)
const shipped = join(root, 'npm', platform, nodeFile);
copyFileSync(built, shipped);

// 3. The glibc floor.
const needs = maxGlibc(shipped);
console.error(`release: ${nodeFile} needs GLIBC_${needs}; promised floor GLIBC_${GLIBC_FLOOR}`);
if (!flag('--plain') && !flag('--skip-build')) run('node', ['scripts/check-glibc.mjs', shipped]);

// 4. Stage the main package.
const stage = join(root, 'target', 'npm-stage', pkg.name);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const entry of [...pkg.files, 'README.md', 'LICENSE']) {
  // Only plain names and directories are listed in `files`; a glob would need npm's matcher.
  if (entry.includes('*')) throw new Error(`release: glob in package.json files: ${entry}`);
  if (existsSync(join(root, entry)) && entry !== 'prebuilds')
    cpSync(join(root, entry), join(stage, entry), { recursive: true });
}
// The platform packages whose binary is in place: linux-x64-gnu from step 2, the others from
// scripts/platforms.sh. A platform package without its binary is neither packed nor listed.
const platformDirs = readdirSync(join(root, 'npm')).filter((dir) =>
  readdirSync(join(root, 'npm', dir)).some((f) => f.endsWith('.node')),
);
// The WebAssembly build (scripts/platforms-wasm.sh puts its module in npm/wasm32-wasi/) is packed
// beside them but not listed: users install it on request (docs/install.md).
const wasmDirs = readdirSync(join(root, 'npm')).filter((dir) =>
  readdirSync(join(root, 'npm', dir)).some((f) => f.endsWith('.wasm')),
);
const versions = {};
for (const dir of [...platformDirs, ...wasmDirs]) {
  const platformPkg = JSON.parse(readFileSync(join(root, 'npm', dir, 'package.json'), 'utf8'));
  if (platformPkg.version !== pkg.version) {
    throw new Error(
      `release: npm/${dir} is version ${platformPkg.version}, not ${pkg.version}; run \`napi version\``,
    );
  }
  if (platformDirs.includes(dir)) versions[platformPkg.name] = platformPkg.version;
}
const manifest = { ...pkg, optionalDependencies: { ...pkg.optionalDependencies, ...versions } };
// Lifecycle scripts that build from source must not run on the staged copy or for users.
delete manifest.scripts?.prepare;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
if (bundlePrebuilds) {
  const [os, arch, abi] = platform.split('-');
  const libc = abi === 'musl' ? 'musl' : 'glibc';
  mkdirSync(join(stage, 'prebuilds', `${os}-${arch}`), { recursive: true });
  copyFileSync(shipped, join(stage, 'prebuilds', `${os}-${arch}`, `node.napi.${libc}.node`));
}
if (packageName !== `@${pkg.name}/binding`) {
  throw new Error(
    `release: napi.packageName ${packageName} does not match src/native.ts (@${pkg.name}/binding)`,
  );
}

// 5. Pack.
mkdirSync(outDir, { recursive: true });
const pack = (dir) =>
  JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  )[0];
const tarballs = [pack(stage), ...[...platformDirs, ...wasmDirs].map((dir) => pack(join(root, 'npm', dir)))];
const result = tarballs.map((t) => ({
  name: t.name,
  version: t.version,
  file: join(outDir, t.filename),
  size: t.size,
  unpackedSize: t.unpackedSize,
  files: t.files.map((f) => f.path),
}));
for (const t of result) {
  console.error(
    `release: ${t.file}  ${(t.size / 1024).toFixed(1)} kB packed, ${(t.unpackedSize / 1024).toFixed(1)} kB unpacked, ${t.files.length} files`,
  );
}
console.log(JSON.stringify(result));
