/**
 * The only importer of the generated napi-rs loader (`../index.js`).
 *
 * Loading is "JS first, native if it loads": importing this module never throws. The binding is
 * looked for in this order, and the first one that loads wins:
 *
 * 1. the file named by `RUST_PATTERNS_NATIVE_PATH` (an explicit override: when set, nothing else
 *    is tried);
 * 2. the generated loader's own search: a local build next to the package root
 *    (`rust-patterns.<platform>.node`, from `npm run build`), then the platform package
 *    `@rust-patterns/binding-<platform>` (an optionalDependency);
 * 3. `prebuilds/<platform>-<arch>/` inside the package, found by node-gyp-build;
 * 4. the WebAssembly build, when present: a local `rust-patterns.wasi.cjs` (from `napi build
 *    --target wasm32-wasip1-threads`), then the package `@rust-patterns/binding-wasm32-wasi`,
 *    which is installed on request only (docs/install.md). `NAPI_RS_FORCE_WASI=1` (or `true`)
 *    moves this step first; `NAPI_RS_FORCE_WASI=error` tries it alone;
 * 5. otherwise the pure-JS twins.
 *
 * Every file is checked for truncation before it is loaded (`elfProblem`), and every failed step
 * is kept: `loadError` is an AggregateError whose `errors` hold one error per step, each with the
 * original failure as its `cause`, and whose message says what to install.
 * `RUST_PATTERNS_FORCE_JS=1` skips the search entirely.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type * as Binding from '../index.js';

/** The generated binding's surface, as declared by the generated `index.d.ts`. */
export type NativeBinding = typeof Binding;

/**
 * Which implementation the top-level functions use: a Node-API binary, the same Rust built for
 * WebAssembly (wasm32-wasip1-threads, run by `@napi-rs/wasm-runtime`), or the pure-JS twins.
 */
export type Implementation = 'native' | 'wasm' | 'js';

/** Scope and stem of the platform packages; must match `napi.packageName` in package.json. */
const PLATFORM_PACKAGE_PREFIX = '@rust-patterns/binding';

/**
 * The platforms (napi-rs `platformArchABI` names) that have a platform package, i.e. the targets
 * in package.json `napi.targets` that are really built and tested. A test keeps this in step with
 * the `npm/` directories. `win32-x64-msvc` holds a build by the GNU toolchain, under the name the
 * generated loader asks for under the official node.exe (npm/win32-x64-msvc/README.md says why).
 */
export const builtPlatforms: readonly string[] = [
  'linux-x64-gnu',
  'linux-arm64-gnu',
  'linux-x64-musl',
  'linux-arm64-musl',
  'win32-x64-msvc',
];

/** The WebAssembly build's package (napi-rs's `wasm32-wasi` name for wasm32-wasip1-threads). */
const WASM_PACKAGE = `${PLATFORM_PACKAGE_PREFIX}-wasm32-wasi`;

/** Compiled, this file is dist/native.js; under vitest it is src/native.ts: the root is one up. */
const root = path.resolve(__dirname, '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

/**
 * napi-rs's `platformArchABI` name for this process, e.g. "linux-x64-gnu" or "darwin-arm64". The
 * C library is read from `/usr/bin/ldd`, as the generated loader does first (a 0.4 ms read).
 */
export function platformArchAbi(): string {
  const base = `${process.platform}-${process.arch}`;
  if (process.platform === 'win32') return `${base}-msvc`;
  if (process.platform !== 'linux') return base;
  let musl = false;
  try {
    musl = fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    // No ldd: the generated loader assumes glibc too unless a report says otherwise.
  }
  return `${base}-${musl ? 'musl' : 'gnu'}`;
}

/**
 * The `.node` file under `root/prebuilds/` that node-gyp-build picks for this process (platform,
 * arch, Node-API or ABI, libc tags), or `null` when none applies.
 */
export function findPrebuild(dir: string): string | null {
  try {
    const nodeGypBuild = requireFromRoot('node-gyp-build') as { resolve(dir: string): string };
    const file = nodeGypBuild.resolve(dir);
    // node-gyp-build also looks in build/Release and beside the node executable: only the
    // package's own prebuilds/ is this step.
    return file.startsWith(path.join(dir, 'prebuilds') + path.sep) ? file : null;
  } catch {
    return null;
  }
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

/** Loads one module as step `step`; a failure becomes an error that names the step. */
function attempt(step: string, load: () => unknown): NativeBinding | Error {
  try {
    const binding = load() as Partial<NativeBinding> | null;
    // A module that loads but is not this package's binding (wrong file, stale build).
    if (typeof binding?.crc32Sync !== 'function' || typeof binding.simdLevel !== 'function') {
      throw new TypeError('it loaded, but it is not the rust-patterns binding (crc32Sync is missing)');
    }
    return binding as NativeBinding;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return new Error(`${step}: ${detail}`, { cause });
  }
}

/** Requires a `.node` file after checking that it is whole (see `elfProblem`). */
function checkedRequire(file: string): unknown {
  const problem = elfProblem(file);
  if (problem !== null) throw new Error(problem);
  return requireFromRoot(file);
}

/** One place to look: its name in `loadError`, how to load it, and which kind of build it holds. */
type Step = [name: string, load: () => unknown, kind: 'native' | 'wasm'];

/** The WebAssembly builds that are present: a local build, then the package. */
function wasmSteps(): Step[] {
  const steps: Step[] = [];
  const localLoader = path.join(root, 'rust-patterns.wasi.cjs');
  if (fs.existsSync(localLoader) && fs.existsSync(path.join(root, 'rust-patterns.wasm32-wasi.wasm'))) {
    steps.push(['local WebAssembly build', () => requireFromRoot(localLoader), 'wasm']);
  }
  try {
    const file = requireFromRoot.resolve(WASM_PACKAGE);
    steps.push([WASM_PACKAGE, () => requireFromRoot(file), 'wasm']);
  } catch {
    // Not installed: it is installed on request only.
  }
  return steps;
}

/** Which kind of build `load` returned (read only when it returned a binding). */
let loadedKind: 'native' | 'wasm' = 'native';

function load(): NativeBinding | Error {
  if (process.env.RUST_PATTERNS_FORCE_JS === '1') {
    return new Error('RUST_PATTERNS_FORCE_JS=1 is set: the native binding was not loaded');
  }
  // 1. An explicit path replaces the search, as napi-rs's NAPI_RS_NATIVE_LIBRARY_PATH does: a user
  // who names a file wants that file, not a silent fallback to another binary.
  const explicit = process.env.RUST_PATTERNS_NATIVE_PATH;
  if (explicit) {
    const result = attempt(`RUST_PATTERNS_NATIVE_PATH=${explicit}`, () =>
      checkedRequire(path.resolve(explicit)),
    );
    if (!(result instanceof Error)) return result;
    return new AggregateError(
      [result],
      `The rust-patterns native binding named by RUST_PATTERNS_NATIVE_PATH could not be loaded; every ` +
        `function runs on its pure-JS twin. Unset it to search the usual places. ${result.message}`,
      { cause: result },
    );
  }

  // 2. The generated loader dlopens without checking its files: when the local build or the
  // platform package is truncated, that one is skipped with its reason and the other loaded here.
  const platform = platformArchAbi();
  const failures: Error[] = [];
  const candidates: Array<[string, string]> = [];
  const local = path.join(root, `rust-patterns.${platform}.node`);
  if (fs.existsSync(local)) candidates.push(['local build', local]);
  try {
    const pkg = `${PLATFORM_PACKAGE_PREFIX}-${platform}`;
    candidates.push([pkg, requireFromRoot.resolve(pkg)]);
  } catch {
    // Not installed: the generated loader's error says so.
  }
  // The generated loader also loads the WebAssembly build as soon as its native candidates fail,
  // which would put it before prebuilds/: when one is present, the native candidates are loaded
  // here one by one instead, and the WebAssembly build comes after prebuilds/ (step 4).
  const wasm = wasmSteps();
  const damaged = candidates.filter(([, file]) => elfProblem(file) !== null);
  const steps: Step[] =
    damaged.length === 0 && wasm.length === 0
      ? [
          [
            'local build and platform package (generated napi-rs loader)',
            () => requireFromRoot('./index.js'),
            'native',
          ],
        ]
      : candidates.map(([step, file]): Step => [step, () => checkedRequire(file), 'native']);
  if (steps.length === 0) {
    const pkg = `${PLATFORM_PACKAGE_PREFIX}-${platform}`;
    steps.push([
      pkg,
      () => {
        throw new Error(`neither ${pkg} nor a local build (${local}) is installed`);
      },
      'native',
    ]);
  }
  // 3. prebuilds/ survives installs that skip optional dependencies.
  const prebuild = findPrebuild(root);
  steps.push([
    prebuild === null ? 'prebuilds/' : `prebuilds/ (${prebuild})`,
    () => {
      if (prebuild === null)
        throw new Error(`no ${process.platform}-${process.arch} Node-API build in ${root}`);
      return checkedRequire(prebuild);
    },
    'native',
  ]);
  // 4. The WebAssembly build: last, first (NAPI_RS_FORCE_WASI=1 or true, as napi-rs spells it)
  // or alone (NAPI_RS_FORCE_WASI=error).
  const forceWasi = process.env.NAPI_RS_FORCE_WASI ?? '';
  if (forceWasi === 'error' && wasm.length === 0) {
    wasm.push([
      'NAPI_RS_FORCE_WASI=error',
      () => {
        throw new Error(`no WebAssembly build: install ${WASM_PACKAGE}`);
      },
      'wasm',
    ]);
  }
  const ordered =
    forceWasi === 'error'
      ? wasm
      : ['1', 'true'].includes(forceWasi)
        ? [...wasm, ...steps]
        : [...steps, ...wasm];
  for (const [step, loadStep, kind] of ordered) {
    const result = attempt(step, loadStep);
    if (!(result instanceof Error)) {
      loadedKind = kind;
      return result;
    }
    failures.push(result);
  }

  // 5. The JS twins. Say what to install, not just what failed.
  let version = '';
  try {
    version = `@${(requireFromRoot('./package.json') as { version: string }).version}`;
  } catch {
    // Without a readable package.json the advice simply omits the version.
  }
  const pkg = `${PLATFORM_PACKAGE_PREFIX}-${platform}${version}`;
  const advice = !builtPlatforms.includes(platform)
    ? `No prebuilt binary is published for ${platform} (built: ${builtPlatforms.join(', ')}); ` +
      'build one with `npm run build` in a checkout and point RUST_PATTERNS_NATIVE_PATH at it.'
    : candidates.length > 0 || prebuild !== null
      ? `A binary was found but failed to load (see \`errors\`); reinstall the platform package: ` +
        `\`npm install ${pkg}\`.`
      : `Install the platform package: \`npm install ${pkg}\` (npm skips it with --omit=optional, on ` +
        'offline mirrors, and with lockfiles made on another OS).';
  return new AggregateError(
    failures,
    `The rust-patterns native binding could not be loaded for ${platform}; every function runs on ` +
      `its pure-JS twin. ${advice} Each failed step is in \`errors\`.`,
    { cause: failures[failures.length - 1] },
  );
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
export const native: NativeBinding | null = loaded instanceof Error ? null : { ...loaded };

/**
 * Why the native binding is not in use (`null` when it is). When the search failed it is an
 * AggregateError: `errors` holds one error per step tried, each with its original `cause`.
 */
export const loadError: Error | null = loaded instanceof Error ? loaded : null;

/** `'native'` or `'wasm'` when a binding loaded (which build it is), else `'js'`. */
export const implementation: Implementation = native === null ? 'js' : loadedKind;
