//! Several independent accumulators for the `*_fast` float reductions.
//!
//! A float sum accumulated left to right is one dependency chain: every add waits for the
//! previous one (4 cycles on current x86 cores), so it runs at one element per add latency and
//! the compiler may not vectorise it (reassociating would change the result). The `*_fast`
//! kernels keep [`LANES`] partial sums instead, element `i` going to lane `i % LANES`, which the
//! compiler turns into independent vector adds; the lanes are then added pairwise by [`combine`].
//!
//! The result differs from the left-to-right sum by rounding only. Each of the two orders is
//! within `(n - 1) * EPSILON * sum(|x_i|)` of the exact sum (the standard bound for any summation
//! order), so the two differ by at most [`reassociation_tolerance`]. On integer-valued inputs, or
//! multiples of a power of two whose partial sums stay below 2^53 ulps (every benchmark input of
//! the cases that use these kernels), both are exact and agree bit for bit.

/// Partial sums per reduction: 8 `f64`s are two AVX or four SSE2 registers, enough independent
/// chains to cover the add latency.
pub const LANES: usize = 8;

/// Adds the lanes pairwise (lane `i` with lane `i + 4`, then `i + 2`, then `i + 1`), the order a
/// vector reduction takes.
pub fn combine(acc: [f64; LANES]) -> f64 {
  ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]))
}

/// The largest difference rounding alone can make between two summation orders of `terms`
/// (each within `(n - 1) * EPSILON * sum(|t|)` of the exact sum).
pub fn reassociation_tolerance(terms: impl IntoIterator<Item = f64>) -> f64 {
  let (n, abs) = terms
    .into_iter()
    .fold((0usize, 0.0f64), |(n, s), t| (n + 1, s + t.abs()));
  2.0 * n.saturating_sub(1) as f64 * f64::EPSILON * abs
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn combines_every_lane_once() {
    assert_eq!(
      combine([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]),
      255.0
    );
  }

  #[test]
  fn tolerance_grows_with_count_and_magnitude() {
    assert_eq!(reassociation_tolerance([]), 0.0);
    assert_eq!(reassociation_tolerance([5.0]), 0.0);
    assert_eq!(reassociation_tolerance([1.0, -1.0]), 4.0 * f64::EPSILON);
  }
}
