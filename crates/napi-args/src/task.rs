//! Async task bodies: panics become errors, aborted work rejects with an `AbortError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::*;

/// Runs a `compute` body, turning a panic into an `Error` (a panic must not cross the libuv
/// thread's `extern "C"` frame, where it would abort the process).
pub fn guard_panic<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
  match catch_unwind(AssertUnwindSafe(body)) {
    Ok(result) => result,
    Err(payload) => {
      let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
      Err(Error::new(
        Status::GenericFailure,
        format!("native panic: {message}"),
      ))
    }
  }
}

/// A `compute` body for abortable work: rejected as cancelled (see [`reject_cancelled`]) when
/// the signal was aborted before the task ran, else run under [`guard_panic`].
pub fn compute_unless_aborted<T>(pre_aborted: bool, body: impl FnOnce() -> Result<T>) -> Result<T> {
  if pre_aborted {
    return Err(cancelled());
  }
  guard_panic(body)
}

fn cancelled() -> Error {
  Error::new(Status::Cancelled, "AbortError".to_owned())
}

/// `Task::reject` for abortable work: a cancelled task rejects with an `AbortError`, any other
/// error as it is.
pub fn reject_cancelled<T>(env: &Env, err: Error) -> Result<T> {
  if err.status == Status::Cancelled {
    return Err(abort_error(env));
  }
  Err(err)
}

/// The rejection for work whose signal was aborted before it ran: an `Error` named `AbortError`,
/// the same shape napi-rs uses when it cancels queued work.
pub fn abort_error(env: &Env) -> Error {
  match env.create_error(cancelled()) {
    Ok(mut error) => {
      let _ = error.set_named_property("name", "AbortError");
      Error::from(error.to_unknown())
    }
    Err(e) => e,
  }
}
