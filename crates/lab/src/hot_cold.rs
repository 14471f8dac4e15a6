//! `cache-locality/hot-cold`: a hot-field pass over wide (mixed) or narrow (split) records.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::hot_cold;

use crate::args;

/// Sum of `price * qty` over `records`, each `stride` f64 wide with `price, qty` first.
///
/// A wide stride models cold fields stored inline; stride 2 models them split out.
#[napi(catch_unwind, ts_args_type = "records: Float64Array, stride: number")]
pub fn hot_sum_sync(env: Env, records: Unknown, stride: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let records = unsafe { args::borrow::<f64>(&env, &records, "records") }?;
  let stride = args::u32_in_range(&env, &stride, "stride", 2, u32::MAX)?;
  hot_cold::hot_sum(records, stride as usize).map_err(|e| args::range_error(&env, e.to_string()))
}
