//! `cache-locality/hot-cold`: total `price * qty` over records whose rarely used fields are
//! either stored inline (a wide stride) or split out (a stride of 2, hot fields only).

use crate::accumulate::{combine, LANES};
use std::fmt;

/// Why a hot-field pass refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrideError {
  /// The record stride must be at least 2 (price and qty come first).
  Stride(usize),
  /// The buffer's length is not a multiple of the stride.
  Ragged {
    /// The buffer's length.
    len: usize,
    /// The record stride.
    stride: usize,
  },
}

impl fmt::Display for StrideError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      StrideError::Stride(s) => write!(f, "stride must be at least 2, received {s}"),
      StrideError::Ragged { len, stride } => write!(
        f,
        "records length {len} is not a multiple of stride {stride}"
      ),
    }
  }
}

impl std::error::Error for StrideError {}

/// Sum of `record[0] * record[1]` over each `stride`-wide record of `records`, in order.
pub fn hot_sum(records: &[f64], stride: usize) -> Result<f64, StrideError> {
  if stride < 2 {
    return Err(StrideError::Stride(stride));
  }
  if !records.len().is_multiple_of(stride) {
    return Err(StrideError::Ragged {
      len: records.len(),
      stride,
    });
  }
  Ok(
    records
      .chunks_exact(stride)
      .fold(0.0, |sum, r| sum + r[0] * r[1]),
  )
}

/// Same sum as [`hot_sum`] in [`LANES`] independent partial sums (record `i` in lane
/// `i % LANES`): equal up to rounding, bit-identical when the products are exact small multiples
/// of a power of two (the benchmark's prices and quantities).
pub fn hot_sum_fast(records: &[f64], stride: usize) -> Result<f64, StrideError> {
  // Same checks, same errors.
  hot_sum(&records[..0], stride)?;
  if !records.len().is_multiple_of(stride) {
    return Err(StrideError::Ragged {
      len: records.len(),
      stride,
    });
  }
  let mut acc = [0.0; LANES];
  let mut groups = records.chunks_exact(stride * LANES);
  for group in &mut groups {
    for (a, r) in acc.iter_mut().zip(group.chunks_exact(stride)) {
      *a += r[0] * r[1];
    }
  }
  Ok(
    groups
      .remainder()
      .chunks_exact(stride)
      .fold(combine(acc), |sum, r| sum + r[0] * r[1]),
  )
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn errors_name_the_stride() {
    assert_eq!(
      StrideError::Stride(1).to_string(),
      "stride must be at least 2, received 1"
    );
  }

  #[test]
  fn mixed_and_split_agree() {
    let mut mixed = Vec::new();
    let mut split = Vec::new();
    for i in 0..50 {
      let (price, qty) = (f64::from(i) * 1.25, f64::from(i % 7));
      mixed.extend_from_slice(&[price, qty]);
      mixed.extend((0..14).map(|k| f64::from(k) * 1e9));
      split.extend_from_slice(&[price, qty]);
    }
    assert_eq!(hot_sum(&mixed, 16), hot_sum(&split, 2));
    assert_eq!(hot_sum(&[], 2), Ok(0.0));
  }

  #[test]
  fn rejects_bad_strides() {
    assert_eq!(hot_sum(&[1.0], 1), Err(StrideError::Stride(1)));
    assert_eq!(
      hot_sum(&[1.0; 5], 2),
      Err(StrideError::Ragged { len: 5, stride: 2 })
    );
  }

  #[test]
  fn fast_agrees_with_parity() {
    for stride in [2, 3, 16] {
      for n in [0, 1, 7, 8, 9, 1001] {
        let records: Vec<f64> = (0..n * stride)
          .map(|i| (i % 1000) as f64 * 0.25 + 0.5)
          .collect();
        assert_eq!(
          hot_sum_fast(&records, stride),
          hot_sum(&records, stride),
          "stride {stride}, {n} records"
        );
      }
    }
    assert_eq!(hot_sum_fast(&[1.0; 4], 1), hot_sum(&[1.0; 4], 1));
    assert_eq!(hot_sum_fast(&[1.0; 5], 2), hot_sum(&[1.0; 5], 2));
  }
}
