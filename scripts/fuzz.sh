#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for a fixed time, each starting from its committed
# seeds (fuzz/seeds/<target>/) plus a scratch corpus that grows across runs
# (<target dir>/fuzz-corpus/<target>/, never committed). Stops at the first target that fails; a
# failing input is written to fuzz/artifacts/<target>/.
#
#   bash scripts/fuzz.sh [seconds per target, default 20] [target ...]
#
# Needs the nightly toolchain (libFuzzer's instrumentation); installs the pinned cargo-fuzz from
# crates.io when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(records lines utf8 body)

cargo_fuzz_version=0.13.1
if ! cargo +nightly fuzz --version 2>/dev/null | grep -qF "$cargo_fuzz_version"; then
  cargo install cargo-fuzz --version "=$cargo_fuzz_version" --locked
fi

target_dir=${CARGO_TARGET_DIR:-fuzz/target}
cargo +nightly fuzz build --fuzz-dir fuzz
for t in "${targets[@]}"; do
  corpus=$target_dir/fuzz-corpus/$t
  log=$target_dir/fuzz-$t.log
  mkdir -p "$corpus"
  if ! cargo +nightly fuzz run --fuzz-dir fuzz "$t" "$corpus" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz target $t failed (log: $log)" >&2
    exit 1
  fi
  # libFuzzer's last status line (executions, coverage, features, corpus) and its totals.
  echo "$t: $(grep -E '^#[0-9]+' "$log" | tail -n 1)"
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" | sed "s/^/$t: /"
done
