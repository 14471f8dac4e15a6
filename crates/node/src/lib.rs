//! napi-rs binding for rust-patterns.
//!
//! Every function here only converts arguments and results; the work lives in
//! `rust-patterns-core`. Conventions, used by every module:
//! - `fooSync` blocks the calling thread; `foo` returns a Promise and runs on the libuv pool.
//! - Arguments are validated here (see [`args`]), so bad input throws a `TypeError` or
//!   `RangeError` naming the parameter, never napi-rs's generic `Error`.
//! - Only library functions are here; kernels that exist only to be timed are in the lab
//!   binding (`crates/lab`, built for the benchmark only).
//! - Every export is `#[napi(catch_unwind)]`, and async `compute` bodies go through
//!   [`args::guard_panic`], so a Rust panic becomes a JS error instead of aborting.
//! - The hot sync entry points (`crc32Sync`, `countByte`, `isUtf8`, `decodeRecordArraysInto`,
//!   `encodeRecordArraysInto`) are raw Node-API callbacks (under `catch_unwind` too) installed over their `#[napi]`
//!   declarations, which stay the typed surface: see [`raw`] for why and `limits/boundary` for
//!   the cost. The `NativeBlock` class is installed the same way (see [`release`]).

// napi-derive registers exports only outside `cfg(test)`, so in the test build every export
// and helper looks unused.
#![cfg_attr(test, allow(dead_code))]

// Argument validation lives in its own crate, shared with the lab binding (`crates/lab`).
use rust_patterns_napi_args as args;

mod boundary;
mod checksum;
mod concurrency;
mod lines;
mod native_offload;
mod raw;
mod records;
mod release;
mod string_building;
mod utf8;

#[cfg(feature = "test-exports")]
mod test_exports;
