//! `allocation/preallocation`: build a numeric result (running sums) into storage allocated
//! once at its final size, versus growing it element by element.

/// Running sums of `data` (`out[i] = data[0] + ... + data[i]`, summed left to right), written
/// into a `Vec` allocated once with `Vec::with_capacity`.
pub fn prefix_sum(data: &[f64]) -> Vec<f64> {
  let mut out = Vec::with_capacity(data.len());
  let mut sum = 0.0;
  out.extend(data.iter().map(|&x| {
    sum += x;
    sum
  }));
  out
}

/// Same result as [`prefix_sum`], grown from `Vec::new()` by `push` (amortised doubling, so
/// about log2(n) reallocations and copies, and capacity left over).
pub fn prefix_sum_push(data: &[f64]) -> Vec<f64> {
  let mut out = Vec::new();
  let mut sum = 0.0;
  for &x in data {
    sum += x;
    out.push(sum);
  }
  out
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn running_sums() {
    assert_eq!(prefix_sum(&[1.0, 2.0, 3.5]), vec![1.0, 3.0, 6.5]);
    assert_eq!(prefix_sum(&[]), Vec::<f64>::new());
  }

  #[test]
  fn both_builds_agree_and_with_capacity_is_exact() {
    let data: Vec<f64> = (0..1001).map(|i| f64::from(i) * 0.1).collect();
    let exact = prefix_sum(&data);
    assert_eq!(exact.capacity(), data.len());
    assert_eq!(exact, prefix_sum_push(&data));
  }
}
