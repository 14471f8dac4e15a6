/**
 * The benchmark runner: the only file that knows benny. Its command line is `rust-patterns
 * bench` (benchmark/cli.ts); running this file directly does the same.
 *
 *   npm run bench                       every case, quick sizes, results + RESULTS.md + report.html
 *   npm run bench -- --only zero-copy   one category, or one case id (`zero-copy/checksum`)
 *   npm run bench -- --full             adds the large sizes and longer sampling
 *   npm run bench -- --json out.json    where to write the results (default benchmark/results/)
 *
 * Per case and size it (1) runs every form once and calls the case's `check`, (2) times each form
 * with benny (median and relative margin), (3) runs a separate memory pass per form: heap bytes
 * allocated per op and GC count/ms from v8.GCProfiler, and event-loop delay where asked.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as v8 from 'node:v8';

import b from 'benny';

import { machineInfo, type MachineInfo } from './machine.js';
import { timingOptions, type Mode } from './timing.js';
import { allCases } from './suites.js';
import { consume, sink, type BenchCase, type FormFn } from './types.js';

export interface FormResult {
  ops_per_sec: number;
  time_per_op_us: number;
  margin_pct: number;
  samples: number;
  memory_bytes: number;
  gc_count: number;
  gc_ms: number;
  gc_max_ms: number;
  event_loop_delay_ms?: { p50: number; p99: number; max: number };
}

/** The machine's limits, from the `limits/*` cases that run first in every run. */
export interface LimitsRef {
  /** Copy bandwidth in GB/s of the fastest copy: `cache` at 64 KiB, `memory` at 64 MiB. */
  memcpy_gbps?: { cache?: number; memory?: number };
  /** Nanoseconds per native call: a no-op, and one borrowing a 16-byte Uint8Array. */
  call_floor_ns?: { noop?: number; borrow_16b?: number };
}

/** Folds a limits record into `limits` (other records leave it unchanged). */
export function updateLimits(limits: LimitsRef, r: ResultRecord): void {
  if (r.benchmark === 'limits/memcpy') {
    const forms = [r.results.traditional, r.results.rust_inspired, r.results.native].filter(
      (f) => f !== undefined,
    );
    const gbps = Math.round((Math.max(...forms.map((f) => f.ops_per_sec)) * r.size) / 1e6) / 1e3;
    limits.memcpy_gbps = { ...limits.memcpy_gbps, [r.size <= 4 << 20 ? 'cache' : 'memory']: gbps };
  } else if (r.benchmark === 'limits/call-floor') {
    const noop = r.results.native?.time_per_op_us;
    const borrow = r.results.variants['native-borrow-16B']?.time_per_op_us;
    limits.call_floor_ns = {
      ...(noop === undefined ? {} : { noop: Math.round(noop * 1e4) / 10 }),
      ...(borrow === undefined ? {} : { borrow_16b: Math.round(borrow * 1e4) / 10 }),
    };
  }
}

export interface ResultRecord {
  benchmark: string;
  description: string;
  size: number;
  unit: string;
  language: 'typescript';
  version: { node: string; v8: string; rust: string | null; package: string };
  platform: string;
  machine: MachineInfo;
  mode: 'quick' | 'full';
  date: string;
  /** The command line that produced the record (added by the CLI). */
  command?: string;
  /** The limits measured earlier in the same run, which this record is reported against. */
  limits?: LimitsRef;
  results: {
    traditional?: FormResult;
    rust_inspired?: FormResult;
    native?: FormResult;
    variants: Record<string, FormResult>;
    peers: Record<string, FormResult>;
  };
  improvement: {
    /** rust_inspired ops/s over traditional ops/s. */
    speedup: number | null;
    /** native ops/s over traditional ops/s. */
    native_speedup: number | null;
    /** 1 - rust_inspired bytes/op / traditional bytes/op (0.9 = 90% fewer bytes). */
    memory_reduction: number | null;
    native_memory_reduction: number | null;
  };
  /** The case's extra measurements (see `BenchCase.metrics`), when it defines any. */
  metrics?: Record<string, number>;
}

export type { Mode } from './timing.js';

/** The forms of a case, in report order: key in the record, display name, function, kind. */
function formsOf<S>(
  c: BenchCase<S>,
): Array<{ key: string; kind: 'main' | 'variant' | 'peer'; fn: FormFn<S> }> {
  const forms: Array<{ key: string; kind: 'main' | 'variant' | 'peer'; fn: FormFn<S> }> = [];
  if (c.traditional) forms.push({ key: 'traditional', kind: 'main', fn: c.traditional });
  if (c.rustInspired) forms.push({ key: 'rust_inspired', kind: 'main', fn: c.rustInspired });
  if (c.native) forms.push({ key: 'native', kind: 'main', fn: c.native });
  for (const [key, fn] of Object.entries(c.variants ?? {})) forms.push({ key, kind: 'variant', fn });
  for (const [key, fn] of Object.entries(c.peers ?? {})) forms.push({ key, kind: 'peer', fn });
  return forms;
}

/**
 * The timed function for one form, compiled afresh for every form. Closures made from one
 * literal share their feedback, so a single `() => consume(fn(state))` would see every form of
 * the run at its `fn(...)` call site, go megamorphic and charge small forms for an extra
 * unoptimised call level (about 25 ns per call in zero-copy/checksum's 64-byte dispatch form). A
 * new Function per form keeps that call site monomorphic, as it is in the caller's own code.
 */
function freshBody<S>(fn: FormFn<S>, state: S, isAsync: boolean): () => unknown {
  const source = isAsync
    ? 'return async function timed() { consume(await fn(state)); };'
    : 'return function timed() { consume(fn(state)); };';
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('fn', 'state', 'consume', source)(fn, state, consume) as () => unknown;
}

async function time<S>(
  name: string,
  fn: FormFn<S>,
  state: S,
  isAsync: boolean,
  mode: Mode,
  minSamples = 0,
): Promise<{ median_s: number; margin_pct: number; samples: number }> {
  const options = {
    ...timingOptions[mode],
    minSamples: Math.max(minSamples, timingOptions[mode].minSamples),
  };
  const body = freshBody(fn, state, isAsync);
  const log = console.log;
  console.log = () => {};
  try {
    const summary = await b.suite(name, b.add(name, body, options));
    const r = summary.results[0]!;
    return { median_s: r.details.median, margin_pct: r.margin, samples: r.samples };
  } finally {
    console.log = log;
  }
}

interface GcStats {
  statistics: Array<{
    cost: number;
    beforeGC: { heapStatistics: { usedHeapSize: number } };
    afterGC: { heapStatistics: { usedHeapSize: number } };
  }>;
}

/** Bytes allocated per op and GC activity, from a separate untimed pass of `ops` operations. */
async function memoryPass<S>(
  fn: FormFn<S>,
  state: S,
  ops: number,
  isAsync: boolean,
  withEventLoop: boolean,
): Promise<Pick<FormResult, 'memory_bytes' | 'gc_count' | 'gc_ms' | 'gc_max_ms' | 'event_loop_delay_ms'>> {
  (globalThis as { gc?: () => void }).gc?.();
  const histogram = withEventLoop ? monitorEventLoopDelay({ resolution: 1 }) : null;
  const profiler = new v8.GCProfiler();
  histogram?.enable();
  profiler.start();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < ops; i++) consume(isAsync ? await fn(state) : fn(state));
  const after = process.memoryUsage().heapUsed;
  const stats = profiler.stop() as unknown as GcStats;
  // A blocked loop's delay is only recorded when the monitor's timer next fires; without this
  // turn, forms that never reach the timers phase (sync loops, microtasks) record no sample.
  if (histogram) await new Promise((resolve) => setTimeout(resolve, 2));
  histogram?.disable();
  let reclaimed = 0;
  let gcMs = 0;
  let gcMax = 0;
  for (const s of stats.statistics) {
    reclaimed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
    gcMs += s.cost / 1000;
    gcMax = Math.max(gcMax, s.cost / 1000);
  }
  const out: Pick<FormResult, 'memory_bytes' | 'gc_count' | 'gc_ms' | 'gc_max_ms' | 'event_loop_delay_ms'> = {
    memory_bytes: Math.max(0, Math.round((after - before + reclaimed) / ops)),
    gc_count: stats.statistics.length,
    gc_ms: round(gcMs, 3),
    gc_max_ms: round(gcMax, 3),
  };
  if (histogram) {
    out.event_loop_delay_ms = {
      p50: round(histogram.percentile(50) / 1e6, 3),
      p99: round(histogram.percentile(99) / 1e6, 3),
      max: round(histogram.max / 1e6, 3),
    };
  }
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function ratio(a: FormResult | undefined, b: FormResult | undefined): number | null {
  return a && b ? round(a.ops_per_sec / b.ops_per_sec, 3) : null;
}

function memoryReduction(a: FormResult | undefined, base: FormResult | undefined): number | null {
  if (!a || !base || base.memory_bytes === 0) return null;
  return round(1 - a.memory_bytes / base.memory_bytes, 3);
}

function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(n >= 10 ? 0 : 2);
}

/** One record as a compact table (the console output of `rust-patterns bench`). */
export function formatRecord(r: ResultRecord): string {
  const rows: string[] = [];
  const all: Array<[string, FormResult | undefined]> = [
    ['traditional', r.results.traditional],
    ['rust_inspired', r.results.rust_inspired],
    ['native', r.results.native],
    ...Object.entries(r.results.variants),
    ...Object.entries(r.results.peers).map(([k, v]) => [`peer:${k}`, v] as [string, FormResult]),
  ];
  for (const [name, f] of all) {
    if (!f) continue;
    const eld = f.event_loop_delay_ms ? `  eld p99 ${f.event_loop_delay_ms.p99}ms` : '';
    rows.push(
      `  ${name.padEnd(22)} ${fmt(f.ops_per_sec).padStart(9)} ops/s  ${f.time_per_op_us.toFixed(3).padStart(12)} µs/op ` +
        `±${f.margin_pct.toFixed(1).padStart(4)}%  ${String(f.memory_bytes).padStart(9)} B/op  gc ${f.gc_count}/${f.gc_ms}ms${eld}`,
    );
  }
  const sp = r.improvement;
  for (const [k, v] of Object.entries(r.metrics ?? {})) rows.push(`  metric ${k} = ${v}`);
  return `${r.benchmark} @ ${r.size} ${r.unit}  (rust-inspired ${sp.speedup ?? '-'}x, native ${sp.native_speedup ?? '-'}x)\n${rows.join('\n')}\n`;
}

/** Where a run is: which case of how many, and which of its sizes. */
export interface JobProgress {
  caseId: string;
  caseIndex: number;
  caseCount: number;
  sizeIndex: number;
  sizeCount: number;
}

/** Runs the selected cases and returns their records. */
export async function runBenchmarks(options: {
  mode: Mode;
  only?: string | undefined;
  /**
   * Run each case in its own child process (default: true; false runs in this process, for
   * tests and profiling). Full-size cases leave a process with gigabytes of freed-but-kept native
   * memory (moved-out Vecs whose finalizers wait for the event loop, allocator high-water marks);
   * in one process these added up until the OOM killer stopped a full run at 24 GB. In the quick
   * run, earlier cases' pending finalizers ran inside async/scheduling's setImmediate samples
   * (±98–138% instead of ±8%). Isolated, the quick run also got faster: 3m28s instead of 3m48s.
   */
  isolate?: boolean;
  /** Called before each (case, size) job and once at the end; `job` is absent at the end. */
  onProgress?: (done: number, total: number, label: string, job?: JobProgress) => void;
  /** Called with each record as soon as it is measured. */
  onRecord?: (record: ResultRecord) => void;
}): Promise<ResultRecord[]> {
  const selected = allCases.filter(
    (c) => !options.only || c.id === options.only || c.id.startsWith(`${options.only}/`),
  );
  if (selected.length === 0) throw new Error(`no benchmark case matches --only ${options.only}`);
  const records: ResultRecord[] = [];
  const sizesOf = new Map(
    selected.map((c) => [
      c,
      [...new Set([...c.sizes.quick, ...(options.mode === 'full' ? (c.sizes.full ?? []) : [])])].sort(
        (a, b) => a - b,
      ),
    ]),
  );
  const total = [...sizesOf.values()].reduce((n, sizes) => n + sizes.length, 0);
  let done = 0;
  const limits: LimitsRef = {};
  const started = (c: BenchCase, sizeIndex: number): void => {
    const sizes = sizesOf.get(c)!;
    options.onProgress?.(done, total, `${c.id} @ ${sizes[sizeIndex] ?? '?'}`, {
      caseId: c.id,
      caseIndex: selected.indexOf(c),
      caseCount: selected.length,
      sizeIndex,
      sizeCount: sizes.length,
    });
  };
  const finished = (record: ResultRecord): void => {
    if (record.benchmark.startsWith('limits/')) updateLimits(limits, record);
    else if (limits.memcpy_gbps || limits.call_floor_ns) record.limits = structuredClone(limits);
    records.push(record);
    options.onRecord?.(record);
    done++;
  };
  if (options.isolate ?? true) {
    for (const c of selected) await runInChild(c, options.mode, started, finished);
  } else {
    const machine = machineInfo();
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const c of selected) {
      for (const [i, size] of sizesOf.get(c)!.entries()) {
        started(c, i);
        finished(await runOne(c as BenchCase<unknown>, size, options.mode, machine, pkg.version));
      }
    }
  }
  options.onProgress?.(done, total, 'done');
  return records;
}

/** What `bench-child.ts` sends its parent over IPC. */
export type ChildMessage =
  | { type: 'job'; sizeIndex: number }
  | { type: 'record'; record: ResultRecord }
  | { type: 'done'; sink: number };

/**
 * Runs one case's sizes in a fresh Node process with the environment of this one, `--expose-gc`
 * (the memory pass forces a GC before counting) and tsx (the cases are TypeScript). Rejects,
 * naming the case, when the child fails or dies before reporting that it is done.
 * Exported for tests.
 */
export function runInChild(
  c: BenchCase,
  mode: Mode,
  started: (c: BenchCase, sizeIndex: number) => void,
  finished: (record: ResultRecord) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'bench-child.ts'), [c.id, mode], {
      execArgv: ['--expose-gc', '--import', pathToFileURL(require.resolve('tsx')).href],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let complete = false;
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'job') started(c, m.sizeIndex);
      else if (m.type === 'record') finished(m.record);
      else {
        sink.value ^= m.sink;
        complete = true;
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (complete && code === 0) return resolve();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const hint = signal === 'SIGKILL' ? ' (on Linux often the OOM killer: see `dmesg`)' : '';
      reject(new Error(`benchmark case ${c.id} ${how} in its child process${hint}`));
    });
  });
}

async function runOne(
  c: BenchCase<unknown>,
  size: number,
  mode: Mode,
  machine: MachineInfo,
  version: string,
): Promise<ResultRecord> {
  const state = await c.setup(size);
  try {
    const forms = formsOf(c);
    const first: Record<string, unknown> = {};
    for (const f of forms) first[f.key] = c.async ? await f.fn(state) : f.fn(state);
    c.check(first, state);
    const record: ResultRecord = {
      benchmark: c.id,
      description: c.description,
      size,
      unit: c.unit,
      language: 'typescript',
      version: { node: machine.node, v8: machine.v8, rust: machine.rust, package: version },
      platform: `${process.platform}-${process.arch}`,
      machine,
      mode,
      date: new Date().toISOString(),
      results: { variants: {}, peers: {} },
      improvement: {
        speedup: null,
        native_speedup: null,
        memory_reduction: null,
        native_memory_reduction: null,
      },
    };
    for (const f of forms) {
      const t = await time(`${c.id} ${f.key} ${size}`, f.fn, state, c.async === true, mode, c.minSamples);
      const ops =
        c.memoryOps ??
        Math.max(1, Math.min(100_000, Math.ceil((mode === 'quick' ? 0.025 : 0.05) / t.median_s)));
      const mem = await memoryPass(f.fn, state, ops, c.async === true, c.eventLoopDelay === true);
      const result: FormResult = {
        ops_per_sec: round(1 / t.median_s, 2),
        time_per_op_us: round(t.median_s * 1e6, 4),
        margin_pct: round(t.margin_pct, 2),
        samples: t.samples,
        ...mem,
      };
      if (f.kind === 'main') (record.results as unknown as Record<string, FormResult>)[f.key] = result;
      else if (f.kind === 'variant') record.results.variants[f.key] = result;
      else record.results.peers[f.key] = result;
    }
    const { traditional, rust_inspired, native } = record.results;
    record.improvement = {
      speedup: ratio(rust_inspired, traditional),
      native_speedup: ratio(native, traditional),
      memory_reduction: memoryReduction(rust_inspired, traditional),
      native_memory_reduction: memoryReduction(native, traditional),
    };
    if (c.metrics) record.metrics = await c.metrics(state, mode);
    return record;
  } finally {
    await c.teardown?.(state);
  }
}

/** Writes records as JSON: the named file, else benchmark/results/results-<date>.json + latest.json. */
export function writeResults(records: ResultRecord[], file?: string): string {
  const dir = join(__dirname, 'results');
  const target = file ?? join(dir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(target, '..'), { recursive: true });
  const body = `${JSON.stringify(records, null, 2)}\n`;
  writeFileSync(target, body);
  if (!file) writeFileSync(join(dir, 'latest.json'), body);
  return target;
}

if (require.main === module) {
  // Kept so `node --import tsx benchmark/bench.ts` still works: it is `rust-patterns bench`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./cli.js') as typeof import('./cli.js'))
    .main(['bench', ...process.argv.slice(2)])
    .then((code) => {
      process.exitCode = code;
    });
}
