//! `limits/bandwidth` (benchmark only): kernels that reach the machine's read and copy
//! bandwidth, so that the rooflines every streaming kernel is reported against are limits.
//!
//! - [`xor_fold32`]: a read-only scan with eight independent vector accumulators (AVX-512 or
//!   AVX2 when the CPU has them, detected at run time; SSE2 otherwise), faster than the project's
//!   multi-accumulator `rust_fast` kernels, which are compiled for the x86-64 baseline.
//! - [`copy_vector`]: a copy loop of vector loads and aligned stores, which never takes glibc's
//!   `rep movsb` path (see `benchmark/cases/limits/bandwidth.ts` for why that matters).
//! - [`copy_stream`]: the same loop with non-temporal stores and a closing `sfence`: the fastest
//!   copy once the destination does not fit in the caches.
//!
//! - [`update_vector`]: an in-place update (each byte read, changed and written back to the same
//!   place), the roofline of in-place kernels: with no destination to fetch before writing it
//!   (a copy's store misses read the line first), it moves fewer bytes than a copy of its size.
//!
//! The library's `copyBytes` (`copy_from_slice`, i.e. glibc memcpy) is the third copy method.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::args;
use crate::bandwidth_kernels::*;

/// The optional `passes` argument: how many times one call repeats its kernel (default 1), so
/// that a call over a small buffer costs far more than the call itself.
/// At most `MAX_PASSES`: the ladder's smallest size needs 64 (1 MiB over 16 KiB), and a bound
/// keeps a hostile count from holding the thread for minutes.
fn passes_arg(env: &Env, passes: Unknown) -> Result<u32> {
  let n = args::optional_u32(env, passes, "passes", 1)?;
  if n == 0 || n > MAX_PASSES {
    return Err(args::range_error(
      env,
      format!("passes must be from 1 to {MAX_PASSES}"),
    ));
  }
  Ok(n)
}

/// The most passes one call may make.
const MAX_PASSES: u32 = 1 << 16;

/// XOR of the little-endian 32-bit words of `data` (the last partial word zero-padded), as an
/// unsigned number: a read-only scan at the CPU's load bandwidth (eight AVX-512 or AVX2
/// accumulators, detected at run time), the read roofline of `limits/bandwidth`. The scan runs
/// `passes` times (default 1) and returns the last pass's result.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, passes?: number")]
pub fn xor_fold32_bytes(env: Env, data: Unknown, passes: Unknown) -> Result<u32> {
  // SAFETY: the slice is used only within this call, and no JS runs while it is held.
  let bytes = unsafe { args::borrow_bytes(&env, &data, "data") }?;
  let passes = passes_arg(&env, passes)?;
  let mut out = 0;
  for _ in 0..passes {
    // `black_box`: every pass must read the bytes again, not reuse the first pass's result.
    out = xor_fold32(std::hint::black_box(bytes));
  }
  Ok(out)
}

/// The width in bits of the vectors `xorFold32Bytes`, `copyVectorBytes` and `copyStreamBytes`
/// use on this CPU: 512 (AVX-512F), 256 (AVX2), 128 (SSE2), or 0 off x86-64.
#[napi(catch_unwind)]
pub fn bandwidth_vector_bits() -> u32 {
  vector_bits()
}

/// The two byte slices of a copy (equal lengths, disjoint, validated before any slice is
/// formed), copied `passes` times by `copy`.
fn copy_args(
  env: &Env,
  (dst, src, passes): (&Unknown, &Unknown, Unknown),
  copy: fn(&mut [u8], &[u8]) -> usize,
) -> Result<f64> {
  let d = args::raw_parts::<u8>(env, dst, "dst")?;
  let s = args::raw_parts::<u8>(env, src, "src")?;
  if d.1 != s.1 {
    return Err(args::range_error(env, length_mismatch(d.1, s.1)));
  }
  args::disjoint(
    env,
    &[
      args::Extent::written(d, "dst"),
      args::Extent::read(s, "src"),
    ],
  )?;
  let passes = passes_arg(env, passes)?;
  if s.1 == 0 {
    return Ok(0.0);
  }
  // SAFETY: V8 validated the range (`len` bytes, alive for this call, no JS runs) and it is
  // disjoint from the source (checked above), so this exclusive slice aliases nothing.
  let target = unsafe { std::slice::from_raw_parts_mut(d.0, d.1) };
  // SAFETY: valid for this call as above; shared, and disjoint from `target`.
  let source = unsafe { std::slice::from_raw_parts(s.0.cast_const(), s.1) };
  let mut copied = 0;
  for _ in 0..passes {
    // `black_box`: every pass must copy again, not be merged with the one before.
    copied = copy(
      std::hint::black_box(&mut *target),
      std::hint::black_box(source),
    );
  }
  // Only on WebAssembly does this copy anything (see `sync_written`).
  args::sync_written(env, dst.raw(), copied)?;
  args::js_count(env, copied)
}

/// Copies `src` into `dst` (same length, not views of one memory range) `passes` times (default
/// 1) with glibc memcpy (`copy_from_slice`); returns the number of bytes copied by one pass.
#[napi(
  catch_unwind,
  ts_args_type = "dst: Uint8Array, src: Uint8Array, passes?: number"
)]
pub fn copy_memcpy_bytes(env: Env, dst: Unknown, src: Unknown, passes: Unknown) -> Result<f64> {
  copy_args(&env, (&dst, &src, passes), copy_memcpy)
}

/// Copies `src` into `dst` (same length, not views of one memory range) `passes` times (default
/// 1) with vector loads and aligned vector stores, never glibc's `rep movsb`; returns the number
/// of bytes copied by one pass.
#[napi(
  catch_unwind,
  ts_args_type = "dst: Uint8Array, src: Uint8Array, passes?: number"
)]
pub fn copy_vector_bytes(env: Env, dst: Unknown, src: Unknown, passes: Unknown) -> Result<f64> {
  copy_args(&env, (&dst, &src, passes), copy_vector)
}

/// Copies `src` into `dst` (same length, not views of one memory range) `passes` times (default
/// 1) with non-temporal stores and an `sfence`: the copy for destinations larger than the
/// caches, slow for small ones. Returns the number of bytes copied by one pass.
#[napi(
  catch_unwind,
  ts_args_type = "dst: Uint8Array, src: Uint8Array, passes?: number"
)]
pub fn copy_stream_bytes(env: Env, dst: Unknown, src: Unknown, passes: Unknown) -> Result<f64> {
  copy_args(&env, (&dst, &src, passes), copy_stream)
}

/// Inverts every byte of `data` in place `passes` times (default 1) with vector loads and
/// stores to the same place (an even count restores it); returns the bytes one pass updates.
/// The update roofline of `limits/bandwidth`.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, passes?: number")]
pub fn update_vector_bytes(env: Env, data: Unknown, passes: Unknown) -> Result<f64> {
  // SAFETY: the slice is used only within this call, no JS runs while it is held, and it is the
  // call's only typed-array argument, so nothing else borrows it.
  let bytes = unsafe { args::borrow_mut::<u8>(&env, &data, "data") }?;
  let passes = passes_arg(&env, passes)?;
  let mut updated = 0;
  for _ in 0..passes {
    // `black_box`: every pass must update again, not be folded with the one before.
    updated = update_vector(std::hint::black_box(&mut *bytes));
  }
  // Only on WebAssembly does this copy anything (see `sync_written`).
  args::sync_written(&env, data.raw(), bytes.len())?;
  args::js_count(&env, updated)
}

#[cfg(test)]
mod tests {
  use super::*;

  /// Bytes that differ in every position of a word, at lengths around every block size.
  fn input(len: usize) -> Vec<u8> {
    (0..len)
      .map(|i| (i.wrapping_mul(131) ^ (i >> 7)).to_le_bytes()[0])
      .collect()
  }

  /// The definition: XOR of zero-padded little-endian u32 words, one at a time.
  fn reference(data: &[u8]) -> u32 {
    fold_tail(0, data)
  }

  const LENGTHS: [usize; 14] = [0, 1, 3, 4, 7, 63, 64, 65, 255, 256, 511, 512, 1000, 4099];

  #[test]
  fn xor_fold_matches_the_definition_at_every_length_and_offset() {
    let data = input(5000);
    for len in LENGTHS {
      for offset in 0..4 {
        let view = &data[offset..offset + len];
        assert_eq!(
          xor_fold32(view),
          reference(view),
          "len {len} offset {offset}"
        );
        assert_eq!(xor_fold32_portable(view), reference(view));
        #[cfg(target_arch = "x86_64")]
        {
          if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: AVX-512F detected on the line above.
            assert_eq!(unsafe { x86::xor_fold32_avx512(view) }, reference(view));
          }
          if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 detected on the line above.
            assert_eq!(unsafe { x86::xor_fold32_avx2(view) }, reference(view));
          }
        }
      }
    }
  }

  #[test]
  fn xor_fold_sees_every_byte() {
    let data = input(4096);
    let base = xor_fold32(&data);
    for at in [0, 1, 63, 64, 255, 511, 4000, 4095] {
      let mut changed = data.clone();
      changed[at] ^= 0x10;
      assert_ne!(xor_fold32(&changed), base, "a change at {at} went unseen");
    }
  }

  type Copy = Box<dyn Fn(&mut [u8], &[u8])>;

  /// Every kernel a copy can take on this CPU, by name.
  fn copies() -> Vec<(&'static str, Copy)> {
    let mut out: Vec<(&'static str, Copy)> = vec![
      (
        "memcpy",
        Box::new(|d, s| assert_eq!(copy_memcpy(d, s), s.len())),
      ),
      (
        "vector",
        Box::new(|d, s| assert_eq!(copy_vector(d, s), s.len())),
      ),
      (
        "stream",
        Box::new(|d, s| assert_eq!(copy_stream(d, s), s.len())),
      ),
    ];
    #[cfg(target_arch = "x86_64")]
    {
      out.push(("sse2", Box::new(|d, s| x86::copy_sse2(d, s, false))));
      out.push(("sse2-stream", Box::new(|d, s| x86::copy_sse2(d, s, true))));
      if std::arch::is_x86_feature_detected!("avx2") {
        for (name, stream) in [("avx2", false), ("avx2-stream", true)] {
          out.push((
            name,
            Box::new(move |d, s| {
              // SAFETY: AVX2 detected above; the test passes equal lengths.
              unsafe { x86::copy_avx2(d, s, stream) }
            }),
          ));
        }
      }
      if std::arch::is_x86_feature_detected!("avx512f") {
        for (name, stream) in [("avx512", false), ("avx512-stream", true)] {
          out.push((
            name,
            Box::new(move |d, s| {
              // SAFETY: AVX-512F detected above; the test passes equal lengths.
              unsafe { x86::copy_avx512(d, s, stream) }
            }),
          ));
        }
      }
    }
    out
  }

  #[test]
  fn copies_are_exact_at_every_length_and_alignment() {
    let src = input(5000);
    for (name, copy) in copies() {
      for len in LENGTHS {
        for (from, to) in [(0, 0), (1, 0), (0, 1), (3, 17), (33, 5)] {
          let mut dst = vec![0xeeu8; len + 80];
          copy(&mut dst[to..to + len], &src[from..from + len]);
          assert_eq!(
            &dst[to..to + len],
            &src[from..from + len],
            "{name} len {len}"
          );
          assert!(
            dst[..to].iter().all(|&b| b == 0xee),
            "{name} wrote before dst"
          );
          assert!(
            dst[to + len..].iter().all(|&b| b == 0xee),
            "{name} wrote past dst"
          );
        }
      }
    }
  }

  #[test]
  fn updates_invert_every_byte_at_every_length_and_offset() {
    let data = input(5000);
    type Update = Box<dyn Fn(&mut [u8])>;
    let mut kernels: Vec<(&str, Update)> = vec![
      (
        "dispatch",
        Box::new(|d| assert_eq!(update_vector(d), d.len())),
      ),
      ("portable", Box::new(update_portable)),
    ];
    #[cfg(target_arch = "x86_64")]
    {
      if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 detected on the line above.
        kernels.push(("avx2", Box::new(|d| unsafe { x86::update_avx2(d) })));
      }
      if std::arch::is_x86_feature_detected!("avx512f") {
        // SAFETY: AVX-512F detected on the line above.
        kernels.push(("avx512", Box::new(|d| unsafe { x86::update_avx512(d) })));
      }
    }
    for (name, update) in &kernels {
      for len in LENGTHS {
        for offset in [0, 1, 3, 17] {
          let mut buf = data.clone();
          update(&mut buf[offset..offset + len]);
          let inverted: Vec<u8> = data[offset..offset + len].iter().map(|b| !b).collect();
          assert_eq!(
            &buf[offset..offset + len],
            &inverted[..],
            "{name} len {len}"
          );
          assert_eq!(
            &buf[..offset],
            &data[..offset],
            "{name} wrote before the view"
          );
          assert_eq!(
            &buf[offset + len..],
            &data[offset + len..],
            "{name} wrote past the view"
          );
        }
      }
    }
  }

  #[test]
  #[should_panic(expected = "same length")]
  fn copy_refuses_different_lengths() {
    copy_vector(&mut [0u8; 3], &[0u8; 4]);
  }
}
