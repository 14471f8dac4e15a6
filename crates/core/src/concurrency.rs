//! Concurrency kernels: a blocked sum of squares on one thread and across rayon's pool, and a
//! shared counter incremented by several threads through an atomic or a `Mutex`, either on
//! threads started per call or on a [`CounterThreads`] set started once.
//!
//! The sum is defined block by block so that its result does not depend on how the work is
//! split: each block of [`BLOCK`] elements is summed left to right, then the block sums are added
//! left to right. The one-thread, rayon, JS and JS worker-pool forms all follow that order, so
//! they agree bit for bit on any input (not only on integer-valued data).

use crate::accumulate::{combine, LANES};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rayon::prelude::*;

/// Elements per block of the blocked sum (8 Ki `f64`s = 64 KiB: L2-sized, and fine enough that
/// a 1 MiB input splits into 16 pieces). Every implementation of `sumSquares` uses this value.
pub const BLOCK: usize = 8_192;

/// Most threads a counter call may start; more than this is a caller error, not a workload.
pub const MAX_THREADS: u32 = 64;

/// Most increments a counter call may make in total (`threads * increments`): bounds the call
/// to well under a second even with a contended mutex, so bad input cannot hang the caller.
pub const MAX_TOTAL_INCREMENTS: u64 = 1 << 24;

/// Why a counter call refused its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CounterError {
  /// `threads` was 0 or above [`MAX_THREADS`].
  Threads(u32),
  /// `threads * increments` was above [`MAX_TOTAL_INCREMENTS`].
  TooMany(u64),
  /// A [`CounterThreads`] set was closed, or one of its threads has stopped.
  Stopped,
}

impl std::fmt::Display for CounterError {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      CounterError::Threads(n) => {
        write!(f, "threads must be from 1 to {MAX_THREADS}, received {n}")
      }
      CounterError::TooMany(n) => write!(
        f,
        "threads * increments must be at most {MAX_TOTAL_INCREMENTS}, received {n}"
      ),
      CounterError::Stopped => f.write_str("the counter threads are closed"),
    }
  }
}

impl std::error::Error for CounterError {}

/// Sum of squares of one block, left to right (the order every implementation shares).
fn block_sum(block: &[f64]) -> f64 {
  let mut sum = 0.0;
  for &x in block {
    sum += x * x;
  }
  sum
}

/// Sum of squares of `data` on the calling thread, in [`BLOCK`]-element blocks.
pub fn sum_squares(data: &[f64]) -> f64 {
  blocked(data, block_sum)
}

/// Sum of squares of `data` with the blocks spread over rayon's global pool (one thread per
/// core). Bit-identical to [`sum_squares`]: block sums are collected in order and added on the
/// calling thread. Note: below a few blocks the pool hand-off costs more than it saves.
pub fn sum_squares_parallel(data: &[f64]) -> f64 {
  blocked_parallel(data, block_sum)
}

/// `block` of each [`BLOCK`]-element block of `data`, added left to right.
fn blocked(data: &[f64], block: fn(&[f64]) -> f64) -> f64 {
  let mut total = 0.0;
  for b in data.chunks(BLOCK) {
    total += block(b);
  }
  total
}

/// [`blocked`] with the blocks spread over rayon's global pool; the block results are collected
/// in order and added on the calling thread, so the result is the same bit for bit.
fn blocked_parallel(data: &[f64], block: fn(&[f64]) -> f64) -> f64 {
  if data.len() <= BLOCK {
    return block(data);
  }
  let partials: Vec<f64> = data.par_chunks(BLOCK).map(block).collect();
  let mut total = 0.0;
  for partial in partials {
    total += partial;
  }
  total
}

fn check_threads(threads: u32, increments: u64) -> Result<(), CounterError> {
  if threads == 0 || threads > MAX_THREADS {
    return Err(CounterError::Threads(threads));
  }
  let total = u64::from(threads).saturating_mul(increments);
  if total > MAX_TOTAL_INCREMENTS {
    return Err(CounterError::TooMany(total));
  }
  Ok(())
}

/// Starts `threads` scoped threads that each add 1 to one shared `AtomicU64` `increments` times
/// (lock-free `fetch_add`), and returns the final count.
pub fn counter_atomic(threads: u32, increments: u64) -> Result<u64, CounterError> {
  check_threads(threads, increments)?;
  let counter = AtomicU64::new(0);
  std::thread::scope(|scope| {
    for _ in 0..threads {
      scope.spawn(|| {
        for _ in 0..increments {
          counter.fetch_add(1, Ordering::Relaxed);
        }
      });
    }
  });
  Ok(counter.into_inner())
}

/// As [`counter_atomic`], with the count behind a `std::sync::Mutex` taken once per increment.
pub fn counter_mutex(threads: u32, increments: u64) -> Result<u64, CounterError> {
  check_threads(threads, increments)?;
  let counter = Mutex::new(0u64);
  std::thread::scope(|scope| {
    for _ in 0..threads {
      scope.spawn(|| {
        for _ in 0..increments {
          // A poisoned lock only means another incrementer panicked; the count is still valid.
          let mut guard = counter.lock().unwrap_or_else(|e| e.into_inner());
          *guard += 1;
        }
      });
    }
  });
  Ok(counter.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// How the threads of a [`CounterThreads`] set add `increments` each to one count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountMode {
  /// Each thread counts in a local variable and reports its total once, in its reply: no
  /// shared state, what a competent developer writes when only the total is wanted.
  Local,
  /// Each increment is a `fetch_add` on one shared `AtomicU64`.
  Atomic,
  /// Each increment takes one shared `std::sync::Mutex`.
  Mutex,
}

/// The count the threads of a [`CounterThreads`] set share.
#[derive(Default)]
struct SharedCount {
  atomic: AtomicU64,
  locked: Mutex<u64>,
}

/// One round of work handed to a parked thread.
struct Job {
  mode: CountMode,
  increments: u64,
}

/// Adds `increments` in `mode`; returns what the thread reports (its local count, else 0).
fn count_on_thread(shared: &SharedCount, mode: CountMode, increments: u64) -> u64 {
  match mode {
    CountMode::Local => {
      let mut count = 0u64;
      for _ in 0..increments {
        // `black_box` keeps one addition per increment, as the JS worker's loop makes, instead
        // of letting the compiler replace the loop with `count = increments`.
        count += std::hint::black_box(1);
      }
      count
    }
    CountMode::Atomic => {
      for _ in 0..increments {
        shared.atomic.fetch_add(1, Ordering::Relaxed);
      }
      0
    }
    CountMode::Mutex => {
      for _ in 0..increments {
        // A poisoned lock only means another incrementer panicked; the count is still valid.
        *shared.locked.lock().unwrap_or_else(|e| e.into_inner()) += 1;
      }
      0
    }
  }
}

/// A set of threads started once and parked on a channel, so that timing a count measures the
/// synchronization and not thread start-up: [`CounterThreads::count`] hands each thread one job
/// and waits for every reply (the join), as a JS caller posts one message to each of its
/// already-started workers and waits for their answers.
pub struct CounterThreads {
  jobs: Vec<mpsc::Sender<Job>>,
  replies: mpsc::Receiver<u64>,
  shared: Arc<SharedCount>,
  handles: Vec<JoinHandle<()>>,
}

impl CounterThreads {
  /// Starts `threads` threads (1 to [`MAX_THREADS`]), each parked until it is handed a job.
  pub fn new(threads: u32) -> Result<Self, CounterError> {
    check_threads(threads, 0)?;
    let shared = Arc::new(SharedCount::default());
    let (reply, replies) = mpsc::channel();
    let mut jobs = Vec::new();
    let mut handles = Vec::new();
    for _ in 0..threads {
      let (job, inbox) = mpsc::channel::<Job>();
      let (shared, reply) = (Arc::clone(&shared), reply.clone());
      handles.push(std::thread::spawn(move || {
        // Parked in `recv` between jobs; the loop ends when the set closes its senders.
        while let Ok(Job { mode, increments }) = inbox.recv() {
          if reply
            .send(count_on_thread(&shared, mode, increments))
            .is_err()
          {
            break;
          }
        }
      }));
      jobs.push(job);
    }
    Ok(CounterThreads {
      jobs,
      replies,
      shared,
      handles,
    })
  }

  /// Threads in the set (0 once closed).
  pub fn threads(&self) -> usize {
    self.jobs.len()
  }

  /// Has every thread add `increments` in `mode` and returns the total
  /// (`threads * increments`). Blocks until every thread has replied.
  pub fn count(&mut self, mode: CountMode, increments: u64) -> Result<u64, CounterError> {
    if self.jobs.is_empty() {
      return Err(CounterError::Stopped);
    }
    let threads = u32::try_from(self.jobs.len()).map_err(|_| CounterError::Stopped)?;
    check_threads(threads, increments)?;
    // No thread runs between jobs (each has replied to the last one), so resetting is not racy.
    self.shared.atomic.store(0, Ordering::Relaxed);
    *self.shared.locked.lock().unwrap_or_else(|e| e.into_inner()) = 0;
    for job in &self.jobs {
      job
        .send(Job { mode, increments })
        .map_err(|_| CounterError::Stopped)?;
    }
    let mut local = 0u64;
    for _ in 0..self.jobs.len() {
      // Every thread holds a reply sender, so this fails only if all of them have stopped; a
      // single stopped thread is caught by the send above on the next call.
      local += self.replies.recv().map_err(|_| CounterError::Stopped)?;
    }
    Ok(match mode {
      CountMode::Local => local,
      // The replies were sent after the last increments: the channel orders them before this.
      CountMode::Atomic => self.shared.atomic.load(Ordering::Relaxed),
      CountMode::Mutex => *self.shared.locked.lock().unwrap_or_else(|e| e.into_inner()),
    })
  }

  /// Stops and joins every thread. Closing again is a no-op; [`CounterThreads::count`] then
  /// fails with [`CounterError::Stopped`].
  pub fn close(&mut self) {
    // Dropping the senders ends each thread's `recv` loop.
    self.jobs.clear();
    for handle in self.handles.drain(..) {
      // A thread that panicked has nothing left to clean up.
      let _ = handle.join();
    }
  }
}

impl Drop for CounterThreads {
  fn drop(&mut self) {
    self.close();
  }
}

/// Sum of squares of `data` on the calling thread in [`LANES`] independent partial sums, without
/// the shared block order: vectorised, and equal to [`sum_squares`] up to rounding (within
/// [`crate::accumulate::reassociation_tolerance`] of the squares). The benchmark input is not
/// integer-valued, so the two differ in the last bits there.
pub fn sum_squares_fast(data: &[f64]) -> f64 {
  let (chunks, tail) = data.as_chunks::<LANES>();
  let mut acc = [0.0; LANES];
  for c in chunks {
    for (a, &x) in acc.iter_mut().zip(c) {
      *a += x * x;
    }
  }
  tail.iter().fold(combine(acc), |s, &x| s + x * x)
}

/// Sum of squares of `data` on the calling thread in [`BLOCK`]-element blocks, each block summed
/// by [`sum_squares_fast`] ([`LANES`] partial sums, combined pairwise, then the tail left to
/// right) and the block sums added left to right. [`sum_squares`] waits on one add chain per
/// block, which bounds it by the latency of a floating-point add (CPU-bound); these independent
/// lanes let the loop run at the speed the data can be read (memory-bound). Equal to
/// [`sum_squares`] up to rounding; bit-identical to [`sum_squares_lanes_parallel`] and to the JS
/// twin, which follow the same order.
pub fn sum_squares_lanes(data: &[f64]) -> f64 {
  blocked(data, sum_squares_fast)
}

/// [`sum_squares_lanes`] with the blocks spread over rayon's global pool; the block sums are
/// collected in order and added on the calling thread, so the result is the same bit for bit.
pub fn sum_squares_lanes_parallel(data: &[f64]) -> f64 {
  blocked_parallel(data, sum_squares_fast)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn lanes_kernels_agree_with_each_other_and_with_the_chain_up_to_rounding() {
    for n in [0, 1, 7, 8, 9, BLOCK - 1, BLOCK, BLOCK + 13, 3 * BLOCK + 5] {
      let data = sample(n);
      let lanes = sum_squares_lanes(&data);
      assert_eq!(
        lanes.to_bits(),
        sum_squares_lanes_parallel(&data).to_bits(),
        "n = {n}"
      );
      let tolerance = crate::accumulate::reassociation_tolerance(data.iter().map(|x| x * x));
      assert!((lanes - sum_squares(&data)).abs() <= tolerance, "n = {n}");
    }
  }

  #[test]
  fn thread_and_total_bounds_are_inclusive() {
    assert_eq!(counter_atomic(MAX_THREADS, 1), Ok(u64::from(MAX_THREADS)));
    assert_eq!(
      counter_atomic(MAX_THREADS + 1, 1),
      Err(CounterError::Threads(MAX_THREADS + 1))
    );
    assert_eq!(counter_atomic(0, 1), Err(CounterError::Threads(0)));
    let half = MAX_TOTAL_INCREMENTS / 2;
    assert_eq!(counter_atomic(2, half), Ok(MAX_TOTAL_INCREMENTS));
  }

  #[test]
  fn counters_refuse_unbounded_work() {
    let too_many = MAX_TOTAL_INCREMENTS / 2 + 1;
    assert_eq!(
      counter_atomic(2, too_many),
      Err(CounterError::TooMany(2 * too_many))
    );
    assert!(counter_mutex(64, u64::from(u32::MAX)).is_err());
    assert_eq!(counter_atomic(2, 1000), Ok(2000));
  }

  fn sample(n: usize) -> Vec<f64> {
    (0..n)
      .map(|i| ((i * 7919) % 1000) as f64 / 7.0 - 60.0)
      .collect()
  }

  #[test]
  fn empty_and_small() {
    assert_eq!(sum_squares(&[]), 0.0);
    assert_eq!(sum_squares_parallel(&[]), 0.0);
    assert_eq!(sum_squares(&[3.0, 4.0]), 25.0);
    assert_eq!(sum_squares_parallel(&[3.0, 4.0]), 25.0);
  }

  #[test]
  fn parallel_is_bit_identical_across_block_edges() {
    for n in [1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17, 10 * BLOCK] {
      let data = sample(n);
      assert_eq!(
        sum_squares(&data).to_bits(),
        sum_squares_parallel(&data).to_bits(),
        "n = {n}"
      );
    }
  }

  #[test]
  fn integer_data_matches_exact_sum() {
    let data: Vec<f64> = (0..200_000).map(|i| (i % 16) as f64).collect();
    let exact: u64 = (0..200_000u64).map(|i| (i % 16) * (i % 16)).sum();
    assert_eq!(sum_squares_parallel(&data), exact as f64);
  }

  #[test]
  fn counters_count_every_increment() {
    assert_eq!(counter_atomic(2, 10_000), Ok(20_000));
    assert_eq!(counter_mutex(3, 1_000), Ok(3_000));
    assert_eq!(counter_atomic(1, 0), Ok(0));
  }

  #[test]
  fn counter_threads_count_every_increment_in_every_mode_and_are_reused() {
    let mut set = CounterThreads::new(3).unwrap();
    assert_eq!(set.threads(), 3);
    for round in 0..3u64 {
      for mode in [CountMode::Local, CountMode::Atomic, CountMode::Mutex] {
        let n = 1_000 + round;
        assert_eq!(set.count(mode, n), Ok(3 * n), "{mode:?} round {round}");
      }
    }
    assert_eq!(set.count(CountMode::Atomic, 0), Ok(0));
    assert_eq!(
      set.count(CountMode::Mutex, MAX_TOTAL_INCREMENTS),
      Err(CounterError::TooMany(3 * MAX_TOTAL_INCREMENTS))
    );
    set.close();
    assert_eq!(set.threads(), 0);
    assert_eq!(set.count(CountMode::Local, 1), Err(CounterError::Stopped));
    set.close();
    assert!(CounterThreads::new(0).is_err());
    assert!(CounterThreads::new(MAX_THREADS + 1).is_err());
  }

  #[test]
  fn counters_refuse_bad_thread_counts() {
    assert_eq!(counter_atomic(0, 1), Err(CounterError::Threads(0)));
    assert_eq!(counter_mutex(65, 1), Err(CounterError::Threads(65)));
    assert!(CounterError::Threads(0).to_string().contains("threads"));
  }

  #[test]
  fn fast_sum_of_squares_is_within_rounding_of_the_blocked_sum() {
    for n in [0, 1, 7, 9, BLOCK - 1, BLOCK + 3, 3 * BLOCK + 5] {
      let data: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64 / 7.0).collect();
      let tol = crate::accumulate::reassociation_tolerance(data.iter().map(|x| x * x));
      let (fast, parity) = (sum_squares_fast(&data), sum_squares(&data));
      assert!((fast - parity).abs() <= tol, "{n}: {fast} vs {parity}");
      let ints: Vec<f64> = data.iter().map(|x| x.floor()).collect();
      assert_eq!(sum_squares_fast(&ints), sum_squares(&ints), "{n}");
    }
  }
}
