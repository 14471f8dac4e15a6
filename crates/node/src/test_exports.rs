//! Test-only exports, compiled in only with `--features test-exports` (never in the shipped
//! binary). They prove that a Rust panic becomes a JS error and the process goes on.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::args;

/// Panics with `message` on the JS thread; `catch_unwind` turns it into a thrown JS Error.
#[napi(catch_unwind)]
pub fn panic_for_test(message: String) -> u32 {
  panic!("{message}");
}

/// Work that panics on a libuv worker thread.
pub struct PanicTask;

impl Task for PanicTask {
  type Output = u32;
  type JsValue = u32;

  // Runs on a libuv worker thread: no JS values here.
  fn compute(&mut self) -> Result<u32> {
    args::guard_panic(|| panic!("panic on a libuv worker thread"))
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
    Ok(output)
  }
}

/// Returns a Promise whose work panics on the thread pool; it rejects with a JS Error.
#[napi(catch_unwind, ts_return_type = "Promise<number>")]
pub fn panic_in_task_for_test() -> AsyncTask<PanicTask> {
  AsyncTask::new(PanicTask)
}
