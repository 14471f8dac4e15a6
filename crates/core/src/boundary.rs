//! The two reference kernels for crossing the Node-API boundary without copies.
//!
//! - "Borrow in": [`count_byte`] reads the caller's bytes in place.
//! - "Move out": [`xor_into_new`] returns an owned `Vec<u8>` that the binding hands to JS as an
//!   external Buffer, so the bytes are never copied on the way out.

use std::fmt;

/// `Number.MAX_SAFE_INTEGER`: the largest integer below which every integer is an exact f64.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A count or length as the JS number that holds it exactly, or `None` above
/// `Number.MAX_SAFE_INTEGER`. Use it for every count returned to JS instead of `as u32`, which
/// wraps silently from 4 GiB on (Node 22 allows buffers that large); no real buffer reaches
/// 2^53 bytes (8 PiB), so `None` only guards against a wrong result.
pub fn js_count(n: usize) -> Option<f64> {
  let n = u64::try_from(n).ok().filter(|&n| n <= MAX_SAFE_INTEGER)?;
  // Exact: every integer up to 2^53 is representable as an f64.
  Some(n as f64)
}

/// Inputs shorter than this are counted by a plain loop: memchr's count dispatches to its AVX2
/// routine, whose set-up cost a tenth of a 16-byte `countByte` call (`perf record` on
/// `scripts/floor.mjs floor`), and the compiler vectorises the loop with SSE2 anyway.
const SHORT: usize = 64;

/// Counts the occurrences of `byte` in `data`: a loop when short, else a vectorised count.
///
/// On x86 the `bytecount` crate (AVX2 chosen at run time, else SSE2) counts with byte-wide
/// accumulators that it widens once per 255 blocks; memchr's count turns each block's compare into
/// a mask and a bit count. Random bytes, one value in 256 (`zero-copy/boundary-in`'s data): 2.1x
/// memchr's speed at 1 MiB (36-44 against 16-17 GB/s, per-round time ratio 2.14 [2.01-2.94] and
/// 2.16 [1.80-2.64]) and 1.24-1.56x at 16 MiB (13-18 against 9-14 GB/s), two runs of 15
/// interleaved rounds, Intel Xeon with AVX-512, 2026-12-06 (`cargo run --release -p
/// rust-patterns-core --example count_byte_compare`). Elsewhere bytecount without its nightly
/// `generic-simd` feature is a scalar loop, and memchr has a NEON (and wasm simd128) count.
pub fn count_byte(data: &[u8], byte: u8) -> usize {
  if data.len() < SHORT {
    return count_short(data, byte);
  }
  count_long(data, byte)
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[inline]
fn count_long(data: &[u8], byte: u8) -> usize {
  bytecount::count(data, byte)
}

#[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
#[inline]
fn count_long(data: &[u8], byte: u8) -> usize {
  memchr::memchr_iter(byte, data).count()
}

/// [`count_byte`] below [`SHORT`] bytes, 16 at a time: the compiler turns a block's compare into
/// one SSE2 compare and a bit count of its mask. The plain `filter().count()` loop widened every
/// match to a 64-bit lane, four bytes a step: at 16 B it was a tenth of the binding's `countByte`
/// call (`perf record` on `scripts/floor.mjs floor`). (Sixteen one-byte counters kept across
/// blocks were scalarised into sixteen registers and spills.)
#[inline]
fn count_short(data: &[u8], byte: u8) -> usize {
  let mut blocks = data.chunks_exact(16);
  let mut count = 0;
  for block in &mut blocks {
    // At most 16 matches: a u8 cannot overflow.
    let matches = block.iter().fold(0u8, |n, &b| n + u8::from(b == byte));
    count += usize::from(matches);
  }
  count + blocks.remainder().iter().filter(|&&b| b == byte).count()
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

/// Key bytes XORed per step of [`xor_into_new`]: two AVX2 or four SSE2 registers.
const XOR_BLOCK: usize = 64;

/// Returns a new buffer with `data[i] ^ key[i % key.len()]`, at memory speed.
///
/// The key is laid out once as `key` repeated past [`XOR_BLOCK`] bytes, and each 64-byte block of
/// `data` is XORed with the 64 key bytes starting at the block's phase in the key: a fixed-length
/// loop the compiler turns into vector XORs, where `zip(key.iter().cycle())` runs a byte at a time
/// with a wrap-around branch, slower than the copy the `zero-copy/boundary-out` case exists to
/// expose (the Rust suite's forms of that case measured both). The result is allocated once at
/// its final size and moved to the caller.
pub fn xor_into_new(data: &[u8], key: &[u8]) -> Result<Vec<u8>, XorError> {
  if key.is_empty() {
    return Err(XorError::EmptyKey);
  }
  // `wide[p..p + XOR_BLOCK]` is the key stream from phase `p`, for every `p < key.len()`.
  let wide: Vec<u8> = key
    .iter()
    .cycle()
    .take(XOR_BLOCK + key.len())
    .copied()
    .collect();
  let mut out = Vec::with_capacity(data.len());
  let (blocks, tail) = data.as_chunks::<XOR_BLOCK>();
  let mut phase = 0;
  for block in blocks {
    let k = &wide[phase..phase + XOR_BLOCK];
    out.extend(block.iter().zip(k).map(|(&b, &k)| b ^ k));
    phase = (phase + XOR_BLOCK) % key.len();
  }
  // The tail is shorter than a block, and `wide` holds a block's worth from any phase.
  out.extend(tail.iter().zip(&wide[phase..]).map(|(&b, &k)| b ^ k));
  Ok(out)
}

#[cfg(test)]
#[expect(
  clippy::cast_possible_truncation,
  reason = "test inputs keep only the low bits on purpose; the 4 GiB cases assume a 64-bit usize"
)]
mod tests {
  use super::*;

  #[test]
  fn js_count_is_exact_past_4_gib_and_refuses_what_f64_cannot_hold() {
    let four_gib = 1usize << 32;
    assert_eq!(js_count(0), Some(0.0));
    assert_eq!(js_count(u32::MAX as usize), Some(4294967295.0));
    // `as u32` gave 0 and 1 here.
    assert_eq!(js_count(four_gib), Some(4294967296.0));
    assert_eq!(js_count(four_gib + 1), Some(4294967297.0));
    assert_eq!(js_count(5 * four_gib + 7), Some(21474836487.0));
    let max = MAX_SAFE_INTEGER as usize;
    assert_eq!(js_count(max), Some(9007199254740991.0));
    assert_eq!(js_count(max).map(|f| f as u64), Some(MAX_SAFE_INTEGER));
    // 2^53 + 1 would round to 2^53 as an f64.
    assert_eq!(js_count(max + 1), None);
    assert_eq!(js_count(max + 2), None);
    assert_eq!(js_count(usize::MAX), None);
  }

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
  fn count_byte_agrees_on_both_sides_of_the_short_loop() {
    let data: Vec<u8> = (0..200u32).map(|i| (i * 7 % 5) as u8).collect();
    for start in 0..4 {
      for len in 0..(2 * SHORT).min(data.len() - start) {
        let slice = &data[start..start + len];
        for byte in 0..6 {
          let want = slice.iter().filter(|&&b| b == byte).count();
          assert_eq!(
            count_byte(slice, byte),
            want,
            "start {start} len {len} byte {byte}"
          );
          assert_eq!(memchr::memchr_iter(byte, slice).count(), want);
        }
      }
    }
    // Every byte a match: each one-byte lane of the short count holds its most.
    for len in 0..=SHORT {
      assert_eq!(count_byte(&vec![9u8; len], 9), len, "len {len}");
    }
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

  /// The definition, a byte at a time: what the blocked kernel must equal.
  fn xor_reference(data: &[u8], key: &[u8]) -> Vec<u8> {
    data
      .iter()
      .zip(key.iter().cycle())
      .map(|(&b, &k)| b ^ k)
      .collect()
  }

  #[test]
  fn xor_agrees_with_the_byte_at_a_time_definition() {
    let data: Vec<u8> = (0..1000u32).map(|i| (i * 131 + 7) as u8).collect();
    for key_len in [1, 2, 3, 5, 63, 64, 65, 200, 2000] {
      let key: Vec<u8> = (0..key_len).map(|i| (i * 17 + 1) as u8).collect();
      for start in [0, 1, 3] {
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 997] {
          let view = &data[start..start + len];
          assert_eq!(
            xor_into_new(view, &key).unwrap(),
            xor_reference(view, &key),
            "key {key_len}, data {start}..+{len}"
          );
        }
      }
    }
  }
}
