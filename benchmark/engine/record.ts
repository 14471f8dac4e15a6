/**
 * The results record: one per case and size, as `rust-patterns bench` writes it and
 * `schema/results.schema.json` describes it. The report and the calibrator read only this module
 * of the engine, so a saved results file is all they need.
 */
import type { Access, FormKind } from './case.js';
import type { MachineInfo } from './machine.js';
import { median, medianInterval, quantile, round } from './stats.js';

export type Mode = 'quick' | 'full';

/** Allocation and GC figures of one form, from an untimed pass after its timing. */
export interface MemoryResult {
  /** Ops in the pass. */
  ops: number;
  /**
   * V8 heap bytes allocated per op (heap growth plus what the pass's GCs reclaimed); null where
   * the runtime cannot tell (see `ResultRecord.unavailable`).
   */
  heap_bytes_per_op: number | null;
  /** ArrayBuffer backing-store bytes allocated per op (Buffers and typed arrays included); null: unavailable. */
  array_buffer_bytes_per_op: number | null;
  /** External memory per op (V8's external accounting: ArrayBuffers plus native objects); null: unavailable. */
  external_bytes_per_op: number | null;
  /**
   * True when a GC ran during every pass tried, so the ArrayBuffer and external figures are
   * lower bounds (frees during the pass offset allocations).
   */
  external_lower_bound: boolean;
  /** Peak resident set of the process during the pass (Linux: VmHWM after a reset); null elsewhere. */
  peak_rss_bytes: number | null;
}

export interface GcResult {
  count: number;
  total_ms: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

/**
 * The `process_samples` name of the host canary's readings, one per sampling round, in
 * nanoseconds (sampling.ts `hostCanary`).
 */
export const HOST_CANARY = 'host_canary_ns';

/** Values of one repeated measurement, pooled across processes like a form's samples. */
export interface ProcessSamples {
  values: number[];
  process?: number[];
}

/** One implementation timed at one size. */
export interface FormResult {
  kind: FormKind;
  /** Time per op of each sample in nanoseconds, in the order taken: the statistics' input. */
  samples_ns: number[];
  /** The process (0-based, one per `--repeat`) that took each sample; absent with one process. */
  sample_process?: number[];
  /**
   * Looks the runner took at this case's verdicts before it stopped adding processes (absent:
   * one, the planned processes only). stats.ts widens intervals by Pocock's constant for it.
   */
  looks?: number;
  /** Ops timed per sample (fast functions are batched so a sample outlasts timer noise). */
  ops_per_sample: number;
  /** 1 / median time per op. */
  ops_per_sec: number;
  /** Median time per op, microseconds. */
  time_per_op_us: number;
  /** Half-width of the median's 95% bootstrap interval relative to the median, percent. */
  margin_pct: number;
  samples: number;
  memory: MemoryResult | null;
  /** GC count and pauses of the memory pass; null when it did not run or the runtime has no GC profiler. */
  gc: GcResult | null;
  event_loop_delay_ms?: { p50: number; p99: number; max: number };
}

/** One size of the bandwidth ladder: the limit (fastest method) and the common method (built-ins). */
export interface RooflinePoint {
  /** Bytes read, or copied, per op. */
  bytes: number;
  /** Fastest read-only scan, GB/s, and the form that reached it (`read-simd`). */
  read_gbps?: number;
  read_method?: string;
  /** Fastest copy, GB/s of bytes copied, and the form that reached it (`copy-vector`). */
  copy_gbps?: number;
  copy_method?: string;
  /** Fastest in-place update, GB/s of bytes updated, and its form (`update-vector`). */
  update_gbps?: number;
  update_method?: string;
  /** The fastest built-in (`Buffer#indexOf`; `Buffer#copy` or `set`): what most code gets. */
  common_read_gbps?: number;
  common_copy_gbps?: number;
  common_update_gbps?: number;
}

/** Memory-hierarchy rooflines measured in the run: GB/s per level, by access pattern. */
export interface Roofline {
  /** Bytes the level holds (L1d/L2/L3 from the CPU, memory = the ladder's memory point). */
  level_bytes: Record<'l1' | 'l2' | 'l3' | 'memory', number>;
  /** Read-only scan at the ladder point that stands for the level, GB/s (fastest method). */
  read_gbps: Partial<Record<'l1' | 'l2' | 'l3' | 'memory', number>>;
  /** Copy (read + write of the same bytes), GB/s of bytes copied (fastest method). */
  copy_gbps: Partial<Record<'l1' | 'l2' | 'l3' | 'memory', number>>;
  /** In-place update (each byte read and written back), GB/s; absent in records made before it. */
  update_gbps?: Partial<Record<'l1' | 'l2' | 'l3' | 'memory', number>>;
  /**
   * Every size measured, ascending; the lookup uses these when present (`report/analyze.ts`
   * `rooflineFor`). Absent in records made before the ladder (then the levels are used).
   */
  ladder?: RooflinePoint[];
}

/** The machine's limits, from the `limits/*` cases that run first in every run. */
export interface LimitsRef {
  roofline?: Roofline;
  /** Nanoseconds per native call: a no-op, and one borrowing a 16-byte Uint8Array. */
  call_floor_ns?: { noop?: number; borrow_16b?: number };
  /** Nanoseconds the timed loop adds per op (`limits/harness`'s empty form). */
  harness_ns?: number;
}

/** Which runtime ran the record. */
export interface RuntimeInfo {
  name: 'node' | 'bun' | 'deno';
  /** `v20.20.0` (Node, as `process.version`), `1.4.5` (Bun), `2.9.6` (Deno). */
  version: string;
  /** `V8 11.3.244.8-node.38`, `JavaScriptCore (WebKit d6375c72af)`, `V8 15.0.245.2-rusty`. */
  engine: string;
}

/**
 * A measurement the runtime cannot make: `forced_gc` (no `gc()` or `Bun.gc`), `gc_profiler` (no
 * `v8.GCProfiler`: form `gc` is null), `event_loop_delay` (no working `monitorEventLoopDelay`:
 * `event_loop_delay_ms` absent), `peak_rss` (no `/proc/self/clear_refs`), `heap_bytes`,
 * `array_buffer_bytes`, `external_bytes` (a `process.memoryUsage()` field that does not move: the
 * memory figure is null), `rust` (the pure-Rust suite added no form to the record: no cargo, a
 * failed build, or a result that differed from the native form's; see `suites/rust-suite.ts`).
 */
export type UnavailableMetric =
  | 'forced_gc'
  | 'gc_profiler'
  | 'event_loop_delay'
  | 'peak_rss'
  | 'heap_bytes'
  | 'array_buffer_bytes'
  | 'external_bytes'
  | 'rust';

export interface ResultRecord {
  benchmark: string;
  description: string;
  size: number;
  unit: string;
  /** Items and bytes one op processes (see `BenchCase.work`); throughputs use these. */
  items_per_op: number | null;
  bytes_per_op: number | null;
  /**
   * Distinct bytes one op touches, when fewer than `bytes_per_op` (see `Work.footprint`); the
   * roofline's cache level is chosen by it. Absent: `bytes_per_op` is the working set.
   */
  footprint_bytes?: number;
  /** Forms that ran on several cores (`BenchCase.parallelForms`); see `rooflineFor`. */
  parallel_forms?: string[];
  /** The access pattern the case's roofline is chosen by. */
  access: Access | null;
  language: 'typescript';
  runtime: RuntimeInfo;
  version: { node: string; v8: string; rust: string | null; package: string };
  platform: string;
  machine: MachineInfo;
  mode: Mode;
  /** Fresh processes the samples were pooled from. */
  repeats: number;
  /**
   * Runs whose processes this record pools (report/pool-runs.ts, when several results files of
   * one runtime are read together); absent: one run.
   */
  runs?: number;
  /**
   * The most threads the case's parallel forms used (the run's `--threads`); on records of cases
   * with scaling forms (`BenchCase.scaling`) only.
   */
  threads?: number;
  date: string;
  /** The command line that produced the record (added by the CLI). */
  command?: string;
  /** The limits measured earlier in the same run, which this record is reported against. */
  limits?: LimitsRef;
  /** Every form by name: `traditional`, `rust_inspired`, `native`, `rust`, and the named others. */
  forms: Record<string, FormResult>;
  /** The case's decomposition ladder (see `BenchCase.steps`), when it defines one. */
  steps?: string[];
  /** The case's extra measurements (see `BenchCase.metrics`), when it defines any. */
  metrics?: Record<string, number>;
  /**
   * The case's per-process repeated measurements (see `BenchCase.processSamples`), by name: the
   * values of every process, and the process (0-based) that took each (absent: one process).
   * The engine adds `HOST_CANARY` in every sampling process.
   */
  process_samples?: Record<string, ProcessSamples>;
  /**
   * What the runtime could not measure for this record: those figures are null or absent, never
   * 0. Absent when everything was measured (Node).
   */
  unavailable?: UnavailableMetric[];
}

/** The forms of a record of one kind. */
export function formsOfKind(
  r: ResultRecord,
  kinds: ReadonlySet<FormKind> | FormKind,
): Array<[string, FormResult]> {
  const ok = typeof kinds === 'string' ? (k: FormKind) => k === kinds : (k: FormKind) => kinds.has(k);
  return Object.entries(r.forms).filter(([, f]) => ok(f.kind));
}

/** Folds a limits record into `limits` (other records leave it unchanged). */
export function updateLimits(limits: LimitsRef, r: ResultRecord): void {
  if (r.benchmark === 'limits/bandwidth') {
    const roof = (limits.roofline ??= {
      level_bytes: { l1: 0, l2: 0, l3: 0, memory: 0 },
      read_gbps: {},
      copy_gbps: {},
    });
    const point = bandwidthPoint(r);
    const ladder = (roof.ladder ??= []).filter((p) => p.bytes !== point.bytes);
    roof.ladder = [...ladder, point].sort((a, b) => a.bytes - b.bytes);
    const level = (r.metrics?.level ?? -1) as number;
    const name = (['l1', 'l2', 'l3', 'memory'] as const)[level];
    if (!name) return;
    roof.level_bytes[name] = r.metrics?.level_bytes ?? 0;
    if (point.read_gbps !== undefined) roof.read_gbps[name] = point.read_gbps;
    if (point.copy_gbps !== undefined) roof.copy_gbps[name] = point.copy_gbps;
    if (point.update_gbps !== undefined) (roof.update_gbps ??= {})[name] = point.update_gbps;
  } else if (r.benchmark === 'limits/harness') {
    const empty = r.forms.empty?.time_per_op_us;
    if (empty !== undefined) limits.harness_ns = round(empty * 1e3, 2);
  } else if (r.benchmark === 'limits/call-floor') {
    const noop = r.forms.native?.time_per_op_us;
    const borrow = r.forms['native-borrow-16B']?.time_per_op_us;
    limits.call_floor_ns = {
      ...(noop === undefined ? {} : { noop: round(noop * 1e3, 1) }),
      ...(borrow === undefined ? {} : { borrow_16b: round(borrow * 1e3, 1) }),
    };
  }
}

/**
 * Attaches again, to every record that carries `limits`, the limits folded from the limits
 * records of its own runtime: for forms added to those records after the run (the Rust suite's
 * `read-simd-rust`). Records without `limits` (those measured before the limits cases) stay so.
 */
export function refreshLimits(records: readonly ResultRecord[]): void {
  const runtimeOf = (r: ResultRecord): string => `${r.runtime.name} ${r.runtime.version}`;
  const byRuntime = new Map<string, LimitsRef>();
  for (const r of records) {
    if (!r.benchmark.startsWith('limits/')) continue;
    let limits = byRuntime.get(runtimeOf(r));
    if (!limits) byRuntime.set(runtimeOf(r), (limits = {}));
    updateLimits(limits, r);
  }
  for (const r of records) {
    const limits = byRuntime.get(runtimeOf(r));
    if (r.limits && limits && !r.benchmark.startsWith('limits/')) r.limits = structuredClone(limits);
  }
}

/**
 * The quantile of a roofline method's sample times that gives its rate: a limit is the best rate
 * the method sustains for a whole sample, as STREAM reports the best of its trials. With the
 * median, sample noise of 10-20% at the cache-level points put the limit below kernels measured
 * at their own median: `allocation/in-place`'s Rust kernel read 108% of the update roofline and
 * `work-distribution`'s `rust_fast` 105% of the read roofline (committed results of c2a3a53).
 * The tenth percentile was not enough either at 16 MiB, half of an L3 that this host shares with
 * other guests, where the same kernel's rate moves by 20% from one moment to the next: in three
 * quick runs of stop 42 (AMD EPYC Zen 4, c-1..3), `boundary-in`'s `rust` form read 106-107% of
 * the figure in two and `work-distribution`'s `rust_fast` 105% in one; with the best sample, none
 * (the same records with their limits computed again).
 */
export const ROOFLINE_QUANTILE = 0;

/**
 * One `limits/bandwidth` record as a ladder point: per access (forms named `read-*`, `copy-*`,
 * `update-*`), the fastest form of any kind at its best rate (`ROOFLINE_QUANTILE`) is the limit,
 * and the fastest built-in at its median the common method (what code usually gets). A form with
 * a metric `passes:<form>` moves the record's size that many times per op.
 */
export function bandwidthPoint(r: ResultRecord): RooflinePoint {
  const point: RooflinePoint = { bytes: r.size };
  for (const access of ['read', 'copy', 'update'] as const) {
    const forms = Object.entries(r.forms).filter(([key]) => key.startsWith(`${access}-`));
    const bytes = (key: string): number => r.size * (r.metrics?.[`passes:${key}`] ?? 1);
    const gbps = ([key, f]: [string, FormResult]): number => {
      const ns = f.samples_ns.length > 0 ? quantile(f.samples_ns, ROOFLINE_QUANTILE) : 1e9 / f.ops_per_sec;
      return round(bytes(key) / ns, 2);
    };
    const typical = ([key, f]: [string, FormResult]): number => round((f.ops_per_sec * bytes(key)) / 1e9, 2);
    // One quantile (a sort of the samples) per form.
    const rates = forms.map((e) => [e[0], gbps(e)] as const);
    const best = rates.reduce<(typeof rates)[number] | null>(
      (m, e) => (m === null || e[1] > m[1] ? e : m),
      null,
    );
    if (best && best[1] > 0) {
      point[`${access}_gbps`] = best[1];
      point[`${access}_method`] = best[0];
    }
    const common = forms.filter(([, f]) => f.kind === 'builtin').reduce((m, e) => Math.max(m, typical(e)), 0);
    if (common > 0) point[`common_${access}_gbps`] = common;
  }
  return point;
}

/** The timing fields of a form result, without the memory pass's. */
export type FormTiming = Omit<FormResult, 'memory' | 'gc' | 'event_loop_delay_ms'>;

/**
 * A form's timing fields from its raw samples (ns per op): the median and its bootstrap interval
 * (`withInterval: false` skips the bootstrap where the summary is replaced later), and the
 * process of each sample. The process tags are kept when there are several processes, or always
 * with `keepProcess` (a `rust` form keeps the numbers of its own processes, after the Node ones).
 */
export function formTiming(
  kind: FormKind,
  samples: readonly number[],
  opsPerSample: number,
  seed: string,
  options: { process?: readonly number[] | undefined; keepProcess?: boolean; withInterval?: boolean } = {},
): FormTiming {
  const { process, keepProcess = false, withInterval = true } = options;
  const iv = withInterval
    ? medianInterval({ samples_ns: samples }, seed, 500)
    : { ratio: median(samples), lo: NaN, hi: NaN };
  const medianNs = iv.ratio;
  const tagged = process && (keepProcess || new Set(process).size > 1);
  return {
    kind,
    samples_ns: samples.map((t) => round(t, 3)),
    ...(tagged ? { sample_process: [...process] } : {}),
    ops_per_sample: opsPerSample,
    ops_per_sec: round(1e9 / medianNs, 3),
    time_per_op_us: round(medianNs / 1e3, 6),
    margin_pct: withInterval ? round((Math.max(medianNs - iv.lo, iv.hi - medianNs) / medianNs) * 100, 2) : 0,
    samples: samples.length,
  };
}

/** The text of a results file: one record per array element, as runs and `publish` write it. */
export function recordsJson(records: readonly ResultRecord[]): string {
  return `${JSON.stringify(records, null, 1)}\n`;
}
