//! `allocation/buffer-reuse`: hex framing with a reused scratch `Vec`, and with a fresh one.

use std::cell::RefCell;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::buffer_reuse::{self, HexFramer, MAX_RECORD_SIZE};

use crate::args;

thread_local! {
  // One framer per JS thread (main or worker): its scratch survives between calls.
  static FRAMER: RefCell<HexFramer> = RefCell::new(HexFramer::new());
}

fn record_size(env: &Env, value: &Unknown) -> Result<usize> {
  // MAX_RECORD_SIZE is u32::MAX / 2, so it fits a u32.
  let max = u32::try_from(MAX_RECORD_SIZE).unwrap_or(u32::MAX);
  Ok(args::u32_in_range(env, value, "recordSize", 1, max)? as usize)
}

/// Frames each `recordSize`-byte record of `data` (the last may be shorter) as
/// `u32 BE length ++ lowercase hex` and returns the FNV-1a digest of all frames.
///
/// Every frame is built in one scratch `Vec` kept per thread between calls, so after warm-up
/// nothing allocates. Borrows `data` in place.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, recordSize: number")]
pub fn frame_hex_digest_sync(env: Env, data: Unknown, record_size_arg: Unknown) -> Result<u32> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(&env, &data, "data") }?;
  let size = record_size(&env, &record_size_arg)?;
  FRAMER
    .with_borrow_mut(|framer| framer.digest(bytes, size))
    .map_err(|e| args::range_error(&env, e.to_string()))
}

/// Same result as `frameHexDigestSync`, allocating a fresh `Vec` per frame (the benchmark's
/// "allocate per message" native variant).
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, recordSize: number")]
pub fn frame_hex_digest_fresh_sync(
  env: Env,
  data: Unknown,
  record_size_arg: Unknown,
) -> Result<u32> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(&env, &data, "data") }?;
  let size = record_size(&env, &record_size_arg)?;
  buffer_reuse::frame_hex_digest_fresh(bytes, size)
    .map_err(|e| args::range_error(&env, e.to_string()))
}
