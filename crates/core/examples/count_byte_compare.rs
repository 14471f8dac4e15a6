//! Compares two vectorised byte counts on this CPU, in one run: memchr's `memchr_iter(..).count()`
//! (countByte's kernel before) and the `bytecount` crate (its kernel on x86 now).
//!
//!   cargo run --release -p rust-patterns-core --example count_byte_compare
//!
//! The data is `zero-copy/boundary-in`'s: pseudo-random bytes, counting the value 7 (one in 256).
//! Each round times both kernels back to back over 256 MiB of calls; the output gives the median
//! and quartiles of each kernel's throughput and of the per-round time ratio memchr / bytecount.
//! x86 only: the crate depends on bytecount there alone; elsewhere the example prints so.

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[path = "common/stats.rs"]
mod stats;

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
fn main() {
  x86::run();
}

#[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
#[expect(clippy::print_stdout, reason = "this example's output is its result")]
fn main() {
  println!("count_byte_compare: x86 only (countByte counts with memchr elsewhere)");
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86 {
  use std::hint::black_box;
  use std::time::Instant;

  use crate::stats::quartiles;

  type Kernel = fn(&[u8], u8) -> usize;

  fn with_memchr(data: &[u8], byte: u8) -> usize {
    memchr::memchr_iter(byte, data).count()
  }

  fn with_bytecount(data: &[u8], byte: u8) -> usize {
    bytecount::count(data, byte)
  }

  fn random_bytes(size: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..size)
      .map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x.to_le_bytes()[0]
      })
      .collect()
  }

  #[expect(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
  #[expect(clippy::print_stdout, reason = "this example's output is its result")]
  pub fn run() {
    const ROUNDS: usize = 15;
    let kernels: [(&str, Kernel); 2] = [("memchr", with_memchr), ("bytecount", with_bytecount)];
    for size in [1usize << 20, 16 << 20] {
      let data = random_bytes(size);
      assert_eq!(with_memchr(&data, 7), with_bytecount(&data, 7));
      let reps = (256 << 20) / size;
      let mut gbps = [Vec::new(), Vec::new()];
      let mut ratio = Vec::new();
      for _ in 0..ROUNDS {
        let mut secs = [0.0; 2];
        for (k, (_, kernel)) in kernels.iter().enumerate() {
          let start = Instant::now();
          let mut total = 0;
          for _ in 0..reps {
            total += kernel(black_box(&data), black_box(7));
          }
          black_box(total);
          secs[k] = start.elapsed().as_secs_f64() / reps as f64;
          gbps[k].push(size as f64 / secs[k] / 1e9);
        }
        ratio.push(secs[0] / secs[1]);
      }
      let mut line = format!("{size} B:");
      for (k, (name, _)) in kernels.iter().enumerate() {
        let (m, lo, hi) = quartiles(&mut gbps[k]);
        line += &format!(" {name} {m:.1} GB/s [{lo:.1}-{hi:.1}],");
      }
      let (m, lo, hi) = quartiles(&mut ratio);
      println!("{line} time memchr/bytecount {m:.2} [{lo:.2}-{hi:.2}]");
    }
  }
}
