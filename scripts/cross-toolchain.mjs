// Makes `napi build --use-napi-cross` work when the registry lacks the toolchain version the CLI
// asks for.
//
// The CLI extracts the gcc + glibc 2.17 sysroot toolchain to
// ~/.napi-rs/cross-toolchain/<version of @napi-rs/cross-toolchain>/<triple> and skips the download
// when that directory already holds a package.json. @napi-rs/cross-toolchain 1.0.5 asks for
// @napi-rs/cross-toolchain-x64-target-x86_64@1.0.5, which was never published (the registry has
// 0.0.16 and 1.0.0), so the CLI's own download fails. This script fills the same directory from
// the newest published toolchain package not newer than the CLI's version. Run it once per machine;
// it does nothing when the directory is already there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Ensures the toolchain for `triple` exists where the napi CLI looks; returns its directory. */
export function ensureCrossToolchain(triple = 'x86_64-unknown-linux-gnu') {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'arm64')) {
    throw new Error(
      `the napi cross toolchains only run on linux x64/arm64 hosts, not ${process.platform}-${process.arch}`,
    );
  }
  const { version } = require('@napi-rs/cross-toolchain/package.json');
  const dest = join(homedir(), '.napi-rs', 'cross-toolchain', version, triple);
  if (existsSync(join(dest, 'package.json'))) return dest;

  const target = { 'x86_64-unknown-linux-gnu': 'x86_64', 'aarch64-unknown-linux-gnu': 'aarch64' }[triple];
  if (!target) throw new Error(`no napi cross toolchain wired up for ${triple}`);
  const pkg = `@napi-rs/cross-toolchain-${process.arch}-target-${target}`;
  const work = mkdtempSync(join(tmpdir(), 'napi-cross-'));
  try {
    console.log(`cross-toolchain: fetching ${pkg}@<=${version} (about 50 MB) for ${dest}`);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', `${pkg}@<=${version}`, '--json', '--pack-destination', work], {
        cwd: work,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    )[0];
    console.log(`cross-toolchain: using ${packed.name}@${packed.version}`);
    execFileSync('tar', ['xzf', join(work, packed.filename), '-C', work]);
    mkdirSync(dest, { recursive: true });
    execFileSync('tar', ['xJf', join(work, 'package', `${triple}.tar.xz`), '-C', dest]);
  } catch (error) {
    rmSync(dest, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureCrossToolchain(process.argv[2]));
}
