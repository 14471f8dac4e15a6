//! `allocation/typed-vs-array`: sum, dot and scale over borrowed Float64Arrays.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::typed_vs_array;

use crate::args;

/// Sum of `data`, left to right (bit-identical to a JS `for` loop).
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn sum_f64_sync(env: Env, data: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(typed_vs_array::sum(data))
}

/// Dot product of `a` and `b` (same length, else RangeError), accumulated left to right.
#[napi(catch_unwind, ts_args_type = "a: Float64Array, b: Float64Array")]
pub fn dot_f64_sync(env: Env, a: Unknown, b: Unknown) -> Result<f64> {
  // SAFETY: both slices are shared borrows used only within this call; no JS runs meanwhile.
  let a = unsafe { args::borrow::<f64>(&env, &a, "a") }?;
  // SAFETY: as above.
  let b = unsafe { args::borrow::<f64>(&env, &b, "b") }?;
  typed_vs_array::dot(a, b).map_err(|e| args::range_error(&env, e.to_string()))
}

/// Multiplies every element of `data` by `factor`, in the caller's memory.
#[napi(catch_unwind, ts_args_type = "data: Float64Array, factor: number")]
pub fn scale_f64_sync(env: Env, data: Unknown, factor: Unknown) -> Result<()> {
  let factor = args::finite_f64(&env, &factor, "factor")?;
  // SAFETY: the only borrow of this memory in this call, used only within it.
  let values = unsafe { args::borrow_mut::<f64>(&env, &data, "data") }?;
  typed_vs_array::scale(values, factor);
  // Only on WebAssembly does this copy anything (see `sync_written`).
  args::sync_written(&env, data.raw(), std::mem::size_of_val(values))
}
