//! The two reference kernels for crossing the Node-API boundary without copies.
//!
//! - "Borrow in": [`count_byte`] reads the caller's bytes in place.
//! - "Move out": [`xor_into_new`] returns an owned `Vec<u8>` that the binding hands to JS as an
//!   external Buffer, so the bytes are never copied on the way out.

use std::fmt;

/// Counts the occurrences of `byte` in `data` (memchr's vectorised count).
pub fn count_byte(data: &[u8], byte: u8) -> usize {
  memchr::memchr_iter(byte, data).count()
}

/// Why [`xor_into_new`] refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XorError {
  /// A cyclic key of length zero has no bytes to cycle through.
  EmptyKey,
}

impl fmt::Display for XorError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      XorError::EmptyKey => f.write_str("key must not be empty"),
    }
  }
}

impl std::error::Error for XorError {}

/// Returns a new buffer with `data[i] ^ key[i % key.len()]`.
///
/// The result is allocated once at its final size (`Vec::with_capacity`) and moved to the
/// caller.
pub fn xor_into_new(data: &[u8], key: &[u8]) -> Result<Vec<u8>, XorError> {
  if key.is_empty() {
    return Err(XorError::EmptyKey);
  }
  let mut out = Vec::with_capacity(data.len());
  if key.len() == 1 {
    let k = key[0];
    out.extend(data.iter().map(|&b| b ^ k));
  } else {
    out.extend(data.iter().zip(key.iter().cycle()).map(|(&b, &k)| b ^ k));
  }
  Ok(out)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn counts_bytes() {
    assert_eq!(count_byte(b"", b'a'), 0);
    assert_eq!(count_byte(b"banana", b'a'), 3);
    assert_eq!(count_byte(b"banana", b'z'), 0);
    let big = vec![7u8; 100_001];
    assert_eq!(count_byte(&big, 7), 100_001);
    assert_eq!(count_byte(&big[1..], 7), 100_000);
  }

  #[test]
  fn xor_cycles_the_key_and_round_trips() {
    let data = b"hello, world";
    let key = b"\x01\x02\x03";
    let once = xor_into_new(data, key).unwrap();
    assert_eq!(once[0], b'h' ^ 1);
    assert_eq!(once[1], b'e' ^ 2);
    assert_eq!(once[3], b'l' ^ 1);
    assert_eq!(xor_into_new(&once, key).unwrap(), data.to_vec());
  }

  #[test]
  fn xor_single_byte_key_and_empty_data() {
    assert_eq!(xor_into_new(b"", b"k").unwrap(), Vec::<u8>::new());
    assert_eq!(
      xor_into_new(b"\x00\xff", b"\x0f").unwrap(),
      vec![0x0f, 0xf0]
    );
  }

  #[test]
  fn xor_rejects_empty_key() {
    assert_eq!(xor_into_new(b"abc", b""), Err(XorError::EmptyKey));
    assert_eq!(XorError::EmptyKey.to_string(), "key must not be empty");
  }
}
