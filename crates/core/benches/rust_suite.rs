//! The pure-Rust suite: every kernel behind a `native` benchmark form, timed without Node-API.
//!
//! It runs on the inputs the JS cases build: `benchmark/engine/rust-suite.ts` calls each case's
//! own setup and writes, per case and size, the kernel's input arrays (`<name>.bin`, raw
//! little-endian), its size parameters (`params.txt`, `name value` lines) and the result of the
//! case's `native` form (`expected.bin`) under
//! `$RUST_SUITE_INPUTS/<category>/<name>/<size>/`. Each form here is run once on a fresh copy of
//! the inputs and compared with `expected.bin`; only a form that agrees is timed. Every check is
//! logged to `$RUST_SUITE_INPUTS/checks.txt` (`ok <case> <size> <form>` or `mismatch ... <why>`),
//! which the TS side reads before it merges criterion's raw samples into the records.
//!
//! Forms: `rust` is the same kernel the binding calls (parity: same result, bit for bit);
//! `rust_fast` is an idiomatic faster version where the parity one carries a handicap (a
//! left-to-right float sum, a byte-at-a-time cyclic XOR). Constants that are not size
//! parameters (the XOR key, strides, `dt`) are the case files' own, named at each use.
//!
//! Run it through `npm run bench` (or `--only <case>`); `cargo bench` alone has no inputs and
//! says so.

use std::fs::{self, File, OpenOptions};
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode};
use rust_patterns_core::accumulate::reassociation_tolerance;
use rust_patterns_core::records::{self, Columns, ColumnsMut};
use rust_patterns_core::{
  access_order, boundary, buffer_reuse, checksum, concurrency, hot_cold, in_place, layout, lines,
  native_offload, object_pool, preallocation, release, string_building, typed_vs_array, utf8,
};

/// One case at one size: its input directory, the criterion group and the check log.
struct Point<'a, 'c> {
  case: &'static str,
  size: u64,
  dir: PathBuf,
  group: &'a mut BenchmarkGroup<'c, WallTime>,
  log: &'a mut File,
}

impl Point<'_, '_> {
  fn bytes(&self, name: &str) -> Vec<u8> {
    let file = self.dir.join(format!("{name}.bin"));
    fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
  }

  fn words<const N: usize, T>(&self, name: &str, from: fn([u8; N]) -> T) -> Vec<T> {
    let bytes = self.bytes(name);
    let (words, rest) = bytes.as_chunks::<N>();
    assert!(
      rest.is_empty(),
      "{name}.bin is not a whole number of {N}-byte words"
    );
    words.iter().map(|&w| from(w)).collect()
  }

  fn f64s(&self, name: &str) -> Vec<f64> {
    self.words(name, f64::from_le_bytes)
  }

  fn u64s(&self, name: &str) -> Vec<u64> {
    self.words(name, u64::from_le_bytes)
  }

  fn u32s(&self, name: &str) -> Vec<u32> {
    self.words(name, u32::from_le_bytes)
  }

  fn u16s(&self, name: &str) -> Vec<u16> {
    self.words(name, u16::from_le_bytes)
  }

  /// A size parameter from `params.txt`.
  fn param(&self, name: &str) -> usize {
    let text = fs::read_to_string(self.dir.join("params.txt")).unwrap_or_default();
    text
      .lines()
      .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
      .unwrap_or_else(|| panic!("{}: no parameter {name}", self.dir.display()))
  }

  fn expected(&self) -> Vec<u8> {
    self.bytes("expected")
  }

  /// The expected result as one `f64` (numbers are written as a Float64Array of one).
  fn expected_f64(&self) -> f64 {
    let e = self.expected();
    f64::from_le_bytes(e.as_slice().try_into().expect("expected.bin holds one f64"))
  }

  /// Logs the outcome of `form`'s check; times `routine` only when the check passed.
  fn form<R>(&mut self, form: &str, check: Result<(), String>, mut routine: impl FnMut() -> R) {
    let (case, size) = (self.case, self.size);
    let line = match &check {
      Ok(()) => format!("ok {case} {size} {form}"),
      Err(why) => format!("mismatch {case} {size} {form} {why}"),
    };
    writeln!(self.log, "{line}").expect("checks.txt is writable");
    if check.is_ok() {
      self
        .group
        .bench_function(BenchmarkId::new(form, size), |b| b.iter(&mut routine));
    } else {
      eprintln!("rust-suite: {line}");
    }
  }
}

/// `Ok` when `got` is bit-identical to `expected`.
fn same(got: &[u8], expected: &[u8]) -> Result<(), String> {
  if got == expected {
    return Ok(());
  }
  let at = got.iter().zip(expected).position(|(a, b)| a != b);
  Err(format!(
    "{} result bytes vs {} expected, first difference at {at:?}",
    got.len(),
    expected.len()
  ))
}

fn same_f64(got: f64, expected: f64) -> Result<(), String> {
  same(&got.to_le_bytes(), &expected.to_le_bytes()).map_err(|_| format!("{got} vs {expected}"))
}

/// `Ok` when `got` is within `tolerance` of `expected` (reassociated float sums).
fn near(got: f64, expected: f64, tolerance: f64) -> Result<(), String> {
  if (got - expected).abs() <= tolerance {
    Ok(())
  } else {
    Err(format!(
      "{got} vs {expected}, more than {tolerance:e} apart"
    ))
  }
}

fn f64_bytes(values: &[f64]) -> Vec<u8> {
  values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
  values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The record columns in the order the TS side concatenates them.
struct Cols {
  timestamp: Vec<u64>,
  value: Vec<f64>,
  id: Vec<u32>,
  kind: Vec<u16>,
  flags: Vec<u16>,
}

impl Cols {
  fn read(p: &Point) -> Self {
    Cols {
      timestamp: p.u64s("timestamp"),
      value: p.f64s("value"),
      id: p.u32s("id"),
      kind: p.u16s("kind"),
      flags: p.u16s("flags"),
    }
  }

  fn zeroed(n: usize) -> Self {
    Cols {
      timestamp: vec![0; n],
      value: vec![0.0; n],
      id: vec![0; n],
      kind: vec![0; n],
      flags: vec![0; n],
    }
  }

  fn borrow(&self) -> Columns<'_> {
    Columns {
      timestamp: &self.timestamp,
      value: &self.value,
      id: &self.id,
      kind: &self.kind,
      flags: &self.flags,
    }
  }

  fn borrow_mut(&mut self) -> ColumnsMut<'_> {
    ColumnsMut {
      timestamp: &mut self.timestamp,
      value: &mut self.value,
      id: &mut self.id,
      kind: &mut self.kind,
      flags: &mut self.flags,
    }
  }

  fn bytes(&self) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(self.timestamp.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(self.value.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(self.id.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(self.kind.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(self.flags.iter().flat_map(|v| v.to_le_bytes()));
    out
  }
}

/// `zero-copy/boundary-in`: count byte 7 (the case's `countByte(data, 7)`).
fn boundary_in(p: &mut Point) {
  let data = p.bytes("data");
  let check = same_f64(boundary::count_byte(&data, 7) as f64, p.expected_f64());
  p.form("rust", check, || boundary::count_byte(black_box(&data), 7));
}

/// `zero-copy/boundary-out`: XOR with the case's 3-byte key into a new buffer.
fn boundary_out(p: &mut Point) {
  const KEY: [u8; 3] = [0x5a, 0xa5, 0x3c];
  let data = p.bytes("data");
  let expected = p.expected();
  let check = same(&boundary::xor_into_new(&data, &KEY).unwrap(), &expected);
  p.form("rust", check, || {
    boundary::xor_into_new(black_box(&data), &KEY)
  });
}

/// `zero-copy/checksum`: crc32fast, as `crc32Sync`.
fn crc(p: &mut Point) {
  let data = p.bytes("data");
  let check = same_f64(f64::from(checksum::crc32(&data, 0)), p.expected_f64());
  p.form("rust", check, || checksum::crc32(black_box(&data), 0));
}

/// `zero-copy/lines`: line offsets (the newline-mask scan on x86-64).
fn line_offsets(p: &mut Point) {
  let data = p.bytes("data");
  let check = same(
    &u32_bytes(&lines::line_offsets(&data).unwrap()),
    &p.expected(),
  );
  p.form("rust", check, || lines::line_offsets(black_box(&data)));
}

/// `zero-copy/records`: decode the stream into reused columns.
fn records_decode(p: &mut Point) {
  let data = p.bytes("data");
  let n = data.len() / records::RECORD_SIZE;
  let mut out = Cols::zeroed(n);
  records::decode_into(&data, out.borrow_mut()).unwrap();
  let check = same(&out.bytes(), &p.expected());
  p.form("rust", check, || {
    records::decode_into(black_box(&data), out.borrow_mut())
  });
}

/// `zero-copy/records-encode`: encode columns into a reused buffer at an odd address, as the
/// case's `unaligned` output view.
fn records_encode(p: &mut Point) {
  let cols = Cols::read(p);
  let n = cols.id.len();
  let mut backing = vec![0u8; n * records::RECORD_SIZE + 1];
  records::encode_into(cols.borrow(), n, &mut backing[1..]).unwrap();
  let check = same(&backing[1..], &p.expected());
  p.form("rust", check, || {
    records::encode_into(black_box(cols.borrow()), n, &mut backing[1..])
  });
}

/// `zero-copy/string-building`: CSV into a new Vec.
fn string_building(p: &mut Point) {
  let cols = Cols::read(p);
  let n = cols.id.len();
  let check = same(
    &string_building::csv(cols.borrow(), n).unwrap(),
    &p.expected(),
  );
  p.form("rust", check, || {
    string_building::csv(black_box(cols.borrow()), n)
  });
}

/// `zero-copy/utf8`: simdutf8 validation.
fn utf8_valid(p: &mut Point) {
  let data = p.bytes("data");
  let check = same(&[u8::from(utf8::is_utf8(&data))], &p.expected());
  p.form("rust", check, || utf8::is_utf8(black_box(&data)));
}

/// `ownership/release`: allocate a block, fill it with 7, checksum it, drop it.
#[expect(
  clippy::cast_possible_truncation,
  reason = "the case's sizes are at most 1 MB, far below usize::MAX on any target"
)]
fn release_block(p: &mut Point) {
  let size = p.size as usize;
  let run = |size: usize| {
    let mut block = release::Block::try_new(size).unwrap();
    block.fill(7);
    block.checksum()
  };
  let check = same_f64(f64::from(run(size)), p.expected_f64());
  p.form("rust", check, || run(black_box(size)));
}

/// `allocation/buffer-reuse`: hex-frame 64-byte records into one reused scratch Vec.
fn buffer_reuse(p: &mut Point) {
  const RECORD: usize = 64;
  let data = p.bytes("data");
  let mut framer = buffer_reuse::HexFramer::new();
  let check = same_f64(
    f64::from(framer.digest(&data, RECORD).unwrap()),
    p.expected_f64(),
  );
  p.form("rust", check, || framer.digest(black_box(&data), RECORD));
}

/// `allocation/in-place`: `x * -1 + 0.5` written back (an involution, so repeats stay bounded).
fn in_place_affine(p: &mut Point) {
  let mut data = p.f64s("data");
  in_place::affine_in_place(&mut data, -1.0, 0.5);
  let check = same(&f64_bytes(&data), &p.expected());
  p.form("rust", check, || {
    in_place::affine_in_place(black_box(&mut data), -1.0, 0.5)
  });
}

/// `allocation/object-pooling`: a frame of particles stepped 4 times in a reused Vec.
fn object_pooling(p: &mut Point) {
  const STEPS: u32 = 4;
  let seeds = p.f64s("seeds");
  let mut frame = object_pool::ParticleFrame::new();
  let check = same_f64(frame.run(&seeds, STEPS).unwrap(), p.expected_f64());
  p.form("rust", check, || frame.run(black_box(&seeds), STEPS));
}

/// `allocation/preallocation`: running sums into `Vec::with_capacity`.
fn prefix_sums(p: &mut Point) {
  let data = p.f64s("data");
  let check = same(&f64_bytes(&preallocation::prefix_sum(&data)), &p.expected());
  p.form("rust", check, || {
    preallocation::prefix_sum(black_box(&data))
  });
}

/// `allocation/typed-vs-array`: scale `b` by -1 in place, then `sum(a) + dot(a, b)`.
fn typed_vs_array(p: &mut Point) {
  use typed_vs_array::{dot, dot_fast, scale, sum, sum_fast};
  let a = p.f64s("a");
  let b0 = p.f64s("b");
  let expected = p.expected_f64();
  let mut b = b0.clone();
  let mut op = move |a: &[f64]| {
    scale(&mut b, -1.0);
    sum(a) + dot(a, &b).unwrap()
  };
  let check = same_f64(op(&a), expected);
  p.form("rust", check, || op(black_box(&a)));
  let mut b = b0;
  let mut op = move |a: &[f64]| {
    scale(&mut b, -1.0);
    sum_fast(a) + dot_fast(a, &b).unwrap()
  };
  let check = same_f64(op(&a), expected);
  p.form("rust_fast", check, || op(black_box(&a)));
}

/// `cache-locality/layout`: one SoA particle step (`dt` = 1/64), positions updated in place.
fn layout_soa(p: &mut Point) {
  const DT: f64 = 1.0 / 64.0;
  let (x0, y0, vx, vy) = (p.f64s("x"), p.f64s("y"), p.f64s("vx"), p.f64s("vy"));
  let expected = p.expected_f64();
  let (mut x, mut y) = (x0.clone(), y0.clone());
  let check = same_f64(
    layout::soa_step(&mut x, &mut y, &vx, &vy, DT).unwrap(),
    expected,
  );
  p.form("rust", check, || {
    layout::soa_step(black_box(&mut x), &mut y, &vx, &vy, DT)
  });
  let (mut x, mut y) = (x0, y0);
  let check = same_f64(
    layout::soa_step_fast(&mut x, &mut y, &vx, &vy, DT).unwrap(),
    expected,
  );
  p.form("rust_fast", check, || {
    layout::soa_step_fast(black_box(&mut x), &mut y, &vx, &vy, DT)
  });
}

/// `cache-locality/access-order`: copy the shuffled index, sort the copy and gather-sum through
/// it (the native form's three steps).
fn access_order_sorted(p: &mut Point) {
  let (data, index) = (p.f64s("data"), p.u32s("index"));
  let expected = p.expected_f64();
  let check = same_f64(
    access_order::sorted_gather_sum(&data, &index).unwrap(),
    expected,
  );
  p.form("rust", check, || {
    access_order::sorted_gather_sum(black_box(&data), &index)
  });
  let check = same_f64(
    access_order::sorted_gather_sum_fast(&data, &index).unwrap(),
    expected,
  );
  p.form("rust_fast", check, || {
    access_order::sorted_gather_sum_fast(black_box(&data), &index)
  });
}

/// `cache-locality/hot-cold`: `price * qty` over the split hot fields (stride 2).
fn hot_cold_split(p: &mut Point) {
  let records = p.f64s("hot");
  let expected = p.expected_f64();
  let check = same_f64(hot_cold::hot_sum(&records, 2).unwrap(), expected);
  p.form("rust", check, || hot_cold::hot_sum(black_box(&records), 2));
  let check = same_f64(hot_cold::hot_sum_fast(&records, 2).unwrap(), expected);
  p.form("rust_fast", check, || {
    hot_cold::hot_sum_fast(black_box(&records), 2)
  });
}

/// `concurrency/work-distribution`: sum of squares on one thread.
fn work_distribution(p: &mut Point) {
  let data = p.f64s("data");
  let expected = p.expected_f64();
  let check = same_f64(concurrency::sum_squares(&data), expected);
  p.form("rust", check, || concurrency::sum_squares(black_box(&data)));
  // Not the blocked order: equal up to rounding only (the input is not integer-valued).
  let tolerance = reassociation_tolerance(data.iter().map(|x| x * x));
  let check = near(concurrency::sum_squares_fast(&data), expected, tolerance);
  p.form("rust_fast", check, || {
    concurrency::sum_squares_fast(black_box(&data))
  });
}

/// `concurrency/synchronization`: the native form's kernel, two threads started once (outside
/// timing) that each count `n` in a local variable and reply once.
fn synchronization(p: &mut Point) {
  let n = p.size;
  let mut threads = concurrency::CounterThreads::new(2).expect("two counter threads start");
  let check = same_f64(
    threads.count(concurrency::CountMode::Local, n).unwrap() as f64,
    p.expected_f64(),
  );
  p.form("rust", check, || {
    threads.count(concurrency::CountMode::Local, black_box(n))
  });
}

/// The case's `count` views of `size` bytes, input `i` at offset `7 * i` of one pool (as
/// `benchmark/lab/crc-inputs.ts` `views` cuts them).
fn crc_views(p: &Point) -> (Vec<u8>, usize, usize) {
  (p.bytes("pool"), p.param("count"), p.param("size"))
}

fn views(pool: &[u8], count: usize, size: usize) -> Vec<&[u8]> {
  (0..count).map(|i| &pool[i * 7..i * 7 + size]).collect()
}

/// `async/native-offload` and `async/native-vs-js-async`: the checksums of the native form's
/// calls (one libuv task each), in one loop on this thread.
fn crc_each(p: &mut Point) {
  let (pool, count, size) = crc_views(p);
  let inputs = views(&pool, count, size);
  let run =
    |inputs: &[&[u8]]| -> Vec<u32> { inputs.iter().map(|d| checksum::crc32(d, 0)).collect() };
  let check = same(&u32_bytes(&run(&inputs)), &p.expected());
  p.form("rust", check, || run(black_box(&inputs)));
}

/// `async/batching`: the native form's one task, checksumming every input in order.
fn batching(p: &mut Point) {
  let (pool, count, size) = crc_views(p);
  let inputs = views(&pool, count, size);
  let check = same(
    &u32_bytes(&native_offload::crc32_batch(&inputs)),
    &p.expected(),
  );
  p.form("rust", check, || {
    native_offload::crc32_batch(black_box(&inputs))
  });
}

/// The lab binding's bandwidth kernels (benchmark only, no Node-API), included by path: the lab
/// crate is a cdylib, and its kernels need no binding to run here.
#[path = "../../lab/src/bandwidth_kernels.rs"]
// The suite times the read scan only; the copies stay the lab binding's. Their AVX-512
// intrinsics are stable from Rust 1.89, the lab crate's own minimum; the workspace's 1.88 holds
// for the library crates, and this bench, like the lab, is never built by a user of them.
#[expect(dead_code, clippy::incompatible_msrv)]
mod bandwidth_kernels;

/// `limits/bandwidth`: the read roofline's scan (`read-simd`, the lab binding's
/// `xorFold32Bytes`), timed in this process as `read-simd-rust`, and countByte's kernel as
/// `read-count-rust`. The `rust` forms are timed here,
/// each on one buffer that stays in the caches between iterations, while the Node processes time
/// `read-simd` between forms that stream two other buffers of its size through the caches: at
/// 16 MiB `boundary-in`'s `rust` form ran at 108-172% of the Node-measured figure (20-48 GB/s)
/// in 6 of the 20 runs of stops 35-37, so a figure from here bounds them too.
fn read_roofline(p: &mut Point) {
  let data = p.bytes("data");
  let check = same_f64(
    f64::from(bandwidth_kernels::xor_fold32(&data)),
    p.expected_f64(),
  );
  p.form("read-simd-rust", check, || {
    bandwidth_kernels::xor_fold32(black_box(&data))
  });
  // countByte's kernel, a read method of the Node ladder too (`read-native`): at 16 MiB it
  // outran the fold here, `boundary-in`'s `rust` form reading 106% of this figure without it
  // (AMD EPYC Zen 4, one of three quick runs of stop 42). The ladder's input holds no 255.
  let none = same_f64(boundary::count_byte(&data, 255) as f64, 0.0);
  p.form("read-count-rust", none, || {
    boundary::count_byte(black_box(&data), 255)
  });
}

/// Writes one case's checks and registers its benchmarks at one size.
type CaseFn = fn(&mut Point<'_, '_>);

/// Every case of the suite, by id: the TS side keeps the same list (`rustSuiteCases`).
const CASES: &[(&str, CaseFn)] = &[
  // First: the roofline the kernels after it are held to.
  ("limits/bandwidth", read_roofline),
  ("zero-copy/boundary-in", boundary_in),
  ("zero-copy/boundary-out", boundary_out),
  ("zero-copy/checksum", crc),
  ("zero-copy/records", records_decode),
  ("zero-copy/records-encode", records_encode),
  ("zero-copy/string-building", string_building),
  ("zero-copy/utf8", utf8_valid),
  ("zero-copy/lines", line_offsets),
  ("library/utf8", utf8_valid),
  ("ownership/release", release_block),
  ("allocation/buffer-reuse", buffer_reuse),
  ("allocation/object-pooling", object_pooling),
  ("allocation/preallocation", prefix_sums),
  ("allocation/in-place", in_place_affine),
  ("allocation/typed-vs-array", typed_vs_array),
  ("cache-locality/layout", layout_soa),
  ("cache-locality/access-order", access_order_sorted),
  ("cache-locality/hot-cold", hot_cold_split),
  ("async/native-offload", crc_each),
  ("async/native-vs-js-async", crc_each),
  ("async/batching", batching),
  ("concurrency/work-distribution", work_distribution),
  ("concurrency/synchronization", synchronization),
];

/// The sizes written for `case`, ascending (the names of its numeric subdirectories).
fn sizes(dir: &Path) -> Vec<u64> {
  let mut sizes: Vec<u64> = fs::read_dir(dir)
    .map(|entries| {
      entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect()
    })
    .unwrap_or_default();
  sizes.sort_unstable();
  sizes
}

fn main() {
  let mut c = Criterion::default().configure_from_args();
  let Some(root) = std::env::var_os("RUST_SUITE_INPUTS").map(PathBuf::from) else {
    eprintln!(
      "rust-suite: RUST_SUITE_INPUTS is not set; run it through `npm run bench` (or \
       `npm run bench -- --only <case>`), which writes the inputs and reads the results"
    );
    return;
  };
  let mut log = OpenOptions::new()
    .create(true)
    .append(true)
    .open(root.join("checks.txt"))
    .expect("checks.txt can be created");
  for &(case, run) in CASES {
    let dir = root.join(case);
    let sizes = sizes(&dir);
    if sizes.is_empty() {
      continue;
    }
    let mut group = c.benchmark_group(case);
    // Same iterations in every sample: each sample's time per op is then one observation, as
    // the JS sampler's are (linear sampling would need ~n^2/2 ops for n samples of a slow op).
    group.sampling_mode(SamplingMode::Flat);
    for size in sizes {
      let mut point = Point {
        case,
        size,
        dir: dir.join(size.to_string()),
        group: &mut group,
        log: &mut log,
      };
      run(&mut point);
    }
    group.finish();
  }
  c.final_summary();
}
