//! CRC-32 (ISO-HDLC, the zlib/PNG/gzip polynomial) over a borrowed slice.
//!
//! crc32fast picks its SIMD path (PCLMULQDQ, or VPCLMULQDQ on stable Rust >= 1.89) at run time,
//! so the prebuilt binary stays portable to CPUs without those instructions.

/// Returns the CRC-32 of `data`, continuing from `initial`.
///
/// `initial` is the CRC of everything that came before, so
/// `crc32(b, crc32(a, 0)) == crc32(a ++ b, 0)`: a stream can be checksummed in pieces.
pub fn crc32(data: &[u8], initial: u32) -> u32 {
  let mut hasher = crc32fast::Hasher::new_with_initial(initial);
  hasher.update(data);
  hasher.finalize()
}

/// Names the crc32 code path this CPU takes for large inputs, for the benchmark's machine info.
///
/// crc32fast does not expose its choice, so this repeats its run-time detection rules
/// (crc32fast 1.5, x86_64: `pclmulqdq` + `sse2` + `sse4.1` + `ssse3` for the 128-bit path, then
/// `vpclmulqdq` with `avx512f` for the 512-bit path or with `avx2` for the 256-bit path, used
/// from 2 KiB on).
pub fn simd_level() -> &'static str {
  #[cfg(target_arch = "x86_64")]
  {
    use std::arch::is_x86_feature_detected as has;
    if has!("pclmulqdq") && has!("sse2") && has!("sse4.1") && has!("ssse3") {
      if has!("vpclmulqdq") && has!("avx512f") {
        return "vpclmulqdq-avx512";
      }
      if has!("vpclmulqdq") && has!("avx2") {
        return "vpclmulqdq-avx2";
      }
      return "pclmulqdq";
    }
  }
  #[cfg(target_arch = "aarch64")]
  {
    if std::arch::is_aarch64_feature_detected!("crc") {
      return "aarch64-crc";
    }
  }
  "scalar"
}

#[cfg(test)]
#[expect(
  clippy::cast_possible_truncation,
  reason = "test inputs keep only the low bits of a counter on purpose"
)]
mod tests {
  use super::*;

  #[test]
  fn simd_level_names_one_of_the_known_paths() {
    let known = [
      "vpclmulqdq-avx512",
      "vpclmulqdq-avx2",
      "pclmulqdq",
      "aarch64-crc",
      "scalar",
    ];
    assert!(known.contains(&simd_level()), "{}", simd_level());
  }

  #[test]
  fn check_value() {
    assert_eq!(crc32(b"123456789", 0), 0xCBF4_3926);
  }

  #[test]
  fn empty_input_returns_initial() {
    assert_eq!(crc32(b"", 0), 0);
    assert_eq!(crc32(b"", 0xDEAD_BEEF), 0xDEAD_BEEF);
  }

  #[test]
  fn continues_across_pieces_at_every_split() {
    let data: Vec<u8> = (0..5000u32).map(|i| (i * 31 + 7) as u8).collect();
    let whole = crc32(&data, 0);
    for split in [0, 1, 7, 63, 64, 2047, 2048, 2049, 4999, 5000] {
      let (a, b) = data.split_at(split);
      assert_eq!(crc32(b, crc32(a, 0)), whole, "split at {split}");
    }
  }

  #[test]
  fn unaligned_slices_match_bitwise_reference() {
    fn bitwise(data: &[u8]) -> u32 {
      let mut crc = !0u32;
      for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
          crc = if crc & 1 == 1 {
            (crc >> 1) ^ 0xEDB8_8320
          } else {
            crc >> 1
          };
        }
      }
      !crc
    }
    let data: Vec<u8> = (0..4200u32)
      .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
      .collect();
    for offset in 0..9 {
      for len in [0, 1, 15, 16, 17, 255, 2047, 2048, 2049, 4096] {
        let slice = &data[offset..offset + len];
        assert_eq!(crc32(slice, 0), bitwise(slice), "offset {offset} len {len}");
      }
    }
  }

  #[test]
  fn simd_path_equals_scalar_path_at_every_length_to_4096_and_around_2k() {
    // crc32fast's hidden constructors force its table-driven baseline or its SIMD path.
    let data: Vec<u8> = (0..8200u32)
      .map(|i| (i.wrapping_mul(0x9E37_79B9) >> 11) as u8)
      .collect();
    let lengths = (0..=4096).chain([2047, 2048, 2049, 4095, 4097, 8191, 8192]);
    for len in lengths {
      let offset = len % 7;
      let slice = &data[offset..offset + len];
      let mut baseline = crc32fast::Hasher::internal_new_baseline(0, 0);
      baseline.update(slice);
      let expected = baseline.finalize();
      assert_eq!(crc32(slice, 0), expected, "len {len}");
      if let Some(mut simd) = crc32fast::Hasher::internal_new_specialized(0, 0) {
        simd.update(slice);
        assert_eq!(simd.finalize(), expected, "simd len {len}");
      }
    }
  }

  #[test]
  fn simd_level_is_named() {
    assert!(!simd_level().is_empty());
  }
}
