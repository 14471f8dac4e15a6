//! Line splitting as a borrowing scan: offsets into the caller's bytes, no strings.
//!
//! Semantics are Rust's `str::lines`, on bytes: lines end at `\n`; a `\r` right before that
//! `\n` is not part of the line; the last line needs no terminator, and a terminator at the very
//! end does not start an empty line. So `""` has no lines, `"\n"` has one empty line,
//! `"a\r\nb"` is `["a", "b"]`, and a lone `\r` (also at the end of input) stays in its line.

/// Why the input cannot be described with 32-bit offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
  /// Input length in bytes.
  pub len: usize,
}

impl std::fmt::Display for TooLong {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    write!(
      f,
      "data is too long for 32-bit line offsets: {} bytes",
      self.len
    )
  }
}

impl std::error::Error for TooLong {}

/// Every offset into `len` bytes, `len` itself included, fits a u32. A function of its own so
/// that the bound is tested at 2^32 - 1 and 2^32 without allocating 4 GiB.
fn offsets_fit(len: usize) -> Result<(), TooLong> {
  if len > u32::MAX as usize {
    return Err(TooLong { len });
  }
  Ok(())
}

/// Start and end (exclusive) offsets of every line, flattened as `[start0, end0, start1, ...]`.
///
/// Uses memchr to find each `\n`, so long lines cost a SIMD scan, not a byte loop.
pub fn line_offsets(bytes: &[u8]) -> Result<Vec<u32>, TooLong> {
  offsets_fit(bytes.len())?;
  #[expect(
    clippy::cast_possible_truncation,
    reason = "every offset is at most bytes.len(), which offsets_fit checked to fit a u32"
  )]
  let offset = |x: usize| x as u32;
  let mut out = Vec::new();
  let mut start = 0usize;
  for nl in memchr::memchr_iter(b'\n', bytes) {
    let end = if nl > start && bytes[nl - 1] == b'\r' {
      nl - 1
    } else {
      nl
    };
    out.push(offset(start));
    out.push(offset(end));
    start = nl + 1;
  }
  if start < bytes.len() {
    out.push(offset(start));
    out.push(offset(bytes.len()));
  }
  Ok(out)
}

#[cfg(test)]
mod tests {
  use super::*;

  fn split(text: &str) -> Vec<&str> {
    let o = line_offsets(text.as_bytes()).unwrap();
    o.chunks(2)
      .map(|p| &text[p[0] as usize..p[1] as usize])
      .collect()
  }

  #[test]
  fn offsets_fit_up_to_u32_max_bytes() {
    assert_eq!(offsets_fit(0), Ok(()));
    assert_eq!(offsets_fit(u32::MAX as usize), Ok(()));
    let len = u32::MAX as usize + 1;
    assert_eq!(offsets_fit(len), Err(TooLong { len }));
    assert_eq!(
      TooLong { len }.to_string(),
      "data is too long for 32-bit line offsets: 4294967296 bytes"
    );
  }

  #[test]
  fn matches_str_lines() {
    for text in [
      "",
      "\n",
      "a",
      "a\n",
      "a\n\nb",
      "a\r\nb\r\n",
      "\r\n",
      "a\rb",
      "a\r",
      "\r",
      "\n\n",
      "x\r\r\n",
    ] {
      assert_eq!(split(text), text.lines().collect::<Vec<_>>(), "{text:?}");
    }
  }
}
