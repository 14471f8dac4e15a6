//! `async-bench <spawn|channel|timers|tcp-echo> --sizes 100,100000 [options]`: runs one workload
//! on tokio and writes its raw samples as one JSON document to stdout (see `async_bench::to_json`).
//! `benchmark/engine/tokio-suite.ts` runs it with the Node engine's sampling settings.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use async_bench::sampler::Options;
use async_bench::{run, to_json, Workload};

const USAGE: &str = "usage: async-bench <spawn|channel|timers|tcp-echo> --sizes <n,n,...> \
[--min-samples 10] [--max-samples 30] [--sample-ms 2] [--budget-ms 25] [--warmup-ms 10] \
[--latency-ms 200] [--seed 1]";

fn main() -> ExitCode {
  match parse_and_run(std::env::args().skip(1).collect()) {
    Ok(json) => {
      let mut out = std::io::stdout().lock();
      if writeln!(out, "{json}").and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
      }
      ExitCode::SUCCESS
    }
    Err(e) => {
      eprintln!("async-bench: {e}\n{USAGE}");
      ExitCode::FAILURE
    }
  }
}

fn number(flag: &str, value: Option<&String>) -> Result<f64, String> {
  let v = value.ok_or_else(|| format!("{flag} needs a value"))?;
  v.parse::<f64>()
    .ok()
    .filter(|x| x.is_finite() && *x >= 0.0)
    .ok_or_else(|| format!("{flag}: not a non-negative number: {v}"))
}

fn integer(flag: &str, value: Option<&String>) -> Result<u64, String> {
  let v = value.ok_or_else(|| format!("{flag} needs a value"))?;
  v.parse::<u64>()
    .map_err(|_| format!("{flag}: not a whole number: {v}"))
}

fn count(flag: &str, value: Option<&String>) -> Result<usize, String> {
  usize::try_from(integer(flag, value)?.max(1)).map_err(|_| format!("{flag}: too large"))
}

fn parse_and_run(args: Vec<String>) -> Result<String, String> {
  let workload = args
    .first()
    .and_then(|w| Workload::parse(w))
    .ok_or("the first argument names the workload")?;
  // The Node engine's quick settings (benchmark/engine/sampling.ts), per process.
  let mut o = Options {
    min_samples: 10,
    max_samples: 30,
    sample: Duration::from_millis(2),
    budget: Duration::from_millis(25),
    warmup: Duration::from_millis(10),
  };
  let mut sizes = Vec::new();
  let mut latency = Duration::from_millis(200);
  let mut seed = 1u64;
  let mut it = args.iter().skip(1);
  while let Some(flag) = it.next() {
    let ms = |v: f64| Duration::from_secs_f64(v / 1e3);
    match flag.as_str() {
      "--sizes" => {
        let list = it.next().ok_or("--sizes needs a value")?;
        for s in list.split(',') {
          sizes.push(
            s.parse::<usize>()
              .map_err(|_| format!("--sizes: not a size: {s}"))?,
          );
        }
      }
      "--min-samples" => o.min_samples = count(flag, it.next())?,
      "--max-samples" => o.max_samples = count(flag, it.next())?,
      "--sample-ms" => o.sample = ms(number(flag, it.next())?),
      "--budget-ms" => o.budget = ms(number(flag, it.next())?),
      "--warmup-ms" => o.warmup = ms(number(flag, it.next())?),
      "--latency-ms" => latency = ms(number(flag, it.next())?),
      "--seed" => seed = integer(flag, it.next())?,
      other => return Err(format!("unknown option {other}")),
    }
  }
  if sizes.is_empty() {
    return Err("--sizes is required".into());
  }
  let results = run(workload, &sizes, &o, latency, seed)?;
  Ok(to_json(workload, &results))
}
