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
  let fields = unsafe { args::borrow_mut::<f64>(&env, &records, "records") }?;
  let sum = layout::aos_step(fields, dt).map_err(|e| args::range_error(&env, e.to_string()))?;
  // Only on WebAssembly does this copy anything (see `sync_written`).
  args::sync_written(&env, records.raw(), std::mem::size_of_val(fields))?;
  Ok(sum)
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
  let parts = (
    args::raw_parts::<f64>(&env, &x, "x")?,
    args::raw_parts::<f64>(&env, &y, "y")?,
    args::raw_parts::<f64>(&env, &vx, "vx")?,
    args::raw_parts::<f64>(&env, &vy, "vy")?,
  );
  let extents = [
    args::Extent::written(parts.0, "x"),
    args::Extent::written(parts.1, "y"),
    args::Extent::read(parts.2, "vx"),
    args::Extent::read(parts.3, "vy"),
  ];
  if args::first_alias(&extents).is_some() {
    return Err(args::range_error(
      &env,
      "x and y must not overlap each other, vx or vy".to_owned(),
    ));
  }
  // SAFETY: (for this block and the three below) order is validate, check, borrow. `raw_parts`
  // validated the four views, `first_alias` just proved that `x` and `y` share no byte with each
  // other or with `vx`/`vy` (those two are only read and may alias), and only then are the
  // slices formed. They live only within this call, and no JS runs while they do.
  let xs = unsafe { args::slice_mut(parts.0) };
  // SAFETY: see above.
  let ys = unsafe { args::slice_mut(parts.1) };
  // SAFETY: see above.
  let vx = unsafe { args::slice(parts.2) };
  // SAFETY: see above.
  let vy = unsafe { args::slice(parts.3) };
  let sum =
    layout::soa_step(xs, ys, vx, vy, dt).map_err(|e| args::range_error(&env, e.to_string()))?;
  // Only on WebAssembly does this copy anything (see `sync_written`).
  args::sync_written(&env, x.raw(), std::mem::size_of_val(xs))?;
  args::sync_written(&env, y.raw(), std::mem::size_of_val(ys))?;
  Ok(sum)
}
