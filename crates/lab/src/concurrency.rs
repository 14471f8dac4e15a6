//! `concurrency/synchronization` (benchmark only): a shared counter behind an atomic or a
//! `Mutex`, incremented from several native threads inside one call.

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
