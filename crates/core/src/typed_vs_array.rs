//! `allocation/typed-vs-array`: the slice kernels that `number[]` and `Float64Array` are
//! compared against: sum, dot product and scale. Sums run left to right (no reassociation), so
//! the results are bit-identical to the JS loops.

use crate::accumulate::{combine, LANES};
use std::fmt;

/// Why a two-operand kernel refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthMismatch {
  /// The operands' lengths (`a`, `b`).
  Lengths(usize, usize),
}

impl fmt::Display for LengthMismatch {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      LengthMismatch::Lengths(a, b) => {
        write!(f, "a and b must have the same length, received {a} and {b}")
      }
    }
  }
}

impl std::error::Error for LengthMismatch {}

/// Sum of `data`, left to right.
pub fn sum(data: &[f64]) -> f64 {
  data.iter().fold(0.0, |s, &x| s + x)
}

/// Dot product of `a` and `b`, accumulated left to right.
pub fn dot(a: &[f64], b: &[f64]) -> Result<f64, LengthMismatch> {
  if a.len() != b.len() {
    return Err(LengthMismatch::Lengths(a.len(), b.len()));
  }
  Ok(a.iter().zip(b).fold(0.0, |s, (&x, &y)| s + x * y))
}

/// Multiplies every element of `data` by `factor`, in place.
pub fn scale(data: &mut [f64], factor: f64) {
  for x in data {
    *x *= factor;
  }
}

/// Sum of `data` in [`LANES`] independent partial sums (see [`crate::accumulate`]): vectorised,
/// equal to [`sum`] up to rounding, and bit-identical on integer-valued data.
pub fn sum_fast(data: &[f64]) -> f64 {
  let (chunks, tail) = data.as_chunks::<LANES>();
  let mut acc = [0.0; LANES];
  for c in chunks {
    for (a, &x) in acc.iter_mut().zip(c) {
      *a += x;
    }
  }
  tail.iter().fold(combine(acc), |s, &x| s + x)
}

/// Dot product in [`LANES`] independent partial sums: equal to [`dot`] up to rounding (the
/// products are the same; only their summation order differs).
pub fn dot_fast(a: &[f64], b: &[f64]) -> Result<f64, LengthMismatch> {
  if a.len() != b.len() {
    return Err(LengthMismatch::Lengths(a.len(), b.len()));
  }
  let (ca, ta) = a.as_chunks::<LANES>();
  let (cb, tb) = b.as_chunks::<LANES>();
  let mut acc = [0.0; LANES];
  for (x, y) in ca.iter().zip(cb) {
    for i in 0..LANES {
      acc[i] += x[i] * y[i];
    }
  }
  Ok(
    ta.iter()
      .zip(tb)
      .fold(combine(acc), |s, (&x, &y)| s + x * y),
  )
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn kernels() {
    assert_eq!(sum(&[]), 0.0);
    assert_eq!(sum(&[1.0, 2.0, 0.5]), 3.5);
    assert_eq!(dot(&[1.0, 2.0], &[3.0, 4.0]), Ok(11.0));
    assert_eq!(dot(&[], &[]), Ok(0.0));
    let mut v = [1.0, -2.0];
    scale(&mut v, -0.5);
    assert_eq!(v, [-0.5, 1.0]);
  }

  #[test]
  fn dot_rejects_mismatched_lengths() {
    assert_eq!(dot(&[1.0], &[]), Err(LengthMismatch::Lengths(1, 0)));
    assert_eq!(
      LengthMismatch::Lengths(1, 0).to_string(),
      "a and b must have the same length, received 1 and 0"
    );
  }

  /// Deterministic doubles: small integers (exact sums in any order) or irrational-ish values.
  fn values(n: usize, seed: u32, integer: bool) -> Vec<f64> {
    let mut x = seed;
    (0..n)
      .map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let v = f64::from((x >> 8) % 1024) - 512.0;
        if integer {
          v
        } else {
          v / 7.0
        }
      })
      .collect()
  }

  #[test]
  fn fast_kernels_agree_exactly_on_integers_and_within_rounding_otherwise() {
    for n in [0, 1, 7, 8, 9, 100, 10_001] {
      let (a, b) = (values(n, 1, true), values(n, 2, true));
      assert_eq!(sum_fast(&a), sum(&a), "sum {n}");
      assert_eq!(dot_fast(&a, &b), dot(&a, &b), "dot {n}");
      let (a, b) = (values(n, 3, false), values(n, 4, false));
      let tol = crate::accumulate::reassociation_tolerance(a.iter().copied());
      assert!((sum_fast(&a) - sum(&a)).abs() <= tol, "sum {n}");
      let products = a.iter().zip(&b).map(|(x, y)| x * y);
      let tol = crate::accumulate::reassociation_tolerance(products);
      let (fast, parity) = (dot_fast(&a, &b).unwrap(), dot(&a, &b).unwrap());
      assert!((fast - parity).abs() <= tol, "dot {n}: {fast} vs {parity}");
    }
    assert_eq!(dot_fast(&[1.0], &[]), Err(LengthMismatch::Lengths(1, 0)));
  }
}
