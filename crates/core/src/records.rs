//! A fixed 24-byte little-endian record codec (type punning without `unsafe`).
//!
//! One record is `u64 timestamp, f64 value, u32 id, u16 kind, u16 flags`, packed with no padding
//! at the offsets in [`layout`]. A stream of records decodes into columns (struct of arrays) and
//! encodes back from them. Every read is `from_le_bytes` on a byte slice, so a stream may start at
//! any byte offset (no alignment is assumed) and the value's bits, NaN payloads included, pass
//! through unchanged.

use std::fmt;

/// Bytes per record.
pub const RECORD_SIZE: usize = 24;

/// Byte offset of each field inside a record: the layout is defined here once.
pub mod layout {
  /// `u64` little-endian timestamp.
  pub const TIMESTAMP: usize = 0;
  /// `f64` little-endian value (IEEE 754 bits, NaN payloads preserved).
  pub const VALUE: usize = 8;
  /// `u32` little-endian id.
  pub const ID: usize = 16;
  /// `u16` little-endian kind.
  pub const KIND: usize = 20;
  /// `u16` little-endian flags.
  pub const FLAGS: usize = 22;
}

/// Why a record stream or a set of columns was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
  /// The input length is not a multiple of [`RECORD_SIZE`]: the last record, starting at
  /// `offset`, is cut short.
  Truncated {
    /// Input length in bytes.
    len: usize,
    /// Byte offset of the incomplete record.
    offset: usize,
  },
  /// A column has fewer slots than there are records; record `index` (at byte `offset` of the
  /// stream) has nowhere to go or nothing to come from.
  ColumnTooShort {
    /// The column's name (`timestamp`, `value`, `id`, `kind`, `flags`).
    column: &'static str,
    /// The column's length.
    len: usize,
    /// The number of records.
    needed: usize,
    /// Byte offset in the stream of the first record without a slot.
    offset: usize,
  },
  /// The output buffer is too short: the record at byte `offset` does not fit.
  OutputTooShort {
    /// Output length in bytes.
    len: usize,
    /// Bytes needed.
    needed: usize,
    /// Byte offset of the first record that does not fit.
    offset: usize,
  },
}

impl fmt::Display for RecordError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      RecordError::Truncated { len, offset } => write!(
        f,
        "data is truncated: {len} bytes is not a multiple of {RECORD_SIZE}; the record at byte offset {offset} is incomplete"
      ),
      RecordError::ColumnTooShort {
        column,
        len,
        needed,
        offset,
      } => write!(
        f,
        "{column} is too short: it has {len} elements for {needed} records; the record at byte offset {offset} has no slot"
      ),
      RecordError::OutputTooShort {
        len,
        needed,
        offset,
      } => write!(
        f,
        "out is too short: it has {len} bytes for {needed}; the record at byte offset {offset} does not fit"
      ),
    }
  }
}

impl std::error::Error for RecordError {}

/// Number of whole records in `len` bytes, or [`RecordError::Truncated`].
pub fn record_count(len: usize) -> Result<usize, RecordError> {
  if !len.is_multiple_of(RECORD_SIZE) {
    return Err(RecordError::Truncated {
      len,
      offset: len - len % RECORD_SIZE,
    });
  }
  Ok(len / RECORD_SIZE)
}

/// Borrowed input columns, for encoding.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
  /// Timestamps.
  pub timestamp: &'a [u64],
  /// Values.
  pub value: &'a [f64],
  /// Ids.
  pub id: &'a [u32],
  /// Kinds.
  pub kind: &'a [u16],
  /// Flags.
  pub flags: &'a [u16],
}

/// Borrowed output columns, for decoding in place.
#[derive(Debug)]
pub struct ColumnsMut<'a> {
  /// Timestamps.
  pub timestamp: &'a mut [u64],
  /// Values.
  pub value: &'a mut [f64],
  /// Ids.
  pub id: &'a mut [u32],
  /// Kinds.
  pub kind: &'a mut [u16],
  /// Flags.
  pub flags: &'a mut [u16],
}

/// Owned columns, for the decoder that allocates (and hands the vectors to its caller).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnedColumns {
  /// Timestamps.
  pub timestamp: Vec<u64>,
  /// Values.
  pub value: Vec<f64>,
  /// Ids.
  pub id: Vec<u32>,
  /// Kinds.
  pub kind: Vec<u16>,
  /// Flags.
  pub flags: Vec<u16>,
}

fn check_len(column: &'static str, len: usize, needed: usize) -> Result<(), RecordError> {
  if len < needed {
    return Err(RecordError::ColumnTooShort {
      column,
      len,
      needed,
      offset: len * RECORD_SIZE,
    });
  }
  Ok(())
}

fn lengths_ok(lens: [(&'static str, usize); 5], needed: usize) -> Result<(), RecordError> {
  for (column, len) in lens {
    check_len(column, len, needed)?;
  }
  Ok(())
}

/// Every column of `columns` has at least `count` slots.
fn columns_hold(columns: &Columns<'_>, count: usize) -> Result<(), RecordError> {
  lengths_ok(
    [
      ("timestamp", columns.timestamp.len()),
      ("value", columns.value.len()),
      ("id", columns.id.len()),
      ("kind", columns.kind.len()),
      ("flags", columns.flags.len()),
    ],
    count,
  )
}

/// Decodes every record of `bytes` into the first slots of `out`; returns the record count.
///
/// Fails, writing nothing, when `bytes` is not a whole number of records or a column is too
/// short. Columns may be longer than needed; the extra slots are left untouched.
pub fn decode_into(bytes: &[u8], out: ColumnsMut<'_>) -> Result<usize, RecordError> {
  let n = record_count(bytes.len())?;
  lengths_ok(
    [
      ("timestamp", out.timestamp.len()),
      ("value", out.value.len()),
      ("id", out.id.len()),
      ("kind", out.kind.len()),
      ("flags", out.flags.len()),
    ],
    n,
  )?;
  let records = bytes.chunks_exact(RECORD_SIZE);
  let slots = out.timestamp[..n]
    .iter_mut()
    .zip(&mut out.value[..n])
    .zip(&mut out.id[..n])
    .zip(&mut out.kind[..n])
    .zip(&mut out.flags[..n]);
  for (r, ((((t, v), i), k), f)) in records.zip(slots) {
    // Fixed-size sub-slices of a 24-byte chunk: the bounds checks fold away.
    *t = u64::from_le_bytes(r[0..8].try_into().unwrap_or_default());
    *v = f64::from_bits(u64::from_le_bytes(r[8..16].try_into().unwrap_or_default()));
    *i = u32::from_le_bytes(r[16..20].try_into().unwrap_or_default());
    *k = u16::from_le_bytes(r[20..22].try_into().unwrap_or_default());
    *f = u16::from_le_bytes(r[22..24].try_into().unwrap_or_default());
  }
  Ok(n)
}

/// Decodes `bytes` into freshly allocated columns of exactly the record count.
pub fn decode(bytes: &[u8]) -> Result<OwnedColumns, RecordError> {
  let n = record_count(bytes.len())?;
  let mut out = OwnedColumns {
    timestamp: vec![0; n],
    value: vec![0.0; n],
    id: vec![0; n],
    kind: vec![0; n],
    flags: vec![0; n],
  };
  decode_into(
    bytes,
    ColumnsMut {
      timestamp: &mut out.timestamp,
      value: &mut out.value,
      id: &mut out.id,
      kind: &mut out.kind,
      flags: &mut out.flags,
    },
  )?;
  Ok(out)
}

/// Encodes `count` records (the first `count` slots of every column) into the start of `out`;
/// returns the bytes written (`count * 24`).
pub fn encode_into(
  columns: Columns<'_>,
  count: usize,
  out: &mut [u8],
) -> Result<usize, RecordError> {
  columns_hold(&columns, count)?;
  let needed = count * RECORD_SIZE;
  if out.len() < needed {
    return Err(RecordError::OutputTooShort {
      len: out.len(),
      needed,
      offset: out.len() - out.len() % RECORD_SIZE,
    });
  }
  for (j, r) in out[..needed].chunks_exact_mut(RECORD_SIZE).enumerate() {
    r[0..8].copy_from_slice(&columns.timestamp[j].to_le_bytes());
    r[8..16].copy_from_slice(&columns.value[j].to_bits().to_le_bytes());
    r[16..20].copy_from_slice(&columns.id[j].to_le_bytes());
    r[20..22].copy_from_slice(&columns.kind[j].to_le_bytes());
    r[22..24].copy_from_slice(&columns.flags[j].to_le_bytes());
  }
  Ok(needed)
}

/// Encodes `count` records into a new vector of `count * 24` bytes.
pub fn encode(columns: Columns<'_>, count: usize) -> Result<Vec<u8>, RecordError> {
  // Columns first, allocation second: `count` comes from the caller, and `vec!` aborts the
  // process when it cannot allocate `count * 24` bytes for records the columns do not have.
  columns_hold(&columns, count)?;
  let mut out = vec![0u8; count.saturating_mul(RECORD_SIZE)];
  encode_into(columns, count, &mut out)?;
  Ok(out)
}

#[cfg(test)]
mod tests {
  use super::*;

  fn sample() -> OwnedColumns {
    OwnedColumns {
      timestamp: vec![0, 1 << 53 | 1, u64::MAX],
      value: vec![-0.0, f64::from_bits(0x7ff0_0000_0000_0001), 1.5],
      id: vec![0, 7, u32::MAX],
      kind: vec![1, 2, u16::MAX],
      flags: vec![0, 0x8001, 3],
    }
  }

  fn view(c: &OwnedColumns) -> Columns<'_> {
    Columns {
      timestamp: &c.timestamp,
      value: &c.value,
      id: &c.id,
      kind: &c.kind,
      flags: &c.flags,
    }
  }

  #[test]
  fn encode_checks_the_columns_before_allocating() {
    // 2^40 records would need 24 TiB: the short columns must be reported, not the allocation
    // attempted (which aborts the process). Found by the binding fuzzer with count = 2^31.
    let c = sample();
    assert_eq!(
      encode(view(&c), 1 << 40).unwrap_err(),
      RecordError::ColumnTooShort {
        column: "timestamp",
        len: 3,
        needed: 1 << 40,
        offset: 72
      }
    );
  }

  fn bits(c: &OwnedColumns) -> Vec<u64> {
    c.value.iter().map(|v| v.to_bits()).collect()
  }

  #[test]
  fn round_trips_bits_at_every_offset() {
    let c = sample();
    let bytes = encode(view(&c), 3).unwrap();
    assert_eq!(bytes.len(), 72);
    for shift in 0..8 {
      let mut backing = vec![0xAAu8; 72 + shift];
      backing[shift..].copy_from_slice(&bytes);
      let back = decode(&backing[shift..]).unwrap();
      assert_eq!(back.timestamp, c.timestamp);
      assert_eq!(bits(&back), bits(&c));
      assert_eq!(
        (back.id, back.kind, back.flags),
        (c.id.clone(), c.kind.clone(), c.flags.clone())
      );
    }
  }

  #[test]
  fn layout_is_little_endian_and_packed() {
    let c = OwnedColumns {
      timestamp: vec![0x0102_0304_0506_0708],
      value: vec![f64::from_bits(0x1112_1314_1516_1718)],
      id: vec![0x2122_2324],
      kind: vec![0x3132],
      flags: vec![0x4142],
    };
    let bytes = encode(view(&c), 1).unwrap();
    assert_eq!(&bytes[layout::TIMESTAMP..8], &[8, 7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(bytes[layout::VALUE], 0x18);
    assert_eq!(bytes[layout::ID], 0x24);
    assert_eq!(&bytes[layout::KIND..24], &[0x32, 0x31, 0x42, 0x41]);
  }

  #[test]
  fn record_count_names_the_start_of_the_cut_record() {
    // Lengths where len % 24 and len / 24 differ, so the offset is pinned to len - len % 24.
    for (len, offset) in [
      (1, 0),
      (23, 0),
      (25, 24),
      (73, 72),
      (24 * 1000 + 5, 24 * 1000),
    ] {
      assert_eq!(
        record_count(len),
        Err(RecordError::Truncated { len, offset }),
        "{len}"
      );
    }
    for n in [0, 1, 2, 1000] {
      assert_eq!(record_count(n * RECORD_SIZE), Ok(n));
    }
  }

  #[test]
  fn truncated_input_names_the_offset() {
    assert_eq!(
      decode(&[0u8; 50]).unwrap_err(),
      RecordError::Truncated {
        len: 50,
        offset: 48
      }
    );
    assert!(decode(&[0u8; 50])
      .unwrap_err()
      .to_string()
      .contains("byte offset 48"));
    assert_eq!(decode(&[]).unwrap(), OwnedColumns::default());
  }

  #[test]
  fn short_columns_and_output_are_refused() {
    let c = sample();
    let bytes = encode(view(&c), 3).unwrap();
    let mut t = [0u64; 3];
    let mut v = [0f64; 3];
    let mut i = [0u32; 2];
    let mut k = [0u16; 3];
    let mut f = [0u16; 3];
    let err = decode_into(
      &bytes,
      ColumnsMut {
        timestamp: &mut t,
        value: &mut v,
        id: &mut i,
        kind: &mut k,
        flags: &mut f,
      },
    )
    .unwrap_err();
    assert_eq!(
      err,
      RecordError::ColumnTooShort {
        column: "id",
        len: 2,
        needed: 3,
        offset: 48
      }
    );
    assert_eq!(t, [0; 3], "nothing is written on error");
    let mut out = [0u8; 60];
    assert_eq!(
      encode_into(view(&c), 3, &mut out).unwrap_err(),
      RecordError::OutputTooShort {
        len: 60,
        needed: 72,
        offset: 48
      }
    );
  }
}
