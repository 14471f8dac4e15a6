#!/usr/bin/env bash
# Mutation testing (`npm run mutants`; not in CI: every mutant is a rebuild or a test run).
# Installs cargo-mutants from crates.io if needed; StrykerJS comes with `npm install`.
#
#   bash scripts/mutants.sh                      all three below, one after the other
#   bash scripts/mutants.sh core [file.rs ...]   cargo-mutants over crates/core (default: the
#                                                kernels the library binding ships)
#   bash scripts/mutants.sh crates/core/src/lines.rs ...   the same, only these files
#   bash scripts/mutants.sh napi-args [file.rs ...]   cargo-mutants over crates/napi-args: each
#                                                mutant is built into crates/node and judged by
#                                                the vitest files that call it (tests/binding_suite.rs)
#   bash scripts/mutants.sh src [group|file.ts ...]   StrykerJS over src/ (stryker.config.json),
#                                                by group: text, records, loader, parallel
#
# Results: target/mutants/mutants.out and target/mutants-napi-args/mutants.out (caught.txt,
# missed.txt, timeout.txt, unviable.txt, outcomes.json); reports/mutation/<group>.json for src/.
# Survivors that no test can kill are listed with their reasons in docs/mutants.md. Everything
# runs at nice 10, one mutant at a time.
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_cargo_mutants() {
  if ! cargo mutants --version >/dev/null 2>&1; then
    cargo install --locked cargo-mutants
  fi
}

summary() {
  local out=$1
  for kind in caught missed timeout unviable; do
    printf '  %-9s %s\n' "$kind" "$({ wc -l <"$out/$kind.txt"; } 2>/dev/null || echo '?')"
  done
}

mutants_core() {
  ensure_cargo_mutants
  local files=("$@")
  if [ ${#files[@]} -eq 0 ]; then
    # The kernels behind the library's exports (the lab-only modules are benchmark subjects).
    files=(records lines checksum utf8 native_offload string_building release boundary)
    files=("${files[@]/#/crates/core/src/}")
    files=("${files[@]/%/.rs}")
  fi
  local args=() f start=$SECONDS
  for f in "${files[@]}"; do args+=(--file "$f"); done
  nice -n 10 cargo mutants --package rust-patterns-core --output target/mutants --timeout 120 \
    --jobs 1 --no-shuffle "${args[@]}" || true
  echo "cargo-mutants over ${files[*]}: $((SECONDS - start)) s"
  summary target/mutants/mutants.out
}

mutants_napi_args() {
  ensure_cargo_mutants
  local args=() f start=$SECONDS
  for f in "$@"; do args+=(--file "$f"); done
  # In place, so that the nested `cargo build -p rust-patterns-node` of tests/binding_suite.rs
  # compiles the mutated file; `--include-ignored` runs that suite (a plain `cargo test` skips it).
  # The crate's unit tests run first and stop `cargo test` on failure, so a mutant they catch
  # costs no addon build.
  nice -n 10 cargo mutants --package rust-patterns-napi-args --in-place \
    --output target/mutants-napi-args --timeout 900 --no-shuffle "${args[@]}" \
    -- -- --include-ignored || true
  echo "cargo-mutants over crates/napi-args ${*:-}: $((SECONDS - start)) s"
  summary target/mutants-napi-args/mutants.out
}

# StrykerJS groups: files that share spec files, each small enough for one sitting.
src_group() {
  case $1 in
    text) echo src/checksum.ts src/utf8.ts src/boundary.ts src/lines.ts src/string-building.ts ;;
    records) echo src/records.ts src/release.ts src/move.ts src/buffer-pool.ts ;;
    loader) echo src/validate.ts src/native.ts src/thresholds.ts src/info.ts src/index.ts ;;
    parallel)
      echo src/concurrency.ts src/concurrency-kernels.ts src/concurrency-worker.ts \
        src/map-concurrent.ts src/native-offload.ts src/scheduling.ts src/object-pool.ts
      ;;
    *) return 1 ;;
  esac
}

mutants_src() {
  local targets=("$@") t
  [ ${#targets[@]} -eq 0 ] && targets=(text records loader parallel)
  for t in "${targets[@]}"; do
    local files name start=$SECONDS
    if files=$(src_group "$t"); then
      name=$t
    else
      files=$t
      name=$(basename "$t" .ts)
    fi
    mkdir -p reports/mutation
    # shellcheck disable=SC2086 # the file list is space-separated on purpose
    HOSTILE_RUNS=200 nice -n 10 npx stryker run stryker.config.json --mutate "$(echo $files | tr ' ' ',')" \
      --incrementalFile "reports/mutation/$name.incremental.json" --incremental || true
    cp reports/mutation/mutation.json "reports/mutation/$name.json" 2>/dev/null || true
    echo "StrykerJS over $name ($files): $((SECONDS - start)) s"
  done
}

case ${1:-all} in
  all)
    mutants_core
    mutants_napi_args
    mutants_src
    ;;
  core) shift && mutants_core "$@" ;;
  napi-args) shift && mutants_napi_args "$@" ;;
  src) shift && mutants_src "$@" ;;
  *) mutants_core "$@" ;;
esac
