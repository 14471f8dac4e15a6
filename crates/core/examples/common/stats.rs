//! Shared by the timing examples (included with `#[path]`; not an example itself).

/// Median and quartiles of `xs`, sorted in place.
#[expect(
  clippy::cast_precision_loss,
  clippy::cast_possible_truncation,
  clippy::cast_sign_loss,
  reason = "an index below 2^52, rounded to a slot of the slice"
)]
pub fn quartiles(xs: &mut [f64]) -> (f64, f64, f64) {
  xs.sort_by(f64::total_cmp);
  let at = |f: f64| xs[((xs.len() - 1) as f64 * f).round() as usize];
  (at(0.5), at(0.25), at(0.75))
}
