//! `limits/boundary`'s forms, compiled in only with the `bench-exports` feature (the
//! benchmark's build, `npm run build`; never the release build, `scripts/release.mjs`): each
//! layer of one call written twice, through napi-rs (the `boundaryNapi` namespace) and raw
//! (`boundaryRaw`), so the benchmark can price napi-rs's glue. Both objects are left out of
//! `index.d.ts` and `index.js` (`benchmark/lab/boundary.ts` reads them from the `.node` module),
//! and `scripts/test-install.mjs` fails when the shipped binary registers either.

use std::ffi::{c_void, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::bindgen_prelude::*;
use napi::sys;
use napi_derive::napi;
use rust_patterns_napi_args::raw::{cb_args, check, create_f64, function, unknown, Callback};
use rust_patterns_napi_args::raw_callback;

use super::{
  raw_count_byte, raw_crc32_sync, raw_decode_record_arrays_into, raw_encode_record_arrays_into,
  raw_is_utf8, RAW_PUBLIC,
};
use crate::args;

/// The byte every `externalBuffer` form fills its 16-byte Buffer with.
const FILL: u8 = 0x2a;
/// The length of the Buffer the `externalBuffer` forms move out.
const EXTERNAL_LEN: usize = 16;
// ---------------------------------------------------------------------------------------------
// napi-rs forms of the layers (namespace `boundaryNapi`). The hot entry points are the
// public exports themselves.
// ---------------------------------------------------------------------------------------------

/// Does nothing: napi-rs's floor for one call (the lab binding's public `noop` is the raw one).
#[napi(
  namespace = "boundaryNapi",
  js_name = "noop",
  skip_typescript,
  catch_unwind
)]
pub fn napi_noop() {}

/// Takes one number and returns it: napi-rs's typed `f64` argument and return.
#[napi(
  namespace = "boundaryNapi",
  js_name = "number",
  skip_typescript,
  catch_unwind
)]
pub fn napi_number(value: f64) -> f64 {
  value
}

/// Borrows a Uint8Array with napi-rs's `Uint8ArraySlice` (no reference, no copy) and returns its
/// length.
#[napi(
  namespace = "boundaryNapi",
  js_name = "borrow",
  skip_typescript,
  catch_unwind
)]
pub fn napi_borrow(data: Uint8ArraySlice) -> f64 {
  // Exact: a length is far below 2^53.
  data.len() as f64
}

/// Validates `data` (a Uint8Array) and `byte` (an integer from 0 to 255) as `countByte` does and
/// returns `data.length`: the cost of checking arguments, without the work.
#[napi(
  namespace = "boundaryNapi",
  js_name = "validate",
  skip_typescript,
  catch_unwind
)]
pub fn napi_validate(env: Env, data: Unknown, byte: Unknown) -> Result<f64> {
  validate_impl(&env, &data, &byte)
}

/// Returns a new 16-byte Buffer moved out of a Rust `Vec` (an external buffer with a finalizer).
#[napi(
  namespace = "boundaryNapi",
  js_name = "externalBuffer",
  skip_typescript,
  catch_unwind
)]
pub fn napi_external_buffer() -> Buffer {
  Buffer::from(vec![FILL; EXTERNAL_LEN])
}

/// Work that does nothing on a libuv worker thread: the round trip of one async call.
pub struct NoopTask;

impl Task for NoopTask {
  type Output = u32;
  type JsValue = u32;

  // Runs on a libuv worker thread: no JS values here.
  fn compute(&mut self) -> Result<u32> {
    args::guard_panic(|| Ok(1))
  }

  fn resolve(&mut self, _env: Env, output: u32) -> Result<u32> {
    Ok(output)
  }
}

/// Resolves to 1 after a hop to the libuv pool and back (napi-rs's `AsyncTask`).
#[napi(
  namespace = "boundaryNapi",
  js_name = "asyncNoop",
  skip_typescript,
  catch_unwind
)]
pub fn napi_async_noop() -> AsyncTask<NoopTask> {
  AsyncTask::new(NoopTask)
}

/// The checks of the `validate` forms, shared by both sides.
fn validate_impl(env: &Env, data: &Unknown, byte: &Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(env, data, "data") }?;
  args::byte_arg(env, byte, "byte")?;
  args::js_count(env, bytes.len())
}

// ---------------------------------------------------------------------------------------------
// Raw forms of the layers (object `boundaryRaw`).
// ---------------------------------------------------------------------------------------------

raw_callback! {
  /// Does nothing and returns `undefined` (a null `napi_value`), without reading its arguments.
  fn raw_noop(env, _info) {
    Ok(ptr::null_mut())
  }
}

raw_callback! {
  /// Takes one number and returns it; a non-number throws napi-rs's error for an `f64` argument.
  fn raw_number(env, info) {
    let ([value], _) = cb_args::<1>(env, info)?;
    let mut number = 0f64;
    // `napi_get_value_double` checks the type itself (`napi_number_expected` otherwise), so no
    // `napi_typeof` is needed first.
    let status = sys::napi_get_value_double(env, value, &mut number);
    if status != sys::Status::napi_ok {
      // Off the hot path: napi-rs's own conversion builds its exact error.
      return f64::from_napi_value(env, value).and_then(|n| create_f64(env, n));
    }
    create_f64(env, number)
  }
}

raw_callback! {
  /// Borrows a Uint8Array with one `napi_get_typedarray_info` call and returns its length.
  fn raw_borrow(env, info) {
    let ([data], _) = cb_args::<1>(env, info)?;
    let mut kind = sys::TypedarrayType::int8_array;
    let mut len = 0usize;
    let mut bytes = ptr::null_mut();
    let mut array_buffer = ptr::null_mut();
    let mut byte_offset = 0usize;
    // Node checks `IsTypedArray()` first and returns `napi_invalid_arg` for anything else; the
    // out-pointers are live locals.
    let status = sys::napi_get_typedarray_info(
      env,
      data,
      &mut kind,
      &mut len,
      &mut bytes,
      &mut array_buffer,
      &mut byte_offset,
    );
    if status != sys::Status::napi_ok || kind != sys::TypedarrayType::uint8_array {
      // Off the hot path: napi-rs's own conversion builds its exact error.
      let slice = Uint8ArraySlice::from_napi_value(env, data)?;
      return create_f64(env, slice.len() as f64);
    }
    // Exact: a length is far below 2^53.
    create_f64(env, len as f64)
  }
}

raw_callback! {
  /// `validate` with the same checks and errors as the napi-rs form.
  fn raw_validate(env, info) {
    let ([data, byte], _) = cb_args::<2>(env, info)?;
    let e = Env::from_raw(env);
    let length = validate_impl(&e, &unknown(env, data), &unknown(env, byte))?;
    create_f64(env, length)
  }
}

/// Frees the bytes of a raw external buffer when V8 collects it. `hint` carries the length.
unsafe extern "C" fn free_external(_env: sys::napi_env, data: *mut c_void, hint: *mut c_void) {
  // A panic must not unwind into V8's GC: dropping a boxed byte slice cannot panic, and the
  // guard keeps that true if this ever changes.
  let _ = catch_unwind(|| {
    let len = hint as usize;
    // SAFETY: `data` and `len` are the pointer and length of the `Box<[u8]>` leaked by
    // `raw_external_buffer` for this buffer, and Node calls this finalizer exactly once.
    drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(data.cast::<u8>(), len)) });
  });
}

raw_callback! {
  /// Returns a new 16-byte Buffer whose memory is a Rust allocation, freed by [`free_external`].
  fn raw_external_buffer(env, _info) {
    let bytes: Box<[u8]> = vec![FILL; EXTERNAL_LEN].into_boxed_slice();
    let len = bytes.len();
    let data = Box::into_raw(bytes).cast::<u8>();
    let mut out = ptr::null_mut();
    // The buffer takes ownership of `data` only when the call succeeds; the length rides in
    // the finalizer hint, so no second allocation is needed.
    let status = sys::napi_create_external_buffer(
      env,
      len,
      data.cast(),
      Some(free_external),
      len as *mut c_void,
      &mut out,
    );
    if status != sys::Status::napi_ok {
      // Not handed over (e.g. a runtime that refuses external buffers): free it here.
      drop(Box::from_raw(ptr::slice_from_raw_parts_mut(data, len)));
      check(status, "napi_create_external_buffer")?;
    }
    Ok(out)
  }
}

/// One raw async call in flight: its work handle, its promise, and its result.
struct RawAsync {
  work: sys::napi_async_work,
  deferred: sys::napi_deferred,
  output: u32,
  panicked: bool,
}

/// Runs on a libuv worker thread: no JS values here, only the job's own fields.
unsafe extern "C" fn raw_async_execute(_env: sys::napi_env, data: *mut c_void) {
  // SAFETY: `data` is the `RawAsync` boxed by `raw_async_noop`; only this thread touches it
  // until `raw_async_complete` runs on the JS thread after this returns.
  let job = unsafe { &mut *data.cast::<RawAsync>() };
  match catch_unwind(|| 1u32) {
    Ok(output) => job.output = output,
    Err(_) => job.panicked = true,
  }
}

/// Runs on the JS thread after [`raw_async_execute`]: settles the promise and frees the job.
unsafe extern "C" fn raw_async_complete(
  env: sys::napi_env,
  status: sys::napi_status,
  data: *mut c_void,
) {
  // SAFETY: `data` is the `RawAsync` leaked by `raw_async_noop`; libuv calls this once, after
  // the worker is done with it, so the box is reclaimed exactly once.
  let job = unsafe { Box::from_raw(data.cast::<RawAsync>()) };
  // Every call below runs on the JS thread with the live env Node passed in; `job.work` and
  // `job.deferred` were created by `raw_async_noop` and are used once each (deleted, settled).
  let _ = catch_unwind(AssertUnwindSafe(|| {
    // SAFETY: see above; the work has completed, so deleting it is allowed.
    unsafe { sys::napi_delete_async_work(env, job.work) };
    let mut value = ptr::null_mut();
    if status == sys::Status::napi_ok && !job.panicked {
      // SAFETY: see above; `value` is a live local.
      unsafe { sys::napi_create_uint32(env, job.output, &mut value) };
      // SAFETY: see above; the deferred is settled here and nowhere else.
      unsafe { sys::napi_resolve_deferred(env, job.deferred, value) };
      return;
    }
    let text = if job.panicked {
      c"native panic on a libuv worker thread"
    } else {
      c"async work was cancelled"
    };
    let mut message = ptr::null_mut();
    // SAFETY: see above; `text` is NUL-terminated and `message` a live local.
    unsafe { sys::napi_create_string_utf8(env, text.as_ptr(), NAPI_AUTO_LENGTH, &mut message) };
    // SAFETY: see above; `message` is the string just created, `value` a live local.
    unsafe { sys::napi_create_error(env, ptr::null_mut(), message, &mut value) };
    // SAFETY: see above; the deferred is settled here and nowhere else.
    unsafe { sys::napi_reject_deferred(env, job.deferred, value) };
  }));
}

raw_callback! {
  /// Resolves to 1 after a hop to the libuv pool and back (`napi_create_async_work`).
  fn raw_async_noop(env, _info) {
    // The job is boxed only after the calls that may fail without it and freed on every
    // failure path after; once queued, libuv owns it until `raw_async_complete`.
    let mut name = ptr::null_mut();
    let resource = c"rustPatternsRawAsync";
    check(
      sys::napi_create_string_utf8(env, resource.as_ptr(), NAPI_AUTO_LENGTH, &mut name),
      "napi_create_string_utf8",
    )?;
    let mut promise = ptr::null_mut();
    let mut deferred = ptr::null_mut();
    check(
      sys::napi_create_promise(env, &mut deferred, &mut promise),
      "napi_create_promise",
    )?;
    let job = Box::into_raw(Box::new(RawAsync {
      work: ptr::null_mut(),
      deferred,
      output: 0,
      panicked: false,
    }));
    let status = sys::napi_create_async_work(
      env,
      ptr::null_mut(),
      name,
      Some(raw_async_execute),
      Some(raw_async_complete),
      job.cast(),
      &mut (*job).work,
    );
    if status != sys::Status::napi_ok {
      drop(Box::from_raw(job));
      check(status, "napi_create_async_work")?;
    }
    let status = sys::napi_queue_async_work(env, (*job).work);
    if status != sys::Status::napi_ok {
      sys::napi_delete_async_work(env, (*job).work);
      drop(Box::from_raw(job));
      check(status, "napi_queue_async_work")?;
    }
    Ok(promise)
  }
}

/// The raw layer forms and twins, by their JS name (the object `boundaryRaw`).
const RAW_EXPORTS: [(&CStr, Callback); 11] = [
  (c"noop", raw_noop),
  (c"number", raw_number),
  (c"borrow", raw_borrow),
  (c"validate", raw_validate),
  (c"externalBuffer", raw_external_buffer),
  (c"asyncNoop", raw_async_noop),
  (c"crc32Sync", raw_crc32_sync),
  (c"countByte", raw_count_byte),
  (c"isUtf8", raw_is_utf8),
  (c"decodeRecordArraysInto", raw_decode_record_arrays_into),
  (c"encodeRecordArraysInto", raw_encode_record_arrays_into),
];

/// Adds the `boundaryRaw` object, and keeps in `boundaryNapi` the functions napi-rs generated
/// for the hot entry points before [`super::register_raw`] replaces them with raw callbacks.
pub(super) fn register(env: &Env, exports: &mut Object) -> Result<()> {
  let mut raw = Object::new(env)?;
  for (name, callback) in RAW_EXPORTS {
    raw.set_named_property(
      name.to_str().unwrap_or_default(),
      function(env, name, callback)?,
    )?;
  }
  exports.set_named_property("boundaryRaw", raw)?;
  let mut napi_forms: Object = exports.get_named_property("boundaryNapi")?;
  for (name, _) in RAW_PUBLIC {
    let key = name.to_str().unwrap_or_default();
    let generated: Unknown = exports.get_named_property(key)?;
    napi_forms.set_named_property(key, generated)?;
  }
  Ok(())
}
