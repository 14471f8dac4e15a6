//! The kernels of `limits/bandwidth` (benchmark only), without Node-API: the lab binding
//! (`bandwidth.rs`) exposes them to JS, and the pure-Rust suite
//! (`crates/core/benches/rust_suite.rs`, which includes this file by path) times the read scan
//! in its own process, so that the `rust` forms it times are held to a read roofline measured
//! under the same conditions. See `bandwidth.rs` for what each kernel is for.

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
pub(crate) fn fold_tail(acc: u32, rest: &[u8]) -> u32 {
  rest.chunks(4).fold(acc, |x, word| {
    let mut padded = [0u8; 4];
    padded[..word.len()].copy_from_slice(word);
    x ^ u32::from_le_bytes(padded)
  })
}

/// Why a copy kernel refused its arguments: the lengths differ.
pub(crate) fn length_mismatch(dst: usize, src: usize) -> String {
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
pub(crate) mod x86 {
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
