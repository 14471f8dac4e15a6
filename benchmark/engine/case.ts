/**
 * The shape every case file declares: `benchmark/cases/<category>/<name>.ts` exports `benchCase`,
 * built with `defineCase`. Only the engine (`benchmark/engine/`) knows how forms are timed.
 */
import { availableParallelism } from 'node:os';

/** One timed implementation of a case: gets the per-size state, returns a result to consume. */
export type FormFn<S> = (state: S) => unknown;

/**
 * What kind of code a form is. The verdicts compare kinds: Rust-inspired JS against traditional
 * JS, and native against the fastest JS form of any kind (traditional, Rust-inspired, variant,
 * peer, built-in).
 */
export type FormKind =
  'traditional' | 'rust_inspired' | 'native' | 'rust' | 'variant' | 'native_variant' | 'peer' | 'builtin';

/** Kinds that run JavaScript (or Node's own C++ built-ins) without this package's addon. */
export const jsKinds: ReadonlySet<FormKind> = new Set([
  'traditional',
  'rust_inspired',
  'variant',
  'peer',
  'builtin',
]);

/** What one op does, so throughput and per-item figures use the real work, not `size`. */
/** The access patterns a roofline exists for (`BenchCase.access`). */
export type Access = 'read' | 'copy' | 'update';

export interface Work {
  /** Items (records, elements, tasks, calls) processed by one op. */
  items?: number;
  /** Bytes of input one op streams through (for bandwidth and rooflines). */
  bytes?: number;
  /**
   * Distinct bytes one op touches, when fewer than `bytes` (an op that reads the same memory
   * several times): the working set by which the roofline's cache level is chosen.
   */
  footprint?: number;
}

/** What the run tells a case besides the size: the same for every size and process of a run. */
export interface CaseContext {
  /**
   * The most threads (workers, child processes, native threads) a parallel form may use: the
   * run's `--threads`, default every core (`defaultThreads`).
   */
  threads: number;
}

/** Every core this process may use: the default of `--threads`. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** The context of a run with `threads` (default: every core). */
export function caseContext(threads: number = defaultThreads()): CaseContext {
  return { threads };
}

/** The record key of a scaling form at `threads`: `pool@2t`. */
export function scalingKey(name: string, threads: number): string {
  return `${name}@${threads}t`;
}

/** The Dart arm's figure for a pattern, as the program published it. */
export interface DartFigure {
  /** Pattern form over traditional, as a speed ratio (0.25 = 4x slower). */
  ratio: number;
  /** How the program stated it. */
  text: string;
}

/** The research questions of the program, numbered as in DEVELOPERS.md. */
export type QuestionNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/**
 * A comparison of one case that an answer reads: one of the matrix's verdicts, or two named forms
 * (challenger over incumbent).
 */
export type CaseComparison =
  'rust_inspired_vs_traditional' | 'native_vs_best_js' | { challenger: string; incumbent: string };

/** One research question a case informs, and the comparisons of the case its answer reads. */
export interface CaseQuestion {
  question: QuestionNumber;
  /** Rows of the question's one-line answer (none: the case is evidence only). */
  answers?: CaseComparison[];
}

/**
 * One size threshold a case's crossover sets: which forms, and how the case's size converts to
 * the threshold's unit.
 */
export interface CaseThreshold {
  /** A key of `Thresholds` (src/thresholds.ts). */
  key: string;
  /** The form that must win from the threshold on (default `native`). */
  challenger?: string;
  /**
   * The forms it must beat; the fastest of them at each size is the incumbent. Default: every JS
   * form of the record, of any kind.
   */
  incumbents?: readonly string[];
  /** Case size units per threshold unit: 8 bytes per Float64 element (default 1). */
  unitsPer?: number;
}

/** Two forms of one case whose comparison is a question the row asks. */
export interface FormPairSpec {
  challenger: string;
  incumbent: string;
  /** The question, naming both forms. */
  question: string;
}

/** A hypothesis judged by a case's headline verdict (Rust-inspired, else native, vs traditional). */
export interface CaseHypothesis {
  statement: string;
  /** The headline direction that confirms it (the opposite refutes it). */
  confirmedWhen: 'faster' | 'slower';
  /** How the evidence names the challenger ("pooled form"). */
  form: string;
}

export interface BenchCase<S = unknown> {
  /** `category/name`, e.g. `zero-copy/checksum`; the case file is `cases/<category>/<name>.ts`. */
  id: string;
  /** One line: what the case measures. */
  description: string;
  /**
   * The pattern's name as the report's rows print it (default: the id). Together with the fields
   * below, every fact the report states about a case lives in its case file (STYLE.md, "the case
   * file is the home of a case").
   */
  pattern?: string;
  /**
   * Why the row comes out as it does: one sentence in V8/Node terms, without numbers (the numbers
   * come from the data), ending with "(a guess)" where the mechanism was not verified.
   */
  mechanism?: string;
  /** The Dart arm's published figure for the same pattern, where the program has one. */
  dart?: DartFigure;
  /** The research questions the case's numbers inform (DEVELOPERS.md numbers them 1 to 10). */
  questions?: CaseQuestion[];
  /** The size thresholds of `src/thresholds.ts` this case's crossovers set (`npm run calibrate`). */
  thresholds?: CaseThreshold[];
  /** How the report names the `traditional` form when it is not ours (a peer, the main thread). */
  traditionalLabel?: string;
  /**
   * What the `rust` form is: the native kernel without Node-API (`kernel`, the default) or a
   * tokio runtime doing the same workload (`tokio`), which the "Rust without the boundary" table
   * leaves out.
   */
  rustForm?: 'kernel' | 'tokio';
  /**
   * Questions the row asks between two of its own forms, which the matrix's two verdicts do not
   * answer (moving a Vec out against copying it out, say); the report compares each pair at every
   * size.
   */
  formPairs?: FormPairSpec[];
  /** A hypothesis of the program this case alone decides by its headline verdict. */
  hypothesis?: CaseHypothesis;
  /** What `size` counts. */
  unit: 'bytes' | 'elements' | 'records' | 'tasks' | 'calls' | 'hops' | 'threads';
  /**
   * Sizes for the quick run (the default) and extra sizes for the full run. Slow forms get fewer
   * quick sizes, not fewer samples (issue 14): a largest size whose processes take over about
   * 10 s in all is a full-mode size. In a 10.5-minute quick run (RUST_PATTERNS_TIMINGS, stop 21)
   * nine such sizes took 330 s of the 522 s the processes spent measuring, the HTTP case's 1000
   * requests 57 s and the record decoder's million records 51 s.
   */
  sizes: { quick: number[]; full?: number[] };
  /**
   * The work of one op at `size`. Default: `{ bytes: size }` when `unit` is bytes, else
   * `{ items: size }`. Batch cases (64 buffers per op, say) must say so here.
   */
  work?: (size: number) => Work;
  /**
   * The memory access pattern of the native and Rust-inspired kernels, which picks the roofline
   * they are compared with: `read` (reads `bytes` once), `copy` (reads `bytes` and writes them
   * elsewhere), `update` (reads `bytes` and writes them back in place). Omitted: no roofline.
   */
  access?: Access;
  /**
   * Why the native kernel cannot reach half of its roofline (`access`) at the largest size: the
   * work per byte, or per op, that it must do beyond streaming its bytes, in words and without
   * measured numbers (those come from the data), ending with "(a guess)" where not verified. The report prints it beside the kernel's share of
   * the roofline, and marks a kernel below half without one (report/markdown.ts
   * `rooflineSection`; issue 27 holds every native streaming kernel to half its roofline).
   */
  belowRoofline?: string;
  /**
   * Forms that stream on several cores (workers, child processes, rayon, the libuv pool): each
   * is held to one core's roofline times the machine's cores, since no thread streams faster
   * than one core can. Scaling forms (`name@Nt`) count their N threads without being listed.
   */
  parallelForms?: readonly string[];
  /**
   * Forms that do not move the bytes `work` declares (a view over them where the others copy):
   * they get no roofline share and are never held to the roofline, which only bounds forms that
   * read or write every declared byte.
   */
  movesNoBytes?: readonly string[];
  /**
   * Forms that time another op than the case's (a part of it, for a question to read): never
   * the fastest JS form or the fastest built-in a comparison is made against.
   */
  otherWork?: readonly string[];
  /**
   * Forms a quick run times at the case's largest (headline) size only; a full run times them at
   * every size. For forms that add little at the smaller sizes but cost the quick run's
   * 6-minute budget there: the lab kernels' `wasm` forms (benchmark/lab/wasm-lab.ts), which the
   * report's WebAssembly column reads at the largest size.
   */
  headlineOnly?: readonly string[];
  /**
   * Builds the inputs for one size. Runs once per size, outside timing. Workers and children
   * for the parallel forms are started here, `ctx.threads` of them.
   */
  setup: (size: number, ctx: CaseContext) => S | Promise<S>;
  /** Releases what setup made (worker pools, temp files). */
  teardown?: (state: S) => void | Promise<void>;
  /** What most Node code does. */
  traditional?: FormFn<S>;
  /** The Rust pattern applied in TypeScript. */
  rustInspired?: FormFn<S>;
  /** The same work in Rust through the binding; omitted when the binding did not load. */
  native?: FormFn<S>;
  /** Further JS forms of ours (e.g. `dispatch`, `pooled-short-lived`), timed like the others. */
  variants?: Record<string, FormFn<S>>;
  /** Further native forms (e.g. `native-async-per-call`); they compete with the fastest JS too. */
  nativeVariants?: Record<string, FormFn<S>>;
  /** The npm libraries people use instead (@node-rs/crc32, crc-32, p-limit, ...). */
  peers?: Record<string, FormFn<S>>;
  /** Node's own built-ins for the same operation (node:zlib crc32, buffer.isUtf8, Buffer#indexOf). */
  builtins?: Record<string, FormFn<S>>;
  /**
   * The decomposition ladder, for cases whose traditional and Rust-inspired forms differ in more
   * than one way: form names in order, from `traditional` to `rust_inspired`, each differing from
   * the one before in exactly one variable. The report prints each step's ratio to the previous
   * form with its interval ("which step buys what").
   */
  steps?: string[];
  /**
   * Parallel forms that take a thread count. Each runs as a variant `<name>@<t>t`
   * (`scalingKey`) for every t from 1 to the run's `threads`, sampled with the other forms, so
   * the report plots speed-up against threads (report/scaling.ts). The case's other parallel
   * forms use `ctx.threads`.
   */
  scaling?: Record<string, (state: S, threads: number) => unknown>;
  /**
   * Results of every form, by form name, after one untimed run each; must throw if any form
   * disagrees. The runner snapshots each result right after its form ran (typed arrays and
   * plain data are copied), so forms that reuse one output object are still checked one by one.
   */
  check: (results: Record<string, unknown>, state: S) => void;
  /** Forms return Promises. */
  async?: boolean;
  /** Also record event-loop delay (p50/p99/max) while each form runs in the memory pass. */
  eventLoopDelay?: boolean;
  /** At least this many timed samples per form (default: the mode's minimum). */
  minSamples?: number;
  /**
   * At most this many processes (default: the run's `--repeat`). For references without a
   * verdict whose setup is costly (limits/bandwidth allocates 128 MiB in every process).
   */
  maxProcesses?: number;
  /**
   * At least this many sampling processes in a run of several (`--repeat` above 1), whatever the
   * run's count. For the controls, which are cheap and must answer for the whole run.
   */
  minProcesses?: number;
  /** Operations per memory pass (default: chosen from the timing, at least 1). */
  memoryOps?: number;
  /**
   * Extra measurements the timed forms cannot express (per-hop latency, p99 task latency,
   * event-loop delay while N calls are in flight), run once per size after timing and stored in
   * the record's `metrics`. Names carry their unit (`_us`, `_ms`, `_per_s`).
   */
  metrics?: (state: S, mode: 'quick' | 'full') => Record<string, number> | Promise<Record<string, number>>;
  /**
   * Repeated measurements that need an interval across processes (event-loop delay p99 per form
   * with N calls in flight), run once per size after timing in every process, unlike `metrics`.
   * Each name maps to this process's values in the order taken; the runner pools them across
   * processes as it pools the forms' samples (record `process_samples`), so the report can
   * bootstrap a ratio of two of them. Quantities taken in the same rounds must return the same
   * number of values. Names carry their unit (`_ms`).
   */
  processSamples?: (
    state: S,
    mode: 'quick' | 'full',
  ) => Record<string, number[]> | Promise<Record<string, number[]>>;
}

/** Identity helper that keeps the state type of a case. */
export function defineCase<S>(c: BenchCase<S>): BenchCase<S> {
  return c;
}

/** The work of one op of `c` at `size` (see `BenchCase.work`). */
export function workOf(c: Pick<BenchCase, 'unit' | 'work'>, size: number): Work {
  if (c.work) return c.work(size);
  return c.unit === 'bytes' ? { bytes: size } : { items: size };
}

/** Throws unless every result equals the first, compared with `equal` (default: deep). */
export function allEqual(
  results: Record<string, unknown>,
  equal: (a: unknown, b: unknown) => boolean = deepEqual,
): void {
  const entries = Object.entries(results);
  if (entries.length === 0) return;
  const [firstName, first] = entries[0]!;
  for (const [name, value] of entries.slice(1)) {
    if (!equal(first, value)) {
      throw new Error(`benchmark check failed: ${name} disagrees with ${firstName}`);
    }
  }
}

/** Deep equality for results: numbers (with -0/NaN as Object.is), typed arrays, arrays, objects. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A sink that results are folded into so the JIT cannot drop the work that made them. */
export const sink = { value: 0 };

/** Folds any result into `sink` cheaply (length, first element or numeric value). */
export function consume(result: unknown): void {
  if (typeof result === 'number') sink.value ^= result | 0;
  else if (typeof result === 'bigint') sink.value ^= Number(result & 0xffffn);
  else if (typeof result === 'string') sink.value ^= result.length;
  else if (ArrayBuffer.isView(result)) sink.value ^= result.byteLength;
  else if (Array.isArray(result)) sink.value ^= result.length;
  else if (result !== undefined && result !== null) sink.value ^= 1;
}
