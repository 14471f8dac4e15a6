//! UTF-8 validation of a borrowed slice with simdutf8 (SIMD, no allocation, no decoding).

/// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates, code points above
/// U+10FFFF, or truncated sequences), the same rule as `std::str::from_utf8`.
pub fn is_utf8(bytes: &[u8]) -> bool {
  simdutf8::basic::from_utf8(bytes).is_ok()
}

/// The length of the longest valid UTF-8 prefix of `bytes` (`bytes.len()` when all of it is
/// valid). Slower than [`is_utf8`] on invalid input, which it locates exactly.
pub fn valid_up_to(bytes: &[u8]) -> usize {
  match simdutf8::compat::from_utf8(bytes) {
    Ok(_) => bytes.len(),
    Err(e) => e.valid_up_to(),
  }
}

#[cfg(test)]
#[expect(
  clippy::cast_possible_truncation,
  reason = "test inputs keep only the low bits of a counter on purpose"
)]
mod tests {
  use super::*;

  #[test]
  fn accepts_valid_and_rejects_crafted_invalid() {
    for ok in [
      &b""[..],
      b"abc",
      "h\u{e9}llo \u{1F600}".as_bytes(),
      b"\xef\xbf\xbd",
    ] {
      assert!(is_utf8(ok));
      assert_eq!(valid_up_to(ok), ok.len());
    }
    for (bad, at) in [
      (&b"\xc0\x80"[..], 0),
      (b"a\xe0\x80\x80", 1),
      (b"\xed\xa0\x80", 0),
      (b"\xf4\x90\x80\x80", 0),
      (b"ab\xe2\x82", 2),
      (b"\x80", 0),
      (b"\xff", 0),
    ] {
      assert!(!is_utf8(bad), "{bad:?}");
      assert_eq!(valid_up_to(bad), at, "{bad:?}");
    }
  }

  #[test]
  fn agrees_with_std_on_pseudo_random_bytes() {
    let mut x = 0x9e37_79b9u32;
    for len in 0..300 {
      let bytes: Vec<u8> = (0..len)
        .map(|_| {
          x ^= x << 13;
          x ^= x >> 17;
          x ^= x << 5;
          if x & 3 == 0 {
            (x >> 8) as u8
          } else {
            (x >> 8) as u8 & 0x7f
          }
        })
        .collect();
      assert_eq!(is_utf8(&bytes), std::str::from_utf8(&bytes).is_ok());
    }
  }
}
