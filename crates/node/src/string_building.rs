//! `zero-copy/string-building`: CSV text built in Rust and moved out as a Buffer.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::string_building;

use crate::records::{borrow_columns, codec_error, count_arg};

/// Builds the CSV text `timestamp,value,id,kind,flags\n` of the first `count` records
/// (default: `timestamp.length`) with `String::with_capacity` + `write!`, and moves the bytes
/// out as a Buffer (no copy). `value` prints exactly as JS `String(value)`. The columns are passed
/// one typed array per argument; the package root's `recordsToCsv(columns, count?)` takes them as
/// one object and calls this.
#[napi(
  catch_unwind,
  ts_args_type = "timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array, count?: number"
)]
pub fn record_arrays_to_csv(
  env: Env,
  timestamp: Unknown,
  value: Unknown,
  id: Unknown,
  kind: Unknown,
  flags: Unknown,
  count: Unknown,
) -> Result<Buffer> {
  let c = borrow_columns(&env, [&timestamp, &value, &id, &kind, &flags])?;
  let count = count_arg(&env, count, c.timestamp.len())?;
  let text = string_building::csv(c, count).map_err(|e| codec_error(&env, e))?;
  Ok(Buffer::from(text))
}
