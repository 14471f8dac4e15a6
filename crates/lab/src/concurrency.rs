//! `concurrency/synchronization` (benchmark only): a shared counter behind an atomic or a
//! `Mutex`, incremented from several native threads inside one call, and `CounterThreads`, a
//! parked thread set that times the synchronization without thread start-up.
//!
//! `concurrency/work-distribution` (benchmark only): the memory-bound sum of squares, whose
//! blocks are summed in independent lanes, on one thread and on rayon's pool.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::concurrency;

use crate::args;

/// Starts `threads` threads that each add 1 to one shared `AtomicU64` `increments` times, and
/// returns the final count (`threads * increments`). Blocks until every thread has joined.
#[napi(catch_unwind, ts_args_type = "threads: number, increments: number")]
pub fn counter_atomic_sync(env: Env, threads: Unknown, increments: Unknown) -> Result<f64> {
  let threads = args::u32_arg(&env, &threads, "threads")?;
  let increments = args::u32_arg(&env, &increments, "increments")?;
  concurrency::counter_atomic(threads, u64::from(increments))
    .map(|n| n as f64)
    .map_err(|e| args::range_error(&env, e.to_string()))
}

/// As `counterAtomicSync`, with the count behind a `std::sync::Mutex` locked per increment.
#[napi(catch_unwind, ts_args_type = "threads: number, increments: number")]
pub fn counter_mutex_sync(env: Env, threads: Unknown, increments: Unknown) -> Result<f64> {
  let threads = args::u32_arg(&env, &threads, "threads")?;
  let increments = args::u32_arg(&env, &increments, "increments")?;
  concurrency::counter_mutex(threads, u64::from(increments))
    .map(|n| n as f64)
    .map_err(|e| args::range_error(&env, e.to_string()))
}

/// Threads started once and parked until a count is asked of them, so that the
/// `concurrency/synchronization` case times the synchronization and not thread start-up (its JS
/// workers are started before timing too). Each `*Sync` call hands every thread one job and
/// blocks until all have replied; `close()` stops and joins them (the finalizer does too).
#[napi]
pub struct CounterThreads {
  inner: concurrency::CounterThreads,
}

fn counter_error(env: &Env, e: concurrency::CounterError) -> Error {
  match e {
    concurrency::CounterError::Stopped => {
      args::type_error(env, "CounterThreads is closed".to_owned())
    }
    e => args::range_error(env, e.to_string()),
  }
}

impl CounterThreads {
  fn count(
    &mut self,
    env: &Env,
    mode: concurrency::CountMode,
    increments: &Unknown,
  ) -> Result<f64> {
    let increments = args::u32_arg(env, increments, "increments")?;
    self
      .inner
      .count(mode, u64::from(increments))
      .map(|n| n as f64)
      .map_err(|e| counter_error(env, e))
  }
}

#[napi]
impl CounterThreads {
  /// Starts `threads` threads (1 to 64), parked until a count is asked of them.
  #[napi(constructor, catch_unwind, ts_args_type = "threads: number")]
  pub fn new(env: Env, threads: Unknown) -> Result<Self> {
    let threads = args::u32_arg(&env, &threads, "threads")?;
    let inner = concurrency::CounterThreads::new(threads).map_err(|e| counter_error(&env, e))?;
    Ok(CounterThreads { inner })
  }

  /// Threads in the set (0 once closed).
  #[napi(getter)]
  pub fn threads(&self) -> u32 {
    // At most 64 threads are ever started.
    u32::try_from(self.inner.threads()).unwrap_or(u32::MAX)
  }

  /// Each thread counts `increments` in a local variable and replies with its total once: no
  /// shared state. Returns `threads * increments`.
  #[napi(catch_unwind, ts_args_type = "increments: number")]
  pub fn count_local_sync(&mut self, env: Env, increments: Unknown) -> Result<f64> {
    self.count(&env, concurrency::CountMode::Local, &increments)
  }

  /// Each thread adds 1 to one shared `AtomicU64` `increments` times. Returns the count.
  #[napi(catch_unwind, ts_args_type = "increments: number")]
  pub fn add_atomic_sync(&mut self, env: Env, increments: Unknown) -> Result<f64> {
    self.count(&env, concurrency::CountMode::Atomic, &increments)
  }

  /// Each thread adds 1 to one shared count behind a `std::sync::Mutex`, locked per increment,
  /// `increments` times. Returns the count.
  #[napi(catch_unwind, ts_args_type = "increments: number")]
  pub fn add_mutex_sync(&mut self, env: Env, increments: Unknown) -> Result<f64> {
    self.count(&env, concurrency::CountMode::Mutex, &increments)
  }

  /// Stops and joins the threads. Closing again is a no-op; counting afterwards is a TypeError.
  #[napi(catch_unwind)]
  pub fn close(&mut self) {
    self.inner.close();
  }
}

// napi 3.12.7's runtime requires a per-class type tag that napi-derive 3.5.2 does not generate
// yet (see `release::NativeBlock`), derived from a stable identity string.
impl TypeTag for CounterThreads {
  fn type_tag() -> napi::sys::napi_type_tag {
    type_tag_from_ident(concat!(
      "rust-patterns-lab@",
      env!("CARGO_PKG_VERSION"),
      "::concurrency::CounterThreads"
    ))
  }
}

/// Sum of squares in 8 independent lanes per block (`sum_squares_lanes` in the core crate): the
/// memory-bound twin of the library's `sumSquaresSync`, whose one add chain per block makes it
/// bound by floating-point add latency. Equal to it up to rounding.
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn sum_squares_lanes_sync(env: Env, data: Unknown) -> Result<f64> {
  // SAFETY: a shared borrow used only within this call; no JS runs meanwhile.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(concurrency::sum_squares_lanes(data))
}

/// `sumSquaresLanesSync` with the blocks spread over rayon's global pool (every core); the same
/// result bit for bit. Blocks the calling thread until every block is summed.
#[napi(catch_unwind, ts_args_type = "data: Float64Array")]
pub fn sum_squares_lanes_parallel_sync(env: Env, data: Unknown) -> Result<f64> {
  // SAFETY: a shared borrow used only within this call; the rayon threads read it only until
  // `sum_squares_lanes_parallel` returns, and no JS runs meanwhile.
  let data = unsafe { args::borrow::<f64>(&env, &data, "data") }?;
  Ok(concurrency::sum_squares_lanes_parallel(data))
}
