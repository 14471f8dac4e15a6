// Installs the packed tarballs into empty projects, the way a user would, with the registry
// disabled, and checks what the README's install section promises.
//
//   node scripts/test-install.mjs [--keep]
//
// Needs the release binary (`npm run release`: glibc 2.17, no benchmark exports): it rebuilds
// dist/, then packs that binary with `scripts/release.mjs --skip-build`, so the tarballs have the
// release layout.
//
// Offline: every project installs with `--offline`, an empty private cache and an unreachable
// registry, so nothing can come from the network or the user's cache. The runtime
// dependencies, piscina and node-gyp-build, are packed from this checkout's node_modules
// (`npm pack <dir>`) and installed as tarballs too; piscina's optional dependency and the
// platform package (when not given) are then unreachable optional dependencies, which npm
// skips, just as `--omit=optional`, offline mirrors and foreign lockfiles do.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'rust-patterns-install-'));
const keep = process.argv.includes('--keep');
const platformPackage = '@rust-patterns/binding-linux-x64-gnu';
const quiet = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
let failures = 0;

function step(name, fn) {
  const t0 = Date.now();
  try {
    const detail = fn();
    console.log(
      `ok   ${name} (${Date.now() - t0} ms)${detail ? `\n     ${detail.split('\n').join('\n     ')}` : ''}`,
    );
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}\n${String(error.stderr || '')}${String(error.stdout || '')}${error.stack}`);
  }
}

function pack(args) {
  const out = execFileSync('node', [join(root, 'scripts', 'release.mjs'), '--skip-build', ...args], {
    cwd: root,
    ...quiet,
  });
  return JSON.parse(out.trim().split('\n').at(-1));
}

function install(name, tarballs) {
  const dir = join(work, name);
  mkdirSync(dir);
  const dependencies = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.file}`]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, dependencies }, null, 2));
  execFileSync(
    'npm',
    [
      'install',
      '--offline',
      '--cache',
      join(work, 'npm-cache'),
      '--registry',
      'http://127.0.0.1:9/',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel',
      'error',
    ],
    { cwd: dir, ...quiet },
  );
  writeFileSync(join(dir, 'check.cjs'), checkSource('cjs'));
  writeFileSync(join(dir, 'check.mjs'), checkSource('esm'));
  return dir;
}

/** One check script, in either module format; expectations come from the environment. */
function checkSource(format) {
  const head =
    format === 'cjs'
      ? `const rp = require('rust-patterns');\nconst assert = require('node:assert/strict');\nconst entry = require.resolve('rust-patterns');\n`
      : `import * as rp from 'rust-patterns';\nimport assert from 'node:assert/strict';\nimport { createRequire } from 'node:module';\nconst entry = import.meta.resolve('rust-patterns');\nconst require = createRequire(import.meta.url);\n`;
  return `${head}
const expected = process.env.EXPECT;
const messages = (e, seen = new Set()) => {
  if (!e || typeof e !== 'object' || seen.has(e)) return [];
  seen.add(e);
  return [String(e.message), ...(e.errors ?? []).flatMap((x) => messages(x, seen)), ...messages(e.cause, seen)];
};
(async () => {
  assert.ok(entry.endsWith(${format === 'cjs' ? "'dist/index.js'" : "'dist/index.mjs'"}), entry);
  assert.equal(rp.implementation, expected, String(rp.loadError?.stack));
  // The ESM entry re-exports the CommonJS build: one module instance, one binding.
  assert.equal(rp.native, require('rust-patterns').native);
  const check = Buffer.from('123456789');
  assert.equal(rp.crc32Sync(check), 0xcbf43926);
  assert.equal(await rp.crc32(check), 0xcbf43926);
  // Large enough to pass the thresholds, so the top-level functions use the binding when loaded.
  const data = Buffer.alloc(4096, 7);
  data[5] = 1;
  assert.equal(rp.countByte(data, 7), 4095);
  assert.equal(rp.xorIntoNew, undefined, 'xorIntoNew is benchmark-only (lab binding)');
  assert.equal(rp.js.crc32Sync(check), 0xcbf43926);
  // Record decode against a hand-built 24-byte record at an odd offset (known input, known
  // fields), repeated past the native threshold so the top-level function uses the binding.
  const record = Buffer.alloc(24);
  record.writeBigUInt64LE(2n ** 60n + 3n, 0);
  record.writeDoubleLE(-2.5, 8);
  record.writeUInt32LE(0xdeadbeef, 16);
  record.writeUInt16LE(7, 20);
  record.writeUInt16LE(0x8001, 22);
  const stream = Buffer.alloc(1 + 24 * 64);
  for (let i = 0; i < 64; i++) record.copy(stream, 1 + 24 * i);
  const columns = rp.decodeRecords(stream.subarray(1));
  assert.equal(columns.timestamp.length, 64);
  assert.equal(columns.timestamp[63], 2n ** 60n + 3n);
  assert.equal(columns.value[63], -2.5);
  assert.equal(columns.id[63], 0xdeadbeef);
  assert.equal(columns.kind[63], 7);
  assert.equal(columns.flags[63], 0x8001);
  assert.ok(rp.encodeRecords(columns).equals(stream.subarray(1)));
  if (expected === 'native') {
    assert.equal(rp.loadError, null);
    assert.equal(rp.native.crc32Sync(check), 0xcbf43926);
    assert.equal(rp.native.countByte(data, 1), 1);
    assert.notEqual(rp.simdLevel(), 'js');
  } else {
    assert.equal(rp.native, null);
    assert.equal(rp.simdLevel(), 'js');
    const all = messages(rp.loadError);
    for (const want of (process.env.EXPECT_IN_ERROR ?? '').split('|').filter(Boolean)) {
      assert.ok(all.some((m) => m.includes(want)), \`loadError does not mention "\${want}":\\n\${all.join('\\n')}\`);
    }
  }
  const nodeFiles = Object.keys(require.cache).filter((k) => k.endsWith('.node'));
  console.log(\`${format}: implementation=\${rp.implementation} simd=\${rp.simdLevel()} loaded=\${nodeFiles.join(',') || '-'}\`);
  if (expected === 'js') console.log(\`${format}: loadError: \${rp.loadError.message}\n${format}:   errors[0]: \${rp.loadError.errors?.[0]?.message}\`);
  if (process.env.EXPECT_LOADED) assert.ok(nodeFiles.some((f) => f.includes(process.env.EXPECT_LOADED)), nodeFiles.join());
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
`;
}

function runChecks(dir, env) {
  return ['check.cjs', 'check.mjs']
    .map((file) =>
      execFileSync('node', [file], {
        cwd: dir,
        ...quiet,
        env: { ...process.env, RUST_PATTERNS_FORCE_JS: '', ...env },
      }).trim(),
    )
    .join('\n');
}

/** The types of both `exports` conditions, checked by tsc as a user's TypeScript would see them. */
function typeCheck(dir) {
  const body = `
const n: number = rp.crc32Sync(new Uint8Array(4), 0);
const p: Promise<number> = rp.crc32(new Uint8Array(4), 0, AbortSignal.timeout(1000));
const c: number = rp.countByte(new Uint8Array(4), 1);
// @ts-expect-error benchmark-only kernels are not in the package's types
rp.xorIntoNew(new Uint8Array(4), new Uint8Array(1));
const i: 'native' | 'wasm' | 'js' = rp.implementation;
const e: Error | null = rp.loadError;
const s: string = rp.simdLevel();
const t: number = rp.thresholds.crc32NativeMinBytes;
const j: number = rp.js.crc32Sync(new Uint8Array(1));
const m: number | undefined = rp.native?.crc32Sync(new Uint8Array(1));
// @ts-expect-error strings are not bytes
rp.crc32Sync('abc');
export { n, p, c, i, e, s, t, j, m };
`;
  writeFileSync(join(dir, 'types.mts'), `import * as rp from 'rust-patterns';\n${body}`);
  writeFileSync(join(dir, 'types.cts'), `import rp = require('rust-patterns');\n${body}`);
  execFileSync(
    join(root, 'node_modules', '.bin', 'tsc'),
    [
      '--noEmit',
      '--strict',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--target',
      'es2022',
    ].concat([
      '--typeRoots',
      join(root, 'node_modules', '@types'),
      '--types',
      'node',
      'types.mts',
      'types.cts',
    ]),
    { cwd: dir, ...quiet },
  );
  return 'tsc --module node16: import (index.d.mts) and require (index.d.ts) types both check';
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let plain, withPrebuilds, deps;
step('build dist/ and pack main and platform tarballs (scripts/release.mjs --skip-build)', () => {
  // dist/ is cheap to rebuild and easy to leave stale; the binary is taken as built.
  execFileSync('npm', ['run', 'build:ts'], { cwd: root, ...quiet });
  plain = pack(['--out', join(work, 'pack')]);
  withPrebuilds = pack(['--out', join(work, 'pack-prebuilds'), '--bundle-prebuilds']);
  mkdirSync(join(work, 'deps'));
  deps = ['piscina', 'node-gyp-build'].map((dep) => {
    const out = execFileSync(
      'npm',
      [
        'pack',
        join(root, 'node_modules', dep),
        '--json',
        '--ignore-scripts',
        '--pack-destination',
        join(work, 'deps'),
      ],
      { cwd: root, ...quiet, env: { ...process.env, npm_config_loglevel: 'error' } },
    );
    const p = JSON.parse(out)[0];
    return { name: p.name, file: join(work, 'deps', p.filename) };
  });
  return [...plain, withPrebuilds[0]]
    .map(
      (t) =>
        `${basename(t.file)}${t === withPrebuilds[0] ? ' (--bundle-prebuilds)' : ''}: ${kb(t.size)} packed, ${kb(t.unpackedSize)} unpacked, ${t.files.length} files`,
    )
    .join('\n');
});
if (!deps) process.exit(1);
const main = plain[0];
const platform = plain.find((t) => t.name === platformPackage);

step('main tarball holds no Rust sources, target/, tests, TS sources or binaries', () => {
  const bad = main.files.filter((f) =>
    /(^|\/)(target|crates|__test__|benchmark|src|npm|scripts)\/|\.rs$|Cargo\.(toml|lock)$|\.node$|\.spec\.|\.test-d\./.test(
      f,
    ),
  );
  assert(bad.length === 0, `unexpected files: ${bad.join(', ')}`);
  const platformFiles = platform.files.filter((f) => !['package.json', 'README.md'].includes(f));
  assert(platformFiles.length === 1 && platformFiles[0].endsWith('.node'), platform.files.join());
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert(!manifest.optionalDependencies, 'the committed package.json must not list optionalDependencies');
  return `main: ${main.files.length} files (dist/, index.js, index.d.ts, package.json); platform: ${platform.files.join(', ')}`;
});

let full;
step('main + platform package: require and import load the native binding', () => {
  full = install('with-platform-package', [main, platform, ...deps]);
  return runChecks(full, { EXPECT: 'native', EXPECT_LOADED: `node_modules/${platformPackage}/` });
});

step(
  'installed package: no bin, no benchmark files or exports, no schema/, a LICENSE, no dangling source maps',
  () => {
    const pkgDir = join(full, 'node_modules', 'rust-patterns');
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    assert(manifest.bin === undefined, `package.json has a bin: ${JSON.stringify(manifest.bin)}`);
    assert(
      !existsSync(join(full, 'node_modules', '.bin', 'rust-patterns')),
      'node_modules/.bin/rust-patterns exists',
    );
    assert(main.files.includes('LICENSE'), `no LICENSE in the tarball: ${main.files.join(', ')}`);
    const benchmarkFiles = main.files.filter(
      (f) => f.startsWith('benchmark/') || f.startsWith('schema/') || f.includes('/lab/'),
    );
    assert(benchmarkFiles.length === 0, `benchmark files in the tarball: ${benchmarkFiles.join(', ')}`);
    // Source maps ship only with the sources they point at (tsconfig.build.json turns them off, so
    // today there are none, and no sourceMappingURL comment may point at a missing map either).
    const shipped = new Set(main.files);
    const maps = main.files.filter((f) => f.endsWith('.map'));
    for (const map of maps) {
      const { sources = [] } = JSON.parse(readFileSync(join(pkgDir, map), 'utf8'));
      for (const source of sources) {
        const file = join(dirname(map), source);
        assert(shipped.has(file), `${map} points at ${source}, which is not in the tarball`);
      }
    }
    for (const js of main.files.filter((f) => /\.(c|m)?js$/.test(f))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(pkgDir, js), 'utf8'))?.[1];
      if (url && !url.startsWith('data:')) {
        assert(
          shipped.has(join(dirname(js), url)),
          `${js} names the source map ${url}, which is not shipped`,
        );
      }
    }
    // Every name the shipped `.node` registers and every export of every dist/ file, against
    // the public types (scripts/package-surface.mjs): a benchmark export fails here whatever its
    // name.
    const nodeFile = join(full, 'node_modules', platformPackage, `rust-patterns.linux-x64-gnu.node`);
    const surface = execFileSync('node', [join(root, 'scripts', 'package-surface.mjs'), pkgDir, nodeFile], {
      cwd: full,
      ...quiet,
      env: { ...process.env, RUST_PATTERNS_FORCE_JS: '' },
    });
    assert(surface.trim() === '', surface);
    const distFiles = main.files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')).length;
    return `no bin; LICENSE; ${maps.length} source maps; the .node's exports and ${distFiles} dist/*.js files match the public types`;
  },
);
step('types: import and require conditions (tsc, module node16)', () => typeCheck(full));
step('main alone (optional dependency skipped): JS fallback, loadError names the platform package', () => {
  const dir = install('main-only', [main, ...deps]);
  return runChecks(dir, { EXPECT: 'js', EXPECT_IN_ERROR: `npm install ${platformPackage}@${main.version}` });
});
step('main with --bundle-prebuilds, no platform package: native from prebuilds/', () => {
  const dir = install('prebuilds-only', [withPrebuilds[0], ...deps]);
  return runChecks(dir, { EXPECT: 'native', EXPECT_LOADED: 'prebuilds/linux-x64/node.napi.glibc.node' });
});
step('truncated .node in the platform package: import does not throw, JS fallback with the cause', () => {
  const file = join(full, 'node_modules', platformPackage, `rust-patterns.linux-x64-gnu.node`);
  truncateSync(file, Math.floor(statSync(file).size / 2));
  return runChecks(full, {
    EXPECT: 'js',
    EXPECT_IN_ERROR: `rust-patterns.linux-x64-gnu.node|${platformPackage}`,
  });
});

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

if (keep) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(
  `${failures === 0 ? 'PASS' : 'FAIL'} test:install in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failures === 0 ? 0 : 1);
