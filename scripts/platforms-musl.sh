#!/usr/bin/env bash
# Builds the native binary for Linux with musl (Alpine), checks what it imports and which musl it
# needs, runs the conformance suite on it under Bun's musl build, and packs and install-tests its
# platform package. The musl sibling of scripts/platforms.sh (same steps, same cache).
#
#   bash scripts/platforms-musl.sh [x64] [arm64]     (both when none is named)
#
# Needs `npm run build` (dist/ and the loader) and `npm run release` (the release binaries) first;
# installs what it needs itself (apt as root, npm, PyPI into a venv under target/), so .ci/run
# calls it on a fresh machine.
#
# Targets (docs/install.md has the floors):
#   x86_64-unknown-linux-musl   Debian's musl-gcc (musl-tools); needs libgcc_s.so.1 at run time
#                               (Alpine's `libgcc`, which Node and Bun need too).
#   aarch64-unknown-linux-musl  zig (ziglang from PyPI, through cargo-zigbuild's `zig cc`, which
#                               smooths rustc's linker arguments); zig links its own unwinder in,
#                               so only musl's libc.so is needed. Debian has no aarch64 musl gcc.
# std is built from Debian's rust-web-src (-Zbuild-std), as for arm64-gnu: `rustup target add`
# downloads from outside the package registries.
#
# npm has no Node for musl; Bun's musl build (npm: @oven/bun-linux-<arch>-musl) loads Node-API
# addons. It needs musl >= 1.2.4 (Debian 12's 1.2.3 crashes it), so it runs on Debian 13's musl,
# unpacked from its .deb (never installed), with the musl libstdc++/libgcc_s that Bun links
# against taken from numpy's musllinux wheel (PyPI). Each run sees a small Alpine-like root:
#   <root>/lib/ld-musl-<arch>.so.1   Debian 13's musl
#   <root>/usr/bin/ldd               Alpine's ldd script: the generated loader, and src/native.ts,
#                                    read /usr/bin/ldd to choose the musl package
#   <root>/usr/lib/                  libstdc++.so.6, libgcc_s.so.1
# x64 runs natively in a private mount namespace (unshare, as root) with the first two bound over
# the host's files; arm64 runs under qemu-aarch64-static -L <root>, which looks there first.
#
# Downloads are cached in target/platforms-cache (nothing outside the checkout).
set -euo pipefail
shopt -s inherit_errexit # the helpers below run in $(...) and must stop at their first failure
tag=platforms-musl
# shellcheck source=scripts/platforms-lib.sh
source "$(dirname "$0")/platforms-lib.sh"
arches=("$@")
[ ${#arches[@]} -gt 0 ] || arches=(x64 arm64)

# Pinned downloads. Bun is the version scripts/runtimes.mjs pins (its glibc build there).
bun_version=1.4.5
ziglang_version=0.17.1
cargo_zigbuild_version=0.24.1
numpy_version=2.4.6

# --- toolchains -------------------------------------------------------------------------------
apt_install rustc-web cargo-web rust-web-src musl-tools qemu-user-static binutils file

venv=$cache/venv
if [ ! -x "$venv/bin/cargo-zigbuild" ] || [ ! -f "$venv/ok-$ziglang_version-$cargo_zigbuild_version" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    "ziglang==$ziglang_version" "cargo-zigbuild==$cargo_zigbuild_version"
  touch "$venv/ok-$ziglang_version-$cargo_zigbuild_version"
fi
step "PyPI: ziglang $ziglang_version, cargo-zigbuild $cargo_zigbuild_version (venv)"

# Debian's musl from Debian 13 (to run Bun) and from Debian 12 (musl 1.2.3, the floor checked
# below), fetched with a private apt configuration: the host's sources and state stay untouched.
debs=$cache/musl-debs
if [ ! -f "$debs/ok" ]; then
  rm -rf "$debs"
  mkdir -p "$debs/etc/sources" "$debs/etc/parts" "$debs/lists/partial" "$debs/archives/partial" \
    "$debs/trixie" "$debs/bookworm"
  : >"$debs/status"
  printf '%s\n' 'Types: deb' 'URIs: http://deb.debian.org/debian' 'Suites: trixie bookworm' \
    'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
    >"$debs/etc/sources/musl.sources"
  apt_private=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$debs/etc/sources"
    -o "Dir::Etc::Parts=$debs/etc/parts" -o "Dir::State::Lists=$debs/lists"
    -o "Dir::Cache=$debs" -o "Dir::State::status=$debs/status" -o Debug::NoLocking=1
    -o APT::Architectures::=amd64 -o APT::Architectures::=arm64 -o Acquire::Languages=none
    -o APT::Sandbox::User=root)
  apt-get "${apt_private[@]}" update -qq
  for suite in trixie bookworm; do
    (cd "$debs/$suite" && apt-get "${apt_private[@]}" download -qq "musl:amd64/$suite" "musl:arm64/$suite")
  done
  rm -rf "$debs/lists"
  touch "$debs/ok"
fi
step "Debian musl: $(cd "$debs" && ls trixie/*amd64.deb bookworm/*amd64.deb | sed 's/.*musl_\([^_]*\)_.*/\1/' | tr '\n' ' ')"

# Bun's musl builds from npm, unpacked (their os/cpu/libc fields stop `npm install` here).
fetch_bun() { # arch (x64 | aarch64) -> path of bun
  local dir=$cache/bun-linux-$1-musl-$bun_version
  if [ ! -x "$dir/package/bin/bun" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    local tarball
    tarball=$(cd "$dir" && npm pack --silent "@oven/bun-linux-$1-musl@$bun_version")
    tar -xzf "$dir/$tarball" -C "$dir"
    rm "$dir/$tarball"
  fi
  echo "$dir/package/bin/bun"
}

# The Alpine-like root described at the top, for one architecture.
musl_root() { # deb arch (amd64 | arm64), musl arch (x86_64 | aarch64) -> root directory
  local dir=$cache/musl-root-$1
  if [ ! -f "$dir/ok" ]; then
    rm -rf "$dir"
    mkdir -p "$dir/lib" "$dir/usr/bin" "$dir/usr/lib" "$dir/deb"
    dpkg-deb -x "$(ls "$debs"/trixie/musl_*_"$1".deb)" "$dir/deb"
    cp "$(find "$dir/deb" -path "*/$2-linux-musl/libc.so" -type f)" "$dir/lib/ld-musl-$2.so.1"
    printf '#!/bin/sh\nexec /lib/ld-musl-%s.so.1 --list "$@"\n' "$2" >"$dir/usr/bin/ldd"
    chmod +x "$dir/usr/bin/ldd"
    local wheel
    wheel=$(cd "$cache" && pip_download "numpy==$numpy_version" "musllinux_1_2_$2")
    "$venv/bin/python" - "$wheel" "$dir/usr/lib" <<'EOF'
import sys, zipfile, os
# Only numpy.libs/: auditwheel's copies of the musl C++ runtime, renamed with a hash.
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name.startswith('numpy.libs/') and not name.endswith('/'):
            with open(os.path.join(sys.argv[2], os.path.basename(name)), 'wb') as out:
                out.write(z.read(name))
EOF
    (cd "$dir/usr/lib" &&
      ln -s "$(ls libstdc++-*.so.6* | head -1)" libstdc++.so.6 &&
      ln -s "$(ls libgcc_s-*.so.1 | head -1)" libgcc_s.so.1)
    touch "$dir/ok"
  fi
  echo "$dir"
}
pip_download() { # requirement, platform tag -> wheel path (cached in $cache/wheels)
  mkdir -p "$cache/wheels"
  "$venv/bin/pip" download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    --python-version 3.11 --platform "$2" -d "$cache/wheels" "$1" >&2
  ls "$cache"/wheels/"$(echo "${1%%=*}" | tr - _)"-"${1##*=}"-*"$2".whl
}

# --- per target -------------------------------------------------------------------------------
rows=()
musl_target() { # x64 | arm64
  local arch=$1 target platform deb_arch musl_arch bun_arch linker rustflags run_prefix
  case $arch in
    x64)
      target=x86_64-unknown-linux-musl deb_arch=amd64 musl_arch=x86_64 bun_arch=x64
      # musl-gcc links against libgcc_s for the unwinder; Debian has none built for musl, so the
      # link sees glibc's (the same _Unwind_* ABI) through a directory holding only that file.
      mkdir -p "$cache/musl-gcc-libgcc"
      ln -sf "$(gcc -print-file-name=libgcc_s.so.1)" "$cache/musl-gcc-libgcc/libgcc_s.so.1"
      linker=musl-gcc
      rustflags="-C link-arg=-L$cache/musl-gcc-libgcc"
      ;;
    arm64)
      target=aarch64-unknown-linux-musl deb_arch=arm64 musl_arch=aarch64 bun_arch=aarch64
      # The wrapper `cargo zigbuild` would write: its `zig cc` rewrites what zig does not take from
      # rustc (-lgcc_s becomes zig's own -lunwind, for one), for this rustc's version.
      linker=$cache/zig-cc-aarch64-linux-musl
      printf '#!/bin/sh\nexport CARGO_ZIGBUILD_RUSTC_VERSION=%s\nexec "%s" zig cc -- %s "$@"\n' \
        "$(/usr/bin/rustc --version | cut -d' ' -f2 | cut -d+ -f1)" "$venv/bin/cargo-zigbuild" \
        '-g -fno-sanitize=all -target aarch64-linux-musl' >"$linker"
      chmod +x "$linker"
      rustflags=
      ;;
    *) fail "unknown architecture $arch (x64 or arm64)" ;;
  esac
  platform=linux-$arch-musl
  local node_file=rust-patterns.$platform.node
  local bun musl
  bun=$(fetch_bun "$bun_arch")
  musl=$(musl_root "$deb_arch" "$musl_arch")
  step "$platform: Bun $bun_version for musl (npm), Debian 13's musl, numpy's C++ runtime"

  # --- build ----------------------------------------------------------------------------------
  # Debian's rustc and cargo by path (rustup's shims come first on PATH); RUSTC_BOOTSTRAP lets the
  # stable compiler take -Zbuild-std; std with panic_unwind (every export catches panics).
  # `-crt-static`: a Node-API addon is a shared object that uses the process's musl, and rustc's
  # musl targets link statically unless told otherwise (they then cannot build a cdylib).
  local triple_env
  triple_env=$(echo "$target" | tr 'a-z-' 'A-Z_')
  # RUSTFLAGS from the environment would replace the per-target flags, so it is cleared. The venv
  # is on PATH for cargo-zigbuild, which runs zig as `python3 -m ziglang`.
  env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc PATH="$venv/bin:$PATH" \
    ZIG_GLOBAL_CACHE_DIR="$cache/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/zig-cache" \
    "CARGO_TARGET_${triple_env}_LINKER=$linker" \
    "CARGO_TARGET_${triple_env}_RUSTFLAGS=-C target-feature=-crt-static $rustflags" \
    CARGO_TARGET_DIR="$root/target/platforms" \
    /usr/bin/cargo build --quiet --release --locked -p rust-patterns-node \
    -Zbuild-std=std,panic_unwind --target "$target"
  local built=$root/target/platforms/$target/release/librust_patterns_node.so
  step "$platform: build $target ($(stat -c %s "$built") bytes)"

  # --- imports --------------------------------------------------------------------------------
  local machine
  machine=$([ "$arch" = x64 ] && echo 'x86-64' || echo 'ARM aarch64')
  file -b "$built" | grep -q "ELF 64-bit LSB shared object, $machine" ||
    fail "$built is not an $machine shared object: $(file -b "$built")"
  # Read readelf's output first: `readelf | grep -q` fails under pipefail when grep stops early.
  local dynamic needed
  dynamic=$(readelf -d "$built")
  needed=$(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' <<<"$dynamic" | sort | tr '\n' ' ')
  for lib in $needed; do
    case $lib in
      libc.so) ;; # musl's one library (libpthread, libm, libdl are all in it)
      libgcc_s.so.1) [ "$arch" = x64 ] || fail "$node_file needs libgcc_s.so.1 (zig links its unwinder in)" ;;
      *) fail "$node_file needs an unexpected library: $lib" ;;
    esac
  done
  grep -q 'libc.so.6\|ld-linux' <<<"$dynamic" && fail "$node_file refers to glibc"
  # Panics unwind: the binary has landing pads (.gcc_except_table), and its unwinder is libgcc_s
  # (x64) or zig's libunwind linked in (arm64: _Unwind_RaiseException is defined, not imported).
  local sections symbols
  sections=$(readelf -S -W "$built")
  grep -q '\.gcc_except_table' <<<"$sections" || fail "$node_file has no landing pads: built without unwinding?"
  symbols=$(readelf --dyn-syms -W "$built")
  if [ "$arch" = x64 ]; then
    grep -q 'UND _Unwind_RaiseException' <<<"$symbols" || fail "$node_file does not import _Unwind_RaiseException"
  else
    grep -q 'UND _Unwind_RaiseException' <<<"$symbols" && fail "$node_file imports _Unwind_RaiseException"
  fi
  # The musl floor: every strong symbol the binary imports, other than Node-API's (from the
  # process) and the unwinder's (libgcc_s), must be defined by Debian 12's musl 1.2.3 libc.so,
  # the oldest musl that Rust's musl targets support (Alpine 3.16 and later).
  local floor_dir=$cache/musl-floor-$deb_arch
  if [ ! -f "$floor_dir/ok" ]; then
    rm -rf "$floor_dir" && mkdir -p "$floor_dir"
    dpkg-deb -x "$(ls "$debs"/bookworm/musl_*_"$deb_arch".deb)" "$floor_dir"
    touch "$floor_dir/ok"
  fi
  local floor_version exported missing_symbols
  floor_version=$(ls "$debs"/bookworm/musl_*_"$deb_arch".deb | sed 's/.*musl_\([0-9.]*\).*/\1/')
  # (Debian 12 keeps it in /lib/<arch>-linux-musl, Debian 13 in /usr/lib/<arch>-linux-musl.)
  exported=$(readelf --dyn-syms -W "$(find "$floor_dir" -name libc.so -type f)" |
    awk '$7 != "UND" && $8 != "" { sub(/@.*/, "", $8); print $8 }' | sort -u)
  missing_symbols=$(awk '$7 == "UND" && $5 != "WEAK" && $8 != "" { sub(/@.*/, "", $8); print $8 }' <<<"$symbols" |
    grep -v '^napi_\|^node_api_\|^_Unwind_' | sort -u | comm -23 - <(echo "$exported") | tr '\n' ' ')
  [ -z "$missing_symbols" ] || fail "$node_file imports symbols musl $floor_version lacks: $missing_symbols"
  cp "$built" "npm/$platform/$node_file"
  step "$platform: imports: $machine, needs $needed; every symbol in musl $floor_version; unwinds"

  # --- conformance under Bun for musl ---------------------------------------------------------
  # The binary sits where the loader looks for a local build, so the suite loads it through the
  # package (dist/ and the generated index.js) and the loader's own musl detection.
  case $arch in
    x64)
      [ -e /lib/ld-musl-x86_64.so.1 ] || fail "no /lib/ld-musl-x86_64.so.1 to bind Debian 13's musl over"
      run_prefix=(unshare --mount --propagation private -- sh -c
        'root=$1 && shift && mount --bind "$root/lib/ld-musl-x86_64.so.1" /lib/ld-musl-x86_64.so.1 &&
         mount --bind "$root/usr/bin/ldd" /usr/bin/ldd && exec env LD_LIBRARY_PATH="$root/usr/lib" "$@"'
        sh "$musl")
      ;;
    arm64) run_prefix=(qemu-aarch64-static -L "$musl") ;;
  esac
  # Children of the suite's runtime: under qemu they need qemu too (no binfmt_misc is assumed);
  # in the namespace they inherit it.
  local child_prefix=
  [ "$arch" = arm64 ] && child_prefix="qemu-aarch64-static -L $musl"
  cp "$built" "$node_file"
  local out=$cache/conformance-$platform.txt status t0=$SECONDS
  set +e
  CONFORMANCE_CHILD_PREFIX="$child_prefix" "${run_prefix[@]}" "$bun" conformance/suite.mjs >"$out" 2>&1
  status=$?
  set -e
  rm -f "$node_file"
  local summary
  summary=$(grep '^# conformance ' "$out" | tail -1 | cut -d' ' -f3-)
  if [ "$status" != 0 ] || [ -z "$summary" ]; then
    grep -A12 '^not ok' "$out" >&2 || tail -40 "$out" >&2
    fail "conformance failed on $platform (exit $status)"
  fi
  rows+=("$(node -e '
    const s = JSON.parse(process.argv[1]);
    if (s.implementation !== "native") { console.error(`implementation is ${s.implementation}`); process.exit(1); }
    console.log(`| ${process.argv[2]} | ${s.runtime} ${s.version} for musl${process.argv[4]} | ${s.passed} | ${s.failed} | ${process.argv[3]} s |`);
  ' "$summary" "$target" "$((SECONDS - t0))" "$([ "$arch" = arm64 ] && echo ' (qemu-aarch64)')")")
  step "$platform: conformance under Bun for musl"

  # --- package and install test ---------------------------------------------------------------
  # The release's tarballs (scripts/release.mjs packs every platform package whose binary is in
  # place) into an empty project; Bun must load the binary from the platform package, which the
  # generated loader chooses by its own musl detection.
  local pack=$root/target/platforms-musl-pack tarballs platform_tgz
  rm -rf "$pack"
  tarballs=$(node scripts/release.mjs --skip-build --out "$pack" 2>/dev/null | tail -1)
  platform_tgz=$(node scripts/platform-install-project.mjs "$tarballs" "$platform" "$pack/project")
  (cd "$pack/project" && "${run_prefix[@]}" "$bun" check.cjs)
  step "$platform: install test: $(basename "$platform_tgz") under Bun for musl"
}

for arch in "${arches[@]}"; do musl_target "$arch"; done

echo
echo '| target | runtime | passed | failed | time |'
echo '| --- | --- | --- | --- | --- |'
printf '%s\n' "${rows[@]}"
echo "platforms-musl: done in $((SECONDS - started)) s"
