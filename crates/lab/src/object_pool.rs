//! `allocation/object-pooling`: a frame of particles in a reused Rust `Vec<Particle>`.

use std::cell::RefCell;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::object_pool::ParticleFrame;

use crate::args;

thread_local! {
  // One particle store per JS thread; cleared, never freed, between calls.
  static FRAME: RefCell<ParticleFrame> = RefCell::new(ParticleFrame::new());
}

/// Spawns one particle per 4 seeds (`x, y, vx, vy`), steps all of them `steps` times under
/// gravity with a bouncing floor, and returns the sum of `x + y` over the particles.
///
/// The particles live in a `Vec` reused across calls (capacity kept), so no call after the
/// first allocates. Borrows `seeds` in place.
#[napi(catch_unwind, ts_args_type = "seeds: Float64Array, steps: number")]
pub fn particle_frame_sync(env: Env, seeds: Unknown, steps: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let seeds = unsafe { args::borrow::<f64>(&env, &seeds, "seeds") }?;
  let steps = args::u32_in_range(&env, &steps, "steps", 0, u32::MAX)?;
  FRAME
    .with_borrow_mut(|frame| frame.run(seeds, steps))
    .map_err(|e| args::range_error(&env, e.to_string()))
}
