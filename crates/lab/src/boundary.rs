//! `zero-copy/boundary-out` and `limits/call-floor` (benchmark only): move-out vs copy-out of a
//! new Buffer, and the floor cost of one call.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::boundary;

use crate::args;

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

/// Does nothing: the floor cost of one Node-API call. The export is the raw callback
/// [`crate::raw::raw_noop`], installed over this typed declaration.
#[napi(catch_unwind)]
pub fn noop() {}
