//! Number arguments and results: the one integer range check ([`whole`]) behind every u32 and
//! byte argument, finite floats, and exact counts returned to JS.

use napi::bindgen_prelude::*;
use napi::sys;
use rust_patterns_core::boundary;
use rust_patterns_core::string_building::js_number;

use crate::error::{describe, range_error, type_error};

/// `number` as a u32 when it is a whole number from `min` to `max`, else a RangeError naming
/// `name`: the one range check behind every integer argument.
#[inline]
pub(crate) fn whole(env: &Env, number: f64, name: &str, min: u32, max: u32) -> Result<u32> {
  // In range first (NaN fails it), then whole: the saturating cast of an in-range number is its
  // integer part, so comparing it with the number checks for a fraction without `f64::fract`,
  // which is a call to libm's `trunc` on the x86-64 baseline (no SSE4.1 `roundsd`): a tenth of a
  // 16-byte `countByte` call (`perf record` on `scripts/floor.mjs floor`).
  #[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "saturating cast; the result is used only when it equals the number exactly"
  )]
  let n = number as u32;
  if !(f64::from(min)..=f64::from(max)).contains(&number) || f64::from(n) != number {
    return Err(range_error(
      env,
      format!(
        "{name} must be an integer from {min} to {max}, received {}",
        js_number(number)
      ),
    ));
  }
  Ok(n)
}

/// Reads a required unsigned 32-bit integer argument (a missing value is a `TypeError`).
pub fn u32_arg(env: &Env, value: &Unknown, name: &str) -> Result<u32> {
  let number = number_arg(env, value, name)?;
  whole(env, number, name, 0, u32::MAX)
}

/// Reads a required integer from `min` to `max` inclusive.
pub fn u32_in_range(env: &Env, value: &Unknown, name: &str, min: u32, max: u32) -> Result<u32> {
  let number = number_arg(env, value, name)?;
  whole(env, number, name, min, max)
}

/// Reads a required byte value (an integer from 0 to 255).
#[inline]
pub fn byte_arg(env: &Env, value: &Unknown, name: &str) -> Result<u8> {
  let number = number_arg(env, value, name)?;
  let n = whole(env, number, name, 0, u32::from(u8::MAX))?;
  // `whole` checked 0..=255, so this never falls back.
  Ok(u8::try_from(n).unwrap_or(u8::MAX))
}

/// Reads a required finite number (NaN and ±Infinity are RangeErrors).
pub fn finite_f64(env: &Env, value: &Unknown, name: &str) -> Result<f64> {
  let number = number_arg(env, value, name)?;
  if !number.is_finite() {
    return Err(range_error(env, format!("{name} must be a finite number")));
  }
  Ok(number)
}

pub(crate) fn not_a_number(env: &Env, value: &Unknown, name: &str) -> Error {
  type_error(
    env,
    format!("{name} must be a number, received {}", describe(env, value)),
  )
}

#[inline]
fn number_arg(env: &Env, value: &Unknown, name: &str) -> Result<f64> {
  let mut number = 0f64;
  // SAFETY: the env and the value come from the current callback's scope; the out-pointer is a
  // live local. `napi_get_value_double` checks the type itself and returns
  // `napi_number_expected` (without throwing) for anything but a number, so no `napi_typeof`
  // comes first: one Node-API call less per number argument (`limits/boundary`,
  // `scripts/floor.mjs floor`).
  let status = unsafe { sys::napi_get_value_double(env.raw(), value.raw(), &mut number) };
  if status != sys::Status::napi_ok {
    return Err(not_a_number(env, value, name));
  }
  if number.is_nan() {
    return Err(range_error(env, format!("{name} must not be NaN")));
  }
  Ok(number)
}

pub(crate) fn read_number(env: &Env, value: &Unknown, name: &str) -> Result<f64> {
  let mut number = 0f64;
  // SAFETY: the value was checked to be a number; the out-pointer is a live local.
  let status = unsafe { sys::napi_get_value_double(env.raw(), value.raw(), &mut number) };
  if status != sys::Status::napi_ok {
    return Err(type_error(env, format!("{name} must be a number")));
  }
  if number.is_nan() {
    return Err(range_error(env, format!("{name} must not be NaN")));
  }
  Ok(number)
}

/// A count or length returned to JS, exact (see `core::boundary::js_count`); a RangeError in
/// the unreachable case of a count above `Number.MAX_SAFE_INTEGER`, never a wrapped value.
#[inline(always)]
pub fn js_count(env: &Env, n: usize) -> Result<f64> {
  match boundary::js_count(n) {
    Some(count) => Ok(count),
    None => Err(count_error(env, n)),
  }
}

#[cold]
#[inline(never)]
fn count_error(env: &Env, n: usize) -> Error {
  range_error(
    env,
    format!("{n} does not fit a JS number exactly (above Number.MAX_SAFE_INTEGER)"),
  )
}
