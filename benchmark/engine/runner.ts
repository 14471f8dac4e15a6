/**
 * The runner: runs cases (each in fresh child processes by default), checks every form's result,
 * samples the forms in interleaved rounds (sampling.ts), measures memory per form (memory.ts) and
 * returns one record per case and size (record.ts). `benchmark/cli.ts` is its command line.
 */
import type { ChildProcess, ForkOptions } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  caseContext,
  defaultThreads,
  scalingKey,
  sink,
  workOf,
  type BenchCase,
  type FormFn,
  type FormKind,
} from './case.js';
import { allocatorEnv } from './allocator.js';
import { machineEnv, machineInfo, type MachineInfo } from './machine.js';
import { memoryPass, unavailableMetrics } from './memory.js';
import { repoRoot } from './paths.js';
import {
  formTiming,
  HOST_CANARY,
  updateLimits,
  type FormResult,
  type FormTiming,
  type LimitsRef,
  type ProcessSamples,
  type Mode,
  type ResultRecord,
  type RuntimeInfo,
  type UnavailableMetric,
} from './record.js';
import {
  defaultRepeats,
  extraBudgetSeconds,
  extraBudgetWithin,
  extraProcessCost,
  extraProcesses,
  minSamplesPerProcess,
  sampleForms,
  samplingOptions,
  timePerOp,
} from './sampling.js';
import { round } from './stats.js';

export type { Mode, ResultRecord } from './record.js';

/** The forms of a case with their record keys and kinds; scaling forms at 1 to `threads`. */
export function formsOf<S>(
  c: BenchCase<S>,
  threads: number = defaultThreads(),
): Array<{ key: string; kind: FormKind; fn: FormFn<S> }> {
  const forms: Array<{ key: string; kind: FormKind; fn: FormFn<S> }> = [];
  if (c.traditional) forms.push({ key: 'traditional', kind: 'traditional', fn: c.traditional });
  if (c.rustInspired) forms.push({ key: 'rust_inspired', kind: 'rust_inspired', fn: c.rustInspired });
  if (c.native) forms.push({ key: 'native', kind: 'native', fn: c.native });
  const named: Array<[Record<string, FormFn<S>> | undefined, FormKind]> = [
    [c.variants, 'variant'],
    [c.nativeVariants, 'native_variant'],
    [c.peers, 'peer'],
    [c.builtins, 'builtin'],
  ];
  const scaling = Object.entries(c.scaling ?? {}).flatMap(([name, fn]) =>
    Array.from({ length: threads }, (_, t): [string, FormFn<S>] => [
      scalingKey(name, t + 1),
      (s: S) => fn(s, t + 1),
    ]),
  );
  named.push([Object.fromEntries(scaling), 'variant']);
  for (const [group, kind] of named) {
    for (const [key, fn] of Object.entries(group ?? {})) {
      if (forms.some((f) => f.key === key)) throw new Error(`${c.id}: two forms are named ${key}`);
      forms.push({ key, kind, fn });
    }
  }
  return forms;
}

/**
 * A copy of a form's result taken right after the form ran, so a later form that writes into a
 * shared output cannot make an earlier form's check pass. Typed arrays and Buffers are copied;
 * plain data is cloned; what cannot be cloned (functions, class instances with private state)
 * is kept as it is.
 */
export function snapshot(result: unknown): unknown {
  if (Buffer.isBuffer(result)) return Buffer.from(result);
  if (result instanceof DataView) {
    return new DataView(result.buffer.slice(result.byteOffset, result.byteOffset + result.byteLength));
  }
  // TypedArray#slice copies into a new array of the same type (Buffer#slice would be a view).
  if (ArrayBuffer.isView(result)) return (result as Uint8Array).slice();
  if (result === null || typeof result !== 'object') return result;
  try {
    return structuredClone(result);
  } catch {
    return result;
  }
}

/**
 * The runtime this process is: Node, Bun or Deno, with its version and engine, named as
 * `npm run runtimes` names them (conformance/runtime-info.mjs). Bun and Deno both report a Node
 * version and a `process.versions.v8` of their own for compatibility, so they are asked directly.
 */
export function runtimeInfo(): RuntimeInfo {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string; v8: string } } };
  if (g.Bun) {
    // Bun runs on JavaScriptCore; process.versions.webkit is the WebKit commit it was built from.
    const webkit = (process.versions as { webkit?: string }).webkit;
    return {
      name: 'bun',
      version: g.Bun.version,
      engine: `JavaScriptCore${webkit ? ` (WebKit ${webkit.slice(0, 10)})` : ''}`,
    };
  }
  if (g.Deno) return { name: 'deno', version: g.Deno.version.deno, engine: `V8 ${g.Deno.version.v8}` };
  return { name: 'node', version: process.version, engine: `V8 ${process.versions.v8}` };
}

/**
 * How each runtime starts the compiled child (`child.js`): the arguments between the executable
 * and the script. All three speak Node's IPC to the parent: a child started by `fork` finds the
 * channel in `NODE_CHANNEL_FD`, and Bun and Deno read that variable too (newline-delimited JSON,
 * fork's default serialization).
 * - Node: `--expose-gc` for the forced GC between forms.
 * - Bun: no flags; the forced GC is `Bun.gc(true)` (sampling.ts `forcedGc`).
 * - Deno: `run -A` grants the files, environment, subprocesses and `--allow-ffi` the addon needs
 *   (without FFI the package falls back to its JS twins); `--v8-flags=--expose-gc` gives `gc()`.
 */
export const childExecArgv: Record<RuntimeInfo['name'], readonly string[]> = {
  node: ['--expose-gc'],
  bun: [],
  deno: ['run', '-A', '--v8-flags=--expose-gc', '--unstable-detect-cjs'],
};

/** The runtime an executable is, by its file name (`bun`, `deno`; anything else is a Node). */
export function runtimeOfExec(execPath: string): RuntimeInfo['name'] {
  const name = basename(execPath).toLowerCase();
  if (name.startsWith('bun')) return 'bun';
  if (name.startsWith('deno')) return 'deno';
  return 'node';
}

/** Where a run is: which case of how many, and which of its sizes. */
export interface JobProgress {
  caseId: string;
  caseIndex: number;
  caseCount: number;
  sizeIndex: number;
  sizeCount: number;
  repeat: number;
  repeats: number;
}

export interface RunOptions {
  mode: Mode;
  /** Every case of the suite, in matrix order (the registry, `benchmark/cases/index.ts`). */
  cases: readonly BenchCase[];
  /** The file a child process loads a case from (required unless `isolate` is false). */
  caseFile?: ((id: string) => string) | undefined;
  /**
   * How much a case's pooled records still need a process to decide a verdict, given the extra
   * processes the case has had so far: 0 not at all, higher served first (the cheapest first
   * within one level). The decision rule of the sequential sampling (the report's,
   * `report/sequential.ts`). Absent: no extra processes.
   */
  needsMore?: ((records: ResultRecord[], extraTaken: number) => number) | undefined;
  only?: string | undefined;
  /** Fresh processes per case, pooled (default: `defaultRepeats`). */
  repeat?: number | undefined;
  /**
   * Further processes, at most, for the headline (largest) size of a case while one of its
   * verdicts has an open direction or magnitude (`needsMore`; default: `extraProcesses`; 0 turns it off).
   */
  extra?: number | undefined;
  /** Run each case in child processes (default: true; false runs here, for tests and profiling). */
  isolate?: boolean;
  /** The executable of the child processes (another Node, Bun, Deno); default this one. */
  execPath?: string | undefined;
  /** Called before each (case, size) job and once at the end; `job` is absent at the end. */
  onProgress?: (done: number, total: number, label: string, job?: JobProgress) => void;
  /** Called with each record as soon as all its processes measured it. */
  onRecord?: (record: ResultRecord) => void;
  /** Threads the parallel forms may use (`CaseContext.threads`; default every core). */
  threads?: number | undefined;
}

/** The selected cases: `only` is a case id or a category; the controls run in every run. */
export function selectCases(all: readonly BenchCase[], only: string | undefined): BenchCase[] {
  const picked = (c: BenchCase): boolean => !only || c.id === only || c.id.startsWith(`${only}/`);
  if (!all.some(picked)) throw new Error(`no benchmark case matches --only ${only}`);
  // Registry order: the controls come first there.
  return all.filter((c) => picked(c) || c.id.startsWith('controls/'));
}

/**
 * The one case a child process runs, loaded from its own file rather than the registry:
 * importing all of them cost each of a quick run's ~250 processes 0.07 s (0.17 s against 0.10 s
 * for one case, `node -e require(...)`), about 17 s of the run. The parent names the file
 * (`RunOptions.caseFile`); the engine knows no case folder.
 */
export async function loadCaseFile(file: string, id: string): Promise<BenchCase> {
  // A path, not a URL: the compiled CommonJS turns import() into require().
  const mod = (await import(/* @vite-ignore */ file)) as { benchCase?: BenchCase };
  if (mod.benchCase?.id !== id) throw new Error(`${file} does not export benchCase ${id}`);
  return mod.benchCase;
}

export function sizesOf(c: Pick<BenchCase, 'sizes'>, mode: Mode): number[] {
  const all = [...c.sizes.quick, ...(mode === 'full' ? (c.sizes.full ?? []) : [])];
  return [...new Set(all)].sort((a, b) => a - b);
}

/**
 * Pools the records of one case and size measured in several processes into one. `looks` is how
 * many times the runner looked at the case's verdicts before it stopped adding processes (1: the
 * planned processes only); every form carries it (or the most looks a pooled record's form
 * already carries), so that its intervals are widened for it.
 *
 * A record may itself pool several processes (a whole run's record, when report/pool-runs.ts
 * pools runs): its processes keep their numbers, after those of the records before it.
 */
export function poolRecords(records: ResultRecord[], looks = 1): ResultRecord {
  if (records.length === 1 && looks === 1) return records[0]!;
  const [first] = records as [ResultRecord, ...ResultRecord[]];
  // Records with samples (sampling processes, numbered in order) and the one with the memory pass
  // (the inspecting process, or the first process of a run without one).
  const sampledRecords = records.filter((r) => Object.values(r.forms).some((f) => f.samples_ns.length > 0));
  const inspected = records.find((r) => Object.values(r.forms).some((f) => f.memory !== null)) ?? first;
  const offsets = processOffsets(sampledRecords);
  const forms: Record<string, FormResult> = {};
  for (const key of Object.keys(first.forms)) {
    const parts = sampledRecords.flatMap((r, i) => {
      const f = r.forms[key];
      return f ? [{ f, offset: offsets[i]! }] : [];
    });
    const samples = parts.flatMap(({ f }) => f.samples_ns);
    const process = parts.flatMap(({ f, offset }) =>
      f.samples_ns.map((_, j) => offset + (f.sample_process?.[j] ?? 0)),
    );
    const formLooks = Math.max(looks, ...parts.map(({ f }) => f.looks ?? 1));
    const mem = inspected.forms[key];
    forms[key] = {
      ...(samples.length > 0
        ? formTiming(
            first.forms[key]!.kind,
            samples,
            parts.find(({ f }) => f.samples_ns.length > 0)!.f.ops_per_sample,
            `${first.benchmark}|${first.size}|${key}`,
            {
              process,
            },
          )
        : unsampled(first.forms[key]!.kind)),
      ...(formLooks > 1 ? { looks: formLooks } : {}),
      memory: mem?.memory ?? null,
      gc: mem?.gc ?? null,
      ...(mem?.event_loop_delay_ms ? { event_loop_delay_ms: mem.event_loop_delay_ms } : {}),
    };
  }
  const processSamples = poolProcessSamples(records);
  return {
    ...first,
    ...(inspected.metrics ? { metrics: inspected.metrics } : {}),
    ...(inspected.unavailable ? { unavailable: inspected.unavailable } : {}),
    repeats: sampledRecords.reduce((n, r) => n + r.repeats, 0),
    forms,
    ...(processSamples ? { process_samples: processSamples } : {}),
  };
}

/** Processes a record's samples came from: one more than the highest process number it holds. */
export function processesIn(r: ResultRecord): number {
  let n = 1;
  for (const f of Object.values(r.forms)) for (const p of f.sample_process ?? []) n = Math.max(n, p + 1);
  for (const s of Object.values(r.process_samples ?? {}))
    for (const p of s.process ?? []) n = Math.max(n, p + 1);
  return n;
}

/** The number of each record's first process when they are pooled in this order. */
function processOffsets(records: readonly ResultRecord[]): number[] {
  let next = 0;
  return records.map((r) => {
    const at = next;
    next += processesIn(r);
    return at;
  });
}

/**
 * The `process_samples` of several records, each value tagged with its process: the records that
 * took any (sampling processes, numbered in order; an inspecting process takes none), each
 * record's own process numbers after those of the records before it.
 */
function poolProcessSamples(records: ResultRecord[]): Record<string, ProcessSamples> | undefined {
  const taking = records.filter((r) => r.process_samples);
  if (taking.length === 0) return undefined;
  const offsets = processOffsets(taking);
  const pooled: Record<string, ProcessSamples> = {};
  taking.forEach((r, i) => {
    for (const [name, s] of Object.entries(r.process_samples ?? {})) {
      const into = (pooled[name] ??= { values: [], process: [] });
      into.values.push(...s.values);
      into.process!.push(...s.values.map((_, j) => offsets[i]! + (s.process?.[j] ?? 0)));
    }
  });
  return pooled;
}

/** The timing fields of a form an inspecting process did not sample. */
function unsampled(kind: FormKind): FormTiming {
  return {
    kind,
    samples_ns: [],
    ops_per_sample: 0,
    ops_per_sec: 0,
    time_per_op_us: 0,
    margin_pct: 0,
    samples: 0,
  };
}

/**
 * Where each process's time went (setup, checks, sampling, memory pass, metrics per size), one
 * JSON line per case and size appended to the file named by RUST_PATTERNS_TIMINGS: how the
 * quick-mode budget is spent, without touching the records.
 */
export interface TimingLine {
  case: string;
  size: number;
  role: ProcessRole;
  process: number;
  setup_ms: number;
  check_ms: number;
  sample_ms: number;
  memory_ms: number;
  metrics_ms: number;
}

function logTiming(line: TimingLine): void {
  const file = process.env.RUST_PATTERNS_TIMINGS;
  if (!file) return;
  const rounded = Object.fromEntries(
    Object.entries(line).map(([k, v]) => [k, typeof v === 'number' ? round(v, 1) : v]),
  );
  appendFileSync(file, `${JSON.stringify(rounded)}\n`);
}

/**
 * The cases that get one more process in one extra pass: those with a need (`RunOptions.needsMore`
 * above 0), the most needed first and the cheapest first among equals, each taking its `cost` in
 * seconds from `budget` while it lasts; a case that does not fit is skipped and a cheaper one
 * after it may still fit. Returns them in that order with the budget left.
 */
export function pickExtraProcesses(
  cases: readonly number[],
  need: (i: number) => number,
  cost: (i: number) => number,
  budget: number,
): { picked: number[]; left: number } {
  const needs = new Map(cases.map((i) => [i, need(i)]));
  let left = budget;
  const picked = cases
    .filter((i) => needs.get(i)! > 0)
    .sort((a, b) => needs.get(b)! - needs.get(a)! || cost(a) - cost(b))
    .filter((i) => {
      if (cost(i) > left) return false;
      left -= cost(i);
      return true;
    });
  return { picked, left };
}

/**
 * Runs the selected cases and returns their records.
 *
 * The processes of a case are spread over the run: pass 1 runs every case once, pass 2 runs every
 * case again, and so on. A case's processes are then minutes apart, so the spread between them
 * includes the machine's slow drift (another tenant, memory state), which the interval has to
 * carry: with back-to-back processes, another run's estimate fell inside an interval only 61% of
 * the time (three quick runs, every size of every comparison; about 83% is what calibrated
 * intervals give). After the passes, extra passes measure the headline (largest) size of each
 * case for which `RunOptions.needsMore` says more processes could decide a verdict.
 */
export async function runBenchmarks(options: RunOptions): Promise<ResultRecord[]> {
  const selected = selectCases(options.cases, options.only);
  const started = performance.now();
  const repeats = Math.max(1, options.repeat ?? defaultRepeats[options.mode]);
  const maxExtra = Math.max(0, options.extra ?? extraProcesses[options.mode]);
  // Several sampling processes get one inspecting process in front (`ProcessRole`).
  const inspect = repeats > 1;
  // A case's sampling processes: the run's, capped by the case's maximum and, in a run of
  // several, raised to its minimum (the controls').
  const processesOf = (c: BenchCase): number => {
    const capped = Math.min(repeats, c.maxProcesses ?? repeats);
    return inspect ? Math.max(capped, c.minProcesses ?? 0) : capped;
  };
  let total = selected.reduce(
    (n, c) => n + sizesOf(c, options.mode).length * (processesOf(c) + (inspect ? 1 : 0)),
    0,
  );
  let done = 0;
  // byCase[c][p]: the records process p of case c measured, in size order.
  const byCase: ResultRecord[][][] = selected.map(() => []);
  // Wall seconds of each sampling process of each case, to price an extra one.
  const sampleSeconds: number[][] = [];
  const runProcess = async (
    caseIndex: number,
    repeat: number,
    pass: number,
    passes: number,
    role: ProcessRole,
  ): Promise<ResultRecord[]> => {
    const c = selected[caseIndex]!;
    const sizes = sizesOf(c, options.mode);
    const got: ResultRecord[] = [];
    const started = (sizeIndex: number): void => {
      options.onProgress?.(done, total, `${c.id} @ ${sizes[sizeIndex] ?? '?'}`, {
        caseId: c.id,
        caseIndex,
        caseCount: selected.length,
        sizeIndex,
        sizeCount: sizes.length,
        repeat: pass,
        repeats: passes,
      });
    };
    const measured = (r: ResultRecord): void => {
      got.push(r);
      done++;
    };
    const proc: ProcessSlot = {
      index: repeat,
      count: processesOf(c),
      role,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
    };
    const t0 = performance.now();
    if (options.isolate ?? true) {
      if (!options.caseFile) throw new Error('runBenchmarks: isolated runs need caseFile');
      await runInChild(c.id, options.caseFile(c.id), options.mode, started, measured, options.execPath, proc);
    } else await runCaseHere(c, options.mode, started, measured, proc);
    if (role !== 'inspect') (sampleSeconds[caseIndex] ??= []).push((performance.now() - t0) / 1e3);
    return got;
  };
  const passes = repeats + (inspect ? 1 : 0);
  if (inspect) {
    for (const caseIndex of selected.keys()) {
      byCase[caseIndex]!.push(await runProcess(caseIndex, 0, 0, passes, 'inspect'));
    }
  }
  const firstSample = inspect ? 1 : 0;
  const sampleRole: ProcessRole = inspect ? 'sample' : 'all';
  // A case with more or fewer processes than the run's spreads them over its passes.
  for (let pass = 0; pass < repeats; pass++) {
    for (const [caseIndex, c] of selected.entries()) {
      const count = processesOf(c);
      for (let i = 0; i < count; i++) {
        if (Math.floor((i * repeats) / count) !== pass) continue;
        const index = i + firstSample;
        byCase[caseIndex]!.push(await runProcess(caseIndex, index, pass + firstSample, passes, sampleRole));
      }
    }
  }
  // Extra processes each case got: its verdicts were looked at that many more times.
  const extraTaken = selected.map(() => 0);
  const pooledOf = (caseIndex: number): ResultRecord[] => {
    const sizes = sizesOf(selected[caseIndex]!, options.mode);
    return sizes.flatMap((size) => {
      const parts = byCase[caseIndex]!.flatMap((got) => got.filter((r) => r.size === size));
      return parts.length > 0 ? [poolRecords(parts, 1 + extraTaken[caseIndex]!)] : [];
    });
  };
  // Sequential sampling with a bounded number of looks (sampling.ts `extraProcesses`).
  const cost = (i: number): number => extraProcessCost(sampleSeconds[i] ?? []);
  let extraLeft = extraBudgetSeconds[options.mode];
  for (let extra = 0; extra < maxExtra; extra++) {
    const need = (i: number): number => options.needsMore?.(pooledOf(i), extraTaken[i]!) ?? 0;
    const elapsed = (performance.now() - started) / 1000;
    const allowed = extraBudgetWithin(extraLeft, elapsed, options.mode);
    const pick = pickExtraProcesses([...selected.keys()], need, cost, allowed);
    const pending = pick.picked;
    extraLeft -= allowed - pick.left;
    if (pending.length === 0) break;
    // An extra process runs every size, as the others did: a process that ran only the headline
    // size had another history and stood apart from them (median log ratio 0.11 from the
    // others' mean across a quick run, against 0.06 for the others among themselves).
    for (const caseIndex of pending) total += sizesOf(selected[caseIndex]!, options.mode).length;
    for (const caseIndex of pending) {
      const index = processesOf(selected[caseIndex]!) + firstSample + extra;
      byCase[caseIndex]!.push(
        await runProcess(caseIndex, index, index, passes + maxExtra, inspect ? 'sample' : 'all'),
      );
      extraTaken[caseIndex]!++;
    }
  }
  const records: ResultRecord[] = [];
  const limits: LimitsRef = {};
  for (const caseIndex of selected.keys()) {
    for (const record of pooledOf(caseIndex)) {
      if (record.benchmark.startsWith('limits/')) updateLimits(limits, record);
      else if (Object.keys(limits).length > 0) record.limits = structuredClone(limits);
      records.push(record);
      options.onRecord?.(record);
    }
  }
  options.onProgress?.(done, total, 'done');
  return records;
}

/**
 * Which of a case's processes this is: `count` sets each process's share of the samples, `role`
 * what it does.
 */
export interface ProcessSlot {
  index: number;
  count: number;
  /**
   * What the process does: `all` checks, samples and measures memory (a single-process run);
   * `inspect` checks every form's result and takes the memory pass and the metrics without
   * sampling; `sample` only samples. Default `all`.
   */
  role?: ProcessRole;
  /** The run's `--threads` (default every core). */
  threads?: number;
}

/**
 * A run of several processes per case gives the checks, the memory pass and the metrics to one
 * `inspect` process and the timing to `sample` processes that do nothing else, so every sampling
 * process has the same history. When the first of four processes also checked and measured
 * memory, its ratios stood apart from the other three (zero-copy/checksum, Rust-inspired against
 * traditional at 64 KiB: 4.44 against 5.89-5.97; across a quick run the first process's median
 * log ratio was 0.06 from the others' mean at the median and up to 0.8), and that spread between
 * processes is what widened the intervals.
 */
export type ProcessRole = 'all' | 'inspect' | 'sample';

/** Runs every size of one case in this process. */
export async function runCaseHere(
  c: BenchCase,
  mode: Mode,
  started: (sizeIndex: number) => void,
  measured: (r: ResultRecord) => void,
  proc: ProcessSlot = { index: 0, count: 1, role: 'all' },
): Promise<void> {
  const machine = machineInfo();
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  for (const [i, size] of sizesOf(c, mode).entries()) {
    started(i);
    measured(await runOne(c as BenchCase<unknown>, size, mode, machine, pkg.version, proc));
  }
}

/**
 * `fork`, with `node:child_process` loaded on first use: the module is not in Node's startup
 * snapshot and took 15 ms of each child's start (Node 20.20, timing each `require` of the compiled
 * `engine/runner.js`), while only the parent forks; a quick run starts about 270 children.
 */
function forkChild(file: string, args: string[], options: ForkOptions): ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fork } = require('node:child_process') as typeof import('node:child_process');
  return fork(file, args, options);
}

/** What `child.ts` sends its parent over IPC. */
export type ChildMessage =
  | { type: 'job'; sizeIndex: number }
  | { type: 'record'; record: ResultRecord }
  | { type: 'done'; sink: number };

/**
 * Runs one case's sizes in a fresh process with `--expose-gc`: the compiled child when this file
 * is compiled (what `npm run bench` does), the TypeScript child through tsx under vitest. Rejects,
 * naming the case, when the child fails or dies before reporting that it is done.
 */
export function runInChild(
  caseId: string,
  caseFile: string,
  mode: Mode,
  started: (sizeIndex: number) => void,
  measured: (record: ResultRecord) => void,
  execPath?: string,
  proc: ProcessSlot = { index: 0, count: 1 },
): Promise<void> {
  const compiled = __filename.endsWith('.js');
  const childFile = join(__dirname, compiled ? 'child.js' : 'child.ts');
  const runtime = execPath ? runtimeOfExec(execPath) : 'node';
  if (!compiled && runtime !== 'node') {
    return Promise.reject(new Error(`${runtime} runs the compiled benchmark only: use npm run bench`));
  }
  const execArgv = compiled
    ? [...childExecArgv[runtime]]
    : [...childExecArgv.node, '--import', pathToFileURL(require.resolve('tsx')).href];
  return new Promise((resolve, reject) => {
    const args = [caseId, caseFile, mode, String(proc.index), String(proc.count), proc.role ?? 'all'];
    args.push(String(proc.threads ?? ''));
    const child = forkChild(childFile, args, {
      execArgv,
      ...(execPath ? { execPath } : {}),
      env: allocatorEnv({
        ...process.env,
        ...machineEnv(runtime),
        ...(runtime === 'deno' ? { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } : {}),
      }),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    superviseChild(child, caseId, started, measured).then(resolve, reject);
  });
}

/**
 * How long a child that has reported everything may take to exit before it is killed. Node 26.12
 * sometimes never exits: `process.exit` joins V8's worker threads while one of them waits for a
 * garbage collection that the exiting main thread will not run (seen once in a quick run, in
 * async/native-offload, main thread in `node::NodePlatform::Shutdown`, a worker in
 * `CollectionBarrier::AwaitCollectionBackground` from a concurrent baseline compile).
 */
export const childExitGraceMs = 10_000;

/** The part of a ChildProcess that `superviseChild` uses. */
export interface ChildLike {
  on(event: 'message', listener: (m: ChildMessage) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  kill(signal: NodeJS.Signals): boolean;
}

/**
 * Follows one child's messages to the end: resolves once it has reported that it is done and
 * has exited (or, stuck in its runtime's shutdown after that, has been killed `graceMs` later);
 * rejects, naming the case, when it fails or dies before reporting that it is done.
 */
export function superviseChild(
  child: ChildLike,
  caseId: string,
  started: (sizeIndex: number) => void,
  measured: (record: ResultRecord) => void,
  graceMs = childExitGraceMs,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let complete = false;
    let killedAfterDone = false;
    let timer: NodeJS.Timeout | undefined;
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'job') started(m.sizeIndex);
      else if (m.type === 'record') measured(m.record);
      else {
        sink.value ^= m.sink;
        complete = true;
        timer = setTimeout(() => {
          process.stderr.write(
            `rust-patterns: ${caseId}'s child reported all its results but had not exited ${graceMs / 1000} s later; killed it\n`,
          );
          killedAfterDone = true;
          child.kill('SIGKILL');
        }, graceMs);
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (complete && (code === 0 || killedAfterDone)) return resolve();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const hint = signal === 'SIGKILL' ? ' (on Linux often the OOM killer: see `dmesg`)' : '';
      reject(new Error(`benchmark case ${caseId} ${how} in its child process${hint}`));
    });
  });
}

/**
 * The forms a run times at `size`: `formsOf`, less the case's `headlineOnly` forms below its
 * largest size in a quick run.
 */
export function formsAt<S>(
  c: BenchCase<S>,
  size: number,
  mode: Mode,
  threads?: number,
): Array<{ key: string; kind: FormKind; fn: FormFn<S> }> {
  const forms = formsOf(c, threads);
  const sizes = sizesOf(c, mode);
  if (mode !== 'quick' || !c.headlineOnly || size === sizes[sizes.length - 1]) return forms;
  return forms.filter((f) => !c.headlineOnly!.includes(f.key));
}

/**
 * Runs every form once (or each of `forms`), snapshotting each result, then calls the case's
 * check.
 */
export async function checkForms<S>(
  c: BenchCase<S>,
  state: S,
  threads?: number,
  forms: ReadonlyArray<{ key: string; fn: FormFn<S> }> = formsOf(c, threads),
): Promise<void> {
  const first: Record<string, unknown> = {};
  for (const f of forms) first[f.key] = snapshot(c.async ? await f.fn(state) : f.fn(state));
  c.check(first, state);
}

async function runOne(
  c: BenchCase<unknown>,
  size: number,
  mode: Mode,
  machine: MachineInfo,
  version: string,
  proc: ProcessSlot,
): Promise<ResultRecord> {
  const tSetup = performance.now();
  const ctx = caseContext(proc.threads);
  const state = await c.setup(size, ctx);
  try {
    const forms = formsAt(c, size, mode, ctx.threads);
    // The forms are deterministic: the inspecting process checks them (and a failed check ends
    // the run); sampling processes would repeat it at full cost (17 s of a quick run for records
    // at 1M) and would no longer share one history with the processes that do not.
    const role = proc.role ?? 'all';
    const t0 = performance.now();
    if (role !== 'sample') await checkForms(c, state, ctx.threads, forms);
    const t1 = performance.now();
    const work = workOf(c, size);
    const perProcess = minSamplesPerProcess(mode, proc.count, c.minSamples);
    const canary: number[] = [];
    const sampled =
      role === 'inspect' ? null : await sampleForms(forms, state, c.async === true, mode, perProcess, canary);
    const t2 = performance.now();
    const results: Record<string, FormResult> = {};
    const unavailable = new Set<UnavailableMetric>();
    for (const [i, f] of forms.entries()) {
      const s = sampled?.[i];
      // A sampling process's own summary is replaced when the processes are pooled: no bootstrap.
      const summary = s
        ? formTiming(f.kind, s.samples_ns, s.ops_per_sample, `${c.id}|${size}|${f.key}`, {
            withInterval: role !== 'sample',
          })
        : unsampled(f.kind);
      if (role === 'sample') {
        results[f.key] = { ...summary, memory: null, gc: null };
        continue;
      }
      const perOpNs = s ? summary.time_per_op_us * 1e3 : await timePerOp(f.fn, state, c.async === true, mode);
      const ops =
        c.memoryOps ??
        Math.max(1, Math.min(100_000, Math.ceil((samplingOptions[mode].sampleMs * 5 * 1e6) / perOpNs)));
      const pass = await memoryPass(f.fn, state, ops, c.async === true, c.eventLoopDelay === true);
      if (c.eventLoopDelay === true && !pass.event_loop_delay_ms) unavailable.add('event_loop_delay');
      results[f.key] = { ...summary, ...pass };
    }
    const t3 = performance.now();
    // The pooled record takes what is unavailable from the inspecting process.
    if (role !== 'sample') for (const name of unavailableMetrics()) unavailable.add(name);
    const runtime = runtimeInfo();
    const record: ResultRecord = {
      benchmark: c.id,
      description: c.description,
      size,
      unit: c.unit,
      items_per_op: work.items ?? null,
      bytes_per_op: work.bytes ?? null,
      ...(work.footprint === undefined ? {} : { footprint_bytes: work.footprint }),
      ...(c.parallelForms === undefined ? {} : { parallel_forms: [...c.parallelForms] }),
      access: c.access ?? null,
      language: 'typescript',
      runtime,
      version: { node: machine.node, v8: machine.v8, rust: machine.rust, package: version },
      platform: `${process.platform}-${process.arch}`,
      machine,
      mode,
      repeats: 1,
      ...(c.scaling ? { threads: ctx.threads } : {}),
      date: new Date().toISOString(),
      forms: results,
    };
    if (c.steps) record.steps = [...c.steps];
    if (c.metrics && role !== 'sample') record.metrics = await c.metrics(state, mode);
    // After the timing, in every process that times (not the inspecting one, whose history
    // differs), so the values pool across processes like the samples.
    if (c.processSamples && role !== 'inspect') {
      const taken = await c.processSamples(state, mode);
      record.process_samples = Object.fromEntries(
        Object.entries(taken).map(([name, values]) => [name, { values: values.map((v) => round(v, 6)) }]),
      );
    }
    // The host canary before each round (sampling.ts `hostCanary`), pooled like the other values.
    if (canary.length > 0) {
      record.process_samples = {
        ...record.process_samples,
        [HOST_CANARY]: { values: canary.map((v) => round(v, 0)) },
      };
    }
    if (unavailable.size > 0) record.unavailable = [...unavailable].sort();
    logTiming({
      case: c.id,
      size,
      role,
      process: proc.index,
      setup_ms: t0 - tSetup,
      check_ms: t1 - t0,
      sample_ms: t2 - t1,
      memory_ms: t3 - t2,
      metrics_ms: performance.now() - t3,
    });
    return record;
  } finally {
    await c.teardown?.(state);
  }
}

/** Writes records as JSON: the named file, else benchmark/results/results-<date>.json + latest.json. */
export function writeResults(records: ResultRecord[], file?: string): string {
  const dir = join(repoRoot, 'benchmark', 'results');
  const target = file ?? join(dir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(target, '..'), { recursive: true });
  const body = `${JSON.stringify(records, null, 1)}\n`;
  writeFileSync(target, body);
  if (!file) writeFileSync(join(dir, 'latest.json'), body);
  return target;
}
