//! `allocation/buffer-reuse`: frame a stream of records as `u32 BE length ++ hex(record)` and
//! fold every framed byte into an FNV-1a digest, standing in for "write the frame to a socket".
//!
//! [`HexFramer`] keeps one scratch `Vec` whose capacity survives `clear()`, so after the first
//! record no frame allocates. [`frame_hex_digest_fresh`] is the same work with a `Vec` allocated
//! per record, for the benchmark's comparison.

use std::fmt;

/// The FNV-1a 32-bit offset basis: the digest of no bytes.
pub const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;
const HEX: &[u8; 16] = b"0123456789abcdef";

/// The largest record whose hex payload length still fits the frame's u32 length prefix.
pub const MAX_RECORD_SIZE: usize = (u32::MAX / 2) as usize;

/// Why framing refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
  /// Records must hold at least one byte and at most [`MAX_RECORD_SIZE`].
  RecordSize(usize),
}

impl fmt::Display for FrameError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      FrameError::RecordSize(size) => write!(
        f,
        "recordSize must be an integer from 1 to {MAX_RECORD_SIZE}, received {size}"
      ),
    }
  }
}

impl std::error::Error for FrameError {}

fn check(record_size: usize) -> Result<(), FrameError> {
  if record_size == 0 || record_size > MAX_RECORD_SIZE {
    return Err(FrameError::RecordSize(record_size));
  }
  Ok(())
}

/// Writes one frame (`u32 BE hex length ++ lowercase hex`) to the end of `out`.
#[expect(
  clippy::cast_possible_truncation,
  reason = "check() caps records at MAX_RECORD_SIZE = u32::MAX / 2 bytes, so twice it fits a u32"
)]
fn write_frame(record: &[u8], out: &mut Vec<u8>) {
  out.extend_from_slice(&((record.len() * 2) as u32).to_be_bytes());
  for &byte in record {
    out.push(HEX[usize::from(byte >> 4)]);
    out.push(HEX[usize::from(byte & 15)]);
  }
}

/// Folds `bytes` into the running FNV-1a digest `hash`.
pub fn fnv1a(hash: u32, bytes: &[u8]) -> u32 {
  bytes
    .iter()
    .fold(hash, |h, &b| (h ^ u32::from(b)).wrapping_mul(FNV_PRIME))
}

/// A framer that reuses one scratch buffer for every frame it builds.
#[derive(Debug, Default)]
pub struct HexFramer {
  scratch: Vec<u8>,
}

impl HexFramer {
  /// An empty framer; the scratch buffer grows to the largest frame seen and then stays.
  pub fn new() -> Self {
    Self::default()
  }

  /// Bytes the scratch buffer holds on to between calls.
  pub fn capacity(&self) -> usize {
    self.scratch.capacity()
  }

  /// Frames each `record_size` chunk of `data` (the last may be shorter) and returns the
  /// FNV-1a digest of all frames in order. Allocates only when a frame outgrows the scratch.
  pub fn digest(&mut self, data: &[u8], record_size: usize) -> Result<u32, FrameError> {
    check(record_size)?;
    let mut hash = FNV_OFFSET;
    for record in data.chunks(record_size) {
      self.scratch.clear();
      write_frame(record, &mut self.scratch);
      hash = fnv1a(hash, &self.scratch);
    }
    Ok(hash)
  }
}

/// Same result as [`HexFramer::digest`], allocating a new `Vec` (at its final size) per frame.
pub fn frame_hex_digest_fresh(data: &[u8], record_size: usize) -> Result<u32, FrameError> {
  check(record_size)?;
  let mut hash = FNV_OFFSET;
  for record in data.chunks(record_size) {
    let mut frame = Vec::with_capacity(4 + record.len() * 2);
    write_frame(record, &mut frame);
    hash = fnv1a(hash, &frame);
  }
  Ok(hash)
}

#[cfg(test)]
#[expect(
  clippy::cast_possible_truncation,
  reason = "test inputs keep only the low bits of a counter on purpose"
)]
mod tests {
  use super::*;

  #[test]
  fn record_size_bound_is_inclusive_and_named() {
    assert!(frame_hex_digest_fresh(b"x", MAX_RECORD_SIZE).is_ok());
    assert_eq!(
      FrameError::RecordSize(0).to_string(),
      format!("recordSize must be an integer from 1 to {MAX_RECORD_SIZE}, received 0")
    );
    // The scratch buffer keeps at least one whole frame: a 4-byte length and 2 hex digits a byte.
    let mut framer = HexFramer::new();
    framer.digest(&[7u8; 64], 64).unwrap();
    assert!(framer.capacity() >= 4 + 2 * 64, "{}", framer.capacity());
  }

  #[test]
  fn frames_hex_with_a_length_prefix() {
    let mut out = Vec::new();
    write_frame(&[0x00, 0xab, 0x7f], &mut out);
    assert_eq!(out, b"\x00\x00\x00\x0600ab7f");
  }

  #[test]
  fn reused_and_fresh_agree_and_scratch_keeps_capacity() {
    let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
    let mut framer = HexFramer::new();
    for size in [1, 3, 64, 999, 1000, 5000] {
      assert_eq!(
        framer.digest(&data, size),
        frame_hex_digest_fresh(&data, size),
        "record size {size}"
      );
    }
    let capacity = framer.capacity();
    framer.digest(&data, 64).unwrap();
    assert_eq!(framer.capacity(), capacity);
  }

  #[test]
  fn empty_input_is_the_offset_basis() {
    assert_eq!(HexFramer::new().digest(&[], 8), Ok(FNV_OFFSET));
    assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xe40c_292c);
  }

  #[test]
  fn rejects_bad_record_sizes() {
    assert_eq!(
      HexFramer::new().digest(b"x", 0),
      Err(FrameError::RecordSize(0))
    );
    assert!(frame_hex_digest_fresh(b"x", MAX_RECORD_SIZE + 1).is_err());
  }
}
