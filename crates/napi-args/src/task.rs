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

#[cfg(test)]
mod tests {
  use napi::Status;

  use super::{compute_unless_aborted, guard_panic};

  #[test]
  fn guard_panic_passes_results_and_errors_through() {
    assert_eq!(guard_panic(|| Ok(7)).ok(), Some(7));
    let err = guard_panic::<u8>(|| Err(napi::Error::new(Status::InvalidArg, "bad".to_owned())))
      .expect_err("the body's error");
    assert_eq!(err.status, Status::InvalidArg);
    assert_eq!(err.reason, "bad");
  }

  #[test]
  fn guard_panic_turns_each_kind_of_panic_payload_into_an_error() {
    let literal = guard_panic::<u8>(|| panic!("boom")).expect_err("error");
    assert_eq!(literal.status, Status::GenericFailure);
    assert_eq!(literal.reason, "native panic: boom");
    let n = 3;
    let formatted = guard_panic::<u8>(|| panic!("boom {n}")).expect_err("error");
    assert_eq!(formatted.reason, "native panic: boom 3");
    let other = guard_panic::<u8>(|| std::panic::panic_any(5_u32)).expect_err("error");
    assert_eq!(other.reason, "native panic: unknown panic");
  }

  #[test]
  fn aborted_work_is_cancelled_without_running() {
    let mut ran = false;
    let err = compute_unless_aborted::<u8>(true, || {
      ran = true;
      Ok(1)
    })
    .expect_err("cancelled");
    assert!(!ran);
    assert_eq!(err.status, Status::Cancelled);
    assert_eq!(err.reason, "AbortError");
  }

  #[test]
  fn work_that_was_not_aborted_runs_under_guard_panic() {
    assert_eq!(compute_unless_aborted(false, || Ok(9)).ok(), Some(9));
    let err = compute_unless_aborted::<u8>(false, || panic!("late")).expect_err("error");
    assert_eq!(err.reason, "native panic: late");
  }
}
