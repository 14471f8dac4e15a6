/**
 * The pure-Rust suite: the kernels behind the `native` forms, timed by criterion in Rust with no
 * Node-API boundary (`crates/core/benches/rust_suite.rs`), and merged into the records as forms
 * `rust` (the kernel the binding calls) and `rust_fast` (an idiomatic faster version, where the
 * parity kernel carries a handicap), both of kind `rust`.
 *
 * Same inputs: for each case and size of the run, the case's own `setup` builds the state, the
 * kernel's input arrays are written to `target/rust-suite/run-<pid>/inputs/<case>/<size>/` before
 * any form runs (the directory is removed afterwards unless `RUST_SUITE_KEEP` is set), and the case's `native` form (its `rust_inspired` form when the binding did not load) is
 * run once to write the reference result. The Rust bench times a form only after its result
 * equals that reference (`checks.txt` says which did), then criterion's raw samples
 * (`new/sample.json`: iterations and total time per sample) become `samples_ns`.
 *
 * The Rust samples come from one process of their own, after the Node processes; their
 * `sample_process` numbers it after the record's Node processes, so the statistics never pair a
 * Rust sample with a Node round (`stats.ts` `paired`) and compare them unpaired.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { sharedData } from '../lab/concurrency.js';
import { allocatorEnv } from '../engine/allocator.js';
import { caseContext, type BenchCase } from '../engine/case.js';
import { repoRoot } from '../engine/paths.js';
import {
  formTiming,
  refreshLimits,
  type FormResult,
  type Mode,
  type ResultRecord,
} from '../engine/record.js';
import { samplingOptions } from '../engine/sampling.js';
import { round } from '../engine/stats.js';

/**
 * The forms the suite can add to a record: the kernels, and `read-simd-rust` and
 * `read-count-rust`, two of the read roofline's methods timed here (`limits/bandwidth`; see
 * `read_roofline` in the Rust bench).
 */
export type RustFormKey = 'rust' | 'rust_fast' | 'read-simd-rust' | 'read-count-rust';

/** What the suite needs from one case's state. */
export interface RustEntry<S = never> {
  /** The criterion forms the Rust bench times for this case. */
  forms: readonly RustFormKey[];
  /** The kernel's inputs: arrays (written as raw little-endian bytes) and size parameters. */
  inputs: (state: S) => { files?: Record<string, ArrayBufferView>; params?: Record<string, number> };
  /**
   * Builds the state instead of the case's `setup`, for cases whose setup starts workers or
   * child processes that the CLI process must not own; the case's forms must accept it.
   */
  state?: (size: number) => S;
  /** The expected result, for a case with no `native` or `rust_inspired` form to compute it. */
  reference?: (state: S) => unknown;
}

/** Tags an entry with its state type (checked against the case's forms by the caller). */
function entry<S>(e: RustEntry<S>): RustEntry<unknown> {
  return e as unknown as RustEntry<unknown>;
}

/** A Float64Array in a SharedArrayBuffer is still an ArrayBufferView: copied byte for byte. */
type Columns = {
  timestamp: BigUint64Array;
  value: Float64Array;
  id: Uint32Array;
  kind: Uint16Array;
  flags: Uint16Array;
};

const columnFiles = (c: Columns): Record<string, ArrayBufferView> => ({ ...c });

/** The pool and the cut of `benchmark/lab/crc-inputs.ts` `views`: input `i` at offset `7 * i`. */
function crcPool(inputs: Uint8Array[]): {
  files: Record<string, ArrayBufferView>;
  params: Record<string, number>;
} {
  const first = inputs[0]!;
  const size = first.length;
  inputs.forEach((d, i) => {
    if (d.buffer !== first.buffer || d.byteOffset !== first.byteOffset + 7 * i || d.length !== size) {
      throw new Error('crc inputs are no longer views 7 bytes apart in one pool');
    }
  });
  const pool = new Uint8Array(first.buffer, first.byteOffset, 7 * (inputs.length - 1) + size);
  return { files: { pool }, params: { count: inputs.length, size } };
}

/**
 * Every case with a Rust-suite entry, by id; the Rust bench's `CASES` list holds the same ids
 * (a test checks both, and that every case with a native form is here or in
 * `rustSuiteExclusions`).
 */
export const rustSuiteCases: Readonly<Record<string, RustEntry<unknown>>> = {
  // Its ladder's read figure, from this process too: `limits/bandwidth` holds every form to the
  // fastest read method of any kind (engine/record.ts `bandwidthPoint`).
  'limits/bandwidth': entry<{ src: Buffer; fold: number }>({
    forms: ['read-simd-rust', 'read-count-rust'],
    inputs: (s) => ({ files: { data: s.src } }),
    reference: (s) => s.fold,
  }),
  'zero-copy/boundary-in': entry<{ data: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  'zero-copy/boundary-out': entry<{ data: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  'zero-copy/checksum': entry<{ data: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  'zero-copy/records': entry<{ bytes: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.bytes } }),
  }),
  'zero-copy/records-encode': entry<{ columns: Columns }>({
    forms: ['rust'],
    inputs: (s) => ({ files: columnFiles(s.columns) }),
  }),
  'zero-copy/string-building': entry<{ c: Columns }>({
    forms: ['rust'],
    inputs: (s) => ({ files: columnFiles(s.c) }),
  }),
  'zero-copy/utf8': entry<{ data: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  'zero-copy/lines': entry<{ data: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  // The block's size is the record's size: nothing to write.
  'library/utf8': entry<{ bytes: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.bytes } }),
  }),
  'ownership/release': entry({ forms: ['rust'], inputs: () => ({}) }),
  'allocation/buffer-reuse': entry<{ data: Buffer }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  'allocation/object-pooling': entry<{ seeds: Float64Array }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { seeds: s.seeds } }),
  }),
  'allocation/preallocation': entry<{ data: Float64Array }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.data } }),
  }),
  'allocation/in-place': entry<{ forNative: Float64Array }>({
    forms: ['rust'],
    inputs: (s) => ({ files: { data: s.forNative } }),
  }),
  'allocation/typed-vs-array': entry<{ nA: Float64Array; nB: Float64Array }>({
    forms: ['rust', 'rust_fast'],
    inputs: (s) => ({ files: { a: s.nA, b: s.nB } }),
  }),
  'cache-locality/layout': entry<{
    soaNative: { x: Float64Array; y: Float64Array; vx: Float64Array; vy: Float64Array };
  }>({ forms: ['rust', 'rust_fast'], inputs: (s) => ({ files: { ...s.soaNative } }) }),
  'cache-locality/access-order': entry<{ data: Float64Array; shuffled: Uint32Array }>({
    forms: ['rust', 'rust_fast'],
    inputs: (s) => ({ files: { data: s.data, index: s.shuffled } }),
  }),
  'cache-locality/hot-cold': entry<{ flatHot: Float64Array }>({
    forms: ['rust', 'rust_fast'],
    inputs: (s) => ({ files: { hot: s.flatHot } }),
  }),
  'async/native-offload': entry<{ inputs: Uint8Array[] }>({
    forms: ['rust'],
    inputs: (s) => crcPool(s.inputs),
  }),
  // The native forms of these two are a libuv task per call: the Rust form is the same checksums
  // in one loop, so the boundary figure prices the calls and their offload.
  'async/native-vs-js-async': entry<{ inputs: Uint8Array[] }>({
    forms: ['rust'],
    inputs: (s) => crcPool(s.inputs),
  }),
  'async/batching': entry<{ inputs: Uint8Array[] }>({ forms: ['rust'], inputs: (s) => crcPool(s.inputs) }),
  'concurrency/work-distribution': entry<{ data: Float64Array }>({
    forms: ['rust', 'rust_fast'],
    inputs: (s) => ({ files: { data: s.data } }),
    // The case's setup also starts a worker pool and two children; the native form reads only
    // the data, made by the same generator.
    state: (size) => ({ data: sharedData(size) }),
  }),
  'concurrency/synchronization': entry<{ n: number }>({
    forms: ['rust'],
    inputs: () => ({}),
    // The case's own setup (two Workers and the native CounterThreads): its native form counts on
    // the threads started there. The Rust form starts its own two `CounterThreads` once, outside
    // timing, and times the same `count(Local, n)` the native form calls.
  }),
};

/** Cases with a native form that the suite does not time, and why (a test requires one or the other). */
export const rustSuiteExclusions: Readonly<Record<string, string>> = {
  'limits/call-floor':
    'prices the Node-API call itself (a no-op, a 16-byte borrow): without the boundary nothing is left to time',
  'limits/boundary':
    'prices each layer of one Node-API call (argument checks, throws, async round trips, finalizers): the boundary is the subject',
};

/** The bytes of a form's result, as the Rust bench writes its own for the comparison. */
export function resultBytes(result: unknown): Uint8Array {
  if (typeof result === 'number') return new Uint8Array(Float64Array.of(result).buffer);
  if (typeof result === 'boolean') return Uint8Array.of(result ? 1 : 0);
  if (ArrayBuffer.isView(result))
    return new Uint8Array(result.buffer, result.byteOffset, result.byteLength).slice();
  const c = result as Partial<Columns> | null;
  if (c && c.timestamp && c.value && c.id && c.kind && c.flags) {
    const parts = [c.timestamp, c.value, c.id, c.kind, c.flags].map(resultBytes);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  }
  throw new Error(`no byte form for a ${typeof result} result`);
}

/** Raw criterion samples of one benchmark: iterations and total nanoseconds per sample. */
export interface CriterionSample {
  iters: number[];
  times: number[];
}

/** `case|form|size` -> samples, from every `<id>/new/{benchmark,sample}.json` under `dir`. */
export function readCriterion(dir: string): Map<string, CriterionSample> {
  const out = new Map<string, CriterionSample>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = join(d, e.name);
      if (e.name !== 'new') {
        walk(sub);
        continue;
      }
      if (!existsSync(join(sub, 'benchmark.json')) || !existsSync(join(sub, 'sample.json'))) continue;
      const id = JSON.parse(readFileSync(join(sub, 'benchmark.json'), 'utf8')) as {
        group_id: string;
        function_id?: string | null;
        value_str?: string | null;
      };
      const s = JSON.parse(readFileSync(join(sub, 'sample.json'), 'utf8')) as Partial<CriterionSample>;
      const ok = (a: unknown): a is number[] =>
        Array.isArray(a) && a.every((x) => typeof x === 'number' && x > 0);
      if (!ok(s.iters) || !ok(s.times) || s.iters.length !== s.times.length || s.iters.length === 0) {
        throw new Error(`${sub}/sample.json: expected equal, non-empty iters and times`);
      }
      out.set(`${id.group_id}|${id.function_id ?? ''}|${id.value_str ?? ''}`, {
        iters: s.iters,
        times: s.times,
      });
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** `checks.txt`: `case|size|form` -> null when the form matched the reference, else why not. */
export function readChecks(text: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const line of text.split('\n')) {
    const [status, id, size, form, ...why] = line.trim().split(' ');
    if (!status || !id || !size || !form) continue;
    out.set(`${id}|${size}|${form}`, status === 'ok' ? null : why.join(' ') || status);
  }
  return out;
}

/** The first process number not used by the record's Node forms. */
function processAfter(r: ResultRecord): number {
  let last = r.repeats - 1;
  for (const f of Object.values(r.forms)) for (const p of f.sample_process ?? []) last = Math.max(last, p);
  return last + 1;
}

/** A `rust` form from criterion's raw samples (time per op = a sample's time / its iterations). */
export function formFromCriterion(s: CriterionSample, process: number, seed: string): FormResult {
  const samples = s.times.map((t, i) => t / s.iters[i]!);
  // Flat sampling: every sample runs the same number of iterations.
  const opsPerSample = Math.round(s.iters.reduce((a, b) => a + b, 0) / s.iters.length);
  return {
    ...formTiming('rust', samples, opsPerSample, seed, {
      process: samples.map(() => process),
      keepProcess: true,
    }),
    memory: null,
    gc: null,
  };
}

/**
 * Adds the suite's forms to the records of the cases it covers. A form is added when its check
 * passed and criterion left samples for it; a covered record that gets no form at all is marked
 * `unavailable: ['rust']` and `problems` says why. Returns the number of forms added.
 */
export function mergeRustForms(
  records: ResultRecord[],
  samples: Map<string, CriterionSample>,
  checks: Map<string, string | null>,
): { added: number; problems: string[] } {
  let added = 0;
  const problems: string[] = [];
  for (const r of records) {
    const e = rustSuiteCases[r.benchmark];
    if (!e) continue;
    const process = processAfter(r);
    let any = false;
    for (const form of e.forms) {
      const key = `${r.benchmark}|${r.size}|${form}`;
      const check = checks.get(key);
      const s = samples.get(`${r.benchmark}|${form}|${r.size}`);
      if (check === undefined) problems.push(`${key}: not checked (the bench did not reach it)`);
      else if (check !== null) problems.push(`${key}: result differs from the reference: ${check}`);
      else if (!s) problems.push(`${key}: checked, but criterion left no samples`);
      else {
        if (r.forms[form]) throw new Error(`${key}: the record already has a form named ${form}`);
        r.forms[form] = formFromCriterion(s, process, key);
        added++;
        any = true;
      }
    }
    if (!any) markUnavailable(r);
  }
  return { added, problems };
}

function markUnavailable(r: ResultRecord): void {
  r.unavailable = [...new Set([...(r.unavailable ?? []), 'rust' as const])];
}

/** Criterion's settings per mode, from the engine's own (samples of about `sampleMs`). */
export function criterionArgs(mode: Mode): string[] {
  const o = samplingOptions[mode];
  const samples = Math.max(10, o.minSamples);
  return [
    '--sample-size',
    String(samples),
    '--warm-up-time',
    String(Math.max(o.warmupMs, 20) / 1000),
    '--measurement-time',
    String((o.sampleMs * samples) / 1000),
    // Criterion's own bootstrap is not used (the report computes its intervals from the raw
    // samples); 1,000 resamples keep its analysis from dominating the suite's time.
    '--nresamples',
    '1000',
    '--noplot',
  ];
}

/** What `addRustForms` did: for the CLI's log and the closing note. */
export interface RustSuiteOutcome {
  /** Forms added to records. */
  added: number;
  /** Wall time of the suite (inputs, build, bench), seconds. */
  seconds: number;
  /** Why forms are missing (no cargo, a failed build, a mismatch), one line each. */
  problems: string[];
}

/**
 * Runs the Rust suite for the cases and sizes in `records` and merges its forms into them (see
 * the module comment). Never throws for a missing toolchain or a failed build: the covered
 * records are then marked `unavailable: ['rust']` and `problems` says why.
 */
export async function addRustForms(
  records: ResultRecord[],
  mode: Mode,
  options: { cases?: readonly BenchCase[]; log?: (line: string) => void; cargo?: string } = {},
): Promise<RustSuiteOutcome> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const problems: string[] = [];
  const covered = records.filter((r) => rustSuiteCases[r.benchmark]);
  const done = (added: number): RustSuiteOutcome => ({
    added,
    seconds: round((Date.now() - started) / 1000, 1),
    problems,
  });
  if (covered.length === 0) return done(0);
  // One directory per run, so that two runs at once (two checkouts' engineers, a test) never
  // read each other's inputs or samples; removed afterwards (the inputs reach 100s of MB).
  const root = join(repoRoot, 'target', 'rust-suite', `run-${process.pid}`);
  const inputs = join(root, 'inputs');
  const criterion = join(root, 'criterion');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(inputs, { recursive: true });
  try {
    return done(await runSuite(covered, records, mode, { ...options, log, inputs, criterion, problems }));
  } finally {
    if (!process.env.RUST_SUITE_KEEP) rmSync(root, { recursive: true, force: true });
  }
}

/** Writes the inputs, runs the bench and merges its forms; returns the number added. */
async function runSuite(
  covered: ResultRecord[],
  records: ResultRecord[],
  mode: Mode,
  options: {
    cases?: readonly BenchCase[];
    cargo?: string;
    log: (line: string) => void;
    inputs: string;
    criterion: string;
    problems: string[];
  },
): Promise<number> {
  const { log, inputs, criterion, problems } = options;
  const started = Date.now();
  const cases = options.cases ?? (await import('../cases/index.js')).allCases;
  const written = new Set<string>();
  for (const r of covered) {
    // Several runtimes' records share one input per case and size.
    if (written.has(`${r.benchmark}|${r.size}`)) continue;
    written.add(`${r.benchmark}|${r.size}`);
    const c = cases.find((x) => x.id === r.benchmark);
    const e = rustSuiteCases[r.benchmark]!;
    const reference = e.reference ?? c?.native ?? c?.rustInspired;
    if (!c || !reference) {
      problems.push(`${r.benchmark}@${r.size}: no native or rust_inspired form to check against`);
      continue;
    }
    const dir = join(inputs, r.benchmark, String(r.size));
    mkdirSync(dir, { recursive: true });
    const state = e.state ? e.state(r.size) : await c.setup(r.size, caseContext());
    try {
      // The inputs first: some forms change their state in place.
      const { files = {}, params = {} } = e.inputs(state as never);
      for (const [name, view] of Object.entries(files))
        writeFileSync(join(dir, `${name}.bin`), resultBytes(view));
      const lines = Object.entries(params).map(([k, v]) => `${k} ${v}\n`);
      writeFileSync(join(dir, 'params.txt'), lines.join(''));
      writeFileSync(join(dir, 'expected.bin'), resultBytes(await reference(state)));
    } finally {
      if (!e.state) await c.teardown?.(state);
    }
  }

  const writtenAt = Date.now();
  const cargo = options.cargo ?? process.env.CARGO ?? 'cargo';
  const args = ['bench', '-p', 'rust-patterns-core', '--bench', 'rust_suite', '--', ...criterionArgs(mode)];
  log(`rust suite: ${cargo} ${args.join(' ')}`);
  const run = spawnSync(cargo, args, {
    cwd: repoRoot,
    env: { ...allocatorEnv(), RUST_SUITE_INPUTS: inputs, CRITERION_HOME: criterion },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: (mode === 'full' ? 30 : 10) * 60_000,
  });
  log(
    `rust suite: inputs written in ${round((writtenAt - started) / 1000, 1)} s, ${cargo} bench took ${round((Date.now() - writtenAt) / 1000, 1)} s`,
  );
  if (run.error || run.status !== 0) {
    const why = run.error
      ? `${cargo} could not run (${run.error.message})`
      : `${cargo} bench exited with ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-6).join(' | ')}`;
    problems.push(`rust suite unavailable: ${why}`);
  }
  const checksFile = join(inputs, 'checks.txt');
  const checks = readChecks(existsSync(checksFile) ? readFileSync(checksFile, 'utf8') : '');
  const merged = mergeRustForms(records, readCriterion(criterion), checks);
  // `read-simd-rust` and `read-count-rust` joined the `limits/bandwidth` records: the rooflines
  // move with them.
  refreshLimits(records);
  problems.push(...merged.problems);
  // A missing toolchain leaves every form unchecked: the first lines say why, not all of them.
  for (const p of problems.slice(0, 8)) log(`rust suite: ${p}`);
  if (problems.length > 8) log(`rust suite: ... and ${problems.length - 8} more`);
  return merged.added;
}
