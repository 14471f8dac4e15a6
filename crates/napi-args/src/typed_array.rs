//! Typed-array arguments: one Node-API call that checks and reads a view, the one
//! detached-view probe, and the borrows (shared, exclusive, or raw parts for callers that must
//! rule out aliasing first).

use napi::bindgen_prelude::*;
use napi::sys;

use crate::error::{describe, type_error};

/// An element type a typed-array argument may hold, with its Node-API tag and JS name.
pub trait Element: Copy + 'static {
  const KIND: sys::napi_typedarray_type;
  const JS_NAME: &'static str;
}

macro_rules! element {
  ($t:ty, $kind:ident, $name:literal) => {
    impl Element for $t {
      const KIND: sys::napi_typedarray_type = sys::TypedarrayType::$kind;
      const JS_NAME: &'static str = $name;
    }
  };
}

element!(u8, uint8_array, "a Uint8Array or Buffer");
element!(i8, int8_array, "an Int8Array");
element!(u16, uint16_array, "a Uint16Array");
element!(i16, int16_array, "an Int16Array");
element!(u32, uint32_array, "a Uint32Array");
element!(i32, int32_array, "an Int32Array");
element!(f32, float32_array, "a Float32Array");
element!(f64, float64_array, "a Float64Array");
element!(u64, biguint64_array, "a BigUint64Array");
element!(i64, bigint64_array, "a BigInt64Array");

/// What `napi_get_typedarray_info` reports about a typed array (any view of one).
pub struct TypedArrayInfo {
  pub kind: sys::napi_typedarray_type,
  pub len: usize,
  /// Already adjusted by the view's `byteOffset`.
  pub data: *mut std::ffi::c_void,
  pub array_buffer: sys::napi_value,
}

/// One Node-API call that both checks and reads a typed array: `None` for anything else.
#[inline]
pub fn typed_array_info(env: &Env, value: &Unknown) -> Option<TypedArrayInfo> {
  let mut kind = sys::TypedarrayType::int8_array;
  let mut len = 0usize;
  let mut data = std::ptr::null_mut();
  let mut array_buffer = std::ptr::null_mut();
  let mut byte_offset = 0usize;
  // SAFETY: the env and the value come from the current callback's scope, and every
  // out-pointer is a live local. Node checks `IsTypedArray()` first and returns
  // `napi_invalid_arg` (without throwing) for anything else, so one call both validates and
  // reads; that saves a Node-API call on the hot path.
  let status = unsafe {
    sys::napi_get_typedarray_info(
      env.raw(),
      value.raw(),
      &mut kind,
      &mut len,
      &mut data,
      &mut array_buffer,
      &mut byte_offset,
    )
  };
  (status == sys::Status::napi_ok).then_some(TypedArrayInfo {
    kind,
    len,
    data,
    array_buffer,
  })
}

/// Why a value is not a usable view of `T`. The checks report only this (one byte, no
/// allocation, no Node-API call); the TypeError that names the argument is built from it by
/// [`view_error`], off the hot path, only when a check failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewFault {
  /// Not a typed array at all (or a DataView).
  NotTypedArray,
  /// A typed array of another element type.
  OtherKind,
  /// An empty view of a detached ArrayBuffer.
  Detached,
  /// A view whose data pointer is not aligned to `T` (JS cannot build one; refused, not assumed).
  Misaligned,
}

/// The data pointer (already adjusted by the view's `byteOffset`) and element count of a view
/// of `T`, or why it is not one: one `napi_get_typedarray_info`, plus `napi_is_detached_arraybuffer`
/// for an empty view only (a detached buffer reads as length 0).
#[inline(always)]
pub fn view_parts<T: Element>(
  env: &Env,
  value: &Unknown,
) -> std::result::Result<(*mut T, usize), ViewFault> {
  let Some(info) = typed_array_info(env, value) else {
    return Err(ViewFault::NotTypedArray);
  };
  if info.kind != T::KIND {
    return Err(ViewFault::OtherKind);
  }
  if info.len == 0 {
    let mut detached = false;
    // SAFETY: `array_buffer` is the typed array's own buffer, just returned by
    // `napi_get_typedarray_info` in this callback's scope, and `detached` is a live local. For a
    // SharedArrayBuffer the call returns an error status, which leaves `detached` false.
    let _ =
      unsafe { sys::napi_is_detached_arraybuffer(env.raw(), info.array_buffer, &mut detached) };
    if detached {
      return Err(ViewFault::Detached);
    }
  } else if !(info.data as usize).is_multiple_of(std::mem::align_of::<T>()) {
    return Err(ViewFault::Misaligned);
  }
  Ok((info.data.cast(), info.len))
}

/// The TypeError for `fault`, naming the argument `name` (the messages the JS twins throw).
#[cold]
#[inline(never)]
pub fn view_error<T: Element>(env: &Env, value: &Unknown, name: &str, fault: ViewFault) -> Error {
  let message = match fault {
    ViewFault::NotTypedArray => format!(
      "{name} must be {}, received {}",
      T::JS_NAME,
      describe(env, value)
    ),
    ViewFault::OtherKind => format!(
      "{name} must be {}, received another typed array",
      T::JS_NAME
    ),
    ViewFault::Detached => format!("{name} is backed by a detached ArrayBuffer"),
    ViewFault::Misaligned => format!("{name} is not aligned to its element size"),
  };
  type_error(env, message)
}

/// The validated data pointer and element count of a typed array of `T`, without forming a
/// slice: for callers that must check two arguments for overlap before borrowing them. A failed
/// check throws the TypeError naming `name`.
#[inline(always)]
pub fn raw_parts<T: Element>(env: &Env, value: &Unknown, name: &str) -> Result<(*mut T, usize)> {
  match view_parts::<T>(env, value) {
    Ok(parts) => Ok(parts),
    Err(fault) => Err(view_error::<T>(env, value, name, fault)),
  }
}

/// Borrows the elements of a typed array of `T` (any view of one) without copying.
///
/// # Safety
/// The returned slice aliases memory owned by a JS object. The caller must use it only during
/// the current synchronous call and must not run JS (getters, callbacks) while holding it:
/// while no JS runs, nothing can detach, resize or collect the buffer. JS may share the memory
/// with another thread (SharedArrayBuffer); readers then see some interleaving of values, the
/// same guarantee a JS reader has.
pub unsafe fn borrow<'a, T: Element>(env: &Env, value: &Unknown, name: &str) -> Result<&'a [T]> {
  let parts = raw_parts::<T>(env, value, name)?;
  // SAFETY: `raw_parts` validated the view; the caller keeps the borrow within the call (see
  // the function's contract).
  Ok(unsafe { slice(parts) })
}

/// Mutably borrows the elements of a typed array of `T`, for in-place kernels that take no other
/// typed-array argument. With several, take [`raw_parts`] of each, refuse aliasing with
/// [`disjoint`], and only then form the slices with [`slice`] and [`slice_mut`].
///
/// # Safety
/// As [`borrow`], and in addition the caller must not hold any other borrow of the same memory.
pub unsafe fn borrow_mut<'a, T: Element>(
  env: &Env,
  value: &Unknown,
  name: &str,
) -> Result<&'a mut [T]> {
  let parts = raw_parts::<T>(env, value, name)?;
  // SAFETY: as in `borrow`, plus the caller's promise that this is the only live borrow.
  Ok(unsafe { slice_mut(parts) })
}

/// Forms a shared slice from parts returned by [`raw_parts`] (an empty slice for no elements).
///
/// # Safety
/// `parts` must come from [`raw_parts`] in the current call, with no JS run since; the slice must
/// be used only within the call, and no `&mut` slice may overlap it while it lives.
pub unsafe fn slice<'a, T: Element>((data, len): (*mut T, usize)) -> &'a [T] {
  if len == 0 || data.is_null() {
    return &[];
  }
  // SAFETY: V8 reported `len` valid elements at `data`, aligned (checked by `raw_parts`), alive
  // while no JS runs; the caller rules out overlapping `&mut` slices.
  unsafe { std::slice::from_raw_parts(data.cast_const(), len) }
}

/// Forms an exclusive slice from parts returned by [`raw_parts`] (an empty slice for no
/// elements).
///
/// # Safety
/// As [`slice`], and no other slice (shared or exclusive) may overlap it while it lives: check
/// with [`disjoint`] on the raw parts before calling this.
pub unsafe fn slice_mut<'a, T: Element>((data, len): (*mut T, usize)) -> &'a mut [T] {
  if len == 0 || data.is_null() {
    return &mut [];
  }
  // SAFETY: as in `slice`, plus the caller's promise that no other slice overlaps this one.
  unsafe { std::slice::from_raw_parts_mut(data, len) }
}

/// Borrows the bytes of a `Uint8Array` (or Buffer, or any `subarray` view) without copying.
///
/// # Safety
/// As [`borrow`].
pub unsafe fn borrow_bytes<'a>(env: &Env, value: &Unknown, name: &str) -> Result<&'a [u8]> {
  // SAFETY: the caller upholds `borrow`'s contract.
  unsafe { borrow::<u8>(env, value, name) }
}

/// Checks that a value is a `Uint8Array` and returns it as a napi-rs `Uint8Array`, which holds a
/// reference to the JS object (no copy) so that the bytes can be read on a libuv worker thread.
pub fn hold_bytes(env: &Env, value: &Unknown, name: &str) -> Result<Uint8Array> {
  raw_parts::<u8>(env, value, name)?;
  // SAFETY: the value was checked to be a live Uint8Array of this env just above.
  unsafe { Uint8Array::from_napi_value(env.raw(), value.raw()) }
}
