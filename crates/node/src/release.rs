//! `ownership/release`: a Rust-owned block handed to JS, freed by `close()` or by the GC.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::release::Block;

use crate::args;

/// A block of memory owned by Rust. `close()` frees it at once (deterministic release);
/// a block never closed is freed by its Node-API finalizer after the GC collects the handle.
///
/// With `reportExternal` (the default) the block's size is reported to V8 with
/// `napi_adjust_external_memory`, so that the GC counts it when deciding to collect: without
/// that, V8 sees only a tiny object and may let gigabytes of blocks pile up before a GC.
#[napi(custom_finalize)]
pub struct NativeBlock {
  block: Option<Block>,
  reported: i64,
}

fn closed(env: &Env) -> Error {
  args::type_error(env, "NativeBlock is closed".to_owned())
}

#[napi]
impl NativeBlock {
  /// Allocates `size` zero bytes owned by Rust. RangeError when the allocator cannot provide
  /// them (as `new Uint8Array(size)` does), never a process abort.
  #[napi(
    constructor,
    catch_unwind,
    ts_args_type = "size: number, reportExternal?: boolean"
  )]
  pub fn new(env: Env, size: Unknown, report_external: Unknown) -> Result<Self> {
    let size = args::u32_arg(&env, &size, "size")? as usize;
    let report = args::optional_bool(&env, report_external, "reportExternal", true)?;
    // Allocated before anything is reported, so that a failure leaves nothing to undo.
    let block = Block::try_new(size).map_err(|e| args::range_error(&env, e.to_string()))?;
    let reported = if report { size as i64 } else { 0 };
    if reported != 0 {
      env.adjust_external_memory(reported)?;
    }
    Ok(NativeBlock {
      block: Some(block),
      reported,
    })
  }

  /// Size in bytes (0 once closed).
  #[napi(getter)]
  pub fn byte_length(&self) -> u32 {
    // The constructor takes the size as a u32, so the length always fits.
    self
      .block
      .as_ref()
      .map_or(0, |b| u32::try_from(b.len()).unwrap_or(u32::MAX))
  }

  /// True once `close()` has run.
  #[napi(getter)]
  pub fn closed(&self) -> bool {
    self.block.is_none()
  }

  /// Sets every byte to `byte`. TypeError once closed.
  #[napi(catch_unwind, ts_args_type = "byte: number")]
  pub fn fill(&mut self, env: Env, byte: Unknown) -> Result<()> {
    let byte = args::byte_arg(&env, &byte, "byte")?;
    self.block.as_mut().ok_or_else(|| closed(&env))?.fill(byte);
    Ok(())
  }

  /// CRC-32 of the contents. TypeError once closed.
  #[napi(catch_unwind)]
  pub fn checksum(&self, env: Env) -> Result<u32> {
    Ok(self.block.as_ref().ok_or_else(|| closed(&env))?.checksum())
  }

  /// Frees the memory now and un-reports it. Closing again is a no-op.
  #[napi(catch_unwind)]
  pub fn close(&mut self, env: Env) -> Result<()> {
    self.block = None;
    if self.reported != 0 {
      env.adjust_external_memory(-self.reported)?;
      self.reported = 0;
    }
    Ok(())
  }
}

// napi 3.12.7's runtime requires a per-class type tag that napi-derive 3.5.2 (pinned, see the
// workspace Cargo.toml) does not generate yet, so the class supplies it by hand, derived the
// way newer derives do: from a stable identity string.
impl TypeTag for NativeBlock {
  fn type_tag() -> napi::sys::napi_type_tag {
    type_tag_from_ident(concat!(
      "rust-patterns@",
      env!("CARGO_PKG_VERSION"),
      "::release::NativeBlock"
    ))
  }
}

impl ObjectFinalize for NativeBlock {
  // Runs when the GC collects an unclosed handle: the block is dropped with `self`.
  fn finalize(self, env: Env) -> Result<()> {
    if self.reported != 0 {
      env.adjust_external_memory(-self.reported)?;
    }
    Ok(())
  }
}

// ---------------------------------------------------------------------------------------------
// The exported `NativeBlock`: the same class on raw Node-API calls.
//
// `register_raw` (raw.rs) installs the class below over the `#[napi]` one above, which stays the
// typed surface (`index.d.ts`) and the reference the tests compare it with. napi-rs's constructor
// boxes the struct, a finaliser closure and an `Arc`, creates a `napi_ref` for every instance and
// enters it in a global map that its finaliser removes it from again; here an instance is one box
// wrapped without a reference. `node scripts/floor.mjs floor` timed the case's whole cycle (new,
// fill, checksum, close) at 1.17-1.27x a raw C class with the same contract through napi-rs's
// class (Node 20, AMD EPYC, 2026-12-07), where each method alone was within 1.05x.
// ---------------------------------------------------------------------------------------------

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::sys;
use rust_patterns_napi_args::raw::{cb_args_this, check, create_u32, get_bool, unknown};
use rust_patterns_napi_args::raw_callback;

/// What a raw `NativeBlock` instance wraps: the block (`None` once closed) and the bytes reported
/// to V8 as external memory.
struct Wrapped {
  block: Option<Block>,
  reported: i64,
}

/// The type tag every raw instance carries, distinct from the `#[napi]` class's (whose instances
/// wrap another struct). Two fixed words: any value works if no other class uses it.
#[cfg(not(target_family = "wasm"))]
const RAW_TAG: sys::napi_type_tag = sys::napi_type_tag {
  lower: 0x7275_7374_2d70_6174,
  upper: 0x6e61_7469_7665_626b,
};

fn not_a_block(env: sys::napi_env) -> Error {
  args::type_error(&Env::from_raw(env), "this is not a NativeBlock".to_owned())
}

/// The block behind `this`, after checking that `this` is an instance of the raw class: its type
/// tag first (Bun calls a method with a receiver of another class, which Node's signature check
/// stops before the callback; napi-rs checks the same way), then `napi_unwrap`.
///
/// # Safety
/// `env` and `this` must be the current callback's, and the returned borrow must end before the
/// callback returns (no other borrow of the same instance exists meanwhile: JS is single-threaded,
/// and none of the methods calls back into JS while it holds the borrow).
unsafe fn this_block<'a>(env: sys::napi_env, this: sys::napi_value) -> Result<&'a mut Wrapped> {
  #[cfg(not(target_family = "wasm"))]
  {
    let mut tagged = false;
    // SAFETY: `env` and `this` are the live callback's (the caller's contract); `RAW_TAG` is a
    // static and `tagged` a live local. A non-object receiver returns a status other than ok.
    let status = unsafe { sys::napi_check_object_type_tag(env, this, &RAW_TAG, &mut tagged) };
    if status != sys::Status::napi_ok || !tagged {
      return Err(not_a_block(env));
    }
  }
  let mut data = ptr::null_mut();
  // SAFETY: as above; `data` is a live local.
  let status = unsafe { sys::napi_unwrap(env, this, &mut data) };
  if status != sys::Status::napi_ok || data.is_null() {
    return Err(not_a_block(env));
  }
  // SAFETY: only the raw constructor tags an object with `RAW_TAG`, and it wraps a
  // `Box<Wrapped>` in the same object before tagging it; the box lives until the object's
  // finaliser runs, which cannot happen while `this` is a handle of the running callback.
  Ok(unsafe { &mut *data.cast::<Wrapped>() })
}

/// Frees a collected instance's block and un-reports it. Runs on the JS thread, with no JS
/// frame to throw into: a panic (none is expected: dropping a `Vec` does not panic) is caught
/// and dropped rather than unwinding into the engine.
unsafe extern "C" fn finalize_block(env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
  let _ = catch_unwind(AssertUnwindSafe(|| {
    // SAFETY: `data` is the `Box<Wrapped>` the constructor wrapped (the finaliser runs once, after
    // the object is unreachable, so no borrow from `this_block` is live).
    let wrapped = unsafe { Box::from_raw(data.cast::<Wrapped>()) };
    if wrapped.reported != 0 {
      let mut now = 0;
      // SAFETY: `env` is the finalising env, on the JS thread; `now` is a live local.
      unsafe { sys::napi_adjust_external_memory(env, -wrapped.reported, &mut now) };
    }
  }));
}

raw_callback! {
  /// `new NativeBlock(size, reportExternal?)`.
  fn raw_block_new(env, info) {
    let ([size, report], argc, this) = cb_args_this::<2>(env, info)?;
    let e = Env::from_raw(env);
    let mut new_target = ptr::null_mut();
    // SAFETY: `env` and `info` are the live callback's; `new_target` is a live local.
    check(sys::napi_get_new_target(env, info, &mut new_target), "napi_get_new_target")?;
    // Node-API gives NULL for a plain call; Deno 2.9 gives a handle to `undefined` instead, so the
    // handle's type is read too (without it `NativeBlock(8)` wrapped `globalThis` there).
    let mut target_type = sys::ValueType::napi_undefined;
    if !new_target.is_null() {
      // SAFETY: `new_target` is a live handle of this call; `target_type` a live local.
      check(sys::napi_typeof(env, new_target, &mut target_type), "napi_typeof")?;
    }
    if target_type != sys::ValueType::napi_function {
      return Err(args::type_error(
        &e,
        "Class constructor NativeBlock cannot be invoked without 'new'".to_owned(),
      ));
    }
    // The arguments in the `#[napi]` constructor's order, with its messages.
    let size = args::u32_arg(&e, &unknown(env, size), "size")? as usize;
    let report = if argc >= 2 {
      args::optional_bool(&e, unknown(env, report), "reportExternal", true)?
    } else {
      true
    };
    let block = Block::try_new(size).map_err(|err| args::range_error(&e, err.to_string()))?;
    let wrapped = Box::into_raw(Box::new(Wrapped { block: Some(block), reported: 0 }));
    // SAFETY: `this` is the object `new` made for this call; `wrapped` is a fresh box whose
    // ownership passes to the wrap (freed by `finalize_block`) only when the status is ok.
    let status = sys::napi_wrap(env, this, wrapped.cast(), Some(finalize_block), ptr::null_mut(), ptr::null_mut());
    if status != sys::Status::napi_ok {
      // SAFETY: the wrap failed (an object already wrapped, as `Reflect.construct` with another
      // class's instance can give), so the box is still ours.
      drop(Box::from_raw(wrapped));
      return Err(not_a_block(env));
    }
    #[cfg(not(target_family = "wasm"))]
    // SAFETY: `this` is live; `RAW_TAG` is a static. On failure the object stays wrapped and its
    // finaliser frees the box; nothing was reported yet.
    check(sys::napi_type_tag_object(env, this, &RAW_TAG), "napi_type_tag_object")?;
    // Reported last, so that whatever failed above left nothing to un-report.
    if size != 0 && report {
      let reported = size as i64;
      e.adjust_external_memory(reported)?;
      // SAFETY: the box is alive (wrapped by `this`, a handle of this call) and no borrow of it
      // exists yet.
      (*wrapped).reported = reported;
    }
    Ok(this)
  }
}

raw_callback! {
  /// `fill(byte)`: the receiver, then the byte, then whether it is closed, as the `#[napi]` method.
  fn raw_block_fill(env, info) {
    let ([byte], _, this) = cb_args_this::<1>(env, info)?;
    let e = Env::from_raw(env);
    // SAFETY: `env` and `this` are this call's; the borrow ends with the call.
    let wrapped = this_block(env, this)?;
    let byte = args::byte_arg(&e, &unknown(env, byte), "byte")?;
    wrapped.block.as_mut().ok_or_else(|| closed(&e))?.fill(byte);
    Ok(ptr::null_mut())
  }
}

raw_callback! {
  /// `checksum()`.
  fn raw_block_checksum(env, info) {
    let ([], _, this) = cb_args_this::<0>(env, info)?;
    // SAFETY: `env` and `this` are this call's; the borrow ends with the call.
    let wrapped = this_block(env, this)?;
    let sum = wrapped.block.as_ref().ok_or_else(|| closed(&Env::from_raw(env)))?.checksum();
    // SAFETY: `env` is this call's.
    create_u32(env, sum)
  }
}

raw_callback! {
  /// `close()`: frees the block now and un-reports it; again, a no-op.
  fn raw_block_close(env, info) {
    let ([], _, this) = cb_args_this::<0>(env, info)?;
    // SAFETY: `env` and `this` are this call's; the borrow ends with the call.
    let wrapped = this_block(env, this)?;
    wrapped.block = None;
    if wrapped.reported != 0 {
      Env::from_raw(env).adjust_external_memory(-wrapped.reported)?;
      wrapped.reported = 0;
    }
    Ok(ptr::null_mut())
  }
}

raw_callback! {
  /// The `byteLength` getter (0 once closed).
  fn raw_block_byte_length(env, info) {
    let ([], _, this) = cb_args_this::<0>(env, info)?;
    // SAFETY: `env` and `this` are this call's; the borrow ends with the call.
    let wrapped = this_block(env, this)?;
    // The constructor takes the size as a u32, so the length always fits.
    let len = wrapped.block.as_ref().map_or(0, |b| u32::try_from(b.len()).unwrap_or(u32::MAX));
    // SAFETY: `env` is this call's.
    create_u32(env, len)
  }
}

raw_callback! {
  /// The `closed` getter.
  fn raw_block_closed(env, info) {
    let ([], _, this) = cb_args_this::<0>(env, info)?;
    // SAFETY: `env` and `this` are this call's; the borrow ends with the call.
    let wrapped = this_block(env, this)?;
    // SAFETY: `env` is this call's.
    get_bool(env, wrapped.block.is_none())
  }
}

/// One property of the raw class: a method, or a getter when `getter` is set.
fn property(
  name: &'static std::ffi::CStr,
  callback: rust_patterns_napi_args::raw::Callback,
  getter: bool,
) -> sys::napi_property_descriptor {
  // napi-rs's default for methods and accessors: writable (ignored for an accessor), enumerable,
  // configurable.
  const ATTRIBUTES: sys::napi_property_attributes = 7;
  sys::napi_property_descriptor {
    utf8name: name.as_ptr(),
    name: ptr::null_mut(),
    method: if getter { None } else { Some(callback) },
    getter: if getter { Some(callback) } else { None },
    setter: None,
    value: ptr::null_mut(),
    attributes: if getter { ATTRIBUTES & !1 } else { ATTRIBUTES },
    data: ptr::null_mut(),
  }
}

/// The raw `NativeBlock` class of this env, for `register_raw`.
pub fn raw_class(env: &Env) -> Result<Unknown<'_>> {
  let properties = [
    property(c"fill", raw_block_fill, false),
    property(c"checksum", raw_block_checksum, false),
    property(c"close", raw_block_close, false),
    property(c"byteLength", raw_block_byte_length, true),
    property(c"closed", raw_block_closed, true),
  ];
  let mut class = ptr::null_mut();
  // SAFETY: module registration runs on the JS thread with a live env; the name is a
  // NUL-terminated static string (length -1: NAPI_AUTO_LENGTH), the callbacks never unwind (see
  // `raw_callback!`), `properties` outlives the call (Node copies the descriptors), and `class`
  // is a live local.
  let status = unsafe {
    sys::napi_define_class(
      env.raw(),
      c"NativeBlock".as_ptr(),
      -1,
      Some(raw_block_new),
      ptr::null_mut(),
      properties.len(),
      properties.as_ptr(),
      &mut class,
    )
  };
  check(status, "napi_define_class")?;
  // SAFETY: `class` was created just above in this env.
  unsafe { Unknown::from_napi_value(env.raw(), class) }
}
