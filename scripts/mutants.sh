#!/usr/bin/env bash
# Mutation testing (`npm run mutants`; not in CI: it rebuilds and retests once per mutant).
#
#   bash scripts/mutants.sh core        cargo-mutants over the shipped kernels of crates/core
#   bash scripts/mutants.sh napi-args   cargo-mutants over crates/napi-args, tested through JS
#   bash scripts/mutants.sh             both
#
# Results go to target/mutants/<part>/mutants.out (caught.txt, missed.txt, timeout.txt,
# unviable.txt, outcomes.json). Survivors that no test can kill are listed, each with its reason,
# in docs/mutants-equivalent.md. Runs at nice 10 with a per-mutant test timeout.
#
# crates/napi-args converts JS values, so only JS can observe it: for it, cargo-mutants runs
# scripts/mutants-cargo.sh as its `cargo`, which after `cargo test` also builds the library
# binding from the mutated tree and runs the vitest suites about argument handling against it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
parts=${1:-core napi-args}
if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install --locked cargo-mutants
fi

for part in $parts; do
  out=$root/target/mutants/$part
  mkdir -p "$out"
  start=$SECONDS
  case $part in
    core)
      # The kernels the library binding ships (the lab-only modules are benchmark subjects).
      nice -n 10 cargo mutants --package rust-patterns-core --output "$out" --timeout 120 \
        --jobs 1 --no-shuffle \
        -f crates/core/src/records.rs -f crates/core/src/lines.rs -f crates/core/src/checksum.rs \
        -f crates/core/src/utf8.rs -f crates/core/src/native_offload.rs \
        -f crates/core/src/string_building.rs -f crates/core/src/release.rs \
        -f crates/core/src/boundary.rs -f crates/core/src/concurrency.rs || true
      ;;
    napi-args)
      MUTANTS_REPO=$root CARGO=$root/scripts/mutants-cargo.sh nice -n 10 cargo mutants \
        --package rust-patterns-napi-args --output "$out" --timeout 300 --build-timeout 600 \
        --jobs 1 --no-shuffle || true
      ;;
    *)
      echo "unknown part $part (core, napi-args)" >&2
      exit 2
      ;;
  esac
  echo "$part: $((SECONDS - start)) s"
  for kind in caught missed timeout unviable; do
    printf '  %-9s %s\n' "$kind" "$(wc -l <"$out/mutants.out/$kind.txt" 2>/dev/null || echo '?')"
  done
done
