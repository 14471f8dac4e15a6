//! `allocation/preallocation`: results built at their final size and moved out without a copy.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::preallocation;

use crate::args;

/// Running sums of `data` as a new Float64Array.
///
/// The result is allocated once (`Vec::with_capacity`) and becomes the Float64Array's backing
/// store without a copy.
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn prefix_sum_sync(env: Env, data: Unknown) -> Result<Float64Array> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(Float64Array::new(preallocation::prefix_sum(data)))
}

/// Same result as `prefixSumSync`, grown by `push` from `Vec::new()`. Note: napi-rs shrinks
/// the spare capacity before handing the Vec to JS, which costs one more reallocation and copy.
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn prefix_sum_push_sync(env: Env, data: Unknown) -> Result<Float64Array> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(Float64Array::new(preallocation::prefix_sum_push(data)))
}
