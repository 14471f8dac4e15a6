//! `zero-copy/records`: the 24-byte record codec, reading and writing caller memory in place.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::records::{self, Columns, ColumnsMut, RecordError};

use crate::args;

/// Columns of decoded records (struct of arrays), one element per record.
#[napi(object)]
pub struct RecordColumns {
  /// `u64` timestamps; values above 2^53 are exact (BigInt elements).
  pub timestamp: BigUint64Array,
  /// `f64` values with their exact bits (NaN payloads and -0 preserved).
  pub value: Float64Array,
  /// `u32` ids.
  pub id: Uint32Array,
  /// `u16` kinds.
  pub kind: Uint16Array,
  /// `u16` flags.
  pub flags: Uint16Array,
}

pub(crate) fn codec_error(env: &Env, e: RecordError) -> Error {
  args::range_error(env, e.to_string())
}

/// Refuses two arguments that share memory (views of one ArrayBuffer), which would alias a
/// mutable borrow.
fn no_overlap<A, B>(env: &Env, a: (&[A], &str), b: (&[B], &str)) -> Result<()> {
  if args::overlaps(a.0, b.0) {
    return Err(args::range_error(
      env,
      format!("{} and {} must not share memory", a.1, b.1),
    ));
  }
  Ok(())
}

/// Borrows the five column arguments read-only (shared with `string_building`).
pub(crate) fn borrow_columns<'a>(env: &Env, c: [&Unknown; 5]) -> Result<Columns<'a>> {
  // SAFETY: read-only slices used only within the current call; no JS runs while held.
  let timestamp = unsafe { args::borrow::<u64>(env, c[0], "timestamp") }?;
  // SAFETY: as above.
  let value = unsafe { args::borrow::<f64>(env, c[1], "value") }?;
  // SAFETY: as above.
  let id = unsafe { args::borrow::<u32>(env, c[2], "id") }?;
  // SAFETY: as above.
  let kind = unsafe { args::borrow::<u16>(env, c[3], "kind") }?;
  // SAFETY: as above.
  let flags = unsafe { args::borrow::<u16>(env, c[4], "flags") }?;
  Ok(Columns {
    timestamp,
    value,
    id,
    kind,
    flags,
  })
}

pub(crate) fn count_arg(env: &Env, count: Option<Unknown>, default: usize) -> Result<usize> {
  Ok(args::optional_u32(env, count, "count", default.min(u32::MAX as usize) as u32)? as usize)
}

/// Decodes every 24-byte record of `data` into the first slots of the caller's columns and
/// returns the record count.
///
/// Zero copies: Rust reads `data` in place (any byte offset, no alignment needed) and writes
/// straight into the columns' memory. Throws a RangeError naming the byte offset when `data`
/// is not a whole number of records or a column is too short (nothing is written then), and
/// when two arguments share memory.
#[napi(
  catch_unwind,
  ts_args_type = "data: Uint8Array, timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array"
)]
pub fn decode_records_into(
  env: Env,
  data: Unknown,
  timestamp: Unknown,
  value: Unknown,
  id: Unknown,
  kind: Unknown,
  flags: Unknown,
) -> Result<u32> {
  // SAFETY: every slice below is used only within this call, no JS runs while they are held,
  // and the overlap checks make the mutable borrows exclusive.
  let bytes = unsafe { args::borrow_bytes(&env, &data, "data") }?;
  // SAFETY: as above.
  let t = unsafe { args::borrow_mut::<u64>(&env, &timestamp, "timestamp") }?;
  // SAFETY: as above.
  let v = unsafe { args::borrow_mut::<f64>(&env, &value, "value") }?;
  // SAFETY: as above.
  let i = unsafe { args::borrow_mut::<u32>(&env, &id, "id") }?;
  // SAFETY: as above.
  let k = unsafe { args::borrow_mut::<u16>(&env, &kind, "kind") }?;
  // SAFETY: as above.
  let f = unsafe { args::borrow_mut::<u16>(&env, &flags, "flags") }?;
  no_overlap(&env, (bytes, "data"), (&*t, "timestamp"))?;
  no_overlap(&env, (bytes, "data"), (&*v, "value"))?;
  no_overlap(&env, (bytes, "data"), (&*i, "id"))?;
  no_overlap(&env, (bytes, "data"), (&*k, "kind"))?;
  no_overlap(&env, (bytes, "data"), (&*f, "flags"))?;
  no_overlap(&env, (&*t, "timestamp"), (&*v, "value"))?;
  no_overlap(&env, (&*t, "timestamp"), (&*i, "id"))?;
  no_overlap(&env, (&*t, "timestamp"), (&*k, "kind"))?;
  no_overlap(&env, (&*t, "timestamp"), (&*f, "flags"))?;
  no_overlap(&env, (&*v, "value"), (&*i, "id"))?;
  no_overlap(&env, (&*v, "value"), (&*k, "kind"))?;
  no_overlap(&env, (&*v, "value"), (&*f, "flags"))?;
  no_overlap(&env, (&*i, "id"), (&*k, "kind"))?;
  no_overlap(&env, (&*i, "id"), (&*f, "flags"))?;
  no_overlap(&env, (&*k, "kind"), (&*f, "flags"))?;
  let columns = ColumnsMut {
    timestamp: t,
    value: v,
    id: i,
    kind: k,
    flags: f,
  };
  let n = records::decode_into(bytes, columns).map_err(|e| codec_error(&env, e))?;
  Ok(n as u32)
}

/// Decodes every 24-byte record of `data` into new columns of exactly the record count.
///
/// From `MOVE_OUT_MIN_RECORDS` records on, the columns are Rust vectors moved to JS as the
/// typed arrays' backing stores (no copy out; each is freed by a finalizer when collected).
/// Shorter results are copied into V8-owned arrays, which is cheaper than five external
/// buffers. `decodeRecordsInto` with reused columns beats both in a loop. RangeError as there.
#[napi(
  catch_unwind,
  ts_args_type = "data: Uint8Array",
  ts_return_type = "RecordColumns"
)]
pub fn decode_records<'env>(
  env: &'env Env,
  data: Unknown,
) -> Result<Either<RecordColumns, Object<'env>>> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(env, &data, "data") }?;
  let c = records::decode(bytes).map_err(|e| codec_error(env, e))?;
  if c.id.len() < MOVE_OUT_MIN_RECORDS {
    let mut out = Object::new(env)?;
    out.set_named_property("timestamp", args::copy_out(env, &c.timestamp)?)?;
    out.set_named_property("value", args::copy_out(env, &c.value)?)?;
    out.set_named_property("id", args::copy_out(env, &c.id)?)?;
    out.set_named_property("kind", args::copy_out(env, &c.kind)?)?;
    out.set_named_property("flags", args::copy_out(env, &c.flags)?)?;
    return Ok(Either::B(out));
  }
  Ok(Either::A(RecordColumns {
    timestamp: BigUint64Array::new(c.timestamp),
    value: Float64Array::new(c.value),
    id: Uint32Array::new(c.id),
    kind: Uint16Array::new(c.kind),
    flags: Uint16Array::new(c.flags),
  }))
}

/// Below this many records `decodeRecords` copies its columns out instead of moving them: five
/// external ArrayBuffers (each with a finalizer) cost ~10 µs under load in `zero-copy/records`
/// at 100 records, more than copying 24 bytes per record.
const MOVE_OUT_MIN_RECORDS: usize = 4096;

/// Encodes the first `count` records of the columns (default: `timestamp.length`) into the
/// start of `out`, in place; returns the bytes written (`count * 24`).
///
/// `out` may start at any byte offset. RangeError naming the byte offset when a column or `out`
/// is too short, and when `out` shares memory with a column.
#[napi(
  catch_unwind,
  ts_args_type = "timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array, out: Uint8Array, count?: number"
)]
#[allow(
  clippy::too_many_arguments,
  reason = "one flat argument per column is the fast path"
)]
pub fn encode_records_into(
  env: Env,
  timestamp: Unknown,
  value: Unknown,
  id: Unknown,
  kind: Unknown,
  flags: Unknown,
  out: Unknown,
  count: Option<Unknown>,
) -> Result<f64> {
  let c = borrow_columns(&env, [&timestamp, &value, &id, &kind, &flags])?;
  // SAFETY: used only within this call; the overlap checks below make it exclusive.
  let out = unsafe { args::borrow_mut::<u8>(&env, &out, "out") }?;
  no_overlap(&env, (&*out, "out"), (c.timestamp, "timestamp"))?;
  no_overlap(&env, (&*out, "out"), (c.value, "value"))?;
  no_overlap(&env, (&*out, "out"), (c.id, "id"))?;
  no_overlap(&env, (&*out, "out"), (c.kind, "kind"))?;
  no_overlap(&env, (&*out, "out"), (c.flags, "flags"))?;
  let count = count_arg(&env, count, c.timestamp.len())?;
  let written = records::encode_into(c, count, out).map_err(|e| codec_error(&env, e))?;
  Ok(written as f64)
}

/// Encodes the first `count` records of the columns (default: `timestamp.length`) into a new
/// Buffer of `count * 24` bytes, moved out of Rust without a copy.
#[napi(
  catch_unwind,
  ts_args_type = "timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array, count?: number"
)]
pub fn encode_records(
  env: Env,
  timestamp: Unknown,
  value: Unknown,
  id: Unknown,
  kind: Unknown,
  flags: Unknown,
  count: Option<Unknown>,
) -> Result<Buffer> {
  let c = borrow_columns(&env, [&timestamp, &value, &id, &kind, &flags])?;
  let count = count_arg(&env, count, c.timestamp.len())?;
  let bytes = records::encode(c, count).map_err(|e| codec_error(&env, e))?;
  Ok(Buffer::from(bytes))
}
