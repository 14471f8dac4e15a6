//! `zero-copy/utf8`: UTF-8 validation with simdutf8 on borrowed bytes.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::utf8;

use crate::args;

/// True when `data` is well-formed UTF-8 (overlongs, surrogates, code points above U+10FFFF
/// and truncated sequences are invalid). Reads the caller's bytes in place with simdutf8:
/// no copy and no string is created.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array")]
pub fn is_utf8(env: Env, data: Unknown) -> Result<bool> {
  is_utf8_impl(&env, &data)
}

/// The work of `isUtf8`, shared with its raw Node-API twin (`raw.rs`).
#[inline(always)]
pub(crate) fn is_utf8_impl(env: &Env, data: &Unknown) -> Result<bool> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(env, data, "data") }?;
  Ok(utf8::is_utf8(bytes))
}

/// Length of the longest valid UTF-8 prefix of `data` (`data.length` when it is all valid):
/// where the first invalid sequence starts.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array")]
pub fn utf8_valid_up_to(env: Env, data: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(&env, &data, "data") }?;
  Ok(utf8::valid_up_to(bytes) as f64)
}

/// The widest UTF-8 validation kernel this CPU can run: "avx512" (what simdutf, the validator in
/// `buffer.isUtf8`, needs for its AVX-512 kernel), "avx2", "neon" or "scalar". Read once at load
/// time by the top-level `isUtf8` to choose between the binding and the runtime's built-in.
#[napi(catch_unwind)]
pub fn utf8_simd_level() -> &'static str {
  utf8::utf8_simd_level()
}
