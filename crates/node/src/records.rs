//! `zero-copy/records`: the 24-byte record codec, reading and writing caller memory in place.
#![expect(
  clippy::too_many_arguments,
  reason = "encodeRecordArraysInto takes one flat argument per column, the fast path; napi-rs expands the function twice, so the expectation sits on the module"
)]

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

#[cold]
#[inline(never)]
pub(crate) fn codec_error(env: &Env, e: RecordError) -> Error {
  args::range_error(env, e.to_string())
}

/// The validated raw parts of the five column arguments, before any slice is formed.
struct ColumnParts {
  timestamp: (*mut u64, usize),
  value: (*mut f64, usize),
  id: (*mut u32, usize),
  kind: (*mut u16, usize),
  flags: (*mut u16, usize),
}

impl ColumnParts {
  fn of(env: &Env, c: [&Unknown; 5]) -> Result<Self> {
    Ok(ColumnParts {
      timestamp: args::raw_parts(env, c[0], "timestamp")?,
      value: args::raw_parts(env, c[1], "value")?,
      id: args::raw_parts(env, c[2], "id")?,
      kind: args::raw_parts(env, c[3], "kind")?,
      flags: args::raw_parts(env, c[4], "flags")?,
    })
  }

  /// The columns as read-only extents, for [`args::disjoint`].
  fn extents(&self) -> [args::Extent<'static>; 5] {
    [
      args::Extent::read(self.timestamp, "timestamp"),
      args::Extent::read(self.value, "value"),
      args::Extent::read(self.id, "id"),
      args::Extent::read(self.kind, "kind"),
      args::Extent::read(self.flags, "flags"),
    ]
  }

  /// # Safety
  /// As [`args::slice`] for every column: used only within the current call, no JS run since
  /// the parts were taken, and no `&mut` slice overlapping any column.
  unsafe fn borrow<'a>(self) -> Columns<'a> {
    // SAFETY: (for this block and the four below) the caller upholds `args::slice`'s contract.
    let timestamp = unsafe { args::slice(self.timestamp) };
    // SAFETY: see above.
    let value = unsafe { args::slice(self.value) };
    // SAFETY: see above.
    let id = unsafe { args::slice(self.id) };
    // SAFETY: see above.
    let kind = unsafe { args::slice(self.kind) };
    // SAFETY: see above.
    let flags = unsafe { args::slice(self.flags) };
    Columns {
      timestamp,
      value,
      id,
      kind,
      flags,
    }
  }
}

/// Borrows the five column arguments read-only (shared with `string_building`).
pub(crate) fn borrow_columns<'a>(env: &Env, c: [&Unknown; 5]) -> Result<Columns<'a>> {
  let parts = ColumnParts::of(env, c)?;
  // SAFETY: the columns are only read, within the current call, with no JS run in between and
  // no `&mut` slice formed over any of them.
  Ok(unsafe { parts.borrow() })
}

/// The optional `count` argument: `undefined` gives `default` (a column's length, which may
/// exceed `u32::MAX` and is kept whole, as in the JS twin), else a u32.
pub(crate) fn count_arg(env: &Env, count: Unknown, default: usize) -> Result<usize> {
  if matches!(count.get_type(), Ok(ValueType::Undefined)) {
    return Ok(default);
  }
  Ok(args::optional_u32(env, count, "count", 0)? as usize)
}

/// Decodes every 24-byte record of `data` into the first slots of the caller's columns, passed
/// one typed array per argument, and returns the record count. The package root's
/// `decodeRecordsInto(bytes, columns)` takes the columns as one object and calls this.
///
/// Zero copies: Rust reads `data` in place (any byte offset, no alignment needed) and writes
/// straight into the columns' memory. Throws a RangeError naming the byte offset when `data`
/// is not a whole number of records or a column is too short (nothing is written then), and
/// when two arguments share memory.
#[napi(
  catch_unwind,
  ts_args_type = "data: Uint8Array, timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array"
)]
pub fn decode_record_arrays_into(
  env: Env,
  data: Unknown,
  timestamp: Unknown,
  value: Unknown,
  id: Unknown,
  kind: Unknown,
  flags: Unknown,
) -> Result<f64> {
  decode_record_arrays_into_impl(&env, [&data, &timestamp, &value, &id, &kind, &flags])
}

/// The work of `decodeRecordArraysInto`, shared with its raw Node-API twin (`raw.rs`); the
/// arguments in JS order.
#[inline(always)]
pub(crate) fn decode_record_arrays_into_impl(env: &Env, a: [&Unknown; 6]) -> Result<f64> {
  let data = args::raw_parts::<u8>(env, a[0], "data")?;
  let timestamp = args::raw_parts::<u64>(env, a[1], "timestamp")?;
  let value = args::raw_parts::<f64>(env, a[2], "value")?;
  let id = args::raw_parts::<u32>(env, a[3], "id")?;
  let kind = args::raw_parts::<u16>(env, a[4], "kind")?;
  let flags = args::raw_parts::<u16>(env, a[5], "flags")?;
  args::disjoint(
    env,
    &[
      args::Extent::read(data, "data"),
      args::Extent::written(timestamp, "timestamp"),
      args::Extent::written(value, "value"),
      args::Extent::written(id, "id"),
      args::Extent::written(kind, "kind"),
      args::Extent::written(flags, "flags"),
    ],
  )?;
  // SAFETY: (for this block and the five below) order is validate, check, borrow. `raw_parts`
  // validated each view, `disjoint` just proved that no column shares a byte with `data` or
  // with another column, and only then are the slices formed. They live only within this call,
  // and no JS runs while they do, so nothing can detach or resize the buffers.
  let bytes = unsafe { args::slice(data) };
  // SAFETY: see above.
  let t = unsafe { args::slice_mut(timestamp) };
  // SAFETY: see above.
  let v = unsafe { args::slice_mut(value) };
  // SAFETY: see above.
  let i = unsafe { args::slice_mut(id) };
  // SAFETY: see above.
  let k = unsafe { args::slice_mut(kind) };
  // SAFETY: see above.
  let f = unsafe { args::slice_mut(flags) };
  let columns = ColumnsMut {
    timestamp: t,
    value: v,
    id: i,
    kind: k,
    flags: f,
  };
  let n = records::decode_into(bytes, columns).map_err(|e| codec_error(env, e))?;
  // Only on WebAssembly does this copy anything (see `sync_written`).
  for (column, width) in a[1..].iter().zip([8, 8, 4, 2, 2]) {
    args::sync_written(env, column.raw(), n * width)?;
  }
  args::js_count(env, n)
}

/// Decodes every 24-byte record of `data` into new columns of exactly the record count.
///
/// From `MOVE_OUT_MIN_RECORDS` records on, the columns are Rust vectors moved to JS as the
/// typed arrays' backing stores (no copy out; each is freed by a finalizer when collected).
/// Shorter results are copied into V8-owned arrays, which is cheaper than five external
/// buffers. `decodeRecordArraysInto` with reused columns beats both in a loop. RangeError as there.
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

/// Encodes the first `count` records of the columns (default: `timestamp.length`), passed one
/// typed array per argument, into the start of `out`, in place; returns the bytes written
/// (`count * 24`). The package root's `encodeRecordsInto(columns, out, count?)` takes the
/// columns as one object and calls this.
///
/// `out` may start at any byte offset. RangeError naming the byte offset when a column or `out`
/// is too short, and when `out` shares memory with a column.
#[napi(
  catch_unwind,
  ts_args_type = "timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array, out: Uint8Array, count?: number"
)]
pub fn encode_record_arrays_into(
  env: Env,
  timestamp: Unknown,
  value: Unknown,
  id: Unknown,
  kind: Unknown,
  flags: Unknown,
  out: Unknown,
  count: Unknown,
) -> Result<f64> {
  encode_record_arrays_into_impl(
    &env,
    [&timestamp, &value, &id, &kind, &flags, &out],
    Some(count),
  )
}

/// The work of `encodeRecordArraysInto`, shared with its raw Node-API twin (`raw.rs`): the six
/// views in JS order, and `count` when JS passed it (`None` means all, as `undefined` does).
#[inline(always)]
pub(crate) fn encode_record_arrays_into_impl(
  env: &Env,
  a: [&Unknown; 6],
  count: Option<Unknown>,
) -> Result<f64> {
  let columns = ColumnParts::of(env, [a[0], a[1], a[2], a[3], a[4]])?;
  let out_value = a[5];
  let out = args::raw_parts::<u8>(env, out_value, "out")?;
  let [t, v, i, k, f] = columns.extents();
  args::disjoint(env, &[args::Extent::written(out, "out"), t, v, i, k, f])?;
  // SAFETY: (for this block and the next) order is validate, check, borrow. `raw_parts` validated
  // every view, `disjoint` just proved that `out` shares no byte with any column (columns are
  // only read, so they may share memory with each other), and only then are the slices formed.
  // They live only within this call, and no JS runs while they do (`count_arg` below only reads
  // a number's type and value; it calls no getter).
  let c = unsafe { columns.borrow() };
  // SAFETY: see above.
  let out = unsafe { args::slice_mut(out) };
  let count = match count {
    Some(count) => count_arg(env, count, c.timestamp.len())?,
    None => c.timestamp.len(),
  };
  let written = records::encode_into(c, count, out).map_err(|e| codec_error(env, e))?;
  args::sync_written(env, out_value.raw(), written)?;
  args::js_count(env, written)
}

/// Encodes the first `count` records of the columns (default: `timestamp.length`), passed one
/// typed array per argument, into a new Buffer of `count * 24` bytes, moved out of Rust without
/// a copy. The package root's `encodeRecords(columns, count?)` takes the columns as one object
/// and calls this.
#[napi(
  catch_unwind,
  ts_args_type = "timestamp: BigUint64Array, value: Float64Array, id: Uint32Array, kind: Uint16Array, flags: Uint16Array, count?: number"
)]
pub fn encode_record_arrays(
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
  let bytes = records::encode(c, count).map_err(|e| codec_error(&env, e))?;
  Ok(Buffer::from(bytes))
}
