//! A block of memory owned by Rust, released either explicitly or when its owner drops it.

use std::alloc::{self, Layout};
use std::fmt;

/// The allocator could not provide a block of the requested size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocError {
  /// The size asked for, in bytes.
  pub size: usize,
}

impl fmt::Display for AllocError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "cannot allocate a block of {} bytes", self.size)
  }
}

impl std::error::Error for AllocError {}

/// An owned, zero-initialised byte block with the operations the ownership benchmark uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
  data: Vec<u8>,
}

impl Block {
  /// Allocates `size` zero bytes, or reports that the allocator could not. The size is chosen
  /// by a caller, and `vec![0; size]` would abort the process on failure (no unwinding, so
  /// nothing could turn it into an error).
  ///
  /// Allocates zeroed memory the way `vec![0; size]` does (`calloc`: large blocks arrive as
  /// fresh zero pages, touched only when used) rather than `try_reserve_exact` plus `resize`,
  /// which would write every byte up front and make a large block cost its size in memory
  /// bandwidth before it is used.
  pub fn try_new(size: usize) -> Result<Self, AllocError> {
    let error = AllocError { size };
    if size == 0 {
      return Ok(Block { data: Vec::new() });
    }
    let layout = Layout::array::<u8>(size).map_err(|_| error)?;
    // SAFETY: `layout` has a non-zero size (checked above), as `alloc_zeroed` requires.
    let ptr = unsafe { alloc::alloc_zeroed(layout) };
    if ptr.is_null() {
      return Err(error);
    }
    // SAFETY: `ptr` was just allocated by the global allocator with `layout`, that is `size`
    // bytes at alignment 1 (u8's), and all of them are initialised (zeroed): exactly what a
    // Vec<u8> of capacity and length `size` owns, and the Vec frees it with the same layout.
    let data = unsafe { Vec::from_raw_parts(ptr, size, size) };
    Ok(Block { data })
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
    let mut b = Block::try_new(9).expect("a small block");
    assert_eq!(b.len(), 9);
    assert!(!b.is_empty());
    b.fill(b'1');
    assert_eq!(b.checksum(), crate::checksum::crc32(b"111111111", 0));
    assert!(Block::try_new(0).expect("an empty block").is_empty());
  }

  #[test]
  fn try_new_is_zeroed_and_usable() {
    for size in [0, 1, 4095, 1 << 20] {
      let mut b = Block::try_new(size).expect("a small block");
      assert_eq!(b.len(), size);
      assert_eq!(b.checksum(), crate::checksum::crc32(&vec![0; size], 0));
      b.fill(9);
      assert_eq!(b.checksum(), crate::checksum::crc32(&vec![9; size], 0));
    }
  }

  #[test]
  fn try_new_reports_an_impossible_size_instead_of_aborting() {
    // More than `isize::MAX` bytes: `Layout` refuses it (`vec![0; size]` would panic).
    assert_eq!(
      Block::try_new(usize::MAX),
      Err(AllocError { size: usize::MAX })
    );
    // The allocator's null return is covered by __test__/release.spec.ts (a child process under
    // prlimit): asking the allocator for an absurd size here would abort under AddressSanitizer,
    // which reports such requests instead of returning null.
    assert_eq!(
      AllocError { size: 7 }.to_string(),
      "cannot allocate a block of 7 bytes"
    );
  }
}
