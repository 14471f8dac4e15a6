//! `cache-locality/access-order`: sum the same data visited through an index array, so the
//! visiting order (sequential, strided or random) is the only thing that changes.

use std::fmt;

/// Why a gather refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOutOfRange {
  /// Position in the index array.
  pub at: usize,
  /// The offending index.
  pub index: u32,
  /// Length of the data.
  pub len: usize,
}

impl fmt::Display for IndexOutOfRange {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(
      f,
      "index[{}] is {}, out of range for data of length {}",
      self.at, self.index, self.len
    )
  }
}

impl std::error::Error for IndexOutOfRange {}

/// Sum of `data[index[k]]` for `k` in order. Every index is bounds-checked (a bad one is an
/// error, not a panic); the check is a predictable branch and costs little next to the load.
pub fn gather_sum(data: &[f64], index: &[u32]) -> Result<f64, IndexOutOfRange> {
  let mut sum = 0.0;
  for (at, &i) in index.iter().enumerate() {
    match data.get(i as usize) {
      Some(&x) => sum += x,
      None => {
        return Err(IndexOutOfRange {
          at,
          index: i,
          len: data.len(),
        })
      }
    }
  }
  Ok(sum)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn order_does_not_change_an_integer_sum() {
    let data: Vec<f64> = (0..100).map(f64::from).collect();
    let forward: Vec<u32> = (0..100).collect();
    let backward: Vec<u32> = (0..100).rev().collect();
    assert_eq!(gather_sum(&data, &forward), Ok(4950.0));
    assert_eq!(gather_sum(&data, &backward), Ok(4950.0));
    assert_eq!(gather_sum(&data, &[]), Ok(0.0));
  }

  #[test]
  fn rejects_out_of_range_indices() {
    let err = gather_sum(&[1.0, 2.0], &[0, 2]).unwrap_err();
    assert_eq!(
      err,
      IndexOutOfRange {
        at: 1,
        index: 2,
        len: 2
      }
    );
    assert_eq!(
      err.to_string(),
      "index[1] is 2, out of range for data of length 2"
    );
  }
}
