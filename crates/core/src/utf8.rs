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

/// The widest UTF-8 validation kernel this CPU can run, named by the instruction sets it needs:
/// "avx512" when it has everything simdutf's AVX-512 kernel uses (the validator inside
/// `buffer.isUtf8` in Node, Bun and Deno: AVX-512 F, DQ, CD, BW, VL, VBMI2 and VPOPCNTDQ, with
/// BMI2), "avx2" (simdutf8's widest, and simdutf's Haswell kernel), "neon" on aarch64, else
/// "scalar". The top-level `isUtf8` in JS routes by it: simdutf8 has no AVX-512 kernel, so on an
/// "avx512" CPU the runtime's built-in is faster at every size.
pub fn utf8_simd_level() -> &'static str {
  #[cfg(target_arch = "x86_64")]
  {
    use std::arch::is_x86_feature_detected as has;
    let avx512 = has!("avx512f")
      && has!("avx512dq")
      && has!("avx512cd")
      && has!("avx512bw")
      && has!("avx512vl")
      && has!("avx512vbmi2")
      && has!("avx512vpopcntdq")
      && has!("bmi2");
    if avx512 {
      "avx512"
    } else if has!("avx2") {
      "avx2"
    } else {
      "scalar"
    }
  }
  #[cfg(target_arch = "aarch64")]
  {
    "neon"
  }
  #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
  {
    "scalar"
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
  fn utf8_simd_level_is_one_of_the_documented_names() {
    assert!(["avx512", "avx2", "neon", "scalar"].contains(&utf8_simd_level()));
  }

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
