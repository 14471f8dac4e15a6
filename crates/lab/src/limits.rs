//! `limits/memcpy`: the copy bandwidth every streaming kernel is reported against.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::limits;

use crate::args;

/// Copies `src` into `dst` (both Uint8Arrays of the same length) with Rust's `copy_from_slice`
/// and returns the number of bytes copied: the memcpy-bandwidth reference for the benchmarks.
///
/// `dst` and `src` may be views of one buffer; overlapping views are copied as `memmove` would.
#[napi(catch_unwind, ts_args_type = "dst: Uint8Array, src: Uint8Array")]
pub fn copy_bytes(env: Env, dst: Unknown, src: Unknown) -> Result<f64> {
  let (dst_ptr, dst_len) = args::raw_parts::<u8>(&env, &dst, "dst")?;
  let (src_ptr, src_len) = args::raw_parts::<u8>(&env, &src, "src")?;
  if dst_len != src_len {
    let mismatch = limits::LengthMismatch {
      dst: dst_len,
      src: src_len,
    };
    return Err(args::range_error(&env, mismatch.to_string()));
  }
  if src_len == 0 {
    return Ok(0.0);
  }
  let (d, s) = (dst_ptr as usize, src_ptr as usize);
  if d < s + src_len && s < d + dst_len {
    // Two views of one ArrayBuffer: a `&mut` and a `&` slice must never alias, so copy through
    // the raw pointers, with memmove semantics.
    // SAFETY: V8 validated both ranges (`len` bytes each, alive for this call, no JS runs).
    unsafe { std::ptr::copy(src_ptr.cast_const(), dst_ptr, src_len) };
    // Only on WebAssembly does this copy anything (see `sync_written`).
    args::sync_written(&env, dst.raw(), src_len)?;
    return args::js_count(&env, src_len);
  }
  // SAFETY: the range is valid for this call (validated by V8, no JS runs) and disjoint from
  // the source range (checked above), so this exclusive slice aliases nothing.
  let target = unsafe { std::slice::from_raw_parts_mut(dst_ptr, dst_len) };
  // SAFETY: valid for this call as above; shared, and disjoint from `target`.
  let source = unsafe { std::slice::from_raw_parts(src_ptr.cast_const(), src_len) };
  let copied =
    limits::copy_bytes(target, source).map_err(|e| args::range_error(&env, e.to_string()))?;
  args::sync_written(&env, dst.raw(), copied)?;
  args::js_count(&env, copied)
}
