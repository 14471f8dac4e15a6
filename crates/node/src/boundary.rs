//! `zero-copy/boundary`: the reference kernels for borrow-in and move-out across Node-API.

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

fn xor_checked(env: &Env, data: &Unknown, key: &Unknown) -> Result<Vec<u8>> {
  // SAFETY: both slices are used only within this call, and no JS runs while they are held.
  let bytes = unsafe { args::borrow_bytes(env, data, "data") }?;
  // SAFETY: as above.
  let key = unsafe { args::borrow_bytes(env, key, "key") }?;
  boundary::xor_into_new(bytes, key).map_err(|e| args::range_error(env, e.to_string()))
}

/// Returns a new Buffer holding `data[i] ^ key[i % key.length]`, XORed in 64-byte blocks at
/// memory speed (so that in `zero-copy/boundary-out` the copy `xorIntoNewCopy` adds is visible).
///
/// "Move out": the Rust `Vec` becomes the Buffer's backing store without a copy, and its
/// finalizer frees it when the Buffer is collected. Where the runtime refuses external buffers
/// (Electron's V8 sandbox) napi-rs falls back to one copy.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, key: Uint8Array")]
pub fn xor_into_new(env: Env, data: Unknown, key: Unknown) -> Result<Buffer> {
  Ok(Buffer::from(xor_checked(&env, &data, &key)?))
}

/// Same result as `xorIntoNew`, but copied into a fresh V8-owned Buffer ("copy out"), for the
/// boundary benchmark's comparison.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, key: Uint8Array")]
pub fn xor_into_new_copy<'env>(
  env: &'env Env,
  data: Unknown,
  key: Unknown,
) -> Result<BufferSlice<'env>> {
  let out = xor_checked(env, &data, &key)?;
  BufferSlice::copy_from(env, out)
}

/// Does nothing: the floor cost of one Node-API call.
#[napi(catch_unwind)]
pub fn noop() {}
