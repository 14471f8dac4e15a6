/**
 * The "loader" group (src/native.ts, src/thresholds.ts, src/info.ts, src/index.ts,
 * src/validate.ts) written against the StrykerJS survivors of its run (docs/mutants.md, issue
 * 28). Most of the loader runs once at import, which Stryker reports as ignored
 * (`ignoreStatic`); what tests in this process can judge is `elfProblem` (the truncation check),
 * judged here on synthetic ELF headers of each class and byte order with exact sizes, and the
 * search itself, re-run in this process by importing `src/native.ts` again after
 * `vi.resetModules()` with the environment each branch needs (a re-import runs the active
 * mutant, which a child process would not): `RUST_PATTERNS_FORCE_JS`, `RUST_PATTERNS_NATIVE_PATH`
 * naming a missing file, a truncated ELF file, modules that are not the binding or throw, and
 * `NAPI_RS_FORCE_WASI=error` without a WebAssembly build. Also `simdLevel`, `js.simdLevel` and
 * `configureThresholds`' message for an unknown field.
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

  // Not `builtPlatforms` in the condition: Stryker's mutants of that list are active at this
  // file's first import too, and would skip the test that catches them.
  const hasPackage = fs.existsSync(path.join(root, 'npm', platform, 'package.json'));

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
