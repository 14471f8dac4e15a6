//! `zero-copy/checksum`: CRC-32 over borrowed bytes, sync and on the libuv pool.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::checksum;

use crate::args;

/// CRC-32 (ISO-HDLC, as zlib) of `data`, continuing from `initial` (default 0).
///
/// Borrows the bytes of any Uint8Array, Buffer or `subarray` view in place: no copy, and no
/// reference is created. Blocks the calling thread; use `crc32` for large inputs on a busy loop.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, initial?: number")]
pub fn crc32_sync(env: Env, data: Unknown, initial: Unknown) -> Result<u32> {
  crc32_sync_impl(&env, &data, Some(initial))
}

/// The work of `crc32Sync`, shared with its raw Node-API twin (`raw.rs`). `initial` is `None`
/// when JS passed no second argument, which skips one `napi_typeof`.
#[inline(always)]
pub(crate) fn crc32_sync_impl(env: &Env, data: &Unknown, initial: Option<Unknown>) -> Result<u32> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held
  // (`optional_u32` only reads a number's type and value).
  let bytes = unsafe { args::borrow_bytes(env, data, "data") }?;
  let initial = match initial {
    Some(initial) => args::optional_u32(env, initial, "initial", 0)?,
    None => 0,
  };
  Ok(checksum::crc32(bytes, initial))
}

/// Work for [`crc32`]: holds a reference to the caller's Uint8Array, not a copy.
pub struct Crc32Task {
  data: Uint8Array,
  initial: u32,
  pre_aborted: bool,
}

impl Task for Crc32Task {
  type Output = u32;
  type JsValue = u32;

  // Runs on a libuv worker thread: no JS values are touched here, only the held bytes.
  fn compute(&mut self) -> Result<u32> {
    args::compute_unless_aborted(self.pre_aborted, || {
      Ok(checksum::crc32(&self.data, self.initial))
    })
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
    Ok(output)
  }

  fn reject(&mut self, env: Env, err: Error) -> Result<u32> {
    args::reject_cancelled(&env, err)
  }
}

/// CRC-32 of `data` computed on the libuv thread pool; resolves to the same value as
/// `crc32Sync`.
///
/// The input is referenced, not copied: do not mutate it until the Promise settles. An aborted
/// `signal` rejects with an `AbortError` if the work has not started; work already running
/// completes and its result is discarded. Note: each call costs a libuv hop (microseconds), so
/// `crc32Sync` is faster for small inputs.
#[napi(
  catch_unwind,
  ts_args_type = "data: Uint8Array, initial?: number, signal?: AbortSignal | null",
  ts_return_type = "Promise<number>"
)]
pub fn crc32(
  env: Env,
  data: Unknown,
  initial: Unknown,
  signal: Unknown,
) -> Result<AsyncTask<Crc32Task>> {
  // The signal first: its getters may run JS that detaches `data`, and the held array keeps
  // the data pointer read when it is made.
  let (signal, pre_aborted) = args::optional_signal(&env, signal, "signal")?;
  let held = args::hold_bytes(&env, &data, "data")?;
  let initial = args::optional_u32(&env, initial, "initial", 0)?;
  Ok(AsyncTask::with_optional_signal(
    Crc32Task {
      data: held,
      initial,
      pre_aborted,
    },
    signal,
  ))
}

/// Names the CRC-32 code path this CPU takes: "vpclmulqdq-avx512", "vpclmulqdq-avx2", "pclmulqdq",
/// "aarch64-crc" or "scalar".
#[napi(catch_unwind)]
pub fn simd_level() -> &'static str {
  checksum::simd_level()
}
