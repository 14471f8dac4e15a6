//! `records::decode_into` without the boundary, against a memcpy of the same bytes, in one run:
//! what the kernel costs per record, with the stream in L2 (10k records, 240 kB each way) and
//! beyond it (100k records, `zero-copy/records`' largest quick size).
//!
//!   cargo run --release -p rust-patterns-core --example records_decode_alone
//!
//! Each round times both back to back over about 200 MB of calls; the output gives the median
//! throughput (bytes of records per second) and its quartiles over the rounds after five warm-ups.

use std::hint::black_box;
use std::time::Instant;

use rust_patterns_core::records::{self, ColumnsMut, RECORD_SIZE};

#[path = "common/stats.rs"]
mod stats;
use stats::quartiles;

#[expect(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
#[expect(clippy::print_stdout, reason = "this example's output is its result")]
fn main() {
  for n in [10_000usize, 100_000] {
    let bytes: Vec<u8> = (0..n * RECORD_SIZE)
      .map(|i| (i * 7 + i / 24).to_le_bytes()[0])
      .collect();
    let (mut t, mut v, mut id) = (vec![0u64; n], vec![0f64; n], vec![0u32; n]);
    let (mut k, mut f) = (vec![0u16; n], vec![0u16; n]);
    let mut out = vec![0u8; bytes.len()];
    let reps = (200_000_000 / bytes.len()).max(1);
    let (mut decode, mut copy) = (Vec::new(), Vec::new());
    for round in 0..25 {
      let start = Instant::now();
      for _ in 0..reps {
        let columns = ColumnsMut {
          timestamp: &mut t,
          value: &mut v,
          id: &mut id,
          kind: &mut k,
          flags: &mut f,
        };
        black_box(records::decode_into(black_box(&bytes), columns).ok());
      }
      let decode_secs = start.elapsed().as_secs_f64() / reps as f64;
      let start = Instant::now();
      for _ in 0..reps {
        out.copy_from_slice(black_box(&bytes));
        black_box(&mut out);
      }
      let copy_secs = start.elapsed().as_secs_f64() / reps as f64;
      if round >= 5 {
        decode.push(bytes.len() as f64 / decode_secs / 1e9);
        copy.push(bytes.len() as f64 / copy_secs / 1e9);
      }
    }
    for (name, xs) in [("decode_into", &mut decode), ("memcpy", &mut copy)] {
      let (m, lo, hi) = quartiles(xs);
      println!("{n} records: {name} {m:.2} GB/s [{lo:.2}-{hi:.2}]");
    }
  }
}
