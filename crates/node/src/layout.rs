//! `cache-locality/layout`: one particle step over AoS and SoA Float64Arrays.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::layout;

use crate::args;

/// AoS step: `records` holds 8 f64 per particle (`x, y, vx, vy, mass, charge, id, flags`);
/// moves each by `dt` times its velocity, in place, and returns the sum of the new `x + y`.
#[napi(catch_unwind, ts_args_type = "records: Float64Array, dt: number")]
pub fn particles_aos_step_sync(env: Env, records: Unknown, dt: Unknown) -> Result<f64> {
  let dt = args::finite_f64(&env, &dt, "dt")?;
  // SAFETY: the only borrow of this memory in this call, used only within it.
  let records = unsafe { args::borrow_mut::<f64>(&env, &records, "records") }?;
  layout::aos_step(records, dt).map_err(|e| args::range_error(&env, e.to_string()))
}

/// SoA step: the same update as `particlesAosStepSync` over one Float64Array per field.
/// `x` and `y` are written in place and must not overlap each other or `vx`/`vy`.
#[napi(
  catch_unwind,
  ts_args_type = "x: Float64Array, y: Float64Array, vx: Float64Array, vy: Float64Array, dt: number"
)]
pub fn particles_soa_step_sync(
  env: Env,
  x: Unknown,
  y: Unknown,
  vx: Unknown,
  vy: Unknown,
  dt: Unknown,
) -> Result<f64> {
  let dt = args::finite_f64(&env, &dt, "dt")?;
  // SAFETY: the four borrows are used only within this call and no JS runs meanwhile; the
  // overlap check below refuses aliasing before any slice is written.
  let (x, y, vx, vy) = unsafe {
    (
      args::borrow_mut::<f64>(&env, &x, "x")?,
      args::borrow_mut::<f64>(&env, &y, "y")?,
      args::borrow::<f64>(&env, &vx, "vx")?,
      args::borrow::<f64>(&env, &vy, "vy")?,
    )
  };
  if args::overlaps(x, y)
    || args::overlaps(x, vx)
    || args::overlaps(x, vy)
    || args::overlaps(y, vx)
    || args::overlaps(y, vy)
  {
    return Err(args::range_error(
      &env,
      "x and y must not overlap each other, vx or vy".to_owned(),
    ));
  }
  layout::soa_step(x, y, vx, vy, dt).map_err(|e| args::range_error(&env, e.to_string()))
}
