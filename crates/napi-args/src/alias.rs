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
  pub fn read<T>((data, len): (*mut T, usize), name: &'n str) -> Self {
    Self::new(
      data as usize,
      len.saturating_mul(std::mem::size_of::<T>()),
      name,
      false,
    )
  }

  /// An argument the call writes through.
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
pub fn disjoint(env: &Env, extents: &[Extent<'_>]) -> Result<()> {
  match first_alias(extents) {
    Some((a, b)) => Err(range_error(
      env,
      format!("{a} and {b} must not share memory"),
    )),
    None => Ok(()),
  }
}
