//! napi-rs binding for rust-patterns.
//!
//! Every function here only converts arguments and results; the work lives in
//! `rust-patterns-core`. Conventions, used by every module:
//! - `fooSync` blocks the calling thread; `foo` returns a Promise and runs on the libuv pool.
//! - Arguments are validated here (see [`args`]), so bad input throws a `TypeError` or
//!   `RangeError` naming the parameter, never napi-rs's generic `Error`.
//! - Every export is `#[napi(catch_unwind)]`, and async `compute` bodies go through
//!   [`args::guard_panic`], so a Rust panic becomes a JS error instead of aborting.
//! - The hot sync entry points (`noop`, `crc32Sync`, `countByte`, `isUtf8`, `decodeRecordsInto`)
//!   are raw Node-API callbacks (under `catch_unwind` too) installed over their `#[napi]`
//!   declarations, which stay the typed surface: see [`raw`] for why and `limits/boundary` for
//!   the cost.

// napi-derive registers exports only outside `cfg(test)`, so in the test build every export
// and helper looks unused.
#![cfg_attr(test, allow(dead_code))]

mod access_order;
mod args;
mod boundary;
mod buffer_reuse;
mod checksum;
mod concurrency;
mod hot_cold;
mod in_place;
mod layout;
mod limits;
mod lines;
mod native_offload;
mod object_pool;
mod preallocation;
mod raw;
mod records;
mod release;
mod string_building;
mod tokio_bridge;
mod typed_vs_array;
mod utf8;

#[cfg(feature = "test-exports")]
mod test_exports;
