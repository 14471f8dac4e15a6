//! Argument and result conversion shared by the library binding (`crates/node`) and the
//! benchmark-only lab binding (`crates/lab`).
//!
//! napi-rs's automatic conversion throws a plain `Error` on a type mismatch, and its `Buffer`
//! argument creates a reference on every call. These helpers take `Unknown` values instead,
//! borrow bytes straight from the typed array's backing store, and throw the error class the JS
//! twins throw, naming the parameter.
//!
//! A crate of its own (an rlib both cdylibs depend on) rather than a `#[path]` include: the
//! code is compiled once, each binding uses the part it needs without dead-code noise, and
//! `crate::` paths inside it mean one thing. Fat LTO (`[profile.release]`) inlines it across
//! the crate boundary as it did inside one crate. Modules, by concern:
//! - [`error`]: throwing TypeError / RangeError with a Node-style `code`;
//! - [`typed_array`]: validating and borrowing typed-array views (the one detached-view probe);
//! - [`alias`]: refusing arguments that share memory, on raw parts, before any slice exists;
//! - [`number`]: the one integer range check and the other number arguments, exact counts out;
//! - [`optional`]: optional arguments (`undefined` is absent, `null` a TypeError);
//! - [`signal`]: the optional `AbortSignal`;
//! - [`task`]: async task bodies (panics, cancellation);
//! - [`out`]: results copied into V8-owned typed arrays;
//! - [`raw`]: raw Node-API callbacks (`raw_callback!`) for the hand-written hot entry points.

pub mod alias;
pub mod error;
pub mod number;
pub mod optional;
pub mod out;
pub mod raw;
pub mod signal;
pub mod task;
pub mod typed_array;

pub use alias::{disjoint, first_alias, Extent};
pub use error::{range_error, type_error};
pub use number::{byte_arg, finite_f64, js_count, u32_arg, u32_in_range};
pub use optional::{optional_bool, optional_u32};
pub use out::{copy_out, sync_written};
pub use signal::optional_signal;
pub use task::{abort_error, compute_unless_aborted, guard_panic, reject_cancelled};
pub use typed_array::{
  borrow, borrow_bytes, borrow_mut, hold_bytes, raw_parts, slice, slice_mut, typed_array_info,
  Element, TypedArrayInfo,
};

/// Node defines the Node-API functions when it loads an addon, so a unit-test executable of this
/// crate has none, yet links napi-rs code that refers to these three (the drop of a napi-rs
/// `Error`; Rust calls through the GOT, so they must resolve at load time). The unit tests reach
/// none of them: each stub aborts if called.
#[cfg(test)]
mod node_api_stubs {
  #[no_mangle]
  extern "C" fn napi_reference_unref() {
    std::process::abort()
  }
  #[no_mangle]
  extern "C" fn napi_delete_reference() {
    std::process::abort()
  }
  #[no_mangle]
  extern "C" fn napi_call_threadsafe_function() {
    std::process::abort()
  }
}
