//! The benchmark-only napi-rs binding of rust-patterns ("lab"): kernels that exist only to be
//! timed against their JS twins (`benchmark/lab/`), never part of the published package.
//!
//! Built by `npm run build:lab` into `benchmark/lab/native/` with its own generated loader and
//! types. It follows the library binding's conventions (`crates/node/src/lib.rs`): thin
//! `#[napi(catch_unwind)]` functions over `rust-patterns-core`, arguments validated by the
//! shared `rust-patterns-napi-args` crate, so bad input throws the same TypeError or RangeError.

// napi-derive registers exports only outside `cfg(test)`, so in the test build every export
// and helper looks unused.
#![cfg_attr(test, allow(dead_code))]

use rust_patterns_napi_args as args;

mod access_order;
mod bandwidth;
mod bandwidth_kernels;
mod boundary;
mod buffer_reuse;
mod concurrency;
mod hot_cold;
mod in_place;
mod layout;
mod limits;
mod object_pool;
mod preallocation;
mod raw;
mod tokio_bridge;
mod typed_vs_array;
