/**
 * The only importer of the generated napi-rs loader (`../index.js`).
 *
 * Loading is "JS first, native if it loads": importing this module never throws. The binding is
 * looked for in this order, and the first one that loads wins:
 *
 * 1. the file named by `RUST_PATTERNS_NATIVE_PATH` (an explicit override: when set, nothing else
 *    is tried);
 * 2. a local build next to the package root (`rust-patterns.<platform>.node`, from `npm run build`);
 * 3. the platform package `@rust-patterns/binding-<platform>` (an optionalDependency);
 * 4. `prebuilds/<platform>-<arch>/` inside the package, named as node-gyp-build expects;
 * 5. otherwise the pure-JS twins.
 *
 * Steps 2 and 3 are the generated loader's own search. Every failed step is kept: `loadError` is
 * an AggregateError whose `errors` hold one error per step, each with the original failure as its
 * `cause`. `RUST_PATTERNS_FORCE_JS=1` skips the search entirely.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type * as Binding from '../index.js';

/** The generated binding's surface, as declared by the generated `index.d.ts`. */
export type NativeBinding = typeof Binding;

/** Which implementation the top-level functions use. */
export type Implementation = 'native' | 'js';

/** Scope and stem of the platform packages; must match `napi.packageName` in package.json. */
const PLATFORM_PACKAGE_PREFIX = '@rust-patterns/binding';

/**
 * The platforms (napi-rs `platformArchABI` names) that have a platform package, i.e. the targets
 * in package.json `napi.targets` that are really built and tested. A test keeps this in step with
 * the `npm/` directories.
 */
export const builtPlatforms: readonly string[] = ['linux-x64-gnu'];

function packageRoot(): string {
  // Compiled to CommonJS, this file is dist/native.js; under vitest it is src/native.ts. Either
  // way the package root is one level up.
  return path.resolve(__dirname, '..');
}

let cachedLibc: 'glibc' | 'musl' | undefined;

/**
 * The C library this process runs on, detected as the generated loader does: `/usr/bin/ldd`
 * names musl on musl systems (a 0.4 ms read). `process.report` is only the fallback, because
 * building a diagnostic report costs about 5 ms, too much for every import.
 */
function libc(): 'glibc' | 'musl' {
  if (cachedLibc !== undefined) return cachedLibc;
  try {
    cachedLibc = fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl') ? 'musl' : 'glibc';
  } catch {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    cachedLibc = report?.header?.glibcVersionRuntime === undefined ? 'musl' : 'glibc';
  }
  return cachedLibc;
}

/** napi-rs's `platformArchABI` name for this process, e.g. "linux-x64-gnu" or "darwin-arm64". */
export function platformArchAbi(): string {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform === 'linux') return `${base}-${libc() === 'musl' ? 'musl' : 'gnu'}`;
  if (process.platform === 'win32') return `${base}-msvc`;
  return base;
}

interface PrebuildTags {
  file: string;
  specificity: number;
  runtime?: string;
  napi?: boolean;
  abi?: string;
  libc?: string;
}

/** Reads the dot-separated tags of a prebuild file name, as node-gyp-build does. */
function parsePrebuildTags(file: string): PrebuildTags | null {
  const parts = file.split('.');
  if (parts.pop() !== 'node') return null;
  const tags: PrebuildTags = { file, specificity: 0 };
  for (const tag of parts) {
    if (tag === 'node' || tag === 'electron' || tag === 'node-webkit') tags.runtime = tag;
    else if (tag === 'napi') tags.napi = true;
    else if (tag.startsWith('abi')) tags.abi = tag.slice(3);
    else if (tag === 'glibc' || tag === 'musl') tags.libc = tag;
    else continue;
    tags.specificity++;
  }
  return tags;
}

/**
 * The best `.node` file under `prebuilds/`, chosen with node-gyp-build's rules: a directory named
 * `<platform>-<arch>` (or `<platform>-<arch1>+<arch2>`), a Node runtime, a Node-API or matching
 * ABI build, a matching libc, then the most specific name. Returns `null` when none applies.
 */
export function findPrebuild(root: string): string | null {
  const list = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  };
  const prebuilds = path.join(root, 'prebuilds');
  const tuple = list(prebuilds)
    .map((name) => {
      const [platform, archs, ...rest] = name.split('-');
      return rest.length === 0 && platform && archs ? { name, platform, archs: archs.split('+') } : null;
    })
    .filter((t) => t !== null && t.platform === process.platform && t.archs.includes(process.arch))
    .sort((a, b) => a!.archs.length - b!.archs.length)[0];
  if (!tuple) return null;
  const dir = path.join(prebuilds, tuple.name);
  const winner = list(dir)
    .map(parsePrebuildTags)
    .filter((tags): tags is PrebuildTags => {
      if (tags === null) return false;
      if (tags.runtime !== undefined && tags.runtime !== 'node') return false;
      if (tags.abi !== undefined && tags.abi !== process.versions.modules && !tags.napi) return false;
      if (tags.libc !== undefined && tags.libc !== (process.platform === 'linux' ? libc() : 'glibc'))
        return false;
      return true;
    })
    .sort(
      (a, b) => Number(b.abi !== undefined) - Number(a.abi !== undefined) || b.specificity - a.specificity,
    )[0];
  return winner ? path.join(dir, winner.file) : null;
}

/**
 * Why the ELF file `file` cannot be loaded safely, or `null` when it looks whole (or is not ELF).
 *
 * A `.node` file cut short after its headers (an interrupted download or copy) makes dlopen map
 * pages past the end of the file, and the first touch of them kills the process with SIGBUS: no
 * try/catch can turn that into a fallback. So every candidate is checked first: the file must be
 * at least as long as its program headers, its section headers and every loadable segment say.
 * Costs one read of the first few hundred bytes.
 */
export function elfProblem(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(64);
    const got = fs.readSync(fd, head, 0, 64, 0);
    if (got < 4 || head.readUInt32BE(0) !== 0x7f454c46) return null; // not ELF: dlopen reports it
    if (got < 64) return `${file} is truncated: ${size} bytes is shorter than an ELF header`;
    const is64 = head[4] === 2;
    const le = head[5] === 1;
    const u16 = (b: Buffer, at: number): number => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const word = (b: Buffer, at: number): number =>
      is64
        ? Number(le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at))
        : le
          ? b.readUInt32LE(at)
          : b.readUInt32BE(at);
    const phoff = word(head, is64 ? 0x20 : 0x1c);
    const shoff = word(head, is64 ? 0x28 : 0x20);
    const [phentsize, phnum, shentsize, shnum] = (
      is64 ? [0x36, 0x38, 0x3a, 0x3c] : [0x2a, 0x2c, 0x2e, 0x30]
    ).map((at) => u16(head, at)) as [number, number, number, number];
    let need = Math.max(phoff + phnum * phentsize, shnum === 0 ? 0 : shoff + shnum * shentsize);
    if (phoff + phnum * phentsize <= size) {
      const table = Buffer.alloc(phnum * phentsize);
      fs.readSync(fd, table, 0, table.length, phoff);
      for (let i = 0; i < phnum; i++) {
        const entry = table.subarray(i * phentsize);
        const type = le ? entry.readUInt32LE(0) : entry.readUInt32BE(0);
        if (type === 1 /* PT_LOAD */)
          need = Math.max(need, word(entry, is64 ? 8 : 4) + word(entry, is64 ? 32 : 16));
      }
    }
    return size < need ? `${file} is truncated: ${size} bytes, but its ELF headers need ${need}` : null;
  } catch (error) {
    return `${file} cannot be read: ${(error as Error).message}`;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Requires a `.node` file after checking that it is whole (see `elfProblem`). */
function requireNodeFile(requireFromRoot: NodeJS.Require, file: string): unknown {
  const problem = elfProblem(file);
  if (problem !== null) throw new Error(problem);
  return requireFromRoot(file);
}

/** One failed step of the search: says which step, and keeps the original error as `cause`. */
function stepError(step: string, cause: unknown): Error {
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new Error(`${step}: ${detail}`, { cause });
}

/** Rejects a module that loaded but is not this package's binding (wrong file, stale build). */
function checkBinding(candidate: unknown, from: string): NativeBinding {
  const binding = candidate as Partial<NativeBinding> | null;
  if (typeof binding?.crc32Sync !== 'function' || typeof binding.simdLevel !== 'function') {
    throw new TypeError(`${from} loaded, but it is not the rust-patterns binding (crc32Sync is missing)`);
  }
  return binding as NativeBinding;
}

function load(): { binding: NativeBinding | null; error: Error | null } {
  if (process.env.RUST_PATTERNS_FORCE_JS === '1') {
    return {
      binding: null,
      error: new Error('RUST_PATTERNS_FORCE_JS=1 is set: the native binding was not loaded'),
    };
  }
  const root = packageRoot();
  const requireFromRoot = createRequire(path.join(root, 'package.json'));
  const failures: Error[] = [];

  // 1. An explicit path replaces the search, as napi-rs's NAPI_RS_NATIVE_LIBRARY_PATH does: a user
  // who names a file wants that file, not a silent fallback to another binary.
  const explicit = process.env.RUST_PATTERNS_NATIVE_PATH;
  if (explicit) {
    const file = path.resolve(explicit);
    try {
      return { binding: checkBinding(requireNodeFile(requireFromRoot, file), file), error: null };
    } catch (cause) {
      const error = stepError(`RUST_PATTERNS_NATIVE_PATH=${explicit}`, cause);
      return {
        binding: null,
        error: new AggregateError(
          [error],
          `The rust-patterns native binding named by RUST_PATTERNS_NATIVE_PATH could not be loaded; every ` +
            `function runs on its pure-JS twin. Unset it to search the usual places. ${error.message}`,
          { cause: error },
        ),
      };
    }
  }

  // 2 and 3. The generated loader tries the local build, then the platform package, and throws
  // one error whose `cause` chain holds each of its failures. It dlopens without checking the
  // files, so when one of them is truncated the same two steps run here instead, checked.
  const platform = platformArchAbi();
  const candidates: Array<[string, string]> = [];
  const local = path.join(root, `rust-patterns.${platform}.node`);
  if (fs.existsSync(local)) candidates.push(['local build', local]);
  try {
    candidates.push([
      `${PLATFORM_PACKAGE_PREFIX}-${platform}`,
      requireFromRoot.resolve(`${PLATFORM_PACKAGE_PREFIX}-${platform}`),
    ]);
  } catch {
    // Not installed: the generated loader (or the message below) reports it.
  }
  if (candidates.every(([, file]) => elfProblem(file) === null)) {
    try {
      return { binding: checkBinding(requireFromRoot('./index.js'), 'index.js'), error: null };
    } catch (cause) {
      failures.push(stepError('local build and platform package (generated napi-rs loader)', cause));
    }
  } else {
    for (const [step, file] of candidates) {
      try {
        return { binding: checkBinding(requireNodeFile(requireFromRoot, file), file), error: null };
      } catch (cause) {
        failures.push(stepError(step, cause));
      }
    }
  }

  // 4. prebuilds/ survives installs that skip optional dependencies.
  const prebuild = findPrebuild(root);
  if (prebuild === null) {
    failures.push(new Error(`prebuilds/: no ${process.platform}-${process.arch} Node-API build in ${root}`));
  } else {
    try {
      return { binding: checkBinding(requireNodeFile(requireFromRoot, prebuild), prebuild), error: null };
    } catch (cause) {
      failures.push(stepError(`prebuilds/ (${prebuild})`, cause));
    }
  }

  // 5. The JS twins. Say what to install, not just what failed.
  let version = '';
  try {
    version = `@${(requireFromRoot('./package.json') as { version: string }).version}`;
  } catch {
    // Without a readable package.json the advice simply omits the version.
  }
  const pkg = `${PLATFORM_PACKAGE_PREFIX}-${platform}${version}`;
  const found = candidates.length > 0 || prebuild !== null;
  const advice = !builtPlatforms.includes(platform)
    ? `No prebuilt binary is published for ${platform} (built: ${builtPlatforms.join(', ')}); ` +
      'build one with `npm run build` in a checkout and point RUST_PATTERNS_NATIVE_PATH at it.'
    : found
      ? `A binary was found but failed to load (see \`errors\`); reinstall the platform package: ` +
        `\`npm install ${pkg}\`.`
      : `Install the platform package: \`npm install ${pkg}\` (npm skips it with --omit=optional, on ` +
        'offline mirrors, and with lockfiles made on another OS).';
  return {
    binding: null,
    error: new AggregateError(
      failures,
      `The rust-patterns native binding could not be loaded for ${platform}; every function runs on ` +
        `its pure-JS twin. ${advice} Each failed step is in \`errors\`.`,
      { cause: failures[failures.length - 1] },
    ),
  };
}

const loaded = load();

/**
 * The native binding, or `null` when the JS twins are in use.
 *
 * A copy of the loader's exports object: that object gets its dozens of properties added one at
 * a time and ends up in dictionary mode, where every `native.fn` load in a hot path went
 * through V8's megamorphic keyed-load stub (~50 ns a call at 1 KiB in `zero-copy/checksum`,
 * found with `npm run profile`). A spread literal has fast properties.
 */
export const native: NativeBinding | null = loaded.binding === null ? null : { ...loaded.binding };

/**
 * Why the native binding is not in use (`null` when it is). When the search failed it is an
 * AggregateError: `errors` holds one error per step tried, each with its original `cause`.
 */
export const loadError: Error | null = loaded.error;

/** `'native'` when the binding loaded, else `'js'`. */
export const implementation: Implementation = native === null ? 'js' : 'native';
