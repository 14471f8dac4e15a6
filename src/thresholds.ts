/**
 * Size cut-offs for the top-level functions that choose between JS and native per call.
 *
 * The shipped defaults are the literals in `defaultThresholds`, each with the benchmark case and
 * the run that set it. A service that measured its own machine (`npm run calibrate -- --out
 * <file>` in a checkout) or wants one path for every size applies its values once at start-up
 * with `configureThresholds`; nothing else can change them.
 */
import { native } from './native.js';
import { typeError } from './validate.js';

/** The size cut-offs, read-only: change them with `configureThresholds`. */
export interface Thresholds {
  /** Bytes from which `crc32Sync` and `crc32` call the binding (`zero-copy/checksum`). */
  readonly crc32NativeMinBytes: number;
  /**
   * Bytes from which `crc32Sync` leaves the runtime's own `zlib.crc32` for this package's paths
   * (the JS twin below `crc32NativeMinBytes`, the binding above); `0` never uses the built-in.
   */
  readonly crc32OverBuiltinMinBytes: number;
  /**
   * Bytes from which `crc32Sync` calls the runtime's own `zlib.crc32` (below
   * `crc32OverBuiltinMinBytes`); shorter inputs run the JS twin, where a call into the built-in
   * costs more than the whole checksum. `0`: the built-in from the first byte.
   */
  readonly crc32BuiltinMinBytes: number;
  /** Bytes from which `countByte` calls the binding (`zero-copy/boundary-in`). */
  readonly countByteNativeMinBytes: number;
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
  /**
   * Bytes from which `isUtf8` calls the binding rather than the runtime's own `buffer.isUtf8`, on a
   * CPU without simdutf's AVX-512 kernel (`utf8SimdLevel() !== 'avx512'`); on one with it the
   * built-in takes every size from `utf8NativeMinBytes` (`zero-copy/utf8`, native vs the built-in).
   */
  readonly utf8NativeOverBuiltinMinBytes: number;
  /** Bytes from which `lineOffsets` and `lineViews` call the binding (`zero-copy/lines`). */
  readonly linesNativeMinBytes: number;
}

/** A runtime whose built-ins the package may route to. */
type Runtime = 'bun' | 'deno' | 'node';

/** Which runtime this is: the built-ins' speed differs by runtime, not only by CPU. */
const runtime: Runtime = 'Bun' in globalThis ? 'bun' : 'Deno' in globalThis ? 'deno' : 'node';

/**
 * Where `crc32Sync` calls the runtime's own `zlib.crc32`: from `from` bytes up to `to` (not
 * included), on runtime `rt` with the binding's CRC-32 path `crcPath` (`simdLevel()`: which
 * instructions crc32fast uses on this CPU; `'js'` without the binding). The defaults take it at
 * load time. Each figure is `node scripts/floor.mjs builtin` or `route` on that runtime (the
 * package's route or the binding against the built-in in interleaved rounds; ours/built-in time):
 *
 * - Node 20 and 26: the binding takes 0.17-0.49x zlib.crc32's time from 64 B to 1 MiB (AMD EPYC
 *   with AVX2, 2026-12-07; 0.03-0.76x on an Intel Xeon with AVX-512, 2026-12-06), and the twin
 *   runs below 256 B, so never. Without the binding the twin alone takes 0.29-0.36x its time at
 *   16-64 B, 1.25x (Node 20) and 0.87x [0.80-1.15] (Node 26) at 256 B, and 1.6-2.6x from 1 KiB
 *   (AMD): the built-in from 256 B.
 * - Bun 1.4: zlib.crc32 takes 35-49 ns from 16 B to 1 KiB against 194-310 ns for the binding and
 *   ties at 1 MiB (0.99x, Intel), and beats the twin at 16 B (`npm run bench -- --only
 *   zero-copy/checksum --runtime bun`, twin 0.76x [0.66-0.91], AMD): always the built-in.
 * - Deno 2.9: below 64 B the twin (3.96x [3.69-4.36] less time than zlib.crc32 at 16 B, 0.61x
 *   [0.59-0.64] of its speed at 64 B; `--runtime deno`, AMD). Above, where crc32fast has
 *   256-bit VPCLMULQDQ and the CPU no AVX-512 (AMD Zen 3), the binding takes 1.16-1.19x
 *   zlib.crc32's time at 1 KiB, 0.70-0.72x at 4 KiB and 0.49-0.56x from 16 KiB to 1 MiB (two
 *   runs): the binding from 2 KiB.
 *   With AVX-512 (Intel Xeon), zlib.crc32 won up to 64 KiB (the binding 1.08x there) and lost at
 *   1 MiB (0.79x): the binding from 1 MiB. Other paths were not measured and keep that 1 MiB.
 */
export function crc32BuiltinRange(rt: Runtime, crcPath: string): { from: number; to: number } {
  const always = Number.MAX_SAFE_INTEGER;
  if (crcPath === 'js') return { from: rt === 'node' ? 256 : rt === 'deno' ? 64 : 0, to: always };
  if (rt === 'node') return { from: 0, to: 0 };
  if (rt === 'bun') return { from: 0, to: always };
  return { from: 64, to: crcPath === 'vpclmulqdq-avx2' ? 2048 : 1 << 20 };
}

const crc32Builtin = crc32BuiltinRange(runtime, native?.simdLevel() ?? 'js');

/**
 * The shipped values, each written with the record it comes from by
 * `npm run calibrate -- --from benchmark/RESULTS.json --runtime node20 --source src/thresholds.ts`
 * from the committed results (Node 20, the oldest runtime the package supports): the report's
 * crossover rule (the smallest size from which native, or the parallel path, wins by its 95%
 * interval at every larger size measured) against the JS path the function runs below the cut-off
 * (the case file's `thresholds` entry names it). "never" writes `Number.MAX_SAFE_INTEGER`: the
 * faster path is not taken by default, and a call or `configureThresholds` can still ask for it.
 * Edit the block by running the command, never by hand (__test__/thresholds-source.spec.ts).
 */
export const defaultThresholds: Thresholds = Object.freeze({
  // calibrate:start
  // zero-copy/checksum (node v20.20.2): native over rust_inspired 2.62× [2.44–3.09] at 256 B;
  // crossover 256 B (below: JS faster at 16 B–64 B).
  crc32NativeMinBytes: 256,
  // zero-copy/boundary-in (node v20.20.2): native over traditional 1.33× [1.28–1.38] at 100 B;
  // crossover always (from 100 B).
  countByteNativeMinBytes: 100,
  // concurrency/work-distribution (node v20.20.2): rust_inspired over traditional 1.12× [0.89–1.31]
  // at 16 MiB; crossover never (up to 16 MiB: undecided there).
  parallelMinElements: Number.MAX_SAFE_INTEGER,
  // concurrency/work-distribution (node v20.20.2): native-rayon over native 1.08× [0.95–1.36] at
  // 16 MiB; crossover never (up to 16 MiB: undecided there).
  rayonMinElements: Number.MAX_SAFE_INTEGER,
  // concurrency/work-distribution (node v20.20.2): native over traditional 1.48× [1.15–1.84] at
  // 16 MiB; crossover 16 MiB (below: undecided at 1 KiB–1 MiB).
  sumSquaresNativeMinElements: 2_097_152,
  // zero-copy/records (node v20.20.2): native over rust_inspired 1.67× [1.42–1.86] at 1 records;
  // crossover always (from 1 records).
  recordsNativeMinRecords: 1,
  // zero-copy/string-building (node v20.20.2): native over traditional 2.66× [2.47–2.91] at
  // 100 records; crossover always (from 100 records).
  csvNativeMinRecords: 100,
  // zero-copy/utf8 (node v20.20.2): native over rust_inspired 1.49× [1.38–1.62] at 100 B; crossover
  // always (from 100 B).
  utf8NativeMinBytes: 100,
  // zero-copy/lines (node v20.20.2): native over rust_inspired 2.15× [1.95–2.33] at 10 kB;
  // crossover 10 kB (below: JS faster at 100 B).
  linesNativeMinBytes: 10_000,
  // calibrate:end
  // Per runtime, not written by calibrate: each compares the package with the runtime's own
  // built-in, whose speed differs by runtime (and by CPU: see `crc32BuiltinRange`, src/utf8.ts).
  crc32OverBuiltinMinBytes: crc32Builtin.to,
  crc32BuiltinMinBytes: crc32Builtin.from,
  // Node: `--runtime node20`, node22 and node26 of the committed AMD EPYC (AVX2) run give "never":
  // native 1.07x [1.03-1.11] over buffer.isUtf8 at 1 MB on node20, undecided, and equivalent on
  // node26 (node24 alone gives 10 kB, 1.15x [1.11-1.22]). Bun (`scripts/floor.mjs route`, AVX-512
  // host): the built-in 1.3-10x faster at every size. Deno: its `buffer.isUtf8` is not simdutf
  // (about 2.4 GB/s), and the binding takes 0.27x its time at 1 KiB and 0.19-0.23x from 10 kB up
  // (`scripts/floor.mjs route`; the committed AMD run: 5.43x [4.63-8.89] from 10 kB, undecided at
  // 100 B).
  // Deno from 160 B (`deno run -A scripts/floor.mjs route --clock cpu`, medians [quartiles] of
  // per-round time ratios, binding over built-in): at 100 B 0.887x [0.753-0.960] and 0.895x
  // [0.865-0.921] on an Intel Xeon with AVX-512 (2026-12-06, 30 rounds) but 1.00x [0.91-1.16] and
  // 1.17x [1.09-1.20] on an AMD EPYC Zen 4 with AVX-512 (2026-12-07, 40 rounds); at 160 B 0.73x
  // [0.69-0.87] and 0.82x [0.77-0.85] there, and 0.29-0.34x at 1 KiB. The CPU's level does not
  // tell the two hosts apart, so the cut-off is the smallest size the binding won on both.
  utf8NativeOverBuiltinMinBytes: runtime === 'deno' ? 160 : Number.MAX_SAFE_INTEGER,
});

const keys = Object.keys(defaultThresholds) as Array<keyof Thresholds>;

/**
 * The cut-offs in use, as the package's own dispatchers read them: a plain object of data
 * properties that `configureThresholds` rewrites in place, never exported from the package. A read
 * is a map check and a load; the public `thresholds` view's getter is a call. In optimised loops
 * (`node scripts/floor.mjs cutoffs`, AMD EPYC, 2026-12-07) a read through the view cost 1.1-1.3 ns
 * more than a constant on Node 20 and 2.9-4.6 ns more on Node 26, a read of this object 0.0-0.2 ns;
 * on Bun and Deno neither cost anything measurable. A dispatcher reads one to three cut-offs per
 * call. One object for the life of the process, so every change reaches every dispatcher; the
 * public view's getters read it too. Each dispatching module reads it through a const of its own
 * (`const cutoffs = importedCutoffs`), not through the import, which tsc's CommonJS output (the
 * build users run, and the benchmark's) reads as `thresholds_js_1.cutoffs` every time. On Bun the
 * top-level `isUtf8` with the const ran 1.035x [0.986-1.077], 1.057x [0.995-1.113] and 1.058x
 * [1.019-1.093] as fast as a copy of it reading the import, at 16 B in the same processes (0.94-0.96x
 * of `buffer.isUtf8`'s speed against 0.90-0.92x; `npm run bench -- --only library/utf8 --runtime
 * bun --no-rust` with the copy as a variant, three runs, AMD EPYC, 2026-12-07); on V8 (Node 20 and
 * 26, Deno) the two did not differ measurably (`scripts/floor.mjs versus`).
 */
export const cutoffs: { -readonly [K in keyof Thresholds]: number } = { ...defaultThresholds };

// Defined with `Object.defineProperty`, not as `get` members of an object literal: V8 gives a
// literal with accessors dictionary-mode properties, and a dictionary lookup is not inlined, so
// every `thresholds.x` read by a dispatcher cost about 10 ns. With fast properties the read
// inlines to a map check and two loads. The top-level `isUtf8` over `buffer.isUtf8`'s time went
// from 1.29-1.36x to 1.00-1.13x at 100 B and from 1.11-1.17x to 1.02-1.05x at 1 KiB (medians of
// per-round ratios, both versions and the built-in raced in one process as `node scripts/floor.mjs
// builtin` races, Node 20 and 26, Intel Xeon with AVX-512, 2026-12-06).
//
// The view is an instance of a class of its own, not `{}`: a second copy of this module in the
// process (two versions of the package, or its CommonJS and ESM builds side by side) would add the
// same keys to `{}`'s map with other getter functions, and V8, which cannot keep both accessor
// transitions, turns that copy's view into a dictionary. With the first copy loaded, a copy's
// `isUtf8` took 1.30x `buffer.isUtf8`'s time at 100 B, against 1.04x for the same function reading
// its cut-off from a plain variable (both builds raced in one process, `--clock cpu`, 40 rounds,
// Intel Xeon with AVX-512, 2026-12-06; `node scripts/floor.mjs copies` races two copies).
const view = new (class ThresholdsView {})() as unknown as Thresholds;
// The package's dispatchers read `cutoffs`, so the view's getters are on no hot path of its own:
// one closure per key, reading the same object.
for (const key of keys) Object.defineProperty(view, key, { enumerable: true, get: () => cutoffs[key] });
/**
 * The cut-offs in use: a frozen, read-only view (assignments throw a TypeError in strict mode)
 * that always shows the values `configureThresholds` last set. One object for the life of the
 * process, so `import { thresholds }` in ESM and CommonJS alike sees every change.
 */
export const thresholds: Thresholds = Object.freeze(view);

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
  const next: Record<keyof Thresholds, number> = { ...cutoffs };
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
  Object.assign(cutoffs, next);
  return Object.freeze(next);
}
