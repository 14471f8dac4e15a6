#!/usr/bin/env bash
# Mutation testing of the core's shipped kernels with cargo-mutants (`npm run mutants`; not in
# CI: every mutant is a rebuild and a test run). Installs cargo-mutants from crates.io if needed.
#
#   bash scripts/mutants.sh                      the kernels the library binding ships
#   bash scripts/mutants.sh crates/core/src/lines.rs ...   only these files
#
# Results: target/mutants/mutants.out (caught.txt, missed.txt, timeout.txt, unviable.txt,
# outcomes.json). Survivors that no test can kill are listed with their reasons in
# docs/mutants.md. Runs at nice 10, one mutant at a time, with a 120 s test timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo mutants --version >/dev/null 2>&1; then
  cargo install --locked cargo-mutants
fi
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  # The kernels behind the library's exports (the lab-only modules are benchmark subjects).
  files=(records lines checksum utf8 native_offload string_building release boundary)
  files=("${files[@]/#/crates/core/src/}")
  files=("${files[@]/%/.rs}")
fi
args=()
for f in "${files[@]}"; do args+=(--file "$f"); done
start=$SECONDS
nice -n 10 cargo mutants --package rust-patterns-core --output target/mutants --timeout 120 \
  --jobs 1 --no-shuffle "${args[@]}" || true
echo "cargo-mutants over ${files[*]}: $((SECONDS - start)) s"
for kind in caught missed timeout unviable; do
  printf '  %-9s %s\n' "$kind" "$(wc -l <"target/mutants/mutants.out/$kind.txt" 2>/dev/null || echo '?')"
done
