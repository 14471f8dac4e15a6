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

/// The widest vector unit the kernels use on this CPU, in bits (512, 256 or 128; 0 on a target
/// without x86 SIMD, where the kernels are plain Rust).
pub fn vector_bits() -> u32 {
  #[cfg(target_arch = "x86_64")]
  {
    if std::arch::is_x86_feature_detected!("avx512f") {
      return 512;
    }
    if std::arch::is_x86_feature_detected!("avx2") {
      return 256;
    }
    128
  }
  #[cfg(not(target_arch = "x86_64"))]
  0
}

/// XOR of the little-endian `u32` words of `data`, the last partial word zero-padded: a result
/// that depends on every byte, computed at the speed the CPU can load them.
pub fn xor_fold32(data: &[u8]) -> u32 {
  #[cfg(target_arch = "x86_64")]
  {
    if std::arch::is_x86_feature_detected!("avx512f") {
      // SAFETY: the CPU has AVX-512F (checked on the line above).
      return unsafe { x86::xor_fold32_avx512(data) };
    }
    if std::arch::is_x86_feature_detected!("avx2") {
      // SAFETY: the CPU has AVX2 (checked on the line above).
      return unsafe { x86::xor_fold32_avx2(data) };
    }
  }
  xor_fold32_portable(data)
}

/// [`xor_fold32`] in plain Rust: eight `u64` accumulators over 64-byte blocks (LLVM turns them
/// into SSE2 on x86-64).
pub fn xor_fold32_portable(data: &[u8]) -> u32 {
  let blocks = data.chunks_exact(64);
  let rest = blocks.remainder();
  let mut acc = [0u64; 8];
  for block in blocks {
    for (a, word) in acc.iter_mut().zip(block.chunks_exact(8)) {
      *a ^= u64::from_le_bytes(word.try_into().expect("chunks of 8 bytes"));
    }
  }
  let wide = acc.iter().fold(0u64, |x, a| x ^ a);
  fold_tail(fold_tail(0, &wide.to_le_bytes()), rest)
}

/// Folds `rest` (fewer bytes than one block) into `acc` as little-endian `u32` words.
fn fold_tail(acc: u32, rest: &[u8]) -> u32 {
  rest.chunks(4).fold(acc, |x, word| {
    let mut padded = [0u8; 4];
    padded[..word.len()].copy_from_slice(word);
    x ^ u32::from_le_bytes(padded)
  })
}

/// Why a copy kernel refused its arguments: the lengths differ.
fn length_mismatch(dst: usize, src: usize) -> String {
  format!("dst has {dst} bytes but src has {src}: they must be the same length")
}

/// Copies `src` into `dst` (equal lengths) with vector loads and stores; returns the bytes copied.
///
/// # Panics
/// When the lengths differ (the binding checks them first).
pub fn copy_vector(dst: &mut [u8], src: &[u8]) -> usize {
  copy_widest(dst, src, false)
}

/// Copies `src` into `dst` (equal lengths) with non-temporal stores, which bypass the caches
/// (and so are slow for a destination that would fit in them); returns the bytes copied.
///
/// # Panics
/// When the lengths differ (the binding checks them first).
pub fn copy_stream(dst: &mut [u8], src: &[u8]) -> usize {
  copy_widest(dst, src, true)
}

/// The copy loop of the widest vectors this CPU has, with streaming stores or not.
fn copy_widest(dst: &mut [u8], src: &[u8], stream: bool) -> usize {
  assert_eq!(
    dst.len(),
    src.len(),
    "{}",
    length_mismatch(dst.len(), src.len())
  );
  #[cfg(target_arch = "x86_64")]
  {
    if std::arch::is_x86_feature_detected!("avx512f") {
      // SAFETY: the CPU has AVX-512F (checked on the line above); lengths are equal.
      unsafe { x86::copy_avx512(dst, src, stream) };
    } else if std::arch::is_x86_feature_detected!("avx2") {
      // SAFETY: the CPU has AVX2 (checked on the line above); lengths are equal.
      unsafe { x86::copy_avx2(dst, src, stream) };
    } else {
      x86::copy_sse2(dst, src, stream);
    }
  }
  #[cfg(not(target_arch = "x86_64"))]
  {
    let _ = stream;
    dst.copy_from_slice(src);
  }
  src.len()
}

#[cfg(target_arch = "x86_64")]
mod x86 {
  //! The x86-64 kernels. Each copy aligns the destination to its vector width with a short
  //! `copy_from_slice` head, moves four vectors per step, and copies the tail the same way.
  use std::arch::x86_64::*;

  use super::fold_tail;

  /// A scan with eight accumulators of one vector width: `$width` bytes per vector.
  macro_rules! xor_fold32 {
    ($name:ident, $feature:literal, $width:literal, $zero:ident, $load:ident, $xor:ident, $store:ident) => {
      /// [`super::xor_fold32`] with eight vector accumulators.
      ///
      /// # Safety
      #[doc = concat!("The CPU must support `", $feature, "`.")]
      #[target_feature(enable = $feature)]
      pub unsafe fn $name(data: &[u8]) -> u32 {
        // A head that aligns the loads to whole cache lines, when it keeps the body on the
        // input's word grid (a multiple of 4 bytes): a Buffer's bytes start 16 bytes into a
        // malloc chunk, and every unaligned 64-byte load then touched two lines.
        let head = data.as_ptr().align_offset(64).min(data.len());
        let head = if head % 4 == 0 { head } else { 0 };
        let (start, body) = data.split_at(head);
        let blocks = body.chunks_exact(8 * $width);
        let rest = blocks.remainder();
        let mut acc = [$zero(); 8];
        for block in blocks {
          for (a, lane) in acc.iter_mut().zip(block.chunks_exact($width)) {
            // SAFETY: `lane` holds one vector's bytes; the load is unaligned.
            let v = unsafe { $load(lane.as_ptr().cast()) };
            *a = $xor(*a, v);
          }
        }
        let all = acc.iter().fold($zero(), |x, a| $xor(x, *a));
        let mut out = [0u8; $width];
        // SAFETY: `out` holds one vector's bytes; the store is unaligned.
        unsafe { $store(out.as_mut_ptr().cast(), all) };
        fold_tail(fold_tail(fold_tail(0, start), &out), rest)
      }
    };
  }

  xor_fold32!(
    xor_fold32_avx512,
    "avx512f",
    64,
    _mm512_setzero_si512,
    _mm512_loadu_si512,
    _mm512_xor_si512,
    _mm512_storeu_si512
  );
  xor_fold32!(
    xor_fold32_avx2,
    "avx2",
    32,
    _mm256_setzero_si256,
    _mm256_loadu_si256,
    _mm256_xor_si256,
    _mm256_storeu_si256
  );

  /// Splits `dst`/`src` (same length) into the head that aligns `dst` to `align` bytes, a body
  /// of whole `step`-byte steps (copied by `body`), and the tail; head and tail go through
  /// `copy_from_slice`.
  #[inline(always)]
  fn aligned_copy(
    dst: &mut [u8],
    src: &[u8],
    align: usize,
    step: usize,
    body: impl FnOnce(&mut [u8], &[u8]),
  ) {
    let len = src.len();
    let head = dst.as_ptr().align_offset(align).min(len);
    let end = head + (len - head) / step * step;
    dst[..head].copy_from_slice(&src[..head]);
    body(&mut dst[head..end], &src[head..end]);
    dst[end..].copy_from_slice(&src[end..]);
  }

  /// A copy of four vectors per step: unaligned loads, aligned (or streaming) stores.
  macro_rules! copy_kernel {
    ($name:ident, $feature:literal, $width:literal, $vector:ty, $load:ident, $store:ident, $stream:ident) => {
      /// [`super::copy_vector`] (`stream` false) or [`super::copy_stream`] (`stream` true).
      ///
      /// # Safety
      #[doc = concat!("The CPU must support `", $feature, "`; `dst` and `src` have the same length.")]
      #[target_feature(enable = $feature)]
      pub unsafe fn $name(dst: &mut [u8], src: &[u8], stream: bool) {
        aligned_copy(dst, src, $width, 4 * $width, |d, s| {
          for (to, from) in d
            .chunks_exact_mut(4 * $width)
            .zip(s.chunks_exact(4 * $width))
          {
            let v: [$vector; 4] = std::array::from_fn(|k| {
              let lane = &from[$width * k..$width * (k + 1)];
              // SAFETY: `lane` holds one vector's bytes; the load is unaligned.
              unsafe { $load(lane.as_ptr().cast()) }
            });
            for (x, lane) in v.into_iter().zip(to.chunks_exact_mut($width)) {
              let at = lane.as_mut_ptr().cast();
              if stream {
                // SAFETY: `lane` holds one vector's bytes and is aligned to them (the head
                // aligned the body's start, and every step is a multiple of the width).
                unsafe { $stream(at, x) };
              } else {
                // SAFETY: as above.
                unsafe { $store(at, x) };
              }
            }
          }
        });
        if stream {
          // Non-temporal stores are weakly ordered: fence them before anyone reads `dst`.
          _mm_sfence();
        }
      }
    };
  }

  copy_kernel!(
    copy_avx512,
    "avx512f",
    64,
    __m512i,
    _mm512_loadu_si512,
    _mm512_store_si512,
    _mm512_stream_si512
  );
  copy_kernel!(
    copy_avx2,
    "avx2",
    32,
    __m256i,
    _mm256_loadu_si256,
    _mm256_store_si256,
    _mm256_stream_si256
  );
  copy_kernel!(
    copy_sse2_unchecked,
    "sse2",
    16,
    __m128i,
    _mm_loadu_si128,
    _mm_store_si128,
    _mm_stream_si128
  );

  /// An in-place inversion of four aligned vectors per step; the head that aligns the data to
  /// the vector width, and the tail, byte by byte. (Unaligned, every 64-byte store of a Buffer
  /// split across two cache lines and the loop ran at half the copy loop's speed in L1.)
  macro_rules! update_kernel {
    ($name:ident, $feature:literal, $width:literal, $ones:expr, $load:ident, $xor:ident, $store:ident) => {
      /// [`super::update_vector`] with vectors of this width.
      ///
      /// # Safety
      #[doc = concat!("The CPU must support `", $feature, "`.")]
      #[target_feature(enable = $feature)]
      pub unsafe fn $name(data: &mut [u8]) {
        let ones = $ones;
        let head = data.as_ptr().align_offset($width).min(data.len());
        let (start, body) = data.split_at_mut(head);
        super::update_portable(start);
        let mut steps = body.chunks_exact_mut(4 * $width);
        for step in &mut steps {
          for lane in step.chunks_exact_mut($width) {
            let at = lane.as_mut_ptr();
            // SAFETY: `lane` holds one vector's bytes, borrowed exclusively, aligned to them (the
            // head aligned the body's start and every step is a multiple of the width); the
            // load completes before the store.
            unsafe { $store(at.cast(), $xor($load(at.cast_const().cast()), ones)) };
          }
        }
        super::update_portable(steps.into_remainder());
      }
    };
  }

  update_kernel!(
    update_avx512,
    "avx512f",
    64,
    _mm512_set1_epi32(-1),
    _mm512_load_si512,
    _mm512_xor_si512,
    _mm512_store_si512
  );
  update_kernel!(
    update_avx2,
    "avx2",
    32,
    _mm256_set1_epi32(-1),
    _mm256_load_si256,
    _mm256_xor_si256,
    _mm256_store_si256
  );

  /// The x86-64 baseline (SSE2) copy: `dst` and `src` have the same length.
  pub fn copy_sse2(dst: &mut [u8], src: &[u8], stream: bool) {
    // SAFETY: SSE2 is part of the x86-64 baseline.
    unsafe { copy_sse2_unchecked(dst, src, stream) }
  }
}

/// Inverts every byte of `data` in place with the widest vectors this CPU has (four per step);
/// returns the bytes updated. Twice restores the input.
pub fn update_vector(data: &mut [u8]) -> usize {
  #[cfg(target_arch = "x86_64")]
  {
    if std::arch::is_x86_feature_detected!("avx512f") {
      // SAFETY: the CPU has AVX-512F (checked on the line above).
      unsafe { x86::update_avx512(data) };
      return data.len();
    }
    if std::arch::is_x86_feature_detected!("avx2") {
      // SAFETY: the CPU has AVX2 (checked on the line above).
      unsafe { x86::update_avx2(data) };
      return data.len();
    }
  }
  update_portable(data);
  data.len()
}

/// [`update_vector`] in plain Rust (LLVM vectorizes it for the target's baseline).
pub fn update_portable(data: &mut [u8]) {
  for b in data {
    *b = !*b;
  }
}

/// Copies `src` into `dst` (equal lengths) with `copy_from_slice` (glibc memcpy); returns the
/// bytes copied.
pub fn copy_memcpy(dst: &mut [u8], src: &[u8]) -> usize {
  dst.copy_from_slice(src);
  src.len()
}

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
