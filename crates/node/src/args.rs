//! Argument validation shared by every export.
//!
//! napi-rs's automatic conversion throws a plain `Error` on a type mismatch, and its `Buffer`
//! argument creates a reference on every call. These helpers take `Unknown` values instead,
//! borrow bytes straight from the typed array's backing store, and throw the right error class.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::*;
use napi::sys;
use rust_patterns_core::boundary;
use rust_patterns_core::string_building::js_number;

/// Throws a JS `TypeError` and returns the error that tells napi-rs an exception is pending.
pub(crate) fn type_error(env: &Env, message: String) -> Error {
  let _ = env.throw_type_error(&message, Some("ERR_INVALID_ARG_TYPE"));
  Error::new(Status::PendingException, message)
}

/// Throws a JS `RangeError` and returns the error that tells napi-rs an exception is pending.
pub(crate) fn range_error(env: &Env, message: String) -> Error {
  let _ = env.throw_range_error(&message, Some("ERR_OUT_OF_RANGE"));
  Error::new(Status::PendingException, message)
}

/// A short description of a JS value's type, for error messages.
fn describe(env: &Env, value: &Unknown) -> &'static str {
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

/// An element type a typed-array argument may hold, with its Node-API tag and JS name.
pub(crate) trait Element: Copy + 'static {
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

/// The raw parts of a validated typed array: data pointer (already adjusted by the view's
/// `byteOffset`) and element count.
struct RawView<T> {
  data: *mut T,
  len: usize,
}

/// What `napi_get_typedarray_info` reports about a typed array (any view of one).
pub(crate) struct TypedArrayInfo {
  pub(crate) kind: sys::napi_typedarray_type,
  pub(crate) len: usize,
  /// Already adjusted by the view's `byteOffset`.
  pub(crate) data: *mut std::ffi::c_void,
  pub(crate) array_buffer: sys::napi_value,
}

/// One Node-API call that both checks and reads a typed array: `None` for anything else.
#[inline]
pub(crate) fn typed_array_info(env: &Env, value: &Unknown) -> Option<TypedArrayInfo> {
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

fn typed_array_parts<T: Element>(env: &Env, value: &Unknown, name: &str) -> Result<RawView<T>> {
  let raw_env = env.raw();
  let Some(TypedArrayInfo {
    kind,
    len,
    data,
    array_buffer,
  }) = typed_array_info(env, value)
  else {
    return Err(type_error(
      env,
      format!(
        "{name} must be {}, received {}",
        T::JS_NAME,
        describe(env, value)
      ),
    ));
  };
  if kind != T::KIND {
    return Err(type_error(
      env,
      format!(
        "{name} must be {}, received another typed array",
        T::JS_NAME
      ),
    ));
  }
  if len == 0 {
    // A detached buffer reads as length 0, so only empty views need the extra check.
    let mut detached = false;
    // SAFETY: `array_buffer` is the typed array's own buffer from the call above. For a
    // SharedArrayBuffer this returns an error status, which leaves `detached` false.
    let _ = unsafe { sys::napi_is_detached_arraybuffer(raw_env, array_buffer, &mut detached) };
    if detached {
      return Err(type_error(
        env,
        format!("{name} is backed by a detached ArrayBuffer"),
      ));
    }
  }
  if len != 0 && !(data as usize).is_multiple_of(std::mem::align_of::<T>()) {
    // JS cannot build a misaligned multi-byte view, but a slice of T must never be formed
    // from one, so refuse rather than assume.
    return Err(type_error(
      env,
      format!("{name} is not aligned to its element size"),
    ));
  }
  Ok(RawView {
    data: data.cast(),
    len,
  })
}

/// Borrows the elements of a typed array of `T` (any view of one) without copying.
///
/// # Safety
/// The returned slice aliases memory owned by a JS object. The caller must use it only during
/// the current synchronous call and must not run JS (getters, callbacks) while holding it:
/// while no JS runs, nothing can detach, resize or collect the buffer. JS may share the memory
/// with another thread (SharedArrayBuffer); readers then see some interleaving of values, the
/// same guarantee a JS reader has.
pub(crate) unsafe fn borrow<'a, T: Element>(
  env: &Env,
  value: &Unknown,
  name: &str,
) -> Result<&'a [T]> {
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
pub(crate) unsafe fn borrow_mut<'a, T: Element>(
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
pub(crate) unsafe fn slice<'a, T: Element>((data, len): (*mut T, usize)) -> &'a [T] {
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
pub(crate) unsafe fn slice_mut<'a, T: Element>((data, len): (*mut T, usize)) -> &'a mut [T] {
  if len == 0 || data.is_null() {
    return &mut [];
  }
  // SAFETY: as in `slice`, plus the caller's promise that no other slice overlaps this one.
  unsafe { std::slice::from_raw_parts_mut(data, len) }
}

/// The bytes one typed-array argument covers, taken from its raw parts before any slice exists.
#[derive(Clone, Copy)]
pub(crate) struct Extent<'n> {
  start: usize,
  bytes: usize,
  name: &'n str,
  written: bool,
}

impl<'n> Extent<'n> {
  /// An argument the call only reads.
  pub(crate) fn read<T>((data, len): (*mut T, usize), name: &'n str) -> Self {
    Self::new(
      data as usize,
      len.saturating_mul(std::mem::size_of::<T>()),
      name,
      false,
    )
  }

  /// An argument the call writes through.
  pub(crate) fn written<T>((data, len): (*mut T, usize), name: &'n str) -> Self {
    Self::new(
      data as usize,
      len.saturating_mul(std::mem::size_of::<T>()),
      name,
      true,
    )
  }

  fn new(start: usize, bytes: usize, name: &'n str, written: bool) -> Self {
    Extent {
      start,
      bytes,
      name,
      written,
    }
  }

  /// True when both cover at least one common byte; an empty extent shares nothing.
  fn shares_with(&self, other: &Extent<'_>) -> bool {
    self.bytes != 0
      && other.bytes != 0
      && self.start < other.start.saturating_add(other.bytes)
      && other.start < self.start.saturating_add(self.bytes)
  }
}

/// The names of the first pair (in argument order) that shares memory where the call writes
/// through at least one of the two: such a pair would alias an exclusive borrow.
pub(crate) fn first_alias<'n>(extents: &[Extent<'n>]) -> Option<(&'n str, &'n str)> {
  extents.iter().enumerate().find_map(|(i, a)| {
    extents[i + 1..]
      .iter()
      .find(|b| (a.written || b.written) && a.shares_with(b))
      .map(|b| (a.name, b.name))
  })
}

/// Refuses arguments that share memory where one is written (views of one ArrayBuffer), with
/// the RangeError "`a` and `b` must not share memory". Call it on raw parts, before any slice is
/// formed: two overlapping `&mut` are undefined behaviour even if never used.
pub(crate) fn disjoint(env: &Env, extents: &[Extent<'_>]) -> Result<()> {
  match first_alias(extents) {
    Some((a, b)) => Err(range_error(
      env,
      format!("{a} and {b} must not share memory"),
    )),
    None => Ok(()),
  }
}

/// Borrows the bytes of a `Uint8Array` (or Buffer, or any `subarray` view) without copying.
///
/// # Safety
/// As [`borrow`].
pub(crate) unsafe fn borrow_bytes<'a>(env: &Env, value: &Unknown, name: &str) -> Result<&'a [u8]> {
  // SAFETY: the caller upholds `borrow`'s contract.
  unsafe { borrow::<u8>(env, value, name) }
}

/// Checks that a value is a `Uint8Array` and returns it as a napi-rs `Uint8Array`, which holds a
/// reference to the JS object (no copy) so that the bytes can be read on a libuv worker thread.
pub(crate) fn hold_bytes(env: &Env, value: &Unknown, name: &str) -> Result<Uint8Array> {
  typed_array_parts::<u8>(env, value, name)?;
  // SAFETY: the value was checked to be a live Uint8Array of this env just above.
  unsafe { Uint8Array::from_napi_value(env.raw(), value.raw()) }
}

fn is_nullish(value: &Unknown) -> bool {
  matches!(
    value.get_type(),
    Ok(ValueType::Undefined) | Ok(ValueType::Null)
  )
}

/// Reads an optional unsigned 32-bit integer argument: `undefined` (or a missing argument)
/// gives `default`, `null` is a TypeError as in the JS twins and `zlib.crc32`.
///
/// Optional arguments are declared `Unknown`, never `Option<Unknown>`: napi-rs turns `null`
/// into `None` for an `Option`, which would make `null` mean "absent" natively only.
pub(crate) fn optional_u32(env: &Env, value: Unknown, name: &str, default: u32) -> Result<u32> {
  let number = match value.get_type() {
    Ok(ValueType::Undefined) => return Ok(default),
    Ok(ValueType::Number) => read_number(env, &value, name)?,
    _ => return Err(not_a_number(env, &value, name)),
  };
  whole(env, number, name, 0, u32::MAX)
}

/// `number` as a u32 when it is a whole number from `min` to `max`, else a RangeError naming
/// `name`: the one range check behind every integer argument.
fn whole(env: &Env, number: f64, name: &str, min: u32, max: u32) -> Result<u32> {
  if number.fract() != 0.0 || !(f64::from(min)..=f64::from(max)).contains(&number) {
    return Err(range_error(
      env,
      format!(
        "{name} must be an integer from {min} to {max}, received {}",
        js_number(number)
      ),
    ));
  }
  #[expect(
    clippy::cast_possible_truncation,
    reason = "a whole number within min..=max, both u32: the cast is exact"
  )]
  let n = number as u32;
  Ok(n)
}

/// A count or length returned to JS, exact (see `core::boundary::js_count`); a RangeError in
/// the unreachable case of a count above `Number.MAX_SAFE_INTEGER`, never a wrapped value.
pub(crate) fn js_count(env: &Env, n: usize) -> Result<f64> {
  boundary::js_count(n).ok_or_else(|| {
    range_error(
      env,
      format!("{n} does not fit a JS number exactly (above Number.MAX_SAFE_INTEGER)"),
    )
  })
}

/// Reads a required byte value (an integer from 0 to 255).
pub(crate) fn byte_arg(env: &Env, value: &Unknown, name: &str) -> Result<u8> {
  let number = number_arg(env, value, name)?;
  let n = whole(env, number, name, 0, u32::from(u8::MAX))?;
  // `whole` checked 0..=255, so this never falls back.
  Ok(u8::try_from(n).unwrap_or(u8::MAX))
}

fn not_a_number(env: &Env, value: &Unknown, name: &str) -> Error {
  type_error(
    env,
    format!("{name} must be a number, received {}", describe(env, value)),
  )
}

fn number_arg(env: &Env, value: &Unknown, name: &str) -> Result<f64> {
  if !matches!(value.get_type(), Ok(ValueType::Number)) {
    return Err(not_a_number(env, value, name));
  }
  read_number(env, value, name)
}

fn read_number(env: &Env, value: &Unknown, name: &str) -> Result<f64> {
  let mut number = 0f64;
  // SAFETY: the value was checked to be a number; the out-pointer is a live local.
  let status = unsafe { sys::napi_get_value_double(env.raw(), value.raw(), &mut number) };
  if status != sys::Status::napi_ok {
    return Err(type_error(env, format!("{name} must be a number")));
  }
  if number.is_nan() {
    return Err(range_error(env, format!("{name} must not be NaN")));
  }
  Ok(number)
}

/// Reads an optional `AbortSignal` (`undefined` and `null` both mean none, as in the JS
/// twins). Returns the napi-rs signal (which cancels the queued async work) and whether it was
/// already aborted.
pub(crate) fn optional_signal(
  env: &Env,
  value: Unknown,
  name: &str,
) -> Result<(Option<AbortSignal>, bool)> {
  if is_nullish(&value) {
    return Ok((None, false));
  }
  let not_a_signal = |env: &Env, value: &Unknown| {
    type_error(
      env,
      format!(
        "{name} must be an AbortSignal, received {}",
        describe(env, value)
      ),
    )
  };
  if !matches!(value.get_type(), Ok(ValueType::Object)) {
    return Err(not_a_signal(env, &value));
  }
  let global = env.get_global()?;
  let constructor: Function<Unknown, Unknown> = global.get_named_property("AbortSignal")?;
  let mut is_signal = false;
  // SAFETY: both handles belong to this callback's scope; the out-pointer is a live local.
  let status =
    unsafe { sys::napi_instanceof(env.raw(), value.raw(), constructor.raw(), &mut is_signal) };
  // A Proxy's getPrototypeOf trap runs inside instanceof and may throw: the caller gets a
  // TypeError about the argument, not the trap's exception.
  if status != sys::Status::napi_ok || !is_signal {
    clear_pending_exception(env);
    return Err(not_a_signal(env, &value));
  }
  let object = Object::from_unknown(value)?;
  let aborted: bool = match object.get_named_property("aborted") {
    Ok(aborted) => aborted,
    Err(_) => {
      clear_pending_exception(env);
      return Err(not_a_signal(env, &value));
    }
  };
  // SAFETY: the value was checked to be an AbortSignal of this env.
  let signal = unsafe { AbortSignal::from_napi_value(env.raw(), value.raw()) }?;
  Ok((Some(signal), aborted))
}

/// Drops a pending JS exception (thrown by user code such as a Proxy trap during validation),
/// so that the caller can throw its own TypeError instead.
fn clear_pending_exception(env: &Env) {
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

/// Runs a `compute` body, turning a panic into an `Error` (a panic must not cross the libuv
/// thread's `extern "C"` frame, where it would abort the process).
pub(crate) fn guard_panic<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
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
pub(crate) fn compute_unless_aborted<T>(
  pre_aborted: bool,
  body: impl FnOnce() -> Result<T>,
) -> Result<T> {
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
pub(crate) fn reject_cancelled<T>(env: &Env, err: Error) -> Result<T> {
  if err.status == Status::Cancelled {
    return Err(abort_error(env));
  }
  Err(err)
}

/// The rejection for work whose signal was aborted before it ran: an `Error` named `AbortError`,
/// the same shape napi-rs uses when it cancels queued work.
pub(crate) fn abort_error(env: &Env) -> Error {
  match env.create_error(cancelled()) {
    Ok(mut error) => {
      let _ = error.set_named_property("name", "AbortError");
      Error::from(error.to_unknown())
    }
    Err(e) => e,
  }
}

/// The validated data pointer and element count of a typed array of `T`, without forming a
/// slice: for callers that must check two arguments for overlap before borrowing them.
pub(crate) fn raw_parts<T: Element>(
  env: &Env,
  value: &Unknown,
  name: &str,
) -> Result<(*mut T, usize)> {
  let view = typed_array_parts::<T>(env, value, name)?;
  Ok((view.data, view.len))
}

/// Reads a required unsigned 32-bit integer argument (a missing value is a `TypeError`).
pub(crate) fn u32_arg(env: &Env, value: &Unknown, name: &str) -> Result<u32> {
  let number = number_arg(env, value, name)?;
  whole(env, number, name, 0, u32::MAX)
}

/// Reads a required finite number (NaN and ±Infinity are RangeErrors).
pub(crate) fn finite_f64(env: &Env, value: &Unknown, name: &str) -> Result<f64> {
  let number = number_arg(env, value, name)?;
  if !number.is_finite() {
    return Err(range_error(env, format!("{name} must be a finite number")));
  }
  Ok(number)
}

/// Reads a required integer from `min` to `max` inclusive.
pub(crate) fn u32_in_range(
  env: &Env,
  value: &Unknown,
  name: &str,
  min: u32,
  max: u32,
) -> Result<u32> {
  let number = number_arg(env, value, name)?;
  whole(env, number, name, min, max)
}

/// Reads an optional boolean argument: `undefined` gives `default`, `null` is a TypeError (see
/// [`optional_u32`]).
pub(crate) fn optional_bool(env: &Env, value: Unknown, name: &str, default: bool) -> Result<bool> {
  match value.get_type() {
    Ok(ValueType::Undefined) => Ok(default),
    Ok(ValueType::Boolean) => {
      let mut out = false;
      // SAFETY: the value was checked to be a boolean; the out-pointer is a live local.
      let status = unsafe { sys::napi_get_value_bool(env.raw(), value.raw(), &mut out) };
      if status != sys::Status::napi_ok {
        return Err(type_error(env, format!("{name} must be a boolean")));
      }
      Ok(out)
    }
    _ => Err(type_error(
      env,
      format!(
        "{name} must be a boolean, received {}",
        describe(env, &value)
      ),
    )),
  }
}

/// Copies `data` into a new V8-owned typed array of `T` ("copy out"). For short results this is
/// cheaper than moving a Vec out, which makes an external ArrayBuffer with a finalizer.
///
/// Written on raw Node-API because napi-rs 3.12's `Uint32ArraySlice::copy_from` and
/// `ArrayBuffer::copy_from` allocate the buffer but never copy into it (and size the typed
/// array's buffer in elements, not bytes), so they return zeros or throw.
pub(crate) fn copy_out<'env, T: Element>(env: &'env Env, data: &[T]) -> Result<Unknown<'env>> {
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
