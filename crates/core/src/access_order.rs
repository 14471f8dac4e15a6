//! `cache-locality/access-order`: sum the same data visited through an index array, so the
//! visiting order (sequential, strided or random) is the only thing that changes.

use crate::accumulate::{combine, LANES};
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

/// Same as [`gather_sum`] with [`LANES`] independent partial sums (position `k` in lane
/// `k % LANES`), so loads and adds of consecutive positions overlap instead of waiting on one
/// add chain. Equal up to rounding; bit-identical on integer-valued data. The same bad index is
/// reported.
pub fn gather_sum_fast(data: &[f64], index: &[u32]) -> Result<f64, IndexOutOfRange> {
  let bad = |at: usize, i: u32| IndexOutOfRange {
    at,
    index: i,
    len: data.len(),
  };
  let (chunks, tail) = index.as_chunks::<LANES>();
  let mut acc = [0.0; LANES];
  for (c, chunk) in chunks.iter().enumerate() {
    for (lane, (a, &i)) in acc.iter_mut().zip(chunk).enumerate() {
      *a += *data
        .get(i as usize)
        .ok_or_else(|| bad(c * LANES + lane, i))?;
    }
  }
  let mut sum = combine(acc);
  for (k, &i) in tail.iter().enumerate() {
    sum += *data
      .get(i as usize)
      .ok_or_else(|| bad(chunks.len() * LANES + k, i))?;
  }
  Ok(sum)
}

/// The Rust habit for visiting records whose ids arrive in any order: copy the index, sort the
/// copy into memory order, then [`gather_sum`] through it. The copy and the sort are part of
/// the price (the `cache-locality/access-order` native form times all three), and the caller's
/// index is left as it was. Values are summed in memory order, so the result differs from a
/// gather in the given order only by rounding (not at all on integer-valued data).
pub fn sorted_gather_sum(data: &[f64], index: &[u32]) -> Result<f64, IndexOutOfRange> {
  gather_sum(data, &sorted_copy(index))
}

/// As [`sorted_gather_sum`], gathering with [`gather_sum_fast`].
pub fn sorted_gather_sum_fast(data: &[f64], index: &[u32]) -> Result<f64, IndexOutOfRange> {
  gather_sum_fast(data, &sorted_copy(index))
}

/// A copy of `index` in ascending order (what JS's `index.slice().sort()` makes of a
/// Uint32Array: typed arrays sort numerically).
fn sorted_copy(index: &[u32]) -> Vec<u32> {
  let mut sorted = index.to_vec();
  sorted.sort_unstable();
  sorted
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn sorted_gather_sorts_a_copy_and_sums_in_memory_order() {
    let data = [1.0, 2.0, 4.0, 8.0, 16.0];
    let index = [4u32, 0, 3, 1, 2, 0];
    assert_eq!(sorted_gather_sum(&data, &index), Ok(32.0));
    assert_eq!(sorted_gather_sum_fast(&data, &index), Ok(32.0));
    assert_eq!(index, [4, 0, 3, 1, 2, 0], "the caller's index is untouched");
    assert_eq!(sorted_gather_sum(&data, &[]), Ok(0.0));
    // The bad index is reported at its position in the sorted copy.
    assert_eq!(
      sorted_gather_sum(&data, &[9, 0]),
      Err(IndexOutOfRange {
        at: 1,
        index: 9,
        len: 5
      })
    );
  }

  #[test]
  fn fast_reports_the_position_of_a_bad_index_in_any_chunk() {
    let data = [1.0; 16];
    for at in [1, 9, 17, 30, 39] {
      let mut index = vec![3u32; 40];
      index[at] = 99;
      assert_eq!(
        gather_sum_fast(&data, &index),
        Err(IndexOutOfRange {
          at,
          index: 99,
          len: 16
        }),
        "at {at}"
      );
    }
  }

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

  #[test]
  fn fast_agrees_with_parity_and_reports_the_same_bad_index() {
    let data: Vec<f64> = (0..1000).map(|i| f64::from(i % 97) - 40.0).collect();
    for n in [0, 1, 7, 8, 9, 999] {
      let index: Vec<u32> = (0..n).map(|k| (k * 7 % 1000) as u32).collect();
      assert_eq!(
        gather_sum_fast(&data, &index),
        gather_sum(&data, &index),
        "{n}"
      );
    }
    for at in [0, 5, 8, 13] {
      let mut index = vec![3u32; 14];
      index[at] = 1000;
      assert_eq!(
        gather_sum_fast(&data, &index),
        gather_sum(&data, &index),
        "at {at}"
      );
    }
  }
}
