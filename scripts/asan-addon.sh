#!/usr/bin/env bash
# The Node-API addon itself under AddressSanitizer: the library binding (crates/node) and the lab
# binding (crates/lab), built by nightly rustc with -Zsanitizer=address and loaded into an
# uninstrumented Node with LLVM's shared ASan runtime preloaded. Under it run the hostile sweep
# (both bindings), the native/JS parity property tests, the conformance suite, the external-buffer
# soak, the worker-lifecycle test, the binding fuzzer's corpus and a short fuzz run, and the
# planted-bug test (a test-only use-after-free that the sanitizer must report).
#
#   bash scripts/asan-addon.sh            everything (CI: .ci/run's nightly-only step)
#   bash scripts/asan-addon.sh --build    only build the instrumented tree and print its env
#   ASAN_ADDON_ONLY="hostile fuzz" bash scripts/asan-addon.sh    only these parts
#   ASAN_FUZZ_SECONDS=600 ASAN_ADDON_ONLY=fuzz bash scripts/asan-addon.sh   a long fuzz run
#   (ASAN_ADDON_OUT=<dir> moves the tree and reports, for two runs at once)
#
# Fails if any part fails or if any ASan report was written (reports go to files under
# target/asan-addon/reports/, so a report from a child process cannot be lost in a pipe).
#
# Why a shared runtime: rustc links its static ASan runtime only into executables, so a cdylib
# built with -Zsanitizer=address has undefined __asan_* symbols; Node is not instrumented, so the
# runtime must be preloaded. It must come from the same LLVM major version as nightly rustc (the
# instrumentation calls __asan_version_mismatch_check_vN and version-specific entry points);
# Debian ships that as libclang-rt-<major>-dev. The script checks that every __asan_* symbol the
# addons import is defined by the runtime before running anything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${ASAN_ADDON_OUT:-$root/target/asan-addon}
tree=$out/tree
reports=$out/reports
triple=x86_64-unknown-linux-gnu
only=${ASAN_ADDON_ONLY:-"planted hostile parity conformance soak lifecycle fuzz"}
t0=$SECONDS
part() { printf '\n--- asan-addon: %s (%ss)\n' "$1" "$((SECONDS - t0))"; }
wants() { [[ " $only " == *" $1 "* ]]; }

# 1. The runtime: LLVM's shared libclang_rt.asan from the same major version as nightly's LLVM.
llvm_major=$(rustc +nightly --version --verbose | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
runtime=/usr/lib/llvm-$llvm_major/lib/clang/$llvm_major/lib/linux/libclang_rt.asan-x86_64.so
if [ ! -f "$runtime" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    part "installing libclang-rt-$llvm_major-dev (the shared ASan runtime of LLVM $llvm_major)"
    apt-get install -y -qq "libclang-rt-$llvm_major-dev" >/dev/null ||
      { apt-get update -qq && apt-get install -y -qq "libclang-rt-$llvm_major-dev" >/dev/null; }
  fi
fi
if [ ! -f "$runtime" ]; then
  echo "asan-addon: no $runtime (Debian package libclang-rt-$llvm_major-dev, matching" \
    "nightly rustc's LLVM $llvm_major); install it to run the addon under ASan" >&2
  exit 1
fi

# 2. The instrumented builds, each with its own feature set as `npm run build` has it (one cargo
# call per package, so the lab's napi features do not leak into the library build). opt-level 1
# keeps the property tests fast enough; debug assertions and symbols stay on.
part "build (nightly, -Zsanitizer=address, opt-level 1)"
build() {
  RUSTFLAGS="-Zsanitizer=address" CARGO_TARGET_DIR=$root/target/asan-addon/cargo \
    cargo +nightly build --quiet --target "$triple" --config 'profile.dev.opt-level=1' "$@"
}
so=$root/target/asan-addon/cargo/$triple/debug
rm -rf "$tree" "$reports"
mkdir -p "$tree" "$reports"
# The package as the tests see it (tracked and new files, the compiled dist/, node_modules),
# with the instrumented .node files where the generated loaders look for them.
git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$tree"
[ -d dist ] || npm run build:ts
cp -r dist "$tree/dist"
ln -s "$root/node_modules" "$tree/node_modules"
build -p rust-patterns-node
cp "$so/librust_patterns_node.so" "$tree/rust-patterns.linux-x64-gnu.node"
build -p rust-patterns-lab
cp "$so/librust_patterns_lab.so" "$tree/benchmark/lab/native/rust-patterns-lab.linux-x64-gnu.node"
build -p rust-patterns-node --features test-exports
cp "$so/librust_patterns_node.so" "$out/rust-patterns-test-exports.node"

# The ABI check: every __asan_* symbol an addon imports must be defined by the runtime.
defined=$(nm -D --defined-only "$runtime" | awk '{print $3}' | sort -u)
for addon in "$tree/rust-patterns.linux-x64-gnu.node" \
  "$tree/benchmark/lab/native/rust-patterns-lab.linux-x64-gnu.node" "$out/rust-patterns-test-exports.node"; do
  missing=$(nm -D --undefined-only "$addon" | awk '{print $2}' | grep '^__asan' | sort -u |
    comm -23 - <(printf '%s\n' "$defined"))
  if [ -n "$missing" ]; then
    echo "asan-addon: $runtime lacks symbols that $addon imports: $missing" >&2
    exit 1
  fi
done
echo "runtime: $runtime (LLVM $llvm_major; $(rustc +nightly --version))"

# 3. The sanitizer's settings (each one's reason is in scripts/asan-addon.supp's header). Reports
# are symbolized by LLVM's own llvm-symbolizer when that version is installed, else by binutils'
# addr2line (Debian's default llvm-symbolizer is LLVM 14's, which the LLVM 22 runtime refuses).
symbolizer=/usr/lib/llvm-$llvm_major/bin/llvm-symbolizer
[ -x "$symbolizer" ] || symbolizer=$(command -v addr2line || true)
export LD_PRELOAD=$runtime
export ASAN_OPTIONS="detect_leaks=0:detect_odr_violation=0:allocator_may_return_null=1:halt_on_error=1:abort_on_error=0:exitcode=66:log_path=$reports/asan:suppressions=$root/scripts/asan-addon.supp${symbolizer:+:external_symbolizer_path=$symbolizer}"
export RUST_PATTERNS_ASAN=1
export RUST_PATTERNS_ASAN_TEST_ADDON=$out/rust-patterns-test-exports.node
if [ "${1:-}" = --build ]; then
  printf 'cd %q && LD_PRELOAD=%q ASAN_OPTIONS=%q RUST_PATTERNS_ASAN=1 RUST_PATTERNS_ASAN_TEST_ADDON=%q <command>\n' \
    "$tree" "$LD_PRELOAD" "$ASAN_OPTIONS" "$RUST_PATTERNS_ASAN_TEST_ADDON"
  exit 0
fi

cd "$tree"
failed=()
failed_logs=()
logs=$out/logs
rm -rf "$logs"
mkdir -p "$logs"
# Each part's output goes to the terminal and to a log; a failed part's failure lines (vitest's
# failed test names and assertions, fast-check's seed and counterexample) are printed again at
# the very end, where a CI log that keeps only its head and tail still shows them.
run() {
  local name=$1
  shift
  part "$name"
  local log=$logs/${name//[^a-zA-Z0-9]/_}.log
  if ! "$@" 2>&1 | tee "$log"; then
    failed+=("$name")
    failed_logs+=("$log")
  fi
}
vitest=(node node_modules/vitest/vitest.mjs run --typecheck.enabled=false)

# The planted bug first: if the sanitizer does not bite, nothing after it means anything.
wants planted && run "planted use-after-free is reported" "${vitest[@]}" __test__/asan-addon.spec.ts
wants hostile && run "hostile sweep, both bindings" env HOSTILE_RUNS="${ASAN_HOSTILE_RUNS:-1000}" \
  "${vitest[@]}" __test__/hostile.spec.ts
# Every suite that compares the native binding with its JS twin on random input.
wants parity && run "native/JS parity property tests" "${vitest[@]}" __test__/checksum.spec.ts \
  __test__/native-offload.spec.ts __test__/records.spec.ts __test__/lines.spec.ts \
  __test__/utf8.spec.ts __test__/release.spec.ts __test__/boundary.spec.ts \
  __test__/boundary-raw.spec.ts __test__/string-building.spec.ts __test__/concurrency.spec.ts \
  __test__/optional-args.spec.ts __test__/move.spec.ts __test__/in-place.spec.ts \
  __test__/async-reliability.spec.ts
wants conformance && run "conformance suite (native)" node conformance/suite.mjs
# The soak's bound is on RSS growth: ASan's quarantine (freed memory held back to catch a late
# use, 256 MB by default) would fill during the run and count as growth, so the soak keeps the
# last 16 MB of frees instead, still far more than a finalizer that runs late would need.
wants soak && run "external-buffer soak" env ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=16" \
  node --expose-gc --import tsx scripts/soak.ts --scale "${ASAN_SOAK_SCALE:-0.25}"
wants lifecycle && run "worker lifecycle" env WORKER_LIFECYCLE_RUNS="${ASAN_LIFECYCLE_RUNS:-120}" \
  "${vitest[@]}" __test__/worker-lifecycle.spec.ts
wants fuzz && run "binding fuzzer: corpus replay and ${ASAN_FUZZ_SECONDS:-30} s of new cases" \
  env FUZZ_SECONDS="${ASAN_FUZZ_SECONDS:-30}" "${vitest[@]}" __test__/fuzz-binding.spec.ts

part "ASan reports"
shopt -s nullglob
found=("$reports"/asan.*)
if [ ${#found[@]} -gt 0 ]; then
  echo "asan-addon: ${#found[@]} AddressSanitizer report(s):" >&2
  for f in "${found[@]}"; do
    echo "== $f" >&2
    head -60 "$f" >&2
  done
  failed+=("ASan reports")
else
  echo "none"
fi
part "done"
if [ ${#failed[@]} -gt 0 ]; then
  for log in "${failed_logs[@]}"; do
    echo "== what failed, from $log" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$log" |
      grep -E -m 40 'FAIL |✗|×|Error|Property failed|Counterexample|seed|[Ee]xpected|Test Files|Tests ' >&2 || true
  done
  printf 'asan-addon: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
