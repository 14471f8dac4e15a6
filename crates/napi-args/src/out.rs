//! Results copied out into V8-owned memory.

use napi::bindgen_prelude::*;
use napi::sys;

use crate::typed_array::Element;

/// Copies `data` into a new V8-owned typed array of `T` ("copy out"). For short results this is
/// cheaper than moving a Vec out, which makes an external ArrayBuffer with a finalizer.
///
/// Written on raw Node-API because napi-rs 3.12's `Uint32ArraySlice::copy_from` and
/// `ArrayBuffer::copy_from` allocate the buffer but never copy into it (and size the typed
/// array's buffer in elements, not bytes), so they return zeros or throw.
pub fn copy_out<'env, T: Element>(env: &'env Env, data: &[T]) -> Result<Unknown<'env>> {
  let byte_len = std::mem::size_of_val(data);
  let mut buffer_data = std::ptr::null_mut();
  let mut array_buffer = std::ptr::null_mut();
  // SAFETY: `env` is the current callback's env and both out-pointers are live locals.
  let status = unsafe {
    sys::napi_create_arraybuffer(env.raw(), byte_len, &mut buffer_data, &mut array_buffer)
  };
  if status != sys::Status::napi_ok {
    return Err(Error::new(
      Status::GenericFailure,
      "could not allocate an ArrayBuffer",
    ));
  }
  if byte_len != 0 {
    // SAFETY: V8 just allocated `byte_len` writable bytes at `buffer_data`, which cannot
    // overlap `data` (Rust-owned memory); no JS has run since.
    unsafe {
      std::ptr::copy_nonoverlapping(
        data.as_ptr().cast::<u8>(),
        buffer_data.cast::<u8>(),
        byte_len,
      )
    };
    sync_written(env, array_buffer, byte_len)?;
  }
  let mut typed_array = std::ptr::null_mut();
  // SAFETY: `array_buffer` holds exactly `data.len()` elements of `T` at offset 0.
  let status = unsafe {
    sys::napi_create_typedarray(
      env.raw(),
      T::KIND,
      data.len(),
      array_buffer,
      0,
      &mut typed_array,
    )
  };
  if status != sys::Status::napi_ok {
    return Err(Error::new(
      Status::GenericFailure,
      "could not create a typed array",
    ));
  }
  // SAFETY: `typed_array` is a live value of this env, created just above.
  unsafe { Unknown::from_napi_value(env.raw(), typed_array) }
}

#[cfg(target_family = "wasm")]
extern "C" {
  /// emnapi's copy between an ArrayBuffer (or a view of one) and its wasm-memory mirror.
  fn emnapi_sync_memory(
    env: sys::napi_env,
    js_to_wasm: bool,
    arraybuffer_or_view: *mut sys::napi_value,
    byte_offset: usize,
    length: usize,
  ) -> sys::napi_status;
}

/// Makes the first `byte_len` bytes that Rust wrote through a data pointer of `value` (an
/// ArrayBuffer or a typed array) visible to JS.
///
/// Natively that pointer is the buffer's own memory, so there is nothing to do. On WebAssembly,
/// emnapi hands out a mirror of the buffer in wasm memory instead (V8's memory is outside the
/// module's reach): reads see the JS bytes, but writes reach JS only when copied back, which is
/// what this does. Every export that writes into a JS buffer calls it after writing.
#[cfg_attr(
  not(target_family = "wasm"),
  expect(
    unused_variables,
    reason = "only WebAssembly builds copy anything back"
  )
)]
#[inline(always)]
pub fn sync_written(env: &Env, value: sys::napi_value, byte_len: usize) -> Result<()> {
  #[cfg(target_family = "wasm")]
  if byte_len != 0 {
    let mut value = value;
    // SAFETY: `value` is a live ArrayBuffer or typed array of this env whose mirror holds at
    // least `byte_len` bytes (the caller wrote them); for a view emnapi applies its byteOffset.
    let status = unsafe { emnapi_sync_memory(env.raw(), false, &mut value, 0, byte_len) };
    if status != sys::Status::napi_ok {
      return Err(Error::new(
        Status::GenericFailure,
        "could not copy the result out of wasm memory",
      ));
    }
  }
  Ok(())
}
