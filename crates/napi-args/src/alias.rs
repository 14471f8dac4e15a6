//! Aliasing checks on raw parts, made before any slice is formed.

use napi::bindgen_prelude::*;

use crate::error::range_error;

/// The bytes one typed-array argument covers, taken from its raw parts before any slice exists.
#[derive(Clone, Copy)]
pub struct Extent<'n> {
  start: usize,
  bytes: usize,
  name: &'n str,
  written: bool,
}

impl<'n> Extent<'n> {
  /// An argument the call only reads.
  #[inline(always)]
  pub fn read<T>((data, len): (*mut T, usize), name: &'n str) -> Self {
    Self::new(
      data as usize,
      len.saturating_mul(std::mem::size_of::<T>()),
      name,
      false,
    )
  }

  /// An argument the call writes through.
  #[inline(always)]
  pub fn written<T>((data, len): (*mut T, usize), name: &'n str) -> Self {
    Self::new(
      data as usize,
      len.saturating_mul(std::mem::size_of::<T>()),
      name,
      true,
    )
  }

  fn new(start: usize, bytes: usize, name: &'n str, written: bool) -> Self {
    Extent {
      start,
      bytes,
      name,
      written,
    }
  }

  /// True when both cover at least one common byte; an empty extent shares nothing.
  fn shares_with(&self, other: &Extent<'_>) -> bool {
    self.bytes != 0
      && other.bytes != 0
      && self.start < other.start.saturating_add(other.bytes)
      && other.start < self.start.saturating_add(self.bytes)
  }
}

/// The names of the first pair (in argument order) that shares memory where the call writes
/// through at least one of the two: such a pair would alias an exclusive borrow.
#[inline]
pub fn first_alias<'n>(extents: &[Extent<'n>]) -> Option<(&'n str, &'n str)> {
  extents.iter().enumerate().find_map(|(i, a)| {
    extents[i + 1..]
      .iter()
      .find(|b| (a.written || b.written) && a.shares_with(b))
      .map(|b| (a.name, b.name))
  })
}

/// Refuses arguments that share memory where one is written (views of one ArrayBuffer), with
/// the RangeError "`a` and `b` must not share memory". Call it on raw parts, before any slice is
/// formed: two overlapping `&mut` are undefined behaviour even if never used.
#[inline(always)]
pub fn disjoint(env: &Env, extents: &[Extent<'_>]) -> Result<()> {
  match first_alias(extents) {
    None => Ok(()),
    Some((a, b)) => Err(alias_error(env, a, b)),
  }
}

#[cold]
#[inline(never)]
fn alias_error(env: &Env, a: &str, b: &str) -> Error {
  range_error(env, format!("{a} and {b} must not share memory"))
}

#[cfg(test)]
mod tests {
  use super::{first_alias, Extent};

  /// Raw parts of `len` elements of `T` at `address` (never dereferenced: extents only compare
  /// addresses).
  fn at<T>(address: usize, len: usize) -> (*mut T, usize) {
    (std::ptr::without_provenance_mut(address), len)
  }

  #[test]
  fn a_written_argument_overlapping_a_read_one_aliases_in_either_order() {
    let out = Extent::written(at::<u8>(0x1000, 16), "out");
    let input = Extent::read(at::<u8>(0x1008, 16), "input");
    assert_eq!(first_alias(&[out, input]), Some(("out", "input")));
    assert_eq!(first_alias(&[input, out]), Some(("input", "out")));
  }

  #[test]
  fn one_common_byte_is_enough_and_adjacent_extents_share_none() {
    let out = Extent::written(at::<u8>(0x1000, 16), "out");
    let last_byte = Extent::read(at::<u8>(0x100f, 1), "last");
    let after = Extent::read(at::<u8>(0x1010, 16), "after");
    let before = Extent::read(at::<u8>(0x0ff0, 16), "before");
    let first_byte = Extent::read(at::<u8>(0x0ff1, 16), "first");
    assert_eq!(first_alias(&[out, last_byte]), Some(("out", "last")));
    assert_eq!(first_alias(&[out, after]), None);
    assert_eq!(first_alias(&[after, out]), None);
    assert_eq!(first_alias(&[out, before]), None);
    assert_eq!(first_alias(&[before, out]), None);
    assert_eq!(first_alias(&[out, first_byte]), Some(("out", "first")));
    assert_eq!(first_alias(&[first_byte, out]), Some(("first", "out")));
  }

  #[test]
  fn extents_count_bytes_not_elements() {
    // 4 u32 cover 16 bytes: a byte at offset 12 is inside, one at 16 is not.
    let words = Extent::written(at::<u32>(0x1000, 4), "words");
    assert_eq!(
      first_alias(&[words, Extent::read(at::<u8>(0x100c, 1), "b")]),
      Some(("words", "b"))
    );
    assert_eq!(
      first_alias(&[words, Extent::read(at::<u8>(0x1010, 1), "b")]),
      None
    );
    let read_words = Extent::read(at::<f64>(0x2000, 2), "doubles");
    assert_eq!(
      first_alias(&[read_words, Extent::written(at::<u8>(0x200f, 1), "b")]),
      Some(("doubles", "b"))
    );
  }

  #[test]
  fn arguments_that_are_only_read_may_share_memory() {
    let a = Extent::read(at::<u8>(0x1000, 16), "a");
    let b = Extent::read(at::<u8>(0x1000, 16), "b");
    assert_eq!(first_alias(&[a, b]), None);
    let both_written = Extent::written(at::<u8>(0x1000, 16), "b");
    assert_eq!(first_alias(&[a, both_written]), Some(("a", "b")));
  }

  #[test]
  fn an_empty_extent_shares_nothing_even_at_the_same_address() {
    let out = Extent::written(at::<u8>(0x1000, 16), "out");
    let empty = Extent::read(at::<u8>(0x1004, 0), "empty");
    assert_eq!(first_alias(&[out, empty]), None);
    assert_eq!(first_alias(&[empty, out]), None);
    let empty_written = Extent::written(at::<u8>(0x1000, 0), "e");
    assert_eq!(first_alias(&[empty_written, empty_written]), None);
  }

  #[test]
  fn an_argument_is_not_compared_with_itself_and_the_first_pair_wins() {
    let out = Extent::written(at::<u8>(0x1000, 16), "out");
    assert_eq!(first_alias(&[out]), None);
    assert_eq!(first_alias(&[]), None);
    let a = Extent::read(at::<u8>(0x3000, 8), "a");
    let b = Extent::written(at::<u8>(0x3004, 8), "b");
    let c = Extent::read(at::<u8>(0x3006, 8), "c");
    assert_eq!(first_alias(&[a, b, c]), Some(("a", "b")));
    assert_eq!(first_alias(&[c, a, b]), Some(("c", "b")));
  }

  #[test]
  fn extents_at_the_top_of_the_address_space_do_not_wrap() {
    let top = Extent::written(at::<u8>(usize::MAX - 7, 8), "top");
    let low = Extent::read(at::<u8>(0, 8), "low");
    assert_eq!(first_alias(&[top, low]), None);
    assert_eq!(first_alias(&[low, top]), None);
  }
}
