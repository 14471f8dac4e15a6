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
/// On x86-64 one pass over 64-byte blocks: SSE2 compares make a newline mask and a `\r` mask per
/// block, and every newline writes its pair (the end of its line and the start of the next)
/// without a branch per line; elsewhere memchr finds each `\n`.
pub fn line_offsets(bytes: &[u8]) -> Result<Vec<u32>, TooLong> {
  offsets_fit(bytes.len())?;
  // SAFETY: `scan_blocks` needs SSE2 only, which every x86-64 CPU has (it is part of the
  // architecture's baseline).
  #[cfg(target_arch = "x86_64")]
  let offsets = unsafe { scan_blocks(bytes) };
  #[cfg(not(target_arch = "x86_64"))]
  let offsets = scan_memchr(bytes);
  Ok(offsets)
}

/// `x` as a u32 offset; the caller checked `x <= bytes.len()` and `offsets_fit`.
#[expect(
  clippy::cast_possible_truncation,
  reason = "every offset is at most bytes.len(), which offsets_fit checked to fit a u32"
)]
fn offset(x: usize) -> u32 {
  x as u32
}

/// The portable scan: memchr's iterator, one search per newline. Kept on x86-64 for the tests,
/// which hold the block scan to it.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn scan_memchr(bytes: &[u8]) -> Vec<u32> {
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
  out
}

/// Bit `i` set where `block[i] == byte`: four SSE2 compares and byte masks (SSE2 is part of
/// x86-64, so no feature check).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn byte_mask(block: &[u8; 64], byte: u8) -> u64 {
  use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
  #[expect(
    clippy::cast_possible_wrap,
    reason = "the byte's bit pattern is what the compare needs"
  )]
  let needle = _mm_set1_epi8(byte as i8);
  let mut mask = 0u64;
  for (k, lane) in block.chunks_exact(16).enumerate() {
    // SAFETY: `lane` is a 16-byte slice of `block`, so the pointer is valid for the 16-byte read,
    // and `loadu` has no alignment requirement.
    let v = unsafe { _mm_loadu_si128(lane.as_ptr().cast()) };
    #[expect(
      clippy::cast_sign_loss,
      reason = "movemask sets only the low 16 bits: the 16 lanes' top bits"
    )]
    let bits = _mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)) as u64;
    mask |= bits << (16 * k);
  }
  mask
}

/// Newlines a block writes without a branch; more (under 1% of 64-byte blocks at the case's
/// 53-byte lines) take a loop.
#[cfg(target_arch = "x86_64")]
const UNROLLED: usize = 4;

/// The block scan. The output starts as `[0]`, the first line's start; each newline at `p`
/// appends `p` (less one when a `\r` precedes it) and `p + 1`, its line's end and the next line's
/// start. The last start is dropped when it is the end of the input (a final `\n` starts no
/// line) and otherwise closed by the input's length.
///
/// Per block, the first `UNROLLED` newlines are written into the Vec's spare capacity
/// unconditionally (past the last newline the writes are junk that the length then excludes), so
/// the number of newlines in a block, which varies at random with line length, costs no
/// mispredicted branch.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn scan_blocks(bytes: &[u8]) -> Vec<u32> {
  // One pair per 64 bytes to start with; denser input grows it.
  let mut out: Vec<u32> = Vec::with_capacity(bytes.len() / 32 + 2 * UNROLLED + 2);
  out.push(0);
  // Whether the byte before the block is `\r`.
  let mut cr_before = 0u64;
  let (blocks, rest) = bytes.as_chunks::<64>();
  for (i, block) in blocks.iter().enumerate() {
    let newlines = byte_mask(block, b'\n');
    let crs = byte_mask(block, b'\r');
    let crlf = newlines & ((crs << 1) | cr_before);
    cr_before = crs >> 63;
    let base = offset(i * 64);
    let pair = |bit: u32| {
      let p = base + bit;
      // A `crlf` bit at `bit` means a `\r` at `p - 1`, so `p >= 1`. Past the block's last
      // newline `bit` is 0 and the pair is junk that the length excludes, hence wrapping.
      [p.wrapping_sub(((crlf >> bit) & 1) as u32), p + 1]
    };
    out.reserve(2 * UNROLLED);
    let len = out.len();
    let spare = &mut out.spare_capacity_mut()[..2 * UNROLLED];
    let mut rest_bits = newlines;
    for slot in spare.chunks_exact_mut(2) {
      let [end, next] = pair(rest_bits.trailing_zeros() & 63);
      slot[0].write(end);
      slot[1].write(next);
      rest_bits &= rest_bits.wrapping_sub(1);
    }
    let written = (newlines.count_ones() as usize).min(UNROLLED);
    // SAFETY: `reserve` made room for `2 * UNROLLED` more, the loop above initialized all of
    // them, and `len + 2 * written <= len + 2 * UNROLLED`.
    unsafe { out.set_len(len + 2 * written) };
    while rest_bits != 0 {
      out.extend_from_slice(&pair(rest_bits.trailing_zeros()));
      rest_bits &= rest_bits - 1;
    }
  }
  let base = blocks.len() * 64;
  let mut after_cr = cr_before != 0;
  for (i, &b) in rest.iter().enumerate() {
    if b == b'\n' {
      let p = offset(base + i);
      out.extend_from_slice(&[p - u32::from(after_cr), p + 1]);
    }
    after_cr = b == b'\r';
  }
  if out
    .last()
    .is_some_and(|&start| start as usize == bytes.len())
  {
    out.pop();
  } else {
    out.push(offset(bytes.len()));
  }
  out
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

  /// The block scan against the memchr scan on inputs made for its edges: every length across
  /// block boundaries, `\r\n` split by a block boundary, blocks with more newlines than
  /// `UNROLLED`, lone `\r`, and a final byte of each kind.
  #[cfg(target_arch = "x86_64")]
  #[test]
  fn block_scan_matches_memchr_scan() {
    let mut x = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      x
    };
    let alphabets: [&[u8]; 4] = [b"\n", b"a\n", b"ab\r\n", b"abcdefgh\r\r\n"];
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for len in 0..=260 {
      for alphabet in alphabets {
        let pick = |r: u64| alphabet[usize::try_from(r % alphabet.len() as u64).unwrap()];
        inputs.push((0..len).map(|_| pick(next())).collect());
      }
    }
    for at in [62, 63, 64, 127, 128] {
      let mut v = vec![b'a'; 200];
      v[at] = b'\r';
      v[at + 1] = b'\n';
      inputs.push(v);
    }
    for input in &inputs {
      // SAFETY: SSE2 is part of the x86-64 baseline.
      let blocks = unsafe { scan_blocks(input) };
      assert_eq!(
        blocks,
        scan_memchr(input),
        "{:?}",
        String::from_utf8_lossy(input)
      );
    }
  }
}
