/**
 * The "loader" group (src/native.ts, src/thresholds.ts, src/info.ts, src/index.ts,
 * src/validate.ts) written against the StrykerJS survivors of its runs (docs/mutants.md, issue
 * 28). The search for the binding runs once at import, which Stryker reports as ignored
 * (`ignoreStatic`), and native.spec.ts tests its branches in child processes, where Stryker's
 * active mutant is not set. Here the search is re-run in this process instead: `src/native.ts`
 * is imported again after `vi.resetModules()`, with the environment variables of each branch,
 * and (`simulate`) with `node:fs` and `node:module` mocked to stand for a package root without a
 * local build, with a damaged one, a platform package, prebuilds/, WebAssembly builds, another
 * OS or C library. Once a test imports the module, its mutants count as covered and the
 * re-import runs the active mutant. Also: `elfProblem` on synthetic ELF headers of each class
 * and byte order with exact sizes, `simdLevel`, `js.simdLevel` and `configureThresholds`'
 * message for an unknown field.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { js } from '../src/index.js';
import { simdLevel } from '../src/info.js';
import { elfProblem, native, platformArchAbi } from '../src/native.js';
import { configureThresholds, defaultThresholds } from '../src/thresholds.js';
import { thrown } from './helpers.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rust-patterns-mutants-loader-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

interface Elf {
  bits: 32 | 64;
  le: boolean;
  phoff: number;
  phentsize: number;
  /** Program headers: [type, file offset, file size]. */
  segments: Array<[number, number, number]>;
  shoff: number;
  shentsize: number;
  shnum: number;
  /** Length of the file; the headers are written where they fit. */
  size: number;
}

/** A file of `e.size` bytes with the ELF header and program headers `e` describes. */
function elfBytes(e: Elf): Buffer {
  const b = Buffer.alloc(Math.max(e.size, 64 + e.phoff + e.segments.length * e.phentsize));
  const u16 = (at: number, v: number) => (e.le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (at: number, v: number) => (e.le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  const word = (at: number, v: number) =>
    e.bits === 64
      ? e.le
        ? b.writeBigUInt64LE(BigInt(v), at)
        : b.writeBigUInt64BE(BigInt(v), at)
      : u32(at, v);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = e.bits === 64 ? 2 : 1;
  b[5] = e.le ? 1 : 2;
  const is64 = e.bits === 64;
  word(is64 ? 0x20 : 0x1c, e.phoff);
  word(is64 ? 0x28 : 0x20, e.shoff);
  u16(is64 ? 0x36 : 0x2a, e.phentsize);
  u16(is64 ? 0x38 : 0x2c, e.segments.length);
  u16(is64 ? 0x3a : 0x2e, e.shentsize);
  u16(is64 ? 0x3c : 0x30, e.shnum);
  e.segments.forEach(([type, offset, filesz], i) => {
    const at = e.phoff + i * e.phentsize;
    u32(at, type);
    word(at + (is64 ? 8 : 4), offset);
    word(at + (is64 ? 32 : 16), filesz);
  });
  return b.subarray(0, e.size);
}

let count = 0;
/** `elfProblem` of a file holding `bytes`, with the file's path replaced by `FILE`. */
function problem(bytes: Uint8Array | string): string | null {
  const file = path.join(temp, `f${count++}.node`);
  fs.writeFileSync(file, bytes);
  return elfProblem(file)?.replaceAll(file, 'FILE') ?? null;
}

const PT_LOAD = 1;
const PT_NOTE = 4;

/**
 * One geometry in every class and byte order: program headers at 64 (2 entries), one PT_LOAD
 * ending at 300, a PT_NOTE claiming 10000 bytes (not loaded, so not counted), 3 section headers
 * of 64 bytes at 400: the file must be 592 bytes long.
 */
const geometry = (bits: 32 | 64, le: boolean, size: number): Elf => ({
  bits,
  le,
  phoff: 64,
  phentsize: bits === 64 ? 56 : 32,
  segments: [
    [PT_LOAD, 0, 300],
    [PT_NOTE, 0, 10_000],
  ],
  shoff: 400,
  shentsize: 64,
  shnum: 3,
  size,
});

describe('elfProblem on synthetic headers', () => {
  const classes = [
    [64, true],
    [64, false],
    [32, true],
    [32, false],
  ] as const;

  it.each(classes)(
    'ELF%i (little-endian %s): the section headers set the length; one byte short is truncated',
    (bits, le) => {
      expect(problem(elfBytes(geometry(bits, le, 592)))).toBeNull();
      expect(problem(elfBytes(geometry(bits, le, 591)))).toBe(
        'FILE is truncated: 591 bytes, but its ELF headers need 592',
      );
    },
  );

  it.each(classes)(
    'ELF%i (little-endian %s): a loadable segment past the section headers sets it',
    (bits, le) => {
      const e = geometry(bits, le, 0);
      e.segments = [
        [PT_NOTE, 0, 10_000],
        [PT_LOAD, 700, 124],
      ];
      e.size = 824;
      expect(problem(elfBytes(e))).toBeNull();
      e.size = 823;
      expect(problem(elfBytes(e))).toBe('FILE is truncated: 823 bytes, but its ELF headers need 824');
    },
  );

  it('without section headers (shnum 0) their offset does not count', () => {
    const e = geometry(64, true, 300);
    e.shnum = 0;
    e.shoff = 1_000_000;
    expect(problem(elfBytes(e))).toBeNull();
    e.size = 299;
    expect(problem(elfBytes(e))).toBe('FILE is truncated: 299 bytes, but its ELF headers need 300');
  });

  it('a program header table past the end of the file is not read: its own extent is what is missing', () => {
    const e = geometry(64, true, 150);
    e.shnum = 0;
    // The table (64 + 2 * 56 = 176) does not fit in 150 bytes; its PT_LOAD (300) is not seen.
    expect(problem(elfBytes(e))).toBe('FILE is truncated: 150 bytes, but its ELF headers need 176');
  });

  it('the program header table ending exactly at the end of the file is read', () => {
    const e = geometry(64, true, 176);
    e.shnum = 0;
    e.segments = [[PT_LOAD, 0, 176]];
    e.phentsize = 112;
    expect(problem(elfBytes(e))).toBeNull();
    e.segments = [[PT_LOAD, 100, 77]];
    expect(problem(elfBytes(e))).toBe('FILE is truncated: 176 bytes, but its ELF headers need 177');
  });

  it('the ELF header: fewer than 4 bytes or no magic is not ELF; 4 to 63 bytes is truncated; 64 is whole', () => {
    expect(problem(Buffer.from([0x7f, 0x45, 0x4c]))).toBeNull();
    expect(problem(Buffer.alloc(64))).toBeNull();
    expect(problem('')).toBeNull();
    const header = elfBytes({ ...geometry(64, true, 64), segments: [], shnum: 0 });
    expect(problem(header.subarray(0, 4))).toBe('FILE is truncated: 4 bytes is shorter than an ELF header');
    expect(problem(header.subarray(0, 63))).toBe('FILE is truncated: 63 bytes is shorter than an ELF header');
    expect(problem(header)).toBeNull();
  });

  it('an unreadable file is named with the reason, and no descriptor is left open', () => {
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      expect(elfProblem(temp)).toBe(`${temp} cannot be read: EISDIR: illegal operation on a directory, read`);
      problem(elfBytes(geometry(64, true, 592)));
    }
    expect(open()).toBe(before);
    expect(elfProblem(path.join(temp, 'missing'))).toBe(
      `${path.join(temp, 'missing')} cannot be read: ENOENT: no such file or directory, open '${path.join(temp, 'missing')}'`,
    );
  });
});

const ENV = ['RUST_PATTERNS_FORCE_JS', 'RUST_PATTERNS_NATIVE_PATH', 'NAPI_RS_FORCE_WASI'] as const;
type Loader = typeof import('../src/native.js');

/** Imports src/native.ts afresh with `env` (the other loader variables unset), then restores them. */
async function reload(env: Partial<Record<(typeof ENV)[number], string>>): Promise<Loader> {
  const saved = ENV.map((key) => [key, process.env[key]] as const);
  for (const key of ENV) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
  try {
    vi.resetModules();
    return await import('../src/native.js');
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The step errors of a failed search, and each one's first cause. */
const steps = (loader: Loader) =>
  ((loader.loadError as AggregateError | null)?.errors ?? []).map((e: Error) => e.message);

const platform = platformArchAbi();
const root = path.resolve(__dirname, '..');
const localBuild = path.join(root, `rust-patterns.${platform}.node`);
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
  .version;

// Not `builtPlatforms` in the condition: Stryker's mutants of that list are active at this
// file's first import too, and would skip the test that catches them.
const hasPackage = fs.existsSync(path.join(root, 'npm', platform, 'package.json'));

describe('the search, re-run in this process', () => {
  afterEach(() => {
    vi.resetModules();
  });

  it.skipIf(!fs.existsSync(localBuild))('without variables the local build loads, as at import', async () => {
    const loader = await reload({});
    expect(loader.implementation).toBe('native');
    expect(loader.loadError).toBeNull();
    expect(loader.native?.crc32Sync(Buffer.from('abc'))).toBe(0x352441c2);
  });

  it('RUST_PATTERNS_FORCE_JS=1 skips the search; any other value does not', async () => {
    const loader = await reload({ RUST_PATTERNS_FORCE_JS: '1' });
    expect(loader.native).toBeNull();
    expect(loader.implementation).toBe('js');
    expect(loader.loadError?.message).toBe(
      'RUST_PATTERNS_FORCE_JS=1 is set: the native binding was not loaded',
    );
    expect((await reload({ RUST_PATTERNS_FORCE_JS: '0' })).loadError?.message ?? '').not.toContain(
      'FORCE_JS',
    );
  });

  const explicit = async (file: string) => {
    const loader = await reload({ RUST_PATTERNS_NATIVE_PATH: file });
    expect(loader.native).toBeNull();
    expect(loader.implementation).toBe('js');
    const error = loader.loadError as AggregateError;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.errors).toHaveLength(1);
    expect(error.cause).toBe(error.errors[0]);
    const step = (error.errors[0] as Error).message;
    expect(error.message).toBe(
      'The rust-patterns native binding named by RUST_PATTERNS_NATIVE_PATH could not be loaded; every ' +
        `function runs on its pure-JS twin. Unset it to search the usual places. ${step}`,
    );
    return { step, cause: (error.errors[0] as Error).cause };
  };

  it('RUST_PATTERNS_NATIVE_PATH naming a missing file: one step, named with the path, nothing else tried', async () => {
    const file = path.join(temp, 'missing.node');
    const { step, cause } = await explicit(file);
    expect(step).toBe(
      `RUST_PATTERNS_NATIVE_PATH=${file}: ${file} cannot be read: ENOENT: no such file or directory, open '${file}'`,
    );
    expect((cause as Error).message).toBe(
      `${file} cannot be read: ENOENT: no such file or directory, open '${file}'`,
    );
  });

  it('RUST_PATTERNS_NATIVE_PATH naming a truncated ELF file: refused before dlopen', async () => {
    const file = path.join(temp, 'cut.node');
    fs.writeFileSync(file, elfBytes(geometry(64, true, 591)));
    const { step } = await explicit(file);
    expect(step).toBe(
      `RUST_PATTERNS_NATIVE_PATH=${file}: ${file} is truncated: 591 bytes, but its ELF headers need 592`,
    );
  });

  it('modules that load but are not the binding, or throw: the step says which, first line only', async () => {
    const module = (name: string, body: string): string => {
      const file = path.join(temp, name);
      fs.writeFileSync(file, body);
      return file;
    };
    const notBinding = ': it loaded, but it is not the rust-patterns binding (crc32Sync is missing)';
    for (const body of [
      'module.exports = {};',
      'module.exports = null;',
      'module.exports = { crc32Sync() {} };',
      'module.exports = { simdLevel() {} };',
    ]) {
      const file = module(`stand-in-${count++}.cjs`, body);
      expect((await explicit(file)).step).toBe(`RUST_PATTERNS_NATIVE_PATH=${file}${notBinding}`);
    }
    const multiLine = module('throws.cjs', "throw new Error('first line\\nsecond line');");
    const thrownError = await explicit(multiLine);
    expect(thrownError.step).toBe(`RUST_PATTERNS_NATIVE_PATH=${multiLine}: first line`);
    expect((thrownError.cause as Error).message).toBe('first line\nsecond line');
    const plain = module('throws-string.cjs', "throw 'a plain string';");
    const thrownString = await explicit(plain);
    expect(thrownString.step).toBe(`RUST_PATTERNS_NATIVE_PATH=${plain}: a plain string`);
    expect(thrownString.cause).toBe('a plain string');
    // A module that is the binding's shape loads.
    const standIn = module(
      'stand-in.cjs',
      "exports.crc32Sync = () => 0; exports.simdLevel = () => 'stand-in';",
    );
    const loaded = await reload({ RUST_PATTERNS_NATIVE_PATH: standIn });
    expect(loaded.loadError).toBeNull();
    expect(loaded.implementation).toBe('native');
    expect(loaded.native?.simdLevel()).toBe('stand-in');
  });

  it('builtPlatforms, as loaded, lists exactly the npm/ directories (the WebAssembly one aside)', async () => {
    const dirs = fs.readdirSync(path.join(root, 'npm')).filter((dir) => dir !== 'wasm32-wasi');
    expect([...(await reload({})).builtPlatforms].sort()).toEqual(dirs.sort());
  });

  it.skipIf(!fs.existsSync(localBuild) || !hasPackage)(
    'NAPI_RS_FORCE_WASI=error without a WebAssembly build: that step alone, then the advice to reinstall',
    async () => {
      const loader = await reload({ NAPI_RS_FORCE_WASI: 'error' });
      expect(loader.implementation).toBe('js');
      expect(steps(loader)).toEqual([
        'NAPI_RS_FORCE_WASI=error: no WebAssembly build: install @rust-patterns/binding-wasm32-wasi',
      ]);
      const error = loader.loadError as AggregateError;
      expect(error.cause).toBe(error.errors[0]);
      expect(error.message).toBe(
        `The rust-patterns native binding could not be loaded for ${platform}; every function runs on ` +
          'its pure-JS twin. A binary was found but failed to load (see `errors`); reinstall the platform ' +
          `package: \`npm install @rust-patterns/binding-${platform}@${version}\`. Each failed step is in \`errors\`.`,
      );
      for (const value of ['1', 'true']) {
        expect((await reload({ NAPI_RS_FORCE_WASI: value })).implementation).toBe('native');
      }
    },
  );

  it('simdLevel names the binding\'s code path, or "js" without the binding', async () => {
    expect(js.simdLevel()).toBe('js');
    if (native !== null) expect(simdLevel()).toBe(native.simdLevel());
    await reload({ RUST_PATTERNS_FORCE_JS: '1' });
    const info = await import('../src/info.js');
    expect(info.simdLevel()).toBe('js');
  });
});

describe('configureThresholds', () => {
  it('an unknown field is named with the list of known ones', () => {
    expect(thrown(() => configureThresholds({ nope: 1 } as never))).toEqual({
      name: 'TypeError',
      message: `overrides.nope is not a threshold (known: ${Object.keys(defaultThresholds).join(', ')})`,
    });
    expect(Object.keys(defaultThresholds).length).toBeGreaterThan(5);
  });
});

/**
 * A simulated package root for the search: `src/native.ts` imported afresh with `node:fs` and
 * `node:module` mocked, so that the branches a real checkout never takes in this process (no
 * local build, a damaged one, a platform package, prebuilds/, WebAssembly builds, another OS or
 * C library) run here, under Stryker's active mutant. native.spec.ts tests the same search with
 * real files in child processes, which Stryker cannot see into.
 */
interface World {
  env?: Partial<Record<(typeof ENV)[number], string>>;
  /** `fs.existsSync` answers by path (other paths: the real answer). */
  exists?: Record<string, boolean>;
  /** `fs.openSync(path)` opens another file instead (for `elfProblem`). */
  redirect?: Record<string, string>;
  /** The text of /usr/bin/ldd, or null when it cannot be read. */
  ldd?: string | null;
  /** `require.resolve(id)` results (other ids: the real answer). */
  resolve?: Record<string, string>;
  /** `require(id)` results; an Error is thrown (other ids: the real module). */
  modules?: Record<string, unknown>;
  platform?: NodeJS.Platform;
}

async function simulate(world: World): Promise<Loader> {
  vi.resetModules();
  vi.doMock('node:fs', async (importOriginal) => {
    const real = await importOriginal<typeof import('node:fs')>();
    const mocked = {
      ...real,
      existsSync: (p: fs.PathLike) => world.exists?.[String(p)] ?? real.existsSync(p),
      openSync: (p: fs.PathLike, flags: string) => real.openSync(world.redirect?.[String(p)] ?? p, flags),
      readFileSync: ((p: string, options: unknown) => {
        if (p === '/usr/bin/ldd' && world.ldd !== undefined) {
          if (world.ldd === null) throw new Error('ENOENT: no such file');
          return world.ldd;
        }
        return real.readFileSync(p, options as BufferEncoding);
      }) as typeof real.readFileSync,
    };
    return { ...mocked, default: mocked };
  });
  vi.doMock('node:module', async (importOriginal) => {
    const real = await importOriginal<typeof import('node:module')>();
    const createRequire = (from: string) => {
      const r = real.createRequire(from);
      const fake = (id: string): unknown => {
        if (world.modules !== undefined && id in world.modules) {
          const m = world.modules[id];
          if (m instanceof Error) throw m;
          return m;
        }
        return r(id);
      };
      fake.resolve = (id: string): string => world.resolve?.[id] ?? r.resolve(id);
      return fake;
    };
    return { ...real, createRequire, default: { ...real, createRequire } };
  });
  const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  if (world.platform !== undefined) Object.defineProperty(process, 'platform', { value: world.platform });
  try {
    return await reload(world.env ?? {});
  } finally {
    Object.defineProperty(process, 'platform', realPlatform);
    vi.doUnmock('node:fs');
    vi.doUnmock('node:module');
  }
}

const standIn = (name: string) => ({ crc32Sync: () => 0, simdLevel: () => name });
const WASM_PACKAGE = '@rust-patterns/binding-wasm32-wasi';

describe('the search in a simulated package root', () => {
  afterEach(() => {
    vi.resetModules();
  });

  const pkg = `@rust-patterns/binding-${platform}`;
  const here = `${process.platform}-${process.arch}`;
  const noLocal = { [localBuild]: false };
  const noGypBuild = { 'node-gyp-build': new Error('no node-gyp-build') };
  const generated = 'local build and platform package (generated napi-rs loader)';
  // The generated loader finds nothing (only its error's first line is kept).
  const noGenerated = { './index.js': new Error('Cannot find native binding.\nmore') };
  const noPrebuilds = `prebuilds/: no ${here} Node-API build in ${root}`;
  const wasmLoader = path.join(root, 'rust-patterns.wasi.cjs');
  const wasmFile = path.join(root, 'rust-patterns.wasm32-wasi.wasm');
  const wasm = { [wasmLoader]: true, [wasmFile]: true };
  const damaged = (name: string): string => {
    const file = path.join(temp, name);
    fs.writeFileSync(file, elfBytes(geometry(64, true, 591)));
    return file;
  };

  it.skipIf(!hasPackage)(
    'nothing installed: the generated loader, then prebuilds/, then the advice to install',
    async () => {
      const loader = await simulate({ exists: noLocal, modules: { ...noGypBuild, ...noGenerated } });
      expect(loader.implementation).toBe('js');
      expect(steps(loader)).toEqual([`${generated}: Cannot find native binding.`, noPrebuilds]);
      const error = loader.loadError as AggregateError;
      expect(error.cause).toBe(error.errors[1]);
      expect(error.message).toBe(
        `The rust-patterns native binding could not be loaded for ${platform}; every function runs on its ` +
          `pure-JS twin. Install the platform package: \`npm install ${pkg}@${version}\` (npm skips it with ` +
          '--omit=optional, on offline mirrors, and with lockfiles made on another OS). Each failed step is in `errors`.',
      );
    },
  );

  it('a whole local build that fails to load is left to the generated loader (one step, its error)', async () => {
    const loader = await simulate({
      modules: { [localBuild]: new Error('loaded one by one'), ...noGenerated, ...noGypBuild },
    });
    expect(steps(loader)).toEqual([`${generated}: Cannot find native binding.`, noPrebuilds]);
  });

  it.skipIf(!hasPackage)(
    'without a readable package.json the advice names the package without a version',
    async () => {
      const loader = await simulate({
        exists: noLocal,
        modules: { './package.json': new Error('unreadable'), ...noGenerated, ...noGypBuild },
      });
      expect(loader.loadError?.message).toContain(
        `Install the platform package: \`npm install ${pkg}\` (npm skips`,
      );
    },
  );

  it('a damaged local build is skipped with its reason and the platform package loads', async () => {
    const pkgFile = path.join(temp, 'pkg', 'binding.node');
    const loader = await simulate({
      exists: { [localBuild]: true },
      redirect: { [localBuild]: damaged('damaged.node'), [pkgFile]: localBuild },
      resolve: { [pkg]: pkgFile },
      modules: { [pkgFile]: standIn('package') },
    });
    expect(loader.loadError).toBeNull();
    expect(loader.implementation).toBe('native');
    expect(loader.native?.simdLevel()).toBe('package');
  });

  it.skipIf(!hasPackage)(
    'a damaged local build and a failing package: each step named, then the advice to reinstall',
    async () => {
      const pkgFile = path.join(temp, 'missing-pkg.node');
      const loader = await simulate({
        exists: { [localBuild]: true },
        redirect: { [localBuild]: damaged('damaged2.node') },
        resolve: { [pkg]: pkgFile },
        modules: { ...noGypBuild },
      });
      expect(loader.implementation).toBe('js');
      expect(steps(loader)).toEqual([
        `local build: ${localBuild} is truncated: 591 bytes, but its ELF headers need 592`,
        `${pkg}: ${pkgFile} cannot be read: ENOENT: no such file or directory, open '${pkgFile}'`,
        noPrebuilds,
      ]);
      expect(loader.loadError?.message).toContain('A binary was found but failed to load');
    },
  );

  it.skipIf(!hasPackage)('prebuilds/ is tried after the generated loader, named with its file', async () => {
    const prebuild = path.join(root, 'prebuilds', here, 'node.napi.node');
    const gypBuild = { 'node-gyp-build': { resolve: () => prebuild } };
    const loaded = await simulate({
      exists: noLocal,
      redirect: { [prebuild]: localBuild },
      modules: { ...gypBuild, [prebuild]: standIn('prebuild'), ...noGenerated },
    });
    expect(loaded.loadError).toBeNull();
    expect(loaded.implementation).toBe('native');
    expect(loaded.native?.simdLevel()).toBe('prebuild');
    const failed = await simulate({ exists: noLocal, modules: { ...gypBuild, ...noGenerated } });
    expect(steps(failed)).toEqual([
      `${generated}: Cannot find native binding.`,
      `prebuilds/ (${prebuild}): ${prebuild} cannot be read: ENOENT: no such file or directory, open '${prebuild}'`,
    ]);
    // A prebuild was found: the advice is to reinstall, not to install.
    expect(failed.loadError?.message).toContain('A binary was found but failed to load');
  });

  it('with a local WebAssembly build: native candidates one by one, then prebuilds/, then WebAssembly', async () => {
    const nativeFirst = await simulate({
      exists: { ...wasm },
      modules: { [wasmLoader]: standIn('wasm'), [localBuild]: standIn('local one by one') },
    });
    expect(nativeFirst.implementation).toBe('native');
    expect(nativeFirst.native?.simdLevel()).toBe('local one by one');
    const onlyWasm = await simulate({
      exists: { ...wasm, ...noLocal },
      modules: { [wasmLoader]: standIn('wasm'), ...noGypBuild },
    });
    expect(onlyWasm.loadError).toBeNull();
    expect(onlyWasm.implementation).toBe('wasm');
    expect(onlyWasm.native?.simdLevel()).toBe('wasm');
    for (const value of ['1', 'true']) {
      const first = await simulate({
        env: { NAPI_RS_FORCE_WASI: value },
        exists: { ...wasm },
        modules: { [wasmLoader]: standIn('wasm'), [localBuild]: standIn('local') },
      });
      expect(first.implementation).toBe('wasm');
    }
    const failing = await simulate({
      exists: { ...wasm, ...noLocal },
      modules: { [wasmLoader]: new Error('no wasm runtime'), ...noGypBuild },
    });
    expect(steps(failing)).toEqual([
      `${pkg}: neither ${pkg} nor a local build (${localBuild}) is installed`,
      noPrebuilds,
      'local WebAssembly build: no wasm runtime',
    ]);
  });

  it('a local WebAssembly loader without its .wasm file is not a step', async () => {
    for (const files of [
      { [wasmLoader]: true, [wasmFile]: false },
      { [wasmLoader]: false, [wasmFile]: true },
    ]) {
      const loader = await simulate({
        env: { NAPI_RS_FORCE_WASI: 'error' },
        exists: files,
        modules: { [wasmLoader]: standIn('wasm') },
      });
      expect(loader.implementation).toBe('js');
      expect(steps(loader)).toEqual([
        'NAPI_RS_FORCE_WASI=error: no WebAssembly build: install @rust-patterns/binding-wasm32-wasi',
      ]);
    }
  });

  it('the WebAssembly package is found by name, after a local WebAssembly build', async () => {
    const file = path.join(temp, 'wasm-pkg.cjs');
    const loader = await simulate({
      env: { NAPI_RS_FORCE_WASI: 'error' },
      exists: { ...wasm },
      resolve: { [WASM_PACKAGE]: file },
      modules: { [wasmLoader]: new Error('local wasm broken'), [file]: standIn('wasm package') },
    });
    expect(loader.implementation).toBe('wasm');
    expect(loader.native?.simdLevel()).toBe('wasm package');
    const failing = await simulate({
      env: { NAPI_RS_FORCE_WASI: 'error' },
      resolve: { [WASM_PACKAGE]: file },
      modules: { [file]: new Error('wasm package broken') },
    });
    expect(steps(failing)).toEqual([`${WASM_PACKAGE}: wasm package broken`]);
  });

  it('platformArchAbi: Windows, other systems, musl and a missing ldd', async () => {
    const abi = async (platformName: NodeJS.Platform, ldd?: string | null): Promise<string> => {
      const loader = await simulate({ ldd });
      const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
      Object.defineProperty(process, 'platform', { value: platformName });
      try {
        return loader.platformArchAbi();
      } finally {
        Object.defineProperty(process, 'platform', real);
      }
    };
    expect(await abi('win32')).toBe(`win32-${process.arch}-msvc`);
    expect(await abi('darwin')).toBe(`darwin-${process.arch}`);
    expect(await abi('linux', '#!/bin/sh\n# musl libc\n')).toBe(`linux-${process.arch}-musl`);
    expect(await abi('linux', '#!/bin/bash\n# GNU libc\n')).toBe(`linux-${process.arch}-gnu`);
    expect(await abi('linux', null)).toBe(`linux-${process.arch}-gnu`);
  });

  it('an unbuilt platform: the advice says none is published and lists the built ones', async () => {
    const loader = await simulate({ platform: 'freebsd', modules: { ...noGypBuild, ...noGenerated } });
    const other = `freebsd-${process.arch}`;
    expect(loader.loadError?.message).toBe(
      `The rust-patterns native binding could not be loaded for ${other}; every function runs on its pure-JS ` +
        `twin. No prebuilt binary is published for ${other} (built: ${loader.builtPlatforms.join(', ')}); build ` +
        'one with `npm run build` in a checkout and point RUST_PATTERNS_NATIVE_PATH at it. Each failed step is in `errors`.',
    );
  });
});
