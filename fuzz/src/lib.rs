//! Fuzz targets for the core's parsers of untrusted bytes (`cargo +nightly fuzz run <target>`).
//!
//! Each target in `fuzz_targets/` calls one check from [`checks`], which compares a core
//! function against a simple reference. `seeds/<target>/` holds the committed starting inputs and
//! `regressions/<target>/` any input that once failed; both are replayed by
//! `crates/core/tests/fuzz_inputs.rs` under plain `cargo test`.

pub mod checks;
