//! The tokio side of question 2 ("can Promises and the event loop match Rust's async?"): the
//! workloads of `benchmark/cases/async/tokio-*.ts` on a current-thread runtime (one thread, like
//! Node's event loop) and on a 2-worker multi-thread runtime, sampled as the Node engine samples,
//! with every raw sample written out as JSON for `benchmark/engine/tokio-suite.ts` to merge into
//! the same records as a `rust` form.

pub mod sampler;
pub mod workloads;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use tokio::runtime::{Builder, Runtime};

use sampler::{sample_forms, FormSamples, Options, Timed};
use workloads::{EchoBench, Hop, MESSAGES_PER_OP, MESSAGE_BYTES};

/// The workloads, by the name the command line takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
  Spawn,
  Channel,
  Timers,
  TcpEcho,
}

impl Workload {
  pub fn parse(name: &str) -> Option<Self> {
    match name {
      "spawn" => Some(Self::Spawn),
      "channel" => Some(Self::Channel),
      "timers" => Some(Self::Timers),
      "tcp-echo" => Some(Self::TcpEcho),
      _ => None,
    }
  }

  pub fn name(self) -> &'static str {
    match self {
      Self::Spawn => "spawn",
      Self::Channel => "channel",
      Self::Timers => "timers",
      Self::TcpEcho => "tcp-echo",
    }
  }
}

/// One size's forms and extra figures.
#[derive(Debug, Clone)]
pub struct SizeResult {
  pub size: usize,
  /// Form key, the runtime flavour it ran on, and its samples.
  pub forms: Vec<(&'static str, FormSamples)>,
  /// `<form>_<figure>`, e.g. `rust_p99_us` (TCP echo only).
  pub metrics: Vec<(String, f64)>,
}

/// The two runtimes: the current-thread one and the multi-thread one with 2 workers (this
/// machine's core count, and Node's main thread plus one).
pub struct Runtimes {
  pub current: Runtime,
  pub multi: Runtime,
}

impl Runtimes {
  pub fn new() -> std::io::Result<Self> {
    Ok(Runtimes {
      current: Builder::new_current_thread().enable_all().build()?,
      multi: Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?,
    })
  }
}

/// A form of a workload: its record key, the runtime flavour, and the runtime it runs on.
struct FormSpec<'r> {
  key: &'static str,
  flavour: &'static str,
  rt: &'r Runtime,
}

fn forms_of<'r>(w: Workload, rts: &'r Runtimes) -> Vec<FormSpec<'r>> {
  let current = |key| FormSpec {
    key,
    flavour: "current_thread",
    rt: &rts.current,
  };
  let multi = FormSpec {
    key: "rust-multi-thread",
    flavour: "multi_thread",
    rt: &rts.multi,
  };
  match w {
    Workload::Timers => vec![current("rust"), current("rust-sleep-zero"), multi],
    _ => vec![current("rust"), multi],
  }
}

/// Times `batch` runs of `op` on `rt`; the clock runs inside the runtime, so `block_on`'s own
/// entry is outside it.
fn timed_on<'r, T, F, Fut>(rt: &'r Runtime, mut op: F) -> Timed<'r>
where
  F: FnMut() -> Fut + 'r,
  Fut: std::future::Future<Output = T>,
{
  Box::new(move |batch| {
    rt.block_on(async {
      let t0 = Instant::now();
      for _ in 0..batch {
        black_box(op().await);
      }
      t0.elapsed()
    })
  })
}

/// Runs `w` at every size: checks each form's result, samples the forms, and (TCP echo) measures
/// latency for `latency` per form. Errors name the form and what was wrong.
pub fn run(
  w: Workload,
  sizes: &[usize],
  o: &Options,
  latency: Duration,
  seed: u64,
) -> Result<Vec<SizeResult>, String> {
  let rts = Runtimes::new().map_err(|e| format!("cannot start tokio: {e}"))?;
  let mut out = Vec::new();
  for &n in sizes {
    let specs = forms_of(w, &rts);
    let mut metrics = Vec::new();
    let samples = if w == Workload::TcpEcho {
      tcp_echo(n, &specs, o, latency, seed, &mut metrics)?
    } else {
      let mut forms: Vec<(String, Timed<'_>)> = Vec::new();
      for s in &specs {
        let rt = s.rt;
        check(w, n, s)?;
        let timed = match (w, s.key) {
          (Workload::Spawn, _) => timed_on(rt, move || workloads::spawn_join(n)),
          (Workload::Channel, _) => timed_on(rt, move || workloads::channel(n)),
          (Workload::Timers, "rust-sleep-zero") => {
            timed_on(rt, move || workloads::timers(n, Hop::SleepZero))
          }
          (Workload::Timers, _) => timed_on(rt, move || workloads::timers(n, Hop::YieldNow)),
          (Workload::TcpEcho, _) => unreachable!("handled above"),
        };
        forms.push((s.key.to_string(), timed));
      }
      sample_forms(&mut forms, o, seed ^ n as u64)
    };
    out.push(SizeResult {
      size: n,
      forms: specs.iter().map(|s| s.flavour).zip(samples).collect(),
      metrics,
    });
  }
  Ok(out)
}

/// One untimed run of a form, checked against the expected counts.
fn check(w: Workload, n: usize, s: &FormSpec<'_>) -> Result<(), String> {
  let (got, want) = match (w, s.key) {
    (Workload::Spawn, _) => (
      s.rt.block_on(workloads::spawn_join(n)),
      workloads::sum_below(n),
    ),
    (Workload::Channel, _) => {
      let r = s.rt.block_on(workloads::channel(n));
      if r.count != n as u64 {
        return Err(format!("{}: received {} of {n} messages", s.key, r.count));
      }
      (r.sum, workloads::sum_below(n))
    }
    (Workload::Timers, key) => {
      let hop = if key == "rust-sleep-zero" {
        Hop::SleepZero
      } else {
        Hop::YieldNow
      };
      (s.rt.block_on(workloads::timers(n, hop)), n as u64)
    }
    (Workload::TcpEcho, _) => unreachable!("checked in tcp_echo"),
  };
  if got != want {
    return Err(format!(
      "{} {} at {n}: got {got}, expected {want}",
      w.name(),
      s.key
    ));
  }
  Ok(())
}

/// Quantile of sorted values, nearest rank.
#[expect(
  clippy::cast_possible_truncation,
  reason = "the rank is rounded and lies in 0..len for p in [0, 1]; it is clamped below anyway"
)]
fn quantile(sorted: &[u64], p: f64) -> f64 {
  if sorted.is_empty() {
    return 0.0;
  }
  let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
  sorted[i.min(sorted.len() - 1)] as f64
}

fn tcp_echo(
  clients: usize,
  specs: &[FormSpec<'_>],
  o: &Options,
  latency: Duration,
  seed: u64,
  metrics: &mut Vec<(String, f64)>,
) -> Result<Vec<FormSamples>, String> {
  let want = (clients * MESSAGES_PER_OP * MESSAGE_BYTES) as u64;
  let mut benches = Vec::new();
  for s in specs {
    let mut b = s
      .rt
      .block_on(EchoBench::start(clients))
      .map_err(|e| format!("{}: echo setup failed: {e}", s.key))?;
    let got = s
      .rt
      .block_on(b.round())
      .map_err(|e| format!("{}: echo round failed: {e}", s.key))?;
    if got != want {
      return Err(format!(
        "{}: {got} bytes echoed intact, expected {want}",
        s.key
      ));
    }
    benches.push(b);
  }
  let samples = {
    let mut forms: Vec<(String, Timed<'_>)> = Vec::new();
    for (s, b) in specs.iter().zip(benches.iter_mut()) {
      let rt = s.rt;
      let timed: Timed<'_> = Box::new(move |batch| {
        rt.block_on(async {
          let t0 = Instant::now();
          for _ in 0..batch {
            // Checked untimed above; a failure now is a broken socket, not a slow one.
            let bytes = b.round().await.expect("echo round failed while sampling");
            black_box(bytes);
          }
          t0.elapsed()
        })
      });
      forms.push((s.key.to_string(), timed));
    }
    sample_forms(&mut forms, o, seed ^ clients as u64)
  };
  for (s, mut b) in specs.iter().zip(benches) {
    if latency.is_zero() {
      // Only one of the suite's processes measures latency (`--latency-ms 0` in the others).
      s.rt.block_on(async { b.stop() });
      continue;
    }
    let (mut rtts, wall) = s
      .rt
      .block_on(b.latency(latency))
      .map_err(|e| format!("{}: latency run failed: {e}", s.key))?;
    rtts.sort_unstable();
    metrics.push((format!("{}_p50_us", s.key), quantile(&rtts, 0.5) / 1e3));
    metrics.push((format!("{}_p99_us", s.key), quantile(&rtts, 0.99) / 1e3));
    metrics.push((
      format!("{}_msgs_per_s", s.key),
      rtts.len() as f64 / wall.as_secs_f64(),
    ));
    // Stop inside the runtime: aborting the server task needs its context.
    s.rt.block_on(async { b.stop() });
  }
  Ok(samples)
}

/// A number as JSON (non-finite values become null; JSON has no NaN).
fn num(x: f64) -> String {
  if x.is_finite() {
    let r = (x * 1000.0).round() / 1000.0;
    format!("{r}")
  } else {
    "null".into()
  }
}

fn json_str(s: &str) -> String {
  let mut out = String::from("\"");
  for c in s.chars() {
    match c {
      '"' => out.push_str("\\\""),
      '\\' => out.push_str("\\\\"),
      c if (c as u32) < 0x20 => {
        let _ = write!(out, "\\u{:04x}", c as u32);
      }
      c => out.push(c),
    }
  }
  out.push('"');
  out
}

/// The output document: `{"workload", "results": [{"size", "forms": {key: {runtime,
/// ops_per_sample, samples_ns}}, "metrics": {...}}]}`.
pub fn to_json(w: Workload, results: &[SizeResult]) -> String {
  let mut s = format!("{{\"workload\":{},\"results\":[", json_str(w.name()));
  for (i, r) in results.iter().enumerate() {
    if i > 0 {
      s.push(',');
    }
    let _ = write!(s, "{{\"size\":{},\"forms\":{{", r.size);
    for (j, (flavour, f)) in r.forms.iter().enumerate() {
      if j > 0 {
        s.push(',');
      }
      let samples: Vec<String> = f.samples_ns.iter().map(|&t| num(t)).collect();
      let _ = write!(
        s,
        "{}:{{\"runtime\":{},\"ops_per_sample\":{},\"samples_ns\":[{}]}}",
        json_str(&f.key),
        json_str(flavour),
        f.ops_per_sample,
        samples.join(",")
      );
    }
    s.push_str("},\"metrics\":{");
    for (j, (k, v)) in r.metrics.iter().enumerate() {
      if j > 0 {
        s.push(',');
      }
      let _ = write!(s, "{}:{}", json_str(k), num(*v));
    }
    s.push_str("}}");
  }
  s.push_str("]}");
  s
}

#[cfg(test)]
mod tests {
  use super::*;

  fn tiny() -> Options {
    Options {
      min_samples: 3,
      max_samples: 3,
      sample: Duration::from_micros(200),
      budget: Duration::ZERO,
      warmup: Duration::from_micros(200),
    }
  }

  #[test]
  fn every_workload_runs_checked_and_sampled() {
    for w in [
      Workload::Spawn,
      Workload::Channel,
      Workload::Timers,
      Workload::TcpEcho,
    ] {
      let got = run(w, &[2, 10], &tiny(), Duration::from_millis(10), 7).unwrap();
      assert_eq!(got.len(), 2);
      for r in &got {
        let keys: Vec<&str> = r.forms.iter().map(|(_, f)| f.key.as_str()).collect();
        assert_eq!(keys[0], "rust");
        assert!(keys.contains(&"rust-multi-thread"));
        assert!(r.forms.iter().all(|(_, f)| f.samples_ns.len() == 3));
        if w == Workload::TcpEcho {
          assert!(r
            .metrics
            .iter()
            .any(|(k, v)| k == "rust_p99_us" && *v > 0.0));
        }
      }
      let json = to_json(w, &got);
      assert!(json.starts_with(&format!("{{\"workload\":\"{}\"", w.name())));
    }
  }

  #[test]
  fn zero_latency_skips_the_echo_metrics() {
    let got = run(Workload::TcpEcho, &[2], &tiny(), Duration::ZERO, 7).unwrap();
    assert!(got[0].metrics.is_empty());
    assert_eq!(got[0].forms.len(), 2);
  }

  #[test]
  fn json_escapes_and_drops_non_finite_numbers() {
    assert_eq!(json_str("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    assert_eq!(num(f64::NAN), "null");
    assert_eq!(num(1.23456), "1.235");
  }

  #[test]
  fn workload_names_round_trip() {
    for name in ["spawn", "channel", "timers", "tcp-echo"] {
      assert_eq!(Workload::parse(name).unwrap().name(), name);
    }
    assert!(Workload::parse("nope").is_none());
  }
}
