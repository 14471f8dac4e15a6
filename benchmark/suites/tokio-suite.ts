/**
 * The tokio suite: runs `crates/async-bench` (the same workloads as `cases/async/tokio-*.ts`, on
 * tokio) and merges its raw samples into those cases' records as `rust` forms, so the engine's
 * statistics and the report treat them as any other form.
 *
 * The Rust processes are fresh processes of their own, sampled with the engine's settings
 * (`samplingOptions`, `minSamplesPerProcess`). They are numbered after the record's Node
 * processes in `sample_process`, so the statistics never pair a Rust sample with a Node round
 * (`stats.ts` `paired`): the two sides were not sampled in the same rounds.
 */
import { spawnSync } from 'node:child_process';

import { echoLatencyMs } from '../lab/event-loop-vs-tokio.js';
import { allocatorEnv } from '../engine/allocator.js';
import { formTiming, type FormResult, type Mode, type ResultRecord } from '../engine/record.js';
import { repoRoot } from '../engine/paths.js';
import { defaultRepeats, minSamplesPerProcess, samplingOptions } from '../engine/sampling.js';
import { round } from '../engine/stats.js';

/** The case ids the suite adds `rust` forms to, and the async-bench workload of each. */
export const tokioWorkloads: Readonly<Record<string, string>> = {
  'async/tokio-spawn': 'spawn',
  'async/tokio-channel': 'channel',
  'async/tokio-timers': 'timers',
  'async/tokio-tcp-echo': 'tcp-echo',
};

/** One form of one size, as async-bench prints it. */
export interface AsyncBenchForm {
  /** `current_thread` or `multi_thread`. */
  runtime: string;
  ops_per_sample: number;
  samples_ns: number[];
}

/** One process's output for one workload. */
export interface AsyncBenchOutput {
  workload: string;
  results: Array<{ size: number; forms: Record<string, AsyncBenchForm>; metrics: Record<string, number> }>;
}

function isRecordOf(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parses and validates async-bench's stdout; throws naming the first thing that is wrong. */
export function parseAsyncBench(text: string): AsyncBenchOutput {
  const doc = JSON.parse(text) as unknown;
  const bad = (what: string): never => {
    throw new Error(`async-bench output: ${what}`);
  };
  if (!isRecordOf(doc) || typeof doc.workload !== 'string' || !Array.isArray(doc.results)) {
    return bad('expected {workload, results[]}');
  }
  for (const r of doc.results as unknown[]) {
    if (!isRecordOf(r) || !Number.isInteger(r.size) || !isRecordOf(r.forms) || !isRecordOf(r.metrics)) {
      return bad('a result lacks size, forms or metrics');
    }
    for (const [key, f] of Object.entries(r.forms)) {
      if (
        !isRecordOf(f) ||
        typeof f.runtime !== 'string' ||
        !Number.isInteger(f.ops_per_sample) ||
        (f.ops_per_sample as number) < 1 ||
        !Array.isArray(f.samples_ns) ||
        f.samples_ns.length === 0 ||
        !f.samples_ns.every((t) => typeof t === 'number' && t > 0)
      ) {
        return bad(`form ${key} at ${String(r.size)} has no valid samples`);
      }
    }
    for (const [key, v] of Object.entries(r.metrics)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) bad(`metric ${key} is not a number`);
    }
  }
  return doc as unknown as AsyncBenchOutput;
}

/** The first process number not used by the record's Node forms. */
function nextProcess(r: ResultRecord): number {
  let last = r.repeats - 1;
  for (const f of Object.values(r.forms)) for (const p of f.sample_process ?? []) last = Math.max(last, p);
  return last + 1;
}

/** A form's summary from its pooled samples, as the runner summarizes Node forms. */
function rustForm(samples: number[], process: number[], opsPerSample: number, seed: string): FormResult {
  return {
    ...formTiming('rust', samples, opsPerSample, seed, { process, keepProcess: true }),
    memory: null,
    gc: null,
  };
}

/**
 * Merges the outputs of several async-bench processes for `caseId` into its records: one `rust*`
 * form per async-bench form (samples pooled over the processes), and the first process's
 * metrics. Records of other cases, and sizes the outputs lack, are left as they are. Returns the
 * number of records changed.
 */
export function mergeTokio(records: ResultRecord[], caseId: string, outputs: AsyncBenchOutput[]): number {
  let changed = 0;
  for (const r of records) {
    if (r.benchmark !== caseId) continue;
    const parts = outputs.map((o) => o.results.find((x) => x.size === r.size));
    if (parts.some((p) => p === undefined) || parts.length === 0) continue;
    const first = nextProcess(r);
    const keys = Object.keys(parts[0]!.forms);
    for (const key of keys) {
      if (r.forms[key]) throw new Error(`${caseId} @ ${r.size}: a Node form is already named ${key}`);
      const samples: number[] = [];
      const process: number[] = [];
      parts.forEach((p, i) => {
        const f = p!.forms[key];
        if (!f) throw new Error(`${caseId} @ ${r.size}: form ${key} missing from process ${i}`);
        samples.push(...f.samples_ns);
        process.push(...f.samples_ns.map(() => first + i));
      });
      r.forms[key] = rustForm(
        samples,
        process,
        parts[0]!.forms[key]!.ops_per_sample,
        `${caseId}|${r.size}|${key}`,
      );
    }
    if (Object.keys(parts[0]!.metrics).length > 0) r.metrics = { ...r.metrics, ...parts[0]!.metrics };
    changed++;
  }
  return changed;
}

/** How `addTokioForms` reaches cargo; tests replace it. */
export interface CargoRunner {
  /** Builds async-bench; returns null on success, else why it failed. */
  build: () => string | null;
  /** Runs async-bench with `args`; returns its stdout, or throws with its stderr. */
  run: (args: string[]) => string;
}

export const cargo: CargoRunner = {
  build: () => {
    const r = spawnSync('cargo', ['build', '--release', '--quiet', '-p', 'async-bench'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.error) return r.error.message;
    return r.status === 0 ? null : `cargo build exited with ${r.status}: ${r.stderr.trim().slice(-400)}`;
  },
  run: (args) => {
    const r = spawnSync('cargo', ['run', '--release', '--quiet', '-p', 'async-bench', '--', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: allocatorEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`async-bench ${args[0]} exited with ${r.status}: ${r.stderr.trim()}`);
    return r.stdout;
  },
};

/**
 * The command-line arguments of async-bench process `seed` (1-based) of `processes`: the engine's
 * sampling settings. Only the first process measures the TCP echo's latency, as only the first
 * Node process runs a case's metrics.
 */
export function asyncBenchArgs(
  workload: string,
  sizes: number[],
  mode: Mode,
  processes: number,
  seed: number,
): string[] {
  const o = samplingOptions[mode];
  return [
    workload,
    '--sizes',
    sizes.join(','),
    '--min-samples',
    String(minSamplesPerProcess(mode, processes)),
    '--max-samples',
    String(o.maxSamples),
    '--sample-ms',
    String(o.sampleMs),
    '--budget-ms',
    String(o.formBudgetMs),
    '--warmup-ms',
    String(o.warmupMs),
    // TCP echo latency: free-running clients this long per form (the Node side's metrics match).
    '--latency-ms',
    String(seed === 1 ? echoLatencyMs[mode] : 0),
    '--seed',
    String(seed),
  ];
}

/** Outputs already measured in this process, by workload, sizes and mode (several runtimes share them). */
const measured = new Map<string, AsyncBenchOutput[]>();

/**
 * Adds the tokio forms to the records of the `async/tokio-*` cases in `records` (the others are
 * untouched). Builds async-bench once, then runs it in `processes` fresh processes per workload
 * (default: the engine's processes per case). When cargo or the build is missing, or a workload
 * fails its check, the records stay without a `rust` form and list `rust` as unavailable, and
 * `log` says why; the run goes on.
 */
export function addTokioForms(
  records: ResultRecord[],
  mode: Mode,
  options: { log?: (text: string) => void; processes?: number; runner?: CargoRunner } = {},
): void {
  const log = options.log ?? ((t: string) => process.stderr.write(t));
  const runner = options.runner ?? cargo;
  const processes = options.processes ?? defaultRepeats[mode];
  const cases = Object.keys(tokioWorkloads).filter((id) => records.some((r) => r.benchmark === id));
  if (cases.length === 0) return;
  const unavailable = (id: string, why: string): void => {
    log(`tokio suite: no rust form for ${id}: ${why}\n`);
    for (const r of records) {
      if (r.benchmark === id)
        r.unavailable = [...new Set([...(r.unavailable ?? []), 'rust' as const])].sort();
    }
  };
  const built = runner.build();
  if (built !== null) {
    for (const id of cases) unavailable(id, built);
    return;
  }
  for (const id of cases) {
    const workload = tokioWorkloads[id]!;
    const sizes = [...new Set(records.filter((r) => r.benchmark === id).map((r) => r.size))].sort(
      (a, b) => a - b,
    );
    const cacheKey = `${workload}|${sizes.join(',')}|${mode}|${processes}`;
    try {
      let outputs = measured.get(cacheKey);
      if (!outputs) {
        outputs = [];
        for (let p = 0; p < processes; p++) {
          outputs.push(parseAsyncBench(runner.run(asyncBenchArgs(workload, sizes, mode, processes, p + 1))));
        }
        measured.set(cacheKey, outputs);
      }
      mergeTokio(records, id, outputs);
      for (const r of records) {
        if (r.benchmark !== id) continue;
        const rust = Object.entries(r.forms).filter(([, f]) => f.kind === 'rust');
        log(
          `${id} @ ${r.size}: ${rust.map(([k, f]) => `${k} ${f.time_per_op_us} µs/op ±${f.margin_pct}%`).join(', ')}\n`,
        );
      }
    } catch (e) {
      unavailable(id, (e as Error).message);
    }
  }
}
