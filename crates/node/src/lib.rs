//! napi-rs binding for rust-patterns.
//!
//! Every function here only converts arguments and results; the work lives in
//! `rust-patterns-core`. Conventions, used by every module:
//! - `fooSync` blocks the calling thread; `foo` returns a Promise and runs on the libuv pool.
//! - Arguments are validated here (see [`args`]), so bad input throws a `TypeError` or
//!   `RangeError` naming the parameter, never napi-rs's generic `Error`.
//! - Every export is `#[napi(catch_unwind)]`, and async `compute` bodies go through
//!   [`args::guard_panic`], so a Rust panic becomes a JS error instead of aborting.

// napi-derive registers exports only outside `cfg(test)`, so in the test build every export
// and helper looks unused.
#![cfg_attr(test, allow(dead_code))]

mod args;
mod boundary;
mod checksum;
mod limits;
mod lines;
mod records;
mod release;
mod string_building;
mod utf8;

#[cfg(feature = "test-exports")]
mod test_exports;
