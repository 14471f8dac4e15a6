//! `allocation/in-place`: an affine map over the caller's own storage, with no new array.

/// Replaces every element `x` with `x * scale + offset` (a separate multiply and add, not a
/// fused multiply-add, so the result is bit-identical to JS).
pub fn affine_in_place(data: &mut [f64], scale: f64, offset: f64) {
  for x in data {
    *x = *x * scale + offset;
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn maps_in_place() {
    let mut data = [1.0, -2.0, 0.5];
    affine_in_place(&mut data, 2.0, 1.0);
    assert_eq!(data, [3.0, -3.0, 2.0]);
    affine_in_place(&mut [], 2.0, 1.0);
  }

  #[test]
  fn negate_and_shift_is_an_involution() {
    let mut data = [0.25, 1.0, -7.5];
    affine_in_place(&mut data, -1.0, 0.5);
    affine_in_place(&mut data, -1.0, 0.5);
    assert_eq!(data, [0.25, 1.0, -7.5]);
  }
}
