//! Optional arguments: `undefined` (or a missing argument) means the default, `null` is a
//! TypeError, exactly as in the JS twins.
//!
//! Optional arguments are declared `Unknown`, never `Option<Unknown>`: napi-rs turns `null`
//! into `None` for an `Option`, which would make `null` mean "absent" natively only.

use napi::bindgen_prelude::*;
use napi::sys;

use crate::error::{describe, type_error};
use crate::number::{not_a_number, read_number, whole};

pub(crate) fn is_nullish(value: &Unknown) -> bool {
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
pub fn optional_u32(env: &Env, value: Unknown, name: &str, default: u32) -> Result<u32> {
  let number = match value.get_type() {
    Ok(ValueType::Undefined) => return Ok(default),
    Ok(ValueType::Number) => read_number(env, &value, name)?,
    _ => return Err(not_a_number(env, &value, name)),
  };
  whole(env, number, name, 0, u32::MAX)
}

/// Reads an optional boolean argument: `undefined` gives `default`, `null` is a TypeError (see
/// [`optional_u32`]).
pub fn optional_bool(env: &Env, value: Unknown, name: &str, default: bool) -> Result<bool> {
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
