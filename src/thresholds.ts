/**
 * Size cut-offs for the top-level functions that choose between JS and native per call.
 *
 * The values come from the committed `thresholds.json` at the package root, which
 * `rust-patterns calibrate` regenerates from the benchmark crossovers on the machine it runs on
 * and which records that machine and date. The literal below holds the built-in defaults: a
 * missing or malformed file, or a missing or invalid field, falls back to them per field with a
 * process warning, never an exception at import time.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Thresholds {
  /**
   * Bytes from which `crc32Sync` calls the binding. Set by `zero-copy/checksum`: below it the
   * JS twin beats the Node-API call floor.
   */
  crc32NativeMinBytes: number;
  /** Bytes from which `countByte` calls the binding. Set by `zero-copy/boundary-in`. */
  countByteNativeMinBytes: number;
  /** Bytes from which `xorIntoNew` calls the binding. Set by `zero-copy/boundary-out`. */
  xorNativeMinBytes: number;
  /**
   * Float64 elements from which `parallelMap` / `parallelReduce` use the worker pool instead of
   * running inline. Set by `concurrency/work-distribution` (`rust_inspired`, the piscina pool,
   * vs `traditional`, one JS thread): the pool lost up to 4 MiB (0.90x at 4 MiB, interleaved
   * runs), tied at 16 MiB (1.01x) and won from 64 MiB (1.29x) on the shared 2-core machine under
   * load (2026-11-24). A pool round trip costs ~40-130 µs, so a quiet machine should move this
   * down; rerun the case before trusting it.
   */
  parallelMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` uses rayon across every core rather than one
   * native thread. Set by `concurrency/work-distribution` (`native-rayon` vs `native`): 1.8x at
   * 1 MiB in the first quick run, while below one 8,192-element block rayon has nothing to split.
   */
  rayonMinElements: number;
  /**
   * Float64 elements from which `sumSquaresSync` calls the binding. Set by
   * `concurrency/work-distribution` (`native` vs `traditional`): native won from the smallest
   * size, 1 KiB (2.3 vs 3.2 µs), and by ~1.3x from 16 KiB up.
   */
  sumSquaresNativeMinElements: number;
  /**
   * Records from which the record codec calls the binding. Set by `zero-copy/records`: at 100
   * records native decodes in place in 0.6 µs vs 3.5 µs for the JS twin (2 cores, loaded).
   */
  recordsNativeMinRecords: number;
  /**
   * Records from which `recordsToCsv` calls the binding. Set by `zero-copy/string-building`
   * (native 1.5x faster already at 100 records).
   */
  csvNativeMinRecords: number;
  /**
   * Bytes from which `isUtf8` calls the binding. Set by `zero-copy/utf8`: at 100 bytes native
   * and the JS scan are within noise (0.43 vs 0.52 µs).
   */
  utf8NativeMinBytes: number;
  /**
   * Bytes from which `lineOffsets` calls the binding. Set by `zero-copy/lines`: native 1.1 µs vs
   * 2.0 µs for the JS scan at 100 bytes.
   */
  linesNativeMinBytes: number;
}

/** The built-in values, before `thresholds.json` is applied. */
export const defaultThresholds: Readonly<Thresholds> = Object.freeze({
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

/** Where the thresholds in use came from: the calibrating machine and date, or the defaults. */
export interface ThresholdsSource {
  /** `file` when `thresholds.json` was read (possibly with some fields defaulted). */
  origin: 'file' | 'defaults';
  file: string;
  /** The calibration date recorded in the file, if any. */
  date: string | null;
  /** The CPU model recorded in the file, if any. */
  machine: string | null;
}

/** The committed file: one level above this module, both as src/*.ts and as dist/*.js. */
export const thresholdsFile = path.resolve(__dirname, '..', 'thresholds.json');

function warn(message: string): void {
  process.emitWarning(message, { code: 'RUST_PATTERNS_THRESHOLDS' });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Reads a thresholds file and merges it over the defaults field by field. Fields the file lacks
 * take the default silently (a newer library may know more thresholds than an older file);
 * fields that are not non-negative safe integers take the default with a warning. An unreadable
 * or unparsable file yields the defaults with a warning.
 */
export function loadThresholds(file: string = thresholdsFile): {
  values: Thresholds;
  source: ThresholdsSource;
} {
  const values: Thresholds = { ...defaultThresholds };
  const fallback = { values, source: { origin: 'defaults' as const, file, date: null, machine: null } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    warn(`rust-patterns: cannot use ${file} (${(e as Error).message}); using built-in size thresholds`);
    return fallback;
  }
  if (!isRecord(parsed) || !isRecord(parsed.thresholds)) {
    warn(`rust-patterns: ${file} has no "thresholds" object; using built-in size thresholds`);
    return fallback;
  }
  const found = parsed.thresholds;
  const target = values as unknown as Record<string, number>;
  const invalid: string[] = [];
  for (const key of Object.keys(defaultThresholds)) {
    if (!(key in found)) continue;
    const v = found[key];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) target[key] = v;
    else invalid.push(key);
  }
  if (invalid.length > 0) {
    warn(`rust-patterns: ${file} has invalid values for ${invalid.join(', ')}; using the defaults for them`);
  }
  const machine = isRecord(parsed.machine) ? parsed.machine.cpu_model : undefined;
  return {
    values,
    source: {
      origin: 'file',
      file,
      date: typeof parsed.date === 'string' ? parsed.date : null,
      machine: typeof machine === 'string' ? machine : null,
    },
  };
}

const loaded = loadThresholds();

/**
 * The cut-offs in use: the committed `thresholds.json` merged over `defaultThresholds`, read
 * once at import. Frozen, so that one caller cannot change the JS/native choice of every other
 * user of the package in the process (assignments throw in strict mode). To measure other
 * values, call the twins (`js`, `native`) directly, or recalibrate `thresholds.json`.
 */
export const thresholds: Readonly<Thresholds> = Object.freeze(loaded.values);

/** Which file and calibration run set `thresholds`, for diagnostics and bug reports. */
export const thresholdsSource: ThresholdsSource = loaded.source;
