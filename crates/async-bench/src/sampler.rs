//! The sampler, with the same method as the Node engine (`benchmark/engine/sampling.ts`): a
//! warm-up with doubling batches fixes each form's ops per sample, then rounds take one sample of
//! every form in a shuffled order until each has `min_samples` and either `max_samples` or the
//! time budget is reached. Every sample is kept, as time per op in nanoseconds.

use std::time::Duration;

/// The sampling settings; `benchmark/engine/tokio-suite.ts` passes the engine's own.
#[derive(Debug, Clone, Copy)]
pub struct Options {
  pub min_samples: usize,
  pub max_samples: usize,
  /// A sample lasts at least this long (fast ops are batched).
  pub sample: Duration,
  /// Sampling time per form once `min_samples` is reached.
  pub budget: Duration,
  /// Warm-up time per form before its batch size is fixed.
  pub warmup: Duration,
}

/// A form: runs its op `batch` times and returns the elapsed time of the whole batch.
pub type Timed<'a> = Box<dyn FnMut(u64) -> Duration + 'a>;

/// The samples of one form.
#[derive(Debug, Clone)]
pub struct FormSamples {
  pub key: String,
  pub samples_ns: Vec<f64>,
  pub ops_per_sample: u64,
}

/// A small xorshift generator for the round order (no dependency for a shuffle).
struct XorShift(u64);

impl XorShift {
  #[expect(
    clippy::cast_possible_truncation,
    reason = "the remainder is below n, a usize"
  )]
  fn next_below(&mut self, n: usize) -> usize {
    self.0 ^= self.0 << 13;
    self.0 ^= self.0 >> 7;
    self.0 ^= self.0 << 17;
    (self.0 % n as u64) as usize
  }
}

/// Doubling batches until one lasts a quarter of a sample and `warmup` has passed; returns the
/// batch for one sample.
#[expect(
  clippy::cast_possible_truncation,
  reason = "a batch size is clamped to 1..=100,000,000 right after the conversion"
)]
fn warm_up(timed: &mut Timed<'_>, o: &Options) -> u64 {
  let target = o.sample.as_nanos() as f64;
  let mut n: u64 = 1;
  let mut spent = Duration::ZERO;
  loop {
    let t = timed(n);
    spent += t;
    let per_op = t.as_nanos() as f64 / n as f64;
    let long_enough = t.as_nanos() as f64 >= target / 4.0;
    if long_enough && spent >= o.warmup {
      return ((target / per_op.max(1.0)).ceil() as u64).clamp(1, 100_000_000);
    }
    if !long_enough {
      n *= 2;
    }
  }
}

/// Samples `forms` in interleaved, shuffled rounds; `seed` picks the round orders.
pub fn sample_forms(forms: &mut [(String, Timed<'_>)], o: &Options, seed: u64) -> Vec<FormSamples> {
  let batches: Vec<u64> = forms.iter_mut().map(|(_, t)| warm_up(t, o)).collect();
  let mut out: Vec<Vec<f64>> = vec![Vec::new(); forms.len()];
  let mut order: Vec<usize> = (0..forms.len()).collect();
  let mut rng = XorShift(seed | 1);
  let mut budget = Duration::ZERO;
  let max = o.max_samples.max(o.min_samples);
  for round in 0..max {
    for i in (1..order.len()).rev() {
      let j = rng.next_below(i + 1);
      order.swap(i, j);
    }
    for &f in &order {
      let n = batches[f];
      let t = (forms[f].1)(n);
      out[f].push(t.as_nanos() as f64 / n as f64);
      if round >= o.min_samples {
        budget += t;
      }
    }
    if round + 1 >= o.min_samples
      && budget
        >= o
          .budget
          .saturating_mul(u32::try_from(forms.len()).unwrap_or(u32::MAX))
    {
      break;
    }
  }
  forms
    .iter()
    .zip(out)
    .zip(batches)
    .map(|(((key, _), samples_ns), ops_per_sample)| FormSamples {
      key: key.clone(),
      samples_ns,
      ops_per_sample,
    })
    .collect()
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn takes_at_least_the_minimum_and_batches_fast_ops() {
    let o = Options {
      min_samples: 5,
      max_samples: 8,
      sample: Duration::from_micros(200),
      budget: Duration::ZERO,
      warmup: Duration::from_micros(100),
    };
    let spin = |n: u64| {
      let t0 = std::time::Instant::now();
      let mut x = 0u64;
      for i in 0..n * 100 {
        x = std::hint::black_box(x.wrapping_add(i));
      }
      std::hint::black_box(x);
      t0.elapsed()
    };
    let mut forms: Vec<(String, Timed<'_>)> =
      vec![("a".into(), Box::new(spin)), ("b".into(), Box::new(spin))];
    let got = sample_forms(&mut forms, &o, 42);
    assert_eq!(got.len(), 2);
    for f in &got {
      assert!(f.samples_ns.len() >= 5 && f.samples_ns.len() <= 8);
      assert!(f.ops_per_sample > 1);
      assert!(f.samples_ns.iter().all(|&t| t > 0.0));
    }
  }
}
