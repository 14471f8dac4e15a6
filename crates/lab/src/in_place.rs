//! `allocation/in-place`: an affine map over the caller's Float64Array, no copy in or out.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::in_place;

use crate::args;

/// Replaces every element `x` of `data` with `x * scale + offset`, in the caller's memory.
///
/// Natively nothing is allocated or copied (on WebAssembly emnapi copies in and out); `data` may be any view (`subarray`) of a Float64Array.
#[napi(
  catch_unwind,
  ts_args_type = "data: Float64Array, scale: number, offset: number"
)]
pub fn affine_in_place_sync(
  env: Env,
  data: Unknown,
  scale: Unknown,
  offset: Unknown,
) -> Result<()> {
  // Read the numbers first: no JS runs in these reads, but it keeps the borrow short.
  let scale = args::finite_f64(&env, &scale, "scale")?;
  let offset = args::finite_f64(&env, &offset, "offset")?;
  // SAFETY: the only borrow of this memory in this call, used only within it; no JS runs
  // while it is held.
  let values = unsafe { args::borrow_mut::<f64>(&env, &data, "data") }?;
  in_place::affine_in_place(values, scale, offset);
  // Only on WebAssembly does this copy anything (see `sync_written`).
  args::sync_written(&env, data.raw(), std::mem::size_of_val(values))
}
