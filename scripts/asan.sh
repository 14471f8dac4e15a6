#!/usr/bin/env bash
# The core's tests under AddressSanitizer (with LeakSanitizer): its unit tests and
# crates/core/tests/fuzz_inputs.rs, which replays the fuzz targets' committed inputs.
#
#   bash scripts/asan.sh [extra cargo test arguments]
#
# Needs the nightly toolchain (-Zsanitizer). The explicit --target keeps RUSTFLAGS off build
# scripts and proc macros (host code, which must not be instrumented); the sanitized build goes
# to its own target dir so that it never invalidates the normal one.
set -euo pipefail
cd "$(dirname "$0")/.."

export RUSTFLAGS="-Zsanitizer=address"
export RUSTDOCFLAGS="-Zsanitizer=address"
export CARGO_TARGET_DIR=${ASAN_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/asan}
cargo +nightly test -p rust-patterns-core --target x86_64-unknown-linux-gnu "$@"
