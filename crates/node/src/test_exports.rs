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

/// A deliberate heap use-after-free: frees a `size`-byte buffer, then reads its first byte. It
/// exists only so that the AddressSanitizer run (`scripts/asan-addon.sh`) can show that it
/// catches a real memory bug in the addon (`__test__/asan-addon.spec.ts` expects the report).
/// Never call it outside an ASan build: without the sanitizer it is undefined behaviour.
#[napi(catch_unwind)]
pub fn use_after_free_for_test(size: u32) -> u32 {
  let freed = vec![0x5a_u8; size.max(1) as usize];
  let first = freed.as_ptr();
  drop(freed);
  // SAFETY: none, on purpose: `first` points into the allocation dropped on the line above.
  // This is the planted bug that the ASan step must report as heap-use-after-free.
  u32::from(unsafe { std::ptr::read_volatile(first) })
}
