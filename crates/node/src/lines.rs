//! `zero-copy/lines`: line offsets from a newline-mask scan over borrowed bytes.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::lines;

use crate::args;

/// Start/end offsets of every line of `data`, flattened as `[start0, end0, start1, end1, ...]`
/// (end exclusive; `\n` and a `\r` before it excluded; no empty line after a final `\n`, as
/// Rust's `str::lines`).
///
/// Borrows `data` in place and moves the offsets out of Rust as the Uint32Array's backing
/// store (no copy either way); short results are copied instead, see `MOVE_OUT_MIN_LEN`.
/// RangeError for inputs of 4 GiB or more.
#[napi(
  catch_unwind,
  ts_args_type = "data: Uint8Array",
  ts_return_type = "Uint32Array"
)]
pub fn line_offsets<'env>(
  env: &'env Env,
  data: Unknown,
) -> Result<Either<Uint32Array, Unknown<'env>>> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(env, &data, "data") }?;
  let offsets = lines::line_offsets(bytes).map_err(|e| args::range_error(env, e.to_string()))?;
  if offsets.len() < MOVE_OUT_MIN_LEN {
    return Ok(Either::B(args::copy_out(env, &offsets)?));
  }
  Ok(Either::A(Uint32Array::new(offsets)))
}

/// Results shorter than this many offsets are copied into a V8-owned array rather than moved:
/// an external ArrayBuffer costs a finalizer and its bookkeeping (microseconds, measured in
/// `zero-copy/lines`: 12.7 µs for a 100-byte input under load), more than copying a few KiB.
const MOVE_OUT_MIN_LEN: usize = 4096;
