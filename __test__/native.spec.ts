/**
 * The loader's search order and fallbacks (src/native.ts). Each case runs the loader in a child
 * process, because it runs once per process at import; files are copied into temporary package
 * roots so that a case can remove or break the binary without touching the checkout.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { builtPlatforms, elfProblem, findPrebuild, native, platformArchAbi } from '../src/native.js';

const root = path.resolve(__dirname, '..');
const platform = platformArchAbi();
const localBuild = path.join(root, `rust-patterns.${platform}.node`);
const built = fs.existsSync(localBuild);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rust-patterns-loader-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

interface Outcome {
  implementation: string;
  message: string | null;
  steps: string[];
  causes: string[];
  loaded: string[];
}

/** Imports `<packageRoot>/src/native.ts` in a fresh Node with `env`, and reports what it chose. */
function loadIn(packageRoot: string, env: Record<string, string> = {}): Outcome {
  const script = `
    const n = require(${JSON.stringify(path.join(packageRoot, 'src', 'native.ts'))});
    const causes = [];
    for (let e = n.loadError; e; e = e.cause) causes.push(String(e.message));
    for (const s of n.loadError?.errors ?? []) for (let e = s; e; e = e.cause) causes.push(String(e.message));
    console.log(JSON.stringify({
      implementation: n.implementation,
      message: n.loadError ? n.loadError.message : null,
      steps: (n.loadError?.errors ?? []).map((e) => e.message),
      causes,
      loaded: Object.keys(require.cache).filter((k) => k.endsWith('.node')),
    }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RUST_PATTERNS_FORCE_JS: '', RUST_PATTERNS_NATIVE_PATH: '', ...env },
  });
  return JSON.parse(out) as Outcome;
}

/** A package root with the loader and the generated index.js, and no binary anywhere. */
function bareRoot(name: string): string {
  const dir = path.join(temp, name);
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.copyFileSync(path.join(root, 'src', 'native.ts'), path.join(dir, 'src', 'native.ts'));
  for (const file of ['index.js', 'package.json'])
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  // The package's dependencies (node-gyp-build for prebuilds/), as an install has them.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function truncatedCopy(to: string): string {
  const bytes = fs.readFileSync(localBuild);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, bytes.subarray(0, bytes.length >> 1));
  return to;
}

describe('loader order and fallbacks', () => {
  it('RUST_PATTERNS_FORCE_JS=1 skips the search', () => {
    const outcome = loadIn(root, { RUST_PATTERNS_FORCE_JS: '1' });
    expect(outcome.implementation).toBe('js');
    expect(outcome.message).toContain('RUST_PATTERNS_FORCE_JS=1');
    expect(outcome.loaded).toEqual([]);
  });

  it('a bad RUST_PATTERNS_NATIVE_PATH falls back to JS, not to another binary', () => {
    const bad = path.join(temp, 'not-an-addon.node');
    fs.writeFileSync(bad, 'this is not a shared object');
    const outcome = loadIn(root, { RUST_PATTERNS_NATIVE_PATH: bad });
    expect(outcome.implementation).toBe('js');
    expect(outcome.message).toContain('RUST_PATTERNS_NATIVE_PATH');
    expect(outcome.steps).toHaveLength(1);
    expect(outcome.causes.some((m) => m.includes(bad))).toBe(true);
    expect(outcome.loaded).toEqual([]);
  });

  it.skipIf(!built)('RUST_PATTERNS_NATIVE_PATH loads the named file first', () => {
    const copy = path.join(temp, 'explicit', 'copy.node');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(localBuild, copy);
    const outcome = loadIn(root, { RUST_PATTERNS_NATIVE_PATH: copy });
    expect(outcome).toMatchObject({ implementation: 'native', message: null, loaded: [copy] });
  });

  it('without any binary: JS, and loadError names the platform package to install', () => {
    const outcome = loadIn(bareRoot('bare'));
    expect(outcome.implementation).toBe('js');
    expect(outcome.message).toContain(`npm install @rust-patterns/binding-${platform}@0.1.0`);
    expect(outcome.steps.map((s) => s.split(':')[0])).toEqual([
      'local build and platform package (generated napi-rs loader)',
      'prebuilds/',
    ]);
    expect(outcome.causes.some((m) => m.includes('Cannot find native binding'))).toBe(true);
  });

  it.skipIf(!built)('a local build next to the package root is found', () => {
    const dir = bareRoot('local');
    fs.copyFileSync(localBuild, path.join(dir, `rust-patterns.${platform}.node`));
    const outcome = loadIn(dir);
    expect(outcome).toMatchObject({ implementation: 'native', message: null });
    expect(outcome.loaded).toEqual([path.join(dir, `rust-patterns.${platform}.node`)]);
  });

  it.skipIf(!built)('a truncated local build does not crash; prebuilds/ is used next', () => {
    const dir = bareRoot('truncated-local');
    truncatedCopy(path.join(dir, `rust-patterns.${platform}.node`));
    const prebuild = path.join(
      dir,
      'prebuilds',
      `${process.platform}-${process.arch}`,
      'node.napi.glibc.node',
    );
    fs.mkdirSync(path.dirname(prebuild), { recursive: true });
    fs.copyFileSync(localBuild, prebuild);
    const outcome = loadIn(dir);
    expect(outcome).toMatchObject({ implementation: 'native', message: null, loaded: [prebuild] });
  });

  it.skipIf(!built)('a truncated binary everywhere: JS, and the cause says truncated', () => {
    const dir = bareRoot('truncated-everywhere');
    truncatedCopy(path.join(dir, `rust-patterns.${platform}.node`));
    truncatedCopy(path.join(dir, 'prebuilds', `${process.platform}-${process.arch}`, 'node.napi.node'));
    const outcome = loadIn(dir);
    expect(outcome.implementation).toBe('js');
    expect(outcome.message).toContain('failed to load');
    expect(outcome.steps).toHaveLength(2);
    expect(outcome.steps[0]).toMatch(/^local build: .* is truncated/);
    expect(outcome.steps[1]).toMatch(/^prebuilds\/ \(.*node\.napi\.node\): .* is truncated/);
  });
});

describe('the WebAssembly build in the search order', () => {
  /**
   * A stand-in for the generated `rust-patterns.wasi.cjs` (with the `.wasm` beside it, which the
   * loader requires to be there): a module with the binding's two marker functions, so the order
   * is tested without a wasm build. `fails` makes it throw as a broken module would.
   */
  function withWasm(dir: string, fails = false): string {
    fs.writeFileSync(
      path.join(dir, 'rust-patterns.wasi.cjs'),
      fails
        ? "throw new Error('stand-in wasm loader failed');\n"
        : "exports.crc32Sync = () => 0;\nexports.simdLevel = () => 'wasm stand-in';\n",
    );
    fs.writeFileSync(path.join(dir, 'rust-patterns.wasm32-wasi.wasm'), '');
    return path.join(dir, 'rust-patterns.wasi.cjs');
  }

  it('without a native binary, the WebAssembly build is used', () => {
    const dir = bareRoot('wasm-only');
    withWasm(dir);
    const outcome = loadIn(dir);
    expect(outcome).toMatchObject({ implementation: 'wasm', message: null, loaded: [] });
  });

  it.skipIf(!built)('a native binary comes first; NAPI_RS_FORCE_WASI=1 or true puts wasm first', () => {
    const dir = bareRoot('wasm-and-native');
    withWasm(dir);
    fs.copyFileSync(localBuild, path.join(dir, `rust-patterns.${platform}.node`));
    expect(loadIn(dir).implementation).toBe('native');
    expect(loadIn(dir, { NAPI_RS_FORCE_WASI: '1' })).toMatchObject({ implementation: 'wasm', loaded: [] });
    expect(loadIn(dir, { NAPI_RS_FORCE_WASI: 'true' }).implementation).toBe('wasm');
    // napi-rs's own spelling of "off" stays off.
    expect(loadIn(dir, { NAPI_RS_FORCE_WASI: '0' }).implementation).toBe('native');
  });

  it.skipIf(!built)('prebuilds/ comes before the WebAssembly build', () => {
    const dir = bareRoot('wasm-after-prebuilds');
    withWasm(dir);
    const prebuild = path.join(dir, 'prebuilds', `${process.platform}-${process.arch}`, 'node.napi.node');
    fs.mkdirSync(path.dirname(prebuild), { recursive: true });
    fs.copyFileSync(localBuild, prebuild);
    expect(loadIn(dir)).toMatchObject({ implementation: 'native', message: null, loaded: [prebuild] });
  });

  it('a failing WebAssembly build: JS, with one error per step, wasm last', () => {
    const dir = bareRoot('wasm-fails');
    withWasm(dir, true);
    const outcome = loadIn(dir);
    expect(outcome.implementation).toBe('js');
    expect(outcome.steps.map((s) => s.split(':')[0])).toEqual([
      `@rust-patterns/binding-${platform}`,
      'prebuilds/',
      'local WebAssembly build',
    ]);
    expect(outcome.causes.some((m) => m.includes('stand-in wasm loader failed'))).toBe(true);
  });

  it('NAPI_RS_FORCE_WASI=error tries the WebAssembly build alone', () => {
    const outcome = loadIn(bareRoot('wasm-error-none'), { NAPI_RS_FORCE_WASI: 'error' });
    expect(outcome.implementation).toBe('js');
    expect(outcome.steps).toEqual([
      'NAPI_RS_FORCE_WASI=error: no WebAssembly build: install @rust-patterns/binding-wasm32-wasi',
    ]);
    const dir = bareRoot('wasm-error');
    withWasm(dir);
    expect(loadIn(dir, { NAPI_RS_FORCE_WASI: 'error' }).implementation).toBe('wasm');
  });
});

describe('findPrebuild (node-gyp-build naming)', () => {
  const make = (name: string, files: string[]): string => {
    const dir = path.join(temp, 'prebuild-roots', name);
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, 'prebuilds', file)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'prebuilds', file), '');
    }
    return dir;
  };
  const here = `${process.platform}-${process.arch}`;
  const libc = platform.endsWith('-musl') ? 'musl' : 'glibc';
  const otherLibc = libc === 'musl' ? 'glibc' : 'musl';

  it('is null without a prebuilds/ directory or without a matching platform', () => {
    expect(findPrebuild(make('none', []))).toBeNull();
    expect(findPrebuild(make('other', ['plan9-mips/node.napi.node']))).toBeNull();
  });

  it('prefers the matching libc tag and skips the other libc and other runtimes', () => {
    const dir = make('libc', [
      `${here}/node.napi.${otherLibc}.node`,
      `${here}/node.napi.node`,
      `${here}/node.napi.${libc}.node`,
      `${here}/electron.napi.node`,
    ]);
    expect(findPrebuild(dir)).toBe(path.join(dir, 'prebuilds', here, `node.napi.${libc}.node`));
  });

  it('skips ABI-specific builds for another Node, and prefers a single-arch directory', () => {
    const dir = make('abi', [
      `${here}+fakearch/node.napi.node`,
      `${here}/node.abi1.node`,
      `${here}/node.napi.node`,
      `${here}/readme.txt`,
    ]);
    expect(findPrebuild(dir)).toBe(path.join(dir, 'prebuilds', here, 'node.napi.node'));
  });
});

describe('elfProblem', () => {
  it('passes files that are not ELF to dlopen unchanged', () => {
    const text = path.join(temp, 'text.node');
    fs.writeFileSync(text, 'not elf');
    expect(elfProblem(text)).toBeNull();
    expect(elfProblem(path.join(temp, 'missing.node'))).toContain('cannot be read');
  });

  it.skipIf(!built)('accepts the whole build and rejects a truncated copy of it', () => {
    expect(elfProblem(localBuild)).toBeNull();
    const cut = truncatedCopy(path.join(temp, 'elf', 'cut.node'));
    expect(elfProblem(cut)).toMatch(/is truncated: \d+ bytes, but its ELF headers need \d+/);
    const head = path.join(temp, 'elf', 'head.node');
    fs.writeFileSync(head, fs.readFileSync(localBuild).subarray(0, 20));
    expect(elfProblem(head)).toContain('shorter than an ELF header');
  });
});

describe('platform packages', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
    files: string[];
    optionalDependencies?: unknown;
    napi: { packageName: string; targets: string[] };
  };

  it('the loader knows exactly the npm/ directories, named after napi.packageName', () => {
    // wasm32-wasi is the WebAssembly build's package (tested below), not a native platform.
    const all = fs.readdirSync(path.join(root, 'npm')).sort();
    const dirs = all.filter((dir) => dir !== 'wasm32-wasi');
    expect([...builtPlatforms].sort()).toEqual(dirs);
    expect(manifest.napi.targets).toHaveLength(all.length);
    for (const dir of dirs) {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'npm', dir, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        main: string;
        files: string[];
      };
      expect(pkg.name).toBe(`${manifest.napi.packageName}-${dir}`);
      expect(pkg.version).toBe(manifest.version);
      expect(pkg.files).toEqual([pkg.main]);
      expect(pkg.main).toBe(`rust-patterns.${dir}.node`);
    }
    expect(manifest.napi.packageName).toBe('@rust-patterns/binding');
  });

  it('the WebAssembly package: installable on any CPU, its runtime on the emnapi version it was built with', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, 'npm', 'wasm32-wasi', 'package.json'), 'utf8'),
    ) as {
      name: string;
      version: string;
      main: string;
      cpu?: string[];
      files: string[];
      dependencies: Record<string, string>;
    };
    const dev = (manifest as unknown as { devDependencies: Record<string, string> }).devDependencies;
    expect(pkg.name).toBe(`${manifest.napi.packageName}-wasm32-wasi`);
    expect(pkg.version).toBe(manifest.version);
    expect(manifest.napi.targets).toContain('wasm32-wasip1-threads');
    // Installed on request (docs/install.md): a cpu field would make npm refuse a plain install.
    expect(pkg.cpu).toBeUndefined();
    expect(pkg.main).toBe('rust-patterns.wasi.cjs');
    expect(pkg.files).toEqual(
      expect.arrayContaining([pkg.main, 'rust-patterns.wasm32-wasi.wasm', 'wasi-worker.mjs']),
    );
    // One emnapi version everywhere: the C archive linked in (emnapi) and the JS runtime.
    for (const name of ['@emnapi/core', '@emnapi/runtime']) {
      expect(pkg.dependencies[name]).toBe(dev.emnapi);
      expect(dev[name]).toBe(dev.emnapi);
    }
    expect(pkg.dependencies['@napi-rs/wasm-runtime']).toBeDefined();
  });

  it('the committed package.json has no optionalDependencies and ships no .node from the root', () => {
    // The release script adds them to a staged copy; here they would break clean-clone installs.
    expect(manifest.optionalDependencies).toBeUndefined();
    expect(manifest.files.some((f) => f.includes('.node'))).toBe(false);
  });

  it.skipIf(!built)('this checkout loads its local build', () => {
    expect(native).not.toBeNull();
  });
});
