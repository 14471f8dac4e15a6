//! The optional `AbortSignal` argument of async exports.

use napi::bindgen_prelude::*;
use napi::sys;

use crate::error::{clear_pending_exception, describe, type_error};
use crate::optional::is_nullish;

/// Reads an optional `AbortSignal` (`undefined` and `null` both mean none, as in the JS
/// twins). Returns the napi-rs signal (which cancels the queued async work) and whether it was
/// already aborted.
pub fn optional_signal(
  env: &Env,
  value: Unknown,
  name: &str,
) -> Result<(Option<AbortSignal>, bool)> {
  if is_nullish(&value) {
    return Ok((None, false));
  }
  let not_a_signal = |env: &Env, value: &Unknown| {
    type_error(
      env,
      format!(
        "{name} must be an AbortSignal, received {}",
        describe(env, value)
      ),
    )
  };
  if !matches!(value.get_type(), Ok(ValueType::Object)) {
    return Err(not_a_signal(env, &value));
  }
  let global = env.get_global()?;
  let constructor: Function<Unknown, Unknown> = global.get_named_property("AbortSignal")?;
  let mut is_signal = false;
  // SAFETY: both handles belong to this callback's scope; the out-pointer is a live local.
  let status =
    unsafe { sys::napi_instanceof(env.raw(), value.raw(), constructor.raw(), &mut is_signal) };
  // A Proxy's getPrototypeOf trap runs inside instanceof and may throw: the caller gets a
  // TypeError about the argument, not the trap's exception.
  if status != sys::Status::napi_ok || !is_signal {
    clear_pending_exception(env);
    return Err(not_a_signal(env, &value));
  }
  let object = Object::from_unknown(value)?;
  let aborted: bool = match object.get_named_property("aborted") {
    Ok(aborted) => aborted,
    Err(_) => {
      clear_pending_exception(env);
      return Err(not_a_signal(env, &value));
    }
  };
  // SAFETY: the value was checked to be an AbortSignal of this env.
  let signal = unsafe { AbortSignal::from_napi_value(env.raw(), value.raw()) }?;
  Ok((Some(signal), aborted))
}
