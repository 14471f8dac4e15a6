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
