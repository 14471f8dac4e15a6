/**
 * The shape every benchmark file declares. Only `benchmark/bench.ts` knows the timing engine
 * (benny); pattern files export `cases: BenchCase[]` built with `defineCase`.
 */

/** One timed implementation of a case: gets the per-size state, returns a result to consume. */
export type FormFn<S> = (state: S) => unknown;

export interface BenchCase<S = unknown> {
  /** `category/name`, e.g. `zero-copy/checksum`. */
  id: string;
  /** One line: what the case measures. */
  description: string;
  /** What `size` counts. */
  unit: 'bytes' | 'elements' | 'records' | 'tasks' | 'calls' | 'hops';
  /** Sizes for the quick run (the default) and extra sizes for the full run. */
  sizes: { quick: number[]; full?: number[] };
  /** Builds the inputs for one size. Runs once per size, outside timing. */
  setup: (size: number) => S | Promise<S>;
  /** Releases what setup made (worker pools, temp files). */
  teardown?: (state: S) => void | Promise<void>;
  /** What most Node code does. */
  traditional?: FormFn<S>;
  /** The Rust pattern applied in TypeScript. */
  rustInspired?: FormFn<S>;
  /** The same work in Rust through the binding; omitted when the binding did not load. */
  native?: FormFn<S>;
  /** Further forms of ours (e.g. `dispatch`, `native-fresh-vec`), timed like the three. */
  variants?: Record<string, FormFn<S>>;
  /** The libraries people use instead (node:zlib, @node-rs/crc32, ...). */
  peers?: Record<string, FormFn<S>>;
  /**
   * Results of every form, by form name, after one untimed run each; must throw if any form
   * disagrees. The runner calls it before timing anything.
   */
  check: (results: Record<string, unknown>, state: S) => void;
  /** Forms return Promises (timed as deferred benchmarks). */
  async?: boolean;
  /** Also record event-loop delay (p50/p99/max) while the forms run. */
  eventLoopDelay?: boolean;
  /**
   * At least this many timed samples per form in either mode (default: the mode's). For cases
   * whose forms compete with background threads, where 3 samples leave margins too wide to judge.
   */
  minSamples?: number;
  /** Operations per memory pass (default: chosen from a short calibration, at least 1). */
  memoryOps?: number;
  /**
   * Extra measurements the timed forms cannot express (per-hop latency, p99 task latency,
   * event-loop delay while N calls are in flight), run once per size after timing and stored in
   * the record's `metrics`. Names carry their unit (`_us`, `_ms`, `_per_s`).
   */
  metrics?: (state: S, mode: 'quick' | 'full') => Record<string, number> | Promise<Record<string, number>>;
}

/** Identity helper that keeps the state type of a case. */
export function defineCase<S>(c: BenchCase<S>): BenchCase<S> {
  return c;
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
