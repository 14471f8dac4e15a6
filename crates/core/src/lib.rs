//! Reference Rust implementations of the rust-patterns kernels.
//!
//! This crate has no Node dependency: every algorithm and every Rust test lives here, and
//! `crates/node` only converts arguments and results. One module per pattern; the module's stem
//! is the same in the binding (`crates/node/src/<stem>.rs`), the TypeScript twin
//! (`src/<stem>.ts`), the tests and the benchmarks.

pub mod boundary;
pub mod checksum;
pub mod limits;
pub mod lines;
pub mod records;
pub mod release;
pub mod string_building;
pub mod utf8;
