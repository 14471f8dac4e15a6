//! `async/native-offload`: many small CRC-32 jobs in one unit of work.
//!
//! A libuv hop costs microseconds whatever the job does, so a thousand 16-byte checksums sent
//! as a thousand tasks spend almost all their time queueing. These functions take the whole
//! list at once: [`crc32_batch`] runs it on the calling thread (one task, one hop), and
//! [`crc32_batch_parallel`] splits it over rayon's thread pool.

use rayon::prelude::*;

use crate::checksum;

/// Inputs per rayon job in [`crc32_batch_parallel`]. Below a few hundred bytes per input the
/// work-stealing bookkeeping (tens of ns per split) would rival the checksum itself, so small
/// inputs are grouped; 64 × 16 B is about 1 µs of work per job.
pub const PARALLEL_MIN_INPUTS_PER_JOB: usize = 64;

/// Returns the CRC-32 (ISO-HDLC, as zlib) of every input, in input order, from an initial value
/// of 0 each. An empty list gives an empty vector.
pub fn crc32_batch<T: AsRef<[u8]>>(inputs: &[T]) -> Vec<u32> {
  inputs
    .iter()
    .map(|input| checksum::crc32(input.as_ref(), 0))
    .collect()
}

/// Same result as [`crc32_batch`], computed on rayon's global thread pool.
///
/// Cost: the first call starts the pool (one thread per core); later calls pay a fork/join of a
/// few µs, so this only wins when the list holds at least tens of µs of work.
pub fn crc32_batch_parallel<T: AsRef<[u8]> + Sync>(inputs: &[T]) -> Vec<u32> {
  inputs
    .par_iter()
    .with_min_len(PARALLEL_MIN_INPUTS_PER_JOB)
    .map(|input| checksum::crc32(input.as_ref(), 0))
    .collect()
}

/// Why a packed batch's `ends` do not describe ranges of `data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackedError {
  /// `ends[index]` is smaller than the end before it.
  Decreasing {
    /// The offending position in `ends`.
    index: usize,
  },
  /// `ends[index]` is past the end of `data`.
  PastEnd {
    /// The offending position in `ends`.
    index: usize,
  },
}

impl std::fmt::Display for PackedError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      PackedError::Decreasing { index } => {
        write!(
          f,
          "ends[{index}] must not be smaller than the end before it"
        )
      }
      PackedError::PastEnd { index } => write!(f, "ends[{index}] must not exceed data.length"),
    }
  }
}

impl std::error::Error for PackedError {}

/// Checks that `ends` are non-decreasing offsets within a buffer of `len` bytes.
pub fn check_packed(len: usize, ends: &[u32]) -> Result<(), PackedError> {
  let mut previous = 0usize;
  for (index, &end) in ends.iter().enumerate() {
    let end = end as usize;
    if end < previous {
      return Err(PackedError::Decreasing { index });
    }
    if end > len {
      return Err(PackedError::PastEnd { index });
    }
    previous = end;
  }
  Ok(())
}

/// CRC-32 of every range of a packed batch: input `i` is `data[ends[i - 1]..ends[i]]` (the
/// first starts at 0), so many small inputs travel as two typed arrays instead of a list of
/// views. This is the struct-of-arrays layout: no per-input object, and nothing per input to
/// validate or hold across the Node-API boundary.
pub fn crc32_packed(data: &[u8], ends: &[u32]) -> Result<Vec<u32>, PackedError> {
  check_packed(data.len(), ends)?;
  let mut start = 0usize;
  Ok(
    ends
      .iter()
      .map(|&end| {
        let end = end as usize;
        let crc = checksum::crc32(&data[start..end], 0);
        start = end;
        crc
      })
      .collect(),
  )
}

#[cfg(test)]
#[expect(
  clippy::cast_possible_truncation,
  reason = "test inputs keep only the low bits of a counter on purpose"
)]
mod tests {
  use super::*;

  fn inputs() -> Vec<Vec<u8>> {
    (0..1000u32)
      .map(|i| {
        (0..(i * 7 % 300))
          .map(|j| (j.wrapping_mul(31) ^ i) as u8)
          .collect()
      })
      .collect()
  }

  #[test]
  fn empty_list_gives_empty_result() {
    let none: [&[u8]; 0] = [];
    assert!(crc32_batch(&none).is_empty());
    assert!(crc32_batch_parallel(&none).is_empty());
  }

  #[test]
  fn each_entry_equals_a_single_crc32() {
    let data = inputs();
    let expected: Vec<u32> = data.iter().map(|d| checksum::crc32(d, 0)).collect();
    assert_eq!(crc32_batch(&data), expected);
  }

  #[test]
  fn parallel_matches_sequential_in_order() {
    let data = inputs();
    assert_eq!(crc32_batch_parallel(&data), crc32_batch(&data));
    let slices: Vec<&[u8]> = data.iter().map(|d| &d[1.min(d.len())..]).collect();
    assert_eq!(crc32_batch_parallel(&slices), crc32_batch(&slices));
  }

  #[test]
  fn check_value_and_empty_entries() {
    let data: [&[u8]; 3] = [b"123456789", b"", b"123456789"];
    assert_eq!(crc32_batch(&data), vec![0xCBF4_3926, 0, 0xCBF4_3926]);
  }

  #[test]
  fn packed_equals_the_list_form() {
    let data = inputs();
    let flat: Vec<u8> = data.concat();
    let mut ends = Vec::new();
    let mut total = 0u32;
    for d in &data {
      total += d.len() as u32;
      ends.push(total);
    }
    assert_eq!(crc32_packed(&flat, &ends), Ok(crc32_batch(&data)));
    assert_eq!(crc32_packed(&[], &[]), Ok(vec![]));
    assert_eq!(crc32_packed(b"abc", &[0, 0, 3]).map(|v| v.len()), Ok(3));
  }

  #[test]
  fn packed_rejects_bad_ends_without_panicking() {
    assert_eq!(
      crc32_packed(b"abcdef", &[4, 2]),
      Err(PackedError::Decreasing { index: 1 })
    );
    assert_eq!(
      crc32_packed(b"abc", &[1, 4]),
      Err(PackedError::PastEnd { index: 1 })
    );
    assert_eq!(
      PackedError::PastEnd { index: 1 }.to_string(),
      "ends[1] must not exceed data.length"
    );
  }
}
