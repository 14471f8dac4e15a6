//! `allocation/typed-vs-array`: the slice kernels that `number[]` and `Float64Array` are
//! compared against: sum, dot product and scale. Sums run left to right (no reassociation), so
//! the results are bit-identical to the JS loops.

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
}
