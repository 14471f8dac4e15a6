//! Compares the two maintained CRC-32/ISO-HDLC crates on this CPU, in one run:
//! crc32fast (what the library ships) and crc-fast.
//!
//!   cargo run --release -p rust-patterns-core --example crc32_compare
//!
//! Prints, per input size, the median throughput of each over repeated runs and the code path
//! each picked at run time. Results are checked equal before timing.

use std::hint::black_box;
use std::time::Instant;

use crc_fast::CrcAlgorithm;

fn median_gbps(size: usize, mut f: impl FnMut() -> u32) -> f64 {
  let reps = (256 << 20) / size.max(1);
  let mut samples: Vec<f64> = (0..15)
    .map(|_| {
      let start = Instant::now();
      for _ in 0..reps {
        black_box(f());
      }
      (size * reps) as f64 / start.elapsed().as_secs_f64() / 1e9
    })
    .collect();
  samples.sort_by(|a, b| a.total_cmp(b));
  samples[samples.len() / 2]
}

#[expect(
  clippy::cast_possible_truncation,
  reason = "test data keeps the low byte; crc-fast returns a CRC-32 in a u64"
)]
fn main() {
  #[expect(clippy::print_stdout, reason = "this example's output is its result")]
  {
    println!(
      "crc32fast path: {}; crc-fast path: {}",
      rust_patterns_core::checksum::simd_level(),
      crc_fast::get_calculator_target(CrcAlgorithm::Crc32IsoHdlc)
    );
    println!(
      "{:>10} {:>14} {:>14}",
      "bytes", "crc32fast GB/s", "crc-fast GB/s"
    );
    for size in [16usize, 1024, 2048, 65536, 1 << 20, 16 << 20] {
      let data: Vec<u8> = (0..size)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
        .collect();
      let a = rust_patterns_core::checksum::crc32(&data, 0);
      let b = crc_fast::checksum(CrcAlgorithm::Crc32IsoHdlc, &data) as u32;
      assert_eq!(a, b, "the two crates disagree at {size} bytes");
      let fast = median_gbps(size, || {
        rust_patterns_core::checksum::crc32(black_box(&data), 0)
      });
      let other = median_gbps(size, || {
        crc_fast::checksum(CrcAlgorithm::Crc32IsoHdlc, black_box(&data)) as u32
      });
      println!("{size:>10} {fast:>14.2} {other:>14.2}");
    }
  }
}
