//! `cache-locality/layout`: advance particle positions stored as an array of structs (each
//! record one 64-byte cache line) or as a struct of arrays (one slice per field).
//!
//! The step reads and writes two of the eight fields, so the AoS walk pulls whole records
//! through the cache to use half of each, while the SoA walk streams only the fields it needs.

use std::fmt;

/// Fields per AoS record: `x, y, vx, vy, mass, charge, id, flags` (8 × f64 = 64 bytes).
pub const RECORD_FIELDS: usize = 8;
const X: usize = 0;
const Y: usize = 1;
const VX: usize = 2;
const VY: usize = 3;

/// Why a step refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutError {
  /// The AoS buffer's length is not a multiple of [`RECORD_FIELDS`].
  RaggedRecords(usize),
  /// The SoA field slices differ in length.
  FieldLengths,
}

impl fmt::Display for LayoutError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      LayoutError::RaggedRecords(n) => write!(
        f,
        "records length must be a multiple of {RECORD_FIELDS}, received {n}"
      ),
      LayoutError::FieldLengths => f.write_str("x, y, vx and vy must have the same length"),
    }
  }
}

impl std::error::Error for LayoutError {}

/// AoS: moves every record by `dt` times its velocity and returns the sum of `x + y` over the
/// moved records, in order.
pub fn aos_step(records: &mut [f64], dt: f64) -> Result<f64, LayoutError> {
  let (records, rest) = records.as_chunks_mut::<RECORD_FIELDS>();
  if !rest.is_empty() {
    return Err(LayoutError::RaggedRecords(
      records.len() * RECORD_FIELDS + rest.len(),
    ));
  }
  let mut sum = 0.0;
  for r in records {
    r[X] += r[VX] * dt;
    r[Y] += r[VY] * dt;
    sum += r[X] + r[Y];
  }
  Ok(sum)
}

/// SoA: the same step as [`aos_step`] over one slice per field; same result, bit for bit.
pub fn soa_step(
  x: &mut [f64],
  y: &mut [f64],
  vx: &[f64],
  vy: &[f64],
  dt: f64,
) -> Result<f64, LayoutError> {
  let n = x.len();
  if y.len() != n || vx.len() != n || vy.len() != n {
    return Err(LayoutError::FieldLengths);
  }
  let mut sum = 0.0;
  for i in 0..n {
    x[i] += vx[i] * dt;
    y[i] += vy[i] * dt;
    sum += x[i] + y[i];
  }
  Ok(sum)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn aos_and_soa_agree() {
    let n = 37;
    let mut aos = Vec::new();
    let (mut x, mut y, mut vx, mut vy) = (vec![], vec![], vec![], vec![]);
    for i in 0..n {
      let f = f64::from(i);
      aos.extend_from_slice(&[f, f * 0.5, 1.0 - f, f * 0.25, 1.0, 0.0, f, 0.0]);
      x.push(f);
      y.push(f * 0.5);
      vx.push(1.0 - f);
      vy.push(f * 0.25);
    }
    for _ in 0..3 {
      let a = aos_step(&mut aos, 0.125).unwrap();
      let s = soa_step(&mut x, &mut y, &vx, &vy, 0.125).unwrap();
      assert_eq!(a, s);
    }
    assert_eq!(aos[RECORD_FIELDS * 5 + X], x[5]);
  }

  #[test]
  fn rejects_bad_shapes() {
    assert_eq!(
      aos_step(&mut [0.0; 9], 1.0),
      Err(LayoutError::RaggedRecords(9))
    );
    assert_eq!(
      soa_step(&mut [0.0], &mut [], &[0.0], &[0.0], 1.0),
      Err(LayoutError::FieldLengths)
    );
    assert_eq!(aos_step(&mut [], 1.0), Ok(0.0));
  }
}
