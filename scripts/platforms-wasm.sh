#!/usr/bin/env bash
# Builds the WebAssembly fallback (wasm32-wasip1-threads) of the library binding, checks what
# the module imports, runs the conformance suite on it (NAPI_RS_FORCE_WASI=1) on this Node and on
# every runtime `npm run runtimes` installed, then packs @rust-patterns/binding-wasm32-wasi with
# the release and installs the tarballs into empty projects.
#
#   bash scripts/platforms-wasm.sh
#
# Needs `npm install` (emnapi, @emnapi/core, @emnapi/runtime and @napi-rs/wasm-runtime are
# devDependencies, the three emnapi packages on one version as the napi CLI demands), `npm run
# build` (dist/) and `npm run release` (the release binaries the main tarball is packed from).
#
# The Rust standard library for wasm32-wasip1-threads has no route inside the package registries
# this project may use: building it from Debian's rust-web-src (-Zbuild-std, as scripts/
# platforms.sh does for arm64) needs a wasi-libc built for threads, and none is reachable (Debian
# 12, 13 and sid ship wasi-libc for wasm32-wasi and wasm32-wasip2 only; Debian's source packages
# are not served here; ziglang's bundled wasi-libc is the single-threaded subset, without
# pthread_create or wasi_thread_start; npm and PyPI have no wasi-sdk). So the target comes from
# `rustup target add` (static.rust-lang.org, outside the registries): when that fails, this
# script warns and skips (exit 0), as .ci/run does for the nightly-only steps.
#
# Timings per step are printed; downloads are cached in target/platforms-cache.
set -euo pipefail
tag=platforms-wasm
# shellcheck source=scripts/platforms-lib.sh
source "$(dirname "$0")/platforms-lib.sh"

target=wasm32-wasip1-threads
platform=wasm32-wasi # napi-rs's name for the threads flavour (package, file and loader names)
wasm_file=rust-patterns.$platform.wasm
out=$root/target/wasm-release

# --- toolchain --------------------------------------------------------------------------------
has_std() {
  local libdir
  libdir=$(rustc --print target-libdir --target "$target" 2>/dev/null) || return 1
  compgen -G "$libdir/libstd-*.rlib" >/dev/null
}
if ! has_std; then
  echo "platforms-wasm: the $target standard library is missing; fallback outside the package registries: rustup target add $target" >&2
  if ! command -v rustup >/dev/null 2>&1 || ! rustup target add "$target" >&2 || ! has_std; then
    echo "warning: no Rust standard library for $target (rustup target add failed); the WebAssembly build and its tests are skipped" >&2
    exit 0
  fi
fi
step "rust std for $target ($(rustc --version | cut -d' ' -f2), from rustup)"

# --- build ------------------------------------------------------------------------------------
# The release build (no benchmark-only exports), as scripts/release.mjs builds the native one.
# The generated loader (index.js) must come out as committed: the wasm target changes nothing in it.
rm -rf "$out"
node_modules/.bin/napi build --platform --release --target "$target" \
  --manifest-path crates/node/Cargo.toml --output-dir "$out" --js index.js --dts index.d.ts >&2
for file in index.js index.d.ts; do
  cmp -s "$out/$file" "$file" ||
    { echo "platforms-wasm: the $target build generated a different $file; run \`npm run build\` and commit it" >&2; exit 1; }
done
step "build $target ($(du -k "$out/$wasm_file" | cut -f1) KB)"

# --- imports ----------------------------------------------------------------------------------
# A WebAssembly module with shared memory (threads), importing only WASI, wasi-threads' spawn and
# the Node-API functions emnapi provides: nothing the runtime lacks.
node - "$out/$wasm_file" <<'EOF'
const { readFileSync } = require('node:fs');
const mod = new WebAssembly.Module(readFileSync(process.argv[2]));
const imports = WebAssembly.Module.imports(mod);
const modules = [...new Set(imports.map((i) => i.module))].sort();
const unexpected = modules.filter((m) => !['env', 'napi', 'emnapi', 'wasi', 'wasi_snapshot_preview1'].includes(m));
if (unexpected.length > 0) throw new Error(`unexpected import modules: ${unexpected.join(', ')}`);
const memory = imports.find((i) => i.kind === 'memory');
if (!memory) throw new Error('the module does not import its memory (no shared memory, no threads)');
if (!imports.some((i) => i.module === 'wasi' && i.name === 'thread-spawn'))
  throw new Error('the module does not import wasi.thread-spawn: not a threads build');
const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
for (const name of ['napi_register_wasm_v1', 'wasi_thread_start'])
  if (!exports.includes(name)) throw new Error(`the module does not export ${name}`);
console.error(`platforms-wasm: imports from ${modules.join(', ')} (${imports.length} functions and memory); exports napi_register_wasm_v1`);
EOF
step "imports of $wasm_file"

# --- conformance on every runtime -------------------------------------------------------------
# The build sits where the loader looks for a local WebAssembly build (rust-patterns.wasi.cjs and
# the .wasm at the package root), so the suite loads it through the package; NAPI_RS_FORCE_WASI=1
# puts it before this checkout's native build.
loader_files=(rust-patterns.wasi.cjs rust-patterns.wasi-browser.js wasi-worker.mjs wasi-worker-browser.mjs "$wasm_file")
cleanup() { for f in "${loader_files[@]}"; do rm -f "$root/$f"; done; }
trap cleanup EXIT
for f in "${loader_files[@]}"; do cp "$out/$f" "$root/$f"; done
node scripts/test-runtimes.mjs --wasm | tee "$cache/conformance-wasm.txt"
cleanup
step "conformance on the WebAssembly build (NAPI_RS_FORCE_WASI=1)"

# --- package and install test -----------------------------------------------------------------
# The module and its loaders into npm/wasm32-wasi/, then scripts/release.mjs repacks the release
# (target/napi-release, from `npm run release`) with it. An empty project installs the main
# tarball and the wasm tarball from files, their dependencies from the registry.
for f in "${loader_files[@]}"; do cp "$out/$f" "npm/$platform/$f"; done
pack=$root/target/wasm-pack
rm -rf "$pack"
tarballs=$(node scripts/release.mjs --skip-build --out "$pack" 2>/dev/null | tail -1)
tgz() { node -e 'console.log(JSON.parse(process.argv[1]).find((t) => t.name === process.argv[2]).file)' "$tarballs" "$1"; }
main_tgz=$(tgz rust-patterns)
wasm_tgz=$(tgz "@rust-patterns/binding-$platform")
wasm_files=$(node -e 'console.log(JSON.parse(process.argv[1]).find((t) => t.name === process.argv[2]).files.join(" "))' "$tarballs" "@rust-patterns/binding-$platform")
node -e '
  const m = JSON.parse(process.argv[1]).find((t) => t.name === "rust-patterns");
  const listed = Object.keys(JSON.parse(require("node:fs").readFileSync(process.argv[2], "utf8")).optionalDependencies ?? {});
  if (listed.some((n) => n.endsWith("-wasm32-wasi"))) throw new Error("the wasm package is installed on request, not listed");
' "$tarballs" "$root/target/npm-stage/rust-patterns/package.json"
step "pack: $(basename "$wasm_tgz") ($wasm_files)"

cat > "$pack/check.cjs" <<'EOF'
const rp = require('rust-patterns');
const assert = require('node:assert/strict');
assert.equal(rp.implementation, process.env.EXPECT, String(rp.loadError?.stack));
assert.equal(rp.loadError, null);
assert.equal(rp.crc32Sync(Buffer.from('123456789')), 0xcbf43926);
const big = Buffer.alloc(1 << 16, 7);
assert.equal(rp.countByte(big, 7), big.length);
const nodeFiles = Object.keys(require.cache).filter((k) => k.endsWith('.node'));
const wasi = Object.keys(require.cache).filter((k) => k.includes('binding-wasm32-wasi'));
if (process.env.EXPECT === 'wasm') assert.ok(wasi.length > 0, 'nothing loaded from the wasm package');
console.log(`implementation=${rp.implementation} simd=${rp.simdLevel()} .node=${nodeFiles.join(',') || '-'} wasm package files=${wasi.length}`);
EOF
install_project() { # name, npm install arguments...
  local dir=$pack/$1
  shift
  mkdir -p "$dir"
  echo '{ "name": "wasm-install-test", "private": true }' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel error "$@" >&2)
  cp "$pack/check.cjs" "$dir/check.cjs"
}
# 1. No native package (npm skips optional dependencies): the wasm build, unasked.
install_project no-native --omit=optional "$main_tgz" "$wasm_tgz"
(cd "$pack/no-native" && EXPECT=wasm node check.cjs)
# 2. With this platform's native package: native by default, wasm when forced.
native_tgz=$(tgz "@rust-patterns/binding-linux-x64-gnu")
install_project with-native "$main_tgz" "$native_tgz" "$wasm_tgz"
(cd "$pack/with-native" && EXPECT=native node check.cjs && NAPI_RS_FORCE_WASI=1 EXPECT=wasm node check.cjs)
step "install test: main + wasm tarballs, without and with the native package"

echo "platforms-wasm: done in $((SECONDS - started)) s"
