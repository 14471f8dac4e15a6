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
/// (x86_64: `pclmulqdq` + `sse4.1`, with `vpclmulqdq` + `avx512f` + `avx512vl` for the wide path
/// on new enough compilers).
pub fn simd_level() -> &'static str {
  #[cfg(target_arch = "x86_64")]
  {
    if std::arch::is_x86_feature_detected!("vpclmulqdq")
      && std::arch::is_x86_feature_detected!("avx512f")
      && std::arch::is_x86_feature_detected!("avx512vl")
    {
      return "vpclmulqdq-avx512";
    }
    if std::arch::is_x86_feature_detected!("pclmulqdq")
      && std::arch::is_x86_feature_detected!("sse4.1")
    {
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
mod tests {
  use super::*;

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
  fn simd_level_is_named() {
    assert!(!simd_level().is_empty());
  }
}
