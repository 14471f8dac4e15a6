//! `zero-copy/boundary-in`: counting bytes of a borrowed buffer (the move-out kernels
//! `xorIntoNew` and `noop` are benchmark-only, in the lab binding `crates/lab`).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::boundary;

use crate::args;

/// Counts the bytes equal to `byte` in `data`, reading the caller's memory in place
/// ("borrow in": no copy, no reference).
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, byte: number")]
pub fn count_byte(env: Env, data: Unknown, byte: Unknown) -> Result<f64> {
  count_byte_impl(&env, &data, &byte)
}

/// The work of `countByte`, shared with its raw Node-API twin (`raw.rs`).
#[inline(always)]
pub(crate) fn count_byte_impl(env: &Env, data: &Unknown, byte: &Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held
  // (`byte_arg` only reads a number's type and value).
  let bytes = unsafe { args::borrow_bytes(env, data, "data") }?;
  let byte = args::byte_arg(env, byte, "byte")?;
  args::js_count(env, boundary::count_byte(bytes, byte))
}
