//! `async/tokio-bridge` (benchmark only, not part of the package's API): what one async call
//! costs through each of napi-rs's two bridges, with the same trivial work on both sides.
//!
//! - [`tokio_bridge_mix`] runs a future on napi-rs's tokio runtime (napi features `tokio_rt` +
//!   `async`) through `Env::spawn_future`, the path a `#[napi] async fn` expands to; the Promise
//!   is settled from the tokio worker through a threadsafe function.
//! - [`libuv_bridge_mix`] runs an `AsyncTask` on the libuv thread pool (`napi_create_async_work`),
//!   as the package's own async exports (`crc32`, `crc32Batch`) do.
//!
//! A plain `#[napi] async fn` with a `u32` parameter would convert it with napi-rs's own
//! conversion, which throws a generic `Error` on bad input; validating here first keeps the
//! package's rule that bad input is a `TypeError` or `RangeError` naming the parameter.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::args;

/// The work both bridges do: one multiply-xorshift of `x` (nanoseconds, so the bridge dominates).
fn mix(x: u32) -> u32 {
  let y = x.wrapping_mul(0x9E37_79B9);
  y ^ (y >> 16)
}

/// Benchmark only: resolves to a multiply-xorshift of `x`, computed in a future on napi-rs's
/// tokio runtime. Prices the tokio bridge per call; see `libuvBridgeMix` for the libuv one.
#[napi(
  catch_unwind,
  ts_args_type = "x: number",
  ts_return_type = "Promise<number>"
)]
pub fn tokio_bridge_mix<'env>(env: &'env Env, x: Unknown<'env>) -> Result<PromiseRaw<'env, u32>> {
  let x = args::u32_arg(env, &x, "x")?;
  // Runs on a tokio worker thread: only the copied `u32` crosses, no JS values.
  env.spawn_future(async move { Ok(mix(x)) })
}

/// Work for [`libuv_bridge_mix`]: one `u32`, copied in.
pub struct MixTask {
  x: u32,
}

impl Task for MixTask {
  type Output = u32;
  type JsValue = u32;

  // Runs on a libuv worker thread: no JS values here.
  fn compute(&mut self) -> Result<u32> {
    args::guard_panic(|| Ok(mix(self.x)))
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
    Ok(output)
  }
}

/// Benchmark only: resolves to the same value as `tokioBridgeMix`, computed in an `AsyncTask` on
/// the libuv thread pool.
#[napi(
  catch_unwind,
  ts_args_type = "x: number",
  ts_return_type = "Promise<number>"
)]
pub fn libuv_bridge_mix(env: Env, x: Unknown) -> Result<AsyncTask<MixTask>> {
  let x = args::u32_arg(&env, &x, "x")?;
  Ok(AsyncTask::new(MixTask { x }))
}

#[cfg(test)]
mod tests {
  use super::mix;

  #[test]
  fn mix_matches_the_js_twin_formula() {
    // benchmark/cases/async/tokio-bridge.ts computes the same with Math.imul.
    assert_eq!(mix(0), 0);
    assert_eq!(mix(1), 0x9E37_79B9 ^ (0x9E37_79B9 >> 16));
    assert_eq!(mix(u32::MAX), 0x61C8_8647 ^ (0x61C8_8647 >> 16));
  }
}
