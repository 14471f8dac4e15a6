/**
 * Size cut-offs for the top-level functions that choose between JS and native per call.
 *
 * The shipped defaults are the literals in `defaultThresholds`, each with the benchmark case and
 * the run that set it. A service that measured its own machine (`npm run calibrate -- --out
 * <file>` in a checkout) or wants one path for every size applies its values once at start-up
 * with `configureThresholds`; nothing else can change them.
 */
import { typeError } from './validate.js';

/** The size cut-offs, read-only: change them with `configureThresholds`. */
export interface Thresholds {
  /** Bytes from which `crc32Sync` and `crc32` call the binding (`zero-copy/checksum`). */
  readonly crc32NativeMinBytes: number;
  /** Bytes from which `countByte` calls the binding (`zero-copy/boundary-in`). */
  readonly countByteNativeMinBytes: number;
  /** Bytes from which `xorIntoNew` calls the binding (`zero-copy/boundary-out`). */
  readonly xorNativeMinBytes: number;
  /**
   * Float64 elements from which `parallelMap` / `parallelReduce` use the worker pool instead of
   * running inline, for calls that pass no `minElements` (`concurrency/work-distribution`, the
   * pool against one JS thread on the memory-bound built-in kernels). A CPU-heavy kernel of your
   * own pays for the pool far earlier: pass `minElements` for it.
   */
  readonly parallelMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` uses rayon across every core rather than one
   * native thread (`concurrency/work-distribution`, `native-rayon` vs `native`).
   */
  readonly rayonMinElements: number;
  /** Float64 elements from which `sumSquaresSync` calls the binding (`concurrency/work-distribution`). */
  readonly sumSquaresNativeMinElements: number;
  /** Records from which the record codec calls the binding (`zero-copy/records`). */
  readonly recordsNativeMinRecords: number;
  /** Records from which `recordsToCsv` calls the binding (`zero-copy/string-building`). */
  readonly csvNativeMinRecords: number;
  /** Bytes from which `isUtf8` and `utf8ValidUpTo` call the binding (`zero-copy/utf8`). */
  readonly utf8NativeMinBytes: number;
  /** Bytes from which `lineOffsets` and `lineViews` call the binding (`zero-copy/lines`). */
  readonly linesNativeMinBytes: number;
}

/**
 * The shipped values. Each is the crossover of its case by the report's rule (the smallest size
 * from which the faster path wins, by its 95% interval's class, at every larger size measured),
 * against the fastest JS form of any kind, from `npm run calibrate -- --quick --out <file>`.
 */
export const defaultThresholds: Thresholds = Object.freeze({
  crc32NativeMinBytes: 64,
  countByteNativeMinBytes: 64,
  xorNativeMinBytes: 64,
  parallelMinElements: 2_097_152,
  rayonMinElements: 131_072,
  sumSquaresNativeMinElements: 128,
  recordsNativeMinRecords: 16,
  csvNativeMinRecords: 8,
  utf8NativeMinBytes: 64,
  linesNativeMinBytes: 64,
});

const keys = Object.keys(defaultThresholds) as Array<keyof Thresholds>;

let current: Thresholds = defaultThresholds;

/**
 * The cut-offs in use: a frozen, read-only view (assignments throw a TypeError in strict mode)
 * that always shows the values `configureThresholds` last set. One object for the life of the
 * process, so `import { thresholds }` in ESM and CommonJS alike sees every change.
 */
export const thresholds: Thresholds = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(keys.map((k) => [k, { enumerable: true, get: () => current[k] }])),
  ) as Thresholds,
);

/**
 * Replaces some cut-offs for the whole process (this thread: each worker thread has its own) and
 * returns a frozen copy of the values now in use. Call it once at start-up: every later call of
 * every module that uses this package sees the new values. Fields left out (or `undefined`) keep
 * their current value; `configureThresholds(defaultThresholds)` restores the shipped ones. `0`
 * sends every size to native (when the binding is loaded); `Number.MAX_SAFE_INTEGER` keeps every
 * size in JS.
 *
 * Validated before anything changes: a non-object, an unknown field or a non-number value throws a
 * TypeError, a value that is not a non-negative safe integer a RangeError; on error nothing is
 * applied.
 */
export function configureThresholds(overrides: Partial<Thresholds>): Thresholds {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw typeError('overrides must be an object of threshold values');
  }
  const next: Record<keyof Thresholds, number> = { ...current };
  for (const [key, value] of Object.entries(overrides) as Array<[string, unknown]>) {
    if (!(keys as string[]).includes(key)) {
      throw typeError(`overrides.${key} is not a threshold (known: ${keys.join(', ')})`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number') throw typeError(`overrides.${key} must be a number`);
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`overrides.${key} must be a non-negative safe integer, got ${value}`);
    }
    next[key as keyof Thresholds] = value;
  }
  current = Object.freeze(next);
  return current;
}
