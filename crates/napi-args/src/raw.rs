//! Raw Node-API callbacks on `napi::sys`: the plumbing shared by the bindings' hand-written
//! entry points (the library's hot sync functions and the lab's `noop` and boundary layers).
//!
//! A callback defined with [`raw_callback!`] follows the bindings' rules: its body runs under
//! [`run`], so an `Err` is thrown (unless a JS exception is already pending, as the argument
//! helpers throw their TypeError/RangeError first) and a panic becomes a JS error instead of
//! unwinding into Node's C++ frames.

use std::ffi::CStr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::bindgen_prelude::*;
use napi::sys;

/// Node-API's `NAPI_AUTO_LENGTH` (`SIZE_MAX`): the string is NUL-terminated.
const NAPI_AUTO_LENGTH: isize = -1;

/// Runs a callback body with panics caught: `Ok` returns its value (a null `napi_value` reads as
/// `undefined` in JS), `Err` throws it unless a JS exception is already pending (the `args`
/// helpers throw their TypeError/RangeError first), and a panic throws an `Error` with the
/// panic's message, as napi-rs's `catch_unwind` does.
///
/// # Safety
/// `env` must be the env of the current callback, on the JS thread.
#[inline(always)]
pub unsafe fn run(
  env: sys::napi_env,
  body: impl FnOnce() -> Result<sys::napi_value>,
) -> sys::napi_value {
  let error = match catch_unwind(AssertUnwindSafe(body)) {
    Ok(Ok(value)) => return value,
    Ok(Err(error)) => error,
    Err(payload) => panic_to_error(payload),
  };
  // SAFETY: `env` is the current callback's env (the caller's contract); `throw_into` first
  // asks whether an exception is pending and throws `error` only if none is.
  unsafe { JsError::from(error).throw_into(env) };
  ptr::null_mut()
}

/// Fails with napi-rs's error for a Node-API status other than `napi_ok`.
#[inline(always)]
pub fn check(status: sys::napi_status, what: &str) -> Result<()> {
  if status == sys::Status::napi_ok {
    Ok(())
  } else {
    Err(Error::new(Status::from(status), format!("{what} failed")))
  }
}

/// The call's first `N` arguments (missing ones are `undefined`), how many JS passed, and, when
/// `this` is not null, the receiver written into it.
///
/// # Safety
/// `env` and `info` must be the current callback's; `this` null or writable.
#[inline(always)]
unsafe fn cb_info<const N: usize>(
  env: sys::napi_env,
  info: sys::napi_callback_info,
  this: *mut sys::napi_value,
) -> Result<([sys::napi_value; N], usize)> {
  let mut argv = [ptr::null_mut(); N];
  let mut argc = N;
  // SAFETY: `env` and `info` are the live callback's (caller's contract); `argv` has room for
  // `argc` values, and Node writes at most that many (padding with `undefined`); `this` is null
  // (not asked for) or a live local of the caller; `data` is not asked for.
  let status = unsafe {
    sys::napi_get_cb_info(
      env,
      info,
      &mut argc,
      argv.as_mut_ptr(),
      this,
      ptr::null_mut(),
    )
  };
  check(status, "napi_get_cb_info")?;
  Ok((argv, argc))
}

/// The call's first `N` arguments (missing ones are `undefined`) and how many JS passed.
///
/// # Safety
/// `env` and `info` must be the current callback's.
#[inline(always)]
pub unsafe fn cb_args<const N: usize>(
  env: sys::napi_env,
  info: sys::napi_callback_info,
) -> Result<([sys::napi_value; N], usize)> {
  // SAFETY: the caller's contract; the receiver is not asked for.
  unsafe { cb_info(env, info, ptr::null_mut()) }
}

/// As [`cb_args`], and the call's receiver (`this`).
///
/// # Safety
/// `env` and `info` must be the current callback's.
#[inline(always)]
pub unsafe fn cb_args_this<const N: usize>(
  env: sys::napi_env,
  info: sys::napi_callback_info,
) -> Result<([sys::napi_value; N], usize, sys::napi_value)> {
  let mut this = ptr::null_mut();
  // SAFETY: the caller's contract; `this` is a live local.
  let (argv, argc) = unsafe { cb_info(env, info, &mut this) }?;
  Ok((argv, argc, this))
}

/// A `napi_value` of this callback as napi-rs's `Unknown` (no Node-API call is made).
///
/// # Safety
/// `value` must be a live handle of `env`'s current scope.
#[inline(always)]
pub unsafe fn unknown<'a>(env: sys::napi_env, value: sys::napi_value) -> Unknown<'a> {
  // SAFETY: `Unknown::from_napi_value` only stores the two handles (it cannot fail); the
  // caller vouches for them.
  match unsafe { Unknown::from_napi_value(env, value) } {
    Ok(value) => value,
    Err(_) => unreachable!("Unknown::from_napi_value only stores the handles"),
  }
}

/// Creates a JS number from a u32.
///
/// # Safety
/// `env` must be the current callback's env, on the JS thread.
pub unsafe fn create_u32(env: sys::napi_env, value: u32) -> Result<sys::napi_value> {
  let mut out = ptr::null_mut();
  // SAFETY: `env` is the current callback's env (the caller's contract); `out` is a live local.
  let status = unsafe { sys::napi_create_uint32(env, value, &mut out) };
  check(status, "napi_create_uint32")?;
  Ok(out)
}

/// Creates a JS number from an f64.
///
/// # Safety
/// `env` must be the current callback's env, on the JS thread.
pub unsafe fn create_f64(env: sys::napi_env, value: f64) -> Result<sys::napi_value> {
  let mut out = ptr::null_mut();
  // SAFETY: `env` is the current callback's env (the caller's contract); `out` is a live local.
  let status = unsafe { sys::napi_create_double(env, value, &mut out) };
  check(status, "napi_create_double")?;
  Ok(out)
}

/// Creates the JS boolean.
///
/// # Safety
/// `env` must be the current callback's env, on the JS thread.
pub unsafe fn get_bool(env: sys::napi_env, value: bool) -> Result<sys::napi_value> {
  let mut out = ptr::null_mut();
  // SAFETY: `env` is the current callback's env (the caller's contract); `out` is a live local.
  let status = unsafe { sys::napi_get_boolean(env, value, &mut out) };
  check(status, "napi_get_boolean")?;
  Ok(out)
}

/// Defines a raw Node-API callback `$name(env, info)` whose body runs under [`run`] (panics
/// caught, errors thrown) and returns the call's result.
#[macro_export]
macro_rules! raw_callback {
  ($(#[$doc:meta])* fn $name:ident($env:ident, $info:ident) $body:block) => {
    $(#[$doc])*
    unsafe extern "C" fn $name(
      $env: ::napi::sys::napi_env,
      $info: ::napi::sys::napi_callback_info,
    ) -> ::napi::sys::napi_value {
      // SAFETY: Node calls a callback on the JS thread with its live env and callback info, and
      // the body gives Node-API only those and handles of this call's scope (its arguments and
      // values it creates), which is what `run`, `cb_args`, `unknown`, the `create_*` helpers
      // and the Node-API calls in the body require. Borrows of typed-array memory are taken and dropped inside the
      // `*_impl` functions, whose SAFETY notes state their order.
      unsafe { $crate::raw::run($env, || $body) }
    }
  };
}

/// A raw Node-API callback.
pub type Callback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;

/// A JS function named `name` that calls `callback`.
pub fn function<'env>(env: &'env Env, name: &CStr, callback: Callback) -> Result<Unknown<'env>> {
  let mut function = ptr::null_mut();
  // SAFETY: module registration runs on the JS thread with a live env; `name` is a
  // NUL-terminated static string, `callback` a raw callback that never unwinds (see `run`),
  // and `function` a live local.
  let status = unsafe {
    sys::napi_create_function(
      env.raw(),
      name.as_ptr(),
      NAPI_AUTO_LENGTH,
      Some(callback),
      ptr::null_mut(),
      &mut function,
    )
  };
  check(status, "napi_create_function")?;
  // SAFETY: `function` was created just above in this env.
  unsafe { Unknown::from_napi_value(env.raw(), function) }
}

#[cfg(test)]
mod tests {
  use napi::{sys, Status};

  use super::check;

  #[test]
  fn check_passes_napi_ok_and_names_the_call_that_failed() {
    assert!(check(sys::Status::napi_ok, "napi_x").is_ok());
    let err = check(sys::Status::napi_invalid_arg, "napi_get_cb_info").expect_err("error");
    assert_eq!(err.status, Status::InvalidArg);
    assert_eq!(err.reason, "napi_get_cb_info failed");
  }
}
