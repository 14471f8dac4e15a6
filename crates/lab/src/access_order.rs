//! `cache-locality/access-order`: a gather-sum whose visiting order the caller chooses.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::access_order;

use crate::args;

/// Sum of `data[index[k]]` over `index` in order; an out-of-range index is a RangeError.
///
/// Passing a sequential, strided or shuffled `index` over the same `data` isolates the cost of
/// the memory access pattern from the arithmetic.
#[napi(catch_unwind, ts_args_type = "data: Float64Array, index: Uint32Array")]
pub fn gather_sum_sync(env: Env, data: Unknown, index: Unknown) -> Result<f64> {
  // SAFETY: both slices are shared borrows used only within this call; no JS runs meanwhile.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  // SAFETY: as above.
  let index = unsafe { args::borrow::<u32>(&env, &index, "index") }?;
  access_order::gather_sum(data, index).map_err(|e| args::range_error(&env, e.to_string()))
}

/// Copies `index`, sorts the copy into memory order and gather-sums through it: the Rust habit
/// the `cache-locality/access-order` native form times, copy and sort included, so that it does
/// the same work as the JS `index.slice().sort()` and gather of the Rust-inspired form. `index`
/// is left unchanged; an out-of-range index is a RangeError.
#[napi(catch_unwind, ts_args_type = "data: Float64Array, index: Uint32Array")]
pub fn sorted_gather_sum_sync(env: Env, data: Unknown, index: Unknown) -> Result<f64> {
  // SAFETY: both slices are shared borrows used only within this call (the index is copied
  // before it is sorted); no JS runs meanwhile.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  // SAFETY: as above.
  let index = unsafe { args::borrow::<u32>(&env, &index, "index") }?;
  access_order::sorted_gather_sum(data, index).map_err(|e| args::range_error(&env, e.to_string()))
}
