//! Reference Rust implementations of the rust-patterns kernels.
//!
//! This crate has no Node dependency: every algorithm and every Rust test lives here, and
//! `crates/node` only converts arguments and results. One module per pattern; the module's stem
//! is the same in the binding (`crates/node/src/<stem>.rs`), the TypeScript twin
//! (`src/<stem>.ts`), the tests and the benchmarks.

pub mod access_order;
pub mod accumulate;
pub mod boundary;
pub mod buffer_reuse;
pub mod checksum;
pub mod concurrency;
pub mod hot_cold;
pub mod in_place;
pub mod layout;
pub mod limits;
pub mod lines;
pub mod native_offload;
pub mod object_pool;
pub mod preallocation;
pub mod records;
pub mod release;
pub mod string_building;
pub mod typed_vs_array;
pub mod utf8;
