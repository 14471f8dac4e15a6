//! `concurrency/work-distribution`: native threads inside one call, a rayon-parallel sum of
//! squares over a borrowed Float64Array (the counters are benchmark-only, in `crates/lab`).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::concurrency;

use crate::args;

/// Sum of squares of `data` on the calling thread, in 8,192-element blocks (block sums added in
/// order), so that it equals `sumSquaresParallelSync` and the JS forms bit for bit.
///
/// Borrows the Float64Array (any view, SharedArrayBuffer-backed too) in place: no copy.
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn sum_squares_sync(env: Env, data: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let values = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(concurrency::sum_squares(values))
}

/// Same result as `sumSquaresSync`, with the blocks spread over rayon's pool (one thread per
/// core) while the calling thread waits.
///
/// Note: the first call starts rayon's threads, and below about `thresholds.rayonMinElements`
/// the hand-off costs more than the second core saves (`concurrency/work-distribution`).
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn sum_squares_parallel_sync(env: Env, data: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held. rayon's
  // threads read it only inside `sum_squares_parallel`, which joins them before returning, and
  // they only read: a SharedArrayBuffer written by another JS thread meanwhile gives some
  // interleaving of values, as a JS reader would see.
  let values = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(concurrency::sum_squares_parallel(values))
}
