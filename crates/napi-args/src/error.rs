//! Error construction: throw the JS error class the JS twins throw, naming the parameter.

use napi::bindgen_prelude::*;
use napi::sys;

/// Throws a JS `TypeError` and returns the error that tells napi-rs an exception is pending.
pub fn type_error(env: &Env, message: String) -> Error {
  let _ = env.throw_type_error(&message, Some("ERR_INVALID_ARG_TYPE"));
  Error::new(Status::PendingException, message)
}

/// Throws a JS `RangeError` and returns the error that tells napi-rs an exception is pending.
pub fn range_error(env: &Env, message: String) -> Error {
  let _ = env.throw_range_error(&message, Some("ERR_OUT_OF_RANGE"));
  Error::new(Status::PendingException, message)
}

/// A short description of a JS value's type, for error messages.
pub(crate) fn describe(env: &Env, value: &Unknown) -> &'static str {
  let _ = env;
  match value.get_type() {
    Ok(ValueType::Undefined) => "undefined",
    Ok(ValueType::Null) => "null",
    Ok(ValueType::Boolean) => "a boolean",
    Ok(ValueType::Number) => "a number",
    Ok(ValueType::String) => "a string",
    Ok(ValueType::Symbol) => "a symbol",
    Ok(ValueType::BigInt) => "a bigint",
    Ok(ValueType::Function) => "a function",
    Ok(ValueType::Object) => "an object",
    _ => "an unsupported value",
  }
}

/// Drops a pending JS exception (thrown by user code such as a Proxy trap during validation),
/// so that the caller can throw its own TypeError instead.
pub(crate) fn clear_pending_exception(env: &Env) {
  let mut pending = false;
  // SAFETY: a status query on the current env; the out-pointer is a live local.
  let status = unsafe { sys::napi_is_exception_pending(env.raw(), &mut pending) };
  if status == sys::Status::napi_ok && pending {
    let mut exception = std::ptr::null_mut();
    // SAFETY: clears the exception just reported pending on the same env; the out-pointer is
    // a live local and the cleared value is dropped with this scope.
    let _ = unsafe { sys::napi_get_and_clear_last_exception(env.raw(), &mut exception) };
  }
}
