//! `cache-locality/layout`: advance particle positions stored as an array of structs (each
//! record one 64-byte cache line) or as a struct of arrays (one slice per field).
//!
//! The step reads and writes two of the eight fields, so the AoS walk pulls whole records
//! through the cache to use half of each, while the SoA walk streams only the fields it needs.

use crate::accumulate::{combine, LANES};
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

/// Checks that the four SoA fields have one length, and returns it.
fn field_length(x: &[f64], y: &[f64], vx: &[f64], vy: &[f64]) -> Result<usize, LayoutError> {
  let n = x.len();
  if y.len() != n || vx.len() != n || vy.len() != n {
    return Err(LayoutError::FieldLengths);
  }
  Ok(n)
}

/// SoA: the same step as [`aos_step`] over one slice per field; same result, bit for bit.
pub fn soa_step(
  x: &mut [f64],
  y: &mut [f64],
  vx: &[f64],
  vy: &[f64],
  dt: f64,
) -> Result<f64, LayoutError> {
  let n = field_length(x, y, vx, vy)?;
  let mut sum = 0.0;
  for i in 0..n {
    x[i] += vx[i] * dt;
    y[i] += vy[i] * dt;
    sum += x[i] + y[i];
  }
  Ok(sum)
}

/// Same step as [`soa_step`], vectorised: positions are updated [`LANES`] elements at a time and
/// the sum kept in [`LANES`] partial sums (element `i` in lane `i % LANES`). The positions are
/// bit-identical; the sum equals [`soa_step`]'s up to rounding (bit-identical when positions stay
/// exact multiples of a power of two, as in the benchmark).
pub fn soa_step_fast(
  x: &mut [f64],
  y: &mut [f64],
  vx: &[f64],
  vy: &[f64],
  dt: f64,
) -> Result<f64, LayoutError> {
  field_length(x, y, vx, vy)?;
  let (xc, xt) = x.as_chunks_mut::<LANES>();
  let (yc, yt) = y.as_chunks_mut::<LANES>();
  let (vxc, vxt) = vx.as_chunks::<LANES>();
  let (vyc, vyt) = vy.as_chunks::<LANES>();
  let mut acc = [0.0; LANES];
  for (((x, y), vx), vy) in xc.iter_mut().zip(yc).zip(vxc).zip(vyc) {
    for i in 0..LANES {
      x[i] += vx[i] * dt;
      y[i] += vy[i] * dt;
      acc[i] += x[i] + y[i];
    }
  }
  let mut sum = combine(acc);
  for i in 0..xt.len() {
    xt[i] += vxt[i] * dt;
    yt[i] += vyt[i] * dt;
    sum += xt[i] + yt[i];
  }
  Ok(sum)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn any_one_field_of_another_length_is_refused_by_name() {
    // Only vx, then only vy, differs: each alone must be refused.
    let mut x = [0.0; 2];
    let mut y = [0.0; 2];
    assert_eq!(
      soa_step(&mut x, &mut y, &[0.0], &[0.0; 2], 1.0),
      Err(LayoutError::FieldLengths)
    );
    assert_eq!(
      soa_step(&mut x, &mut y, &[0.0; 2], &[0.0; 3], 1.0),
      Err(LayoutError::FieldLengths)
    );
    assert_eq!(
      LayoutError::FieldLengths.to_string(),
      "x, y, vx and vy must have the same length"
    );
  }

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

  #[test]
  fn soa_fast_agrees_with_parity() {
    for n in [0, 1, 7, 8, 9, 1001] {
      let field = |k: usize| -> Vec<f64> {
        (0..n)
          .map(|i| ((i * k) % 512) as f64 / 8.0 - 32.0)
          .collect()
      };
      let (vx, vy) = (field(3), field(5));
      let (mut x1, mut y1) = (field(7), field(11));
      let (mut x2, mut y2) = (x1.clone(), y1.clone());
      for _ in 0..3 {
        let fast = soa_step_fast(&mut x1, &mut y1, &vx, &vy, 1.0 / 64.0);
        let parity = soa_step(&mut x2, &mut y2, &vx, &vy, 1.0 / 64.0);
        assert_eq!(fast, parity, "{n}");
        assert_eq!((&x1, &y1), (&x2, &y2));
      }
    }
    assert_eq!(
      soa_step_fast(&mut [0.0], &mut [], &[0.0], &[0.0], 1.0),
      Err(LayoutError::FieldLengths)
    );
  }
}
