//! The lab's raw Node-API entry point: `noop` is exported as a raw callback (no napi-rs glue),
//! so `limits/call-floor` times the floor of a Node-API call itself. The `#[napi]` declaration in
//! `boundary.rs` stays the typed surface (`index.d.ts`).

use std::ffi::CStr;
use std::ptr;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_napi_args::raw::{function, Callback};
use rust_patterns_napi_args::raw_callback;

raw_callback! {
  /// Does nothing and returns `undefined` (a null `napi_value`), without reading its arguments.
  fn raw_noop(env, _info) {
    Ok(ptr::null_mut())
  }
}

/// The exports whose function is the raw callback.
const RAW_PUBLIC: [(&CStr, Callback); 1] = [(c"noop", raw_noop)];

/// Runs once per env, after napi-rs has registered every `#[napi]` export: replaces `noop` by
/// its raw callback.
#[napi(module_exports)]
pub fn register_raw(mut exports: Object, env: Env) -> Result<()> {
  for (name, callback) in RAW_PUBLIC {
    let key = name.to_str().unwrap_or_default();
    exports.set_named_property(key, function(&env, name, callback)?)?;
  }
  Ok(())
}
