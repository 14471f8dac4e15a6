// Prints the newest GLIBC_x.y symbol version each shipped .node file needs, and fails when it is
// newer than the floor the README promises (GLIBC_FLOOR below, or --max x.y).
//
// Usage: node scripts/check-glibc.mjs [--max 2.17] [file.node ...]
// Without files it checks the platform packages' binaries (npm/*-gnu/*.node), which `npm run
// release` places; a plain `npm run build` on a new distribution needs a newer glibc and is not
// what users get.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The glibc floor promised in the README's install section (linux-x64-gnu). */
export const GLIBC_FLOOR = '2.17';

/**
 * The floor per platform package (docs/install.md). linux-arm64-gnu is linked against Debian's
 * cross sysroot (glibc 2.36) by scripts/platforms.sh: libpthread's symbols are GLIBC_2.34 there.
 */
export const GLIBC_FLOORS = { 'linux-x64-gnu': GLIBC_FLOOR, 'linux-arm64-gnu': '2.34' };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function compare(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The highest GLIBC_ version among the dynamic symbols `file` imports (null if none). */
export function maxGlibc(file) {
  // readelf reads the version-needs section directly; objdump -T is the fallback (binutils both).
  let text;
  try {
    text = execFileSync('readelf', ['--version-info', '--wide', file], { encoding: 'utf8' });
  } catch {
    text = execFileSync('objdump', ['-T', file], { encoding: 'utf8' });
  }
  const versions = [...text.matchAll(/GLIBC_(\d+(?:\.\d+)+)/g)].map((m) => m[1]);
  return versions.sort(compare).at(-1) ?? null;
}

function shippedBinaries() {
  const npmDir = join(root, 'npm');
  if (!existsSync(npmDir)) return [];
  return readdirSync(npmDir)
    .filter((d) => d.endsWith('-gnu'))
    .flatMap((d) =>
      readdirSync(join(npmDir, d))
        .filter((f) => f.endsWith('.node'))
        .map((f) => join(npmDir, d, f)),
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let max = null;
  const maxAt = args.indexOf('--max');
  if (maxAt !== -1) max = args.splice(maxAt, 2)[1];
  const files = args.length > 0 ? args : shippedBinaries();
  if (files.length === 0) {
    console.error('check-glibc: no binary to check; run `npm run release` first or pass a .node file');
    process.exit(1);
  }
  let failed = false;
  for (const file of files) {
    const platform = Object.keys(GLIBC_FLOORS).find((p) => resolve(file).includes(`/npm/${p}/`));
    const floor = max ?? (platform ? GLIBC_FLOORS[platform] : GLIBC_FLOOR);
    const need = maxGlibc(file);
    const ok = need === null || compare(need, floor) <= 0;
    failed ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${relative(process.cwd(), file)} needs GLIBC_${need ?? '(none)'}; promised floor GLIBC_${floor}`,
    );
  }
  process.exit(failed ? 1 : 0);
}
