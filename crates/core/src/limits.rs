//! The machine's limits that every benchmark run measures beside its results: how fast memory
//! can be copied (`copy_from_slice`, i.e. memcpy) at a cache-sized and a memory-sized input.

use std::fmt;

/// Why [`copy_bytes`] refused its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthMismatch {
  /// Bytes in the destination.
  pub dst: usize,
  /// Bytes in the source.
  pub src: usize,
}

impl fmt::Display for LengthMismatch {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(
      f,
      "dst has {} bytes but src has {}: they must be the same length",
      self.dst, self.src
    )
  }
}

impl std::error::Error for LengthMismatch {}

/// Copies `src` into `dst` (equal lengths) with `copy_from_slice`: the memcpy reference.
pub fn copy_bytes(dst: &mut [u8], src: &[u8]) -> Result<usize, LengthMismatch> {
  if dst.len() != src.len() {
    return Err(LengthMismatch {
      dst: dst.len(),
      src: src.len(),
    });
  }
  dst.copy_from_slice(src);
  Ok(src.len())
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn copies_equal_lengths() {
    let src = [1u8, 2, 3, 4, 5];
    let mut dst = [0u8; 5];
    assert_eq!(copy_bytes(&mut dst, &src), Ok(5));
    assert_eq!(dst, src);
    assert_eq!(copy_bytes(&mut [], &[]), Ok(0));
  }

  #[test]
  fn refuses_different_lengths() {
    let err = copy_bytes(&mut [0u8; 2], &[1u8; 3]).unwrap_err();
    assert_eq!(err, LengthMismatch { dst: 2, src: 3 });
    assert!(err.to_string().contains("same length"));
  }
}
