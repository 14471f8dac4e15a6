//! A block of memory owned by Rust, released either explicitly or when its owner drops it.

/// An owned, zero-initialised byte block with the operations the ownership benchmark uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
  data: Vec<u8>,
}

impl Block {
  /// Allocates `size` zero bytes.
  pub fn new(size: usize) -> Self {
    Block {
      data: vec![0; size],
    }
  }

  /// Size in bytes.
  pub fn len(&self) -> usize {
    self.data.len()
  }

  /// True for a zero-byte block.
  pub fn is_empty(&self) -> bool {
    self.data.is_empty()
  }

  /// Sets every byte to `byte`.
  pub fn fill(&mut self, byte: u8) {
    self.data.fill(byte);
  }

  /// CRC-32 of the contents (touches every byte, so the memory is really used).
  pub fn checksum(&self) -> u32 {
    crate::checksum::crc32(&self.data, 0)
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn fill_and_checksum() {
    let mut b = Block::new(9);
    assert_eq!(b.len(), 9);
    assert!(!b.is_empty());
    b.fill(b'1');
    assert_eq!(b.checksum(), crate::checksum::crc32(b"111111111", 0));
    assert!(Block::new(0).is_empty());
  }
}
