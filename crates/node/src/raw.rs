//! Raw Node-API callbacks on `napi::sys` (napi-sys): the public hot entry points.
//! `crc32Sync`, `countByte`, `isUtf8`, `decodeRecordArraysInto` and `encodeRecordArraysInto` are
//! exported as the raw callbacks below ([`register_raw`] says why); their `#[napi]` declarations
//! stay the typed surface and run the same `*_impl`.
//!
//! `limits/boundary` prices napi-rs's glue against these callbacks with the forms in [`bench`],
//! compiled in only with the `bench-exports` feature (the benchmark's build, never the release).
//!
//! The plumbing (`raw_callback!`, `run`, `cb_args`, ...) lives in `rust_patterns_napi_args::raw`,
//! shared with the lab binding, whose public `noop` is a raw callback too.
//!
//! The raw callbacks follow the binding's rules: bad input throws the same TypeError or
//! RangeError naming the parameter (they share the validation in [`crate::args`] and the `*_impl`
//! functions), and every body runs under `catch_unwind`, so a panic becomes a JS error instead
//! of unwinding into Node's C++ frames.

use std::ffi::CStr;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_napi_args::raw::{
  cb_args, create_f64, create_u32, function, get_bool, unknown, Callback,
};
use rust_patterns_napi_args::raw_callback;

use crate::{boundary, checksum, records, release, utf8};

#[cfg(feature = "bench-exports")]
mod bench;

// ---------------------------------------------------------------------------------------------
// Raw twins of the hot entry points: the same `*_impl` as the public exports, with the
// arguments read by one `napi_get_cb_info` and optional ones skipped when JS did not pass them.
// ---------------------------------------------------------------------------------------------

raw_callback! {
  /// `crc32Sync(data, initial?)`.
  fn raw_crc32_sync(env, info) {
    let ([data, initial], argc) = cb_args::<2>(env, info)?;
    let initial = (argc >= 2).then(|| unknown(env, initial));
    let crc = checksum::crc32_sync_impl(&Env::from_raw(env), &unknown(env, data), initial)?;
    create_u32(env, crc)
  }
}

raw_callback! {
  /// `countByte(data, byte)`.
  fn raw_count_byte(env, info) {
    let ([data, byte], _) = cb_args::<2>(env, info)?;
    let count = boundary::count_byte_impl(
      &Env::from_raw(env),
      &unknown(env, data),
      &unknown(env, byte),
    )?;
    create_f64(env, count)
  }
}

raw_callback! {
  /// `isUtf8(data)`.
  fn raw_is_utf8(env, info) {
    let ([data], _) = cb_args::<1>(env, info)?;
    let valid = utf8::is_utf8_impl(&Env::from_raw(env), &unknown(env, data))?;
    get_bool(env, valid)
  }
}

raw_callback! {
  /// `decodeRecordArraysInto(data, timestamp, value, id, kind, flags)`.
  fn raw_decode_record_arrays_into(env, info) {
    let (argv, _) = cb_args::<6>(env, info)?;
    let a = argv.map(|v| unknown(env, v));
    let n = records::decode_record_arrays_into_impl(
      &Env::from_raw(env),
      [&a[0], &a[1], &a[2], &a[3], &a[4], &a[5]],
    )?;
    create_f64(env, n)
  }
}

raw_callback! {
  /// `encodeRecordArraysInto(timestamp, value, id, kind, flags, out, count?)`.
  fn raw_encode_record_arrays_into(env, info) {
    let (argv, argc) = cb_args::<7>(env, info)?;
    let a = argv.map(|v| unknown(env, v));
    let n = records::encode_record_arrays_into_impl(
      &Env::from_raw(env),
      [&a[0], &a[1], &a[2], &a[3], &a[4], &a[5]],
      (argc >= 7).then_some(a[6]),
    )?;
    create_f64(env, n)
  }
}

/// The public hot entry points whose export is the raw callback (see [`register_raw`]).
const RAW_PUBLIC: [(&CStr, Callback); 5] = [
  (c"crc32Sync", raw_crc32_sync),
  (c"countByte", raw_count_byte),
  (c"isUtf8", raw_is_utf8),
  (c"decodeRecordArraysInto", raw_decode_record_arrays_into),
  (c"encodeRecordArraysInto", raw_encode_record_arrays_into),
];

/// Runs once per env, after napi-rs has registered every `#[napi]` export: makes the raw
/// callbacks the public `crc32Sync`, `countByte`, `isUtf8`, `decodeRecordArraysInto` and
/// `encodeRecordArraysInto` (with `bench-exports`, [`bench::register`] first keeps napi-rs's
/// generated ones in `boundaryNapi` and adds `boundaryRaw`). napi-rs cannot see how many
/// arguments JS passed (it pads them with `undefined`, so an omitted `initial` or `count` costs a
/// `napi_typeof`) and returns `()` through
/// `napi_get_undefined`: each such Node-API call is a measurable share of a 16-byte call
/// (`limits/boundary`). The `#[napi]` declarations stay the typed surface (`index.d.ts`), and
/// both paths run the same `*_impl` with the same errors.
#[napi(module_exports)]
pub fn register_raw(mut exports: Object, env: Env) -> Result<()> {
  #[cfg(feature = "bench-exports")]
  bench::register(&env, &mut exports)?;
  for (name, callback) in RAW_PUBLIC {
    let key = name.to_str().unwrap_or_default();
    exports.set_named_property(key, function(&env, name, callback)?)?;
  }
  exports.set_named_property("NativeBlock", release::raw_class(&env)?)?;
  Ok(())
}
