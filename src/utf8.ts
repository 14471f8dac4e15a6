/**
 * `zero-copy/utf8`: UTF-8 validation without decoding. The JS twin is a byte scanner with the
 * same rules as Rust's `str::from_utf8` (no overlongs, surrogates, code points above U+10FFFF
 * or truncated sequences), so it allocates nothing; natively simdutf8 checks the borrowed bytes.
 */
import * as nodeBuffer from 'node:buffer';

import { native } from './native.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import { assertBytes } from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

/**
 * Node's own validator (`buffer.isUtf8`, C++; Node >= 18.14, Bun and Deno have it too), or
 * undefined where the runtime lacks it.
 */
const builtinIsUtf8 = (nodeBuffer as { isUtf8?: (input: Uint8Array) => boolean }).isUtf8;

/** Node's and Bun's `buffer.isUtf8` are simdutf; Deno's is not. */
const builtinIsSimdutf = !('Deno' in globalThis);

/**
 * Bun's `buffer.isUtf8` costs 13 ns at 16 B, against 59 ns for the JS scanner
 * (`bun scripts/floor.mjs builtin`): there the built-in takes the small sizes too.
 */
const builtinBeatsScanner = 'Bun' in globalThis;

/** Whether `isUtf8` skips the scanner's range (see `builtinBeatsScanner`). */
// Stryker disable next-line ConditionalExpression,EqualityOperator: route choice: twin, binding or built-in, same result (parity suites), only speed differs (docs/mutants.md)
const scannerBypassed = builtinBeatsScanner && builtinIsUtf8 !== undefined;

const isCont = (b: number): boolean => (b & 0xc0) === 0x80;

/** Length of the longest valid UTF-8 prefix (unchecked). */
function validUpToKernel(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    // Four ASCII bytes at a time: most text is ASCII between its multi-byte characters.
    while (i + 4 <= n && (b[i]! | b[i + 1]! | b[i + 2]! | b[i + 3]!) < 0x80) i += 4;
    if (i === n) return n;
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 < n && isCont(b[i + 1]!)) {
        i += 2;
        continue;
      }
      return i;
    }
    if (c >= 0xe0 && c <= 0xef) {
      // E0 needs A0..BF (no overlongs); ED needs 80..9F (no surrogates).
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      const c1 = b[i + 1]!;
      if (i + 2 < n && c1 >= lo && c1 <= hi && isCont(b[i + 2]!)) {
        i += 3;
        continue;
      }
      return i;
    }
    if (c >= 0xf0 && c <= 0xf4) {
      // F0 needs 90..BF (no overlongs); F4 needs 80..8F (nothing above U+10FFFF).
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      const c1 = b[i + 1]!;
      if (i + 3 < n && c1 >= lo && c1 <= hi && isCont(b[i + 2]!) && isCont(b[i + 3]!)) {
        i += 4;
        continue;
      }
      return i;
    }
    return i;
  }
  return n;
}

function jsIsUtf8(data: Uint8Array): boolean {
  assertBytes(data, 'data');
  return validUpToKernel(data) === data.length;
}

function jsUtf8ValidUpTo(data: Uint8Array): number {
  assertBytes(data, 'data');
  return validUpToKernel(data);
}

/** The JS twins of the utf8 pattern's native functions. */
export const utf8Js = {
  isUtf8: jsIsUtf8,
  utf8ValidUpTo: jsUtf8ValidUpTo,
  // JS cannot see the CPU and has no SIMD validator.
  utf8SimdLevel: (): string => 'scalar',
};

/** The widest UTF-8 kernel the CPU can run, as `utf8SimdLevel()` names it. */
export type Utf8SimdLevel = 'avx512' | 'avx2' | 'neon' | 'scalar';

const LEVELS: readonly string[] = ['avx512', 'avx2', 'neon', 'scalar'];

/**
 * The CPU's UTF-8 level, read once at load time: `RUST_PATTERNS_UTF8_SIMD` when set to one of the
 * names (to force either decision, as the tests do, or to correct a misreported CPU), else the
 * binding's `utf8SimdLevel()`, else `'scalar'` (no binding: the level is then never consulted).
 */
export function readUtf8SimdLevel(env: NodeJS.ProcessEnv = process.env): Utf8SimdLevel {
  const forced = env.RUST_PATTERNS_UTF8_SIMD;
  if (forced !== undefined && forced !== '') {
    if (!LEVELS.includes(forced)) {
      throw new RangeError(`RUST_PATTERNS_UTF8_SIMD must be one of ${LEVELS.join(', ')}, got ${forced}`);
    }
    return forced as Utf8SimdLevel;
  }
  const level = native?.utf8SimdLevel();
  return level !== undefined && LEVELS.includes(level) ? (level as Utf8SimdLevel) : 'scalar';
}

/** Importing never throws: a misspelt override is reported as a warning and ignored. */
function levelAtLoad(): Utf8SimdLevel {
  try {
    return readUtf8SimdLevel();
  } catch (error) {
    process.emitWarning(`${(error as Error).message}; using the detected level`, 'RustPatternsWarning');
    return readUtf8SimdLevel({});
  }
}

const level: Utf8SimdLevel = levelAtLoad();

/** This process's UTF-8 level, read once at load time (see `readUtf8SimdLevel`). */
export function utf8SimdLevel(): Utf8SimdLevel {
  return level;
}

/** Which validator the top-level `isUtf8` runs for one input. */
export type Utf8Route = 'js' | 'builtin' | 'native';

/** What the route depends on besides the size: fixed for the life of the process. */
export interface Utf8RouteContext {
  level: Utf8SimdLevel;
  hasNative: boolean;
  hasBuiltin: boolean;
  /**
   * Whether the built-in is simdutf with its AVX-512 kernel (Node, Bun); Deno's `buffer.isUtf8`
   * is not (about 2.4 GB/s on an AVX-512 CPU), so there only the threshold decides.
   */
  builtinIsSimdutf: boolean;
  /** `thresholds.utf8NativeMinBytes`, or 0 where the built-in is faster than the scanner (Bun). */
  jsMaxBytes: number;
  /** `thresholds.utf8NativeOverBuiltinMinBytes`. */
  nativeOverBuiltinMinBytes: number;
}

/**
 * The route for `size` bytes. Below `jsMaxBytes` the JS scanner (no call at all). Then the
 * runtime's `buffer.isUtf8` when it exists, unless the binding is loaded and the size reaches
 * `nativeOverBuiltinMinBytes` on a CPU without AVX-512: the built-in is simdutf, whose AVX-512
 * kernel simdutf8 lacks, and it pays no Node-API call, so on an AVX-512 CPU it wins at every size
 * (`node scripts/floor.mjs builtin`); on AVX2 the two kernels are close and the threshold decides.
 */
export function utf8Route(size: number, c: Utf8RouteContext): Utf8Route {
  if (size === 0 || size < c.jsMaxBytes) return 'js';
  if (!c.hasBuiltin) return c.hasNative ? 'native' : 'js';
  const builtinAlwaysWins = c.level === 'avx512' && c.builtinIsSimdutf;
  if (c.hasNative && !builtinAlwaysWins && size >= c.nativeOverBuiltinMinBytes) return 'native';
  return 'builtin';
}

/** The route the top-level `isUtf8` takes for `size` bytes in this process. */
export function isUtf8Route(size: number): Utf8Route {
  return utf8Route(size, {
    level,
    // Stryker disable next-line ConditionalExpression,EqualityOperator: route report: on an AVX-512 CPU with Node's simdutf the built-in wins at every size, whatever this says (docs/mutants.md)
    hasNative: native !== null,
    hasBuiltin: builtinIsUtf8 !== undefined,
    builtinIsSimdutf,
    jsMaxBytes: scannerBypassed ? 0 : cutoffs.utf8NativeMinBytes,
    nativeOverBuiltinMinBytes: cutoffs.utf8NativeOverBuiltinMinBytes,
  });
}

const nativeIsUtf8 = native?.isUtf8;
/** With simdutf on an AVX-512 CPU the binding never validates for `isUtf8` (see `utf8Route`). */
const nativeMayWin = nativeIsUtf8 !== undefined && !(level === 'avx512' && builtinIsSimdutf);

// Stryker disable BlockStatement,ConditionalExpression,LogicalOperator,EqualityOperator: route choice: twin, binding or built-in, same result (parity suites), only speed differs (docs/mutants.md); not chosen on an AVX-512 host with Node's built-in
/** `isUtf8` with every route: the binding may take large inputs (see `utf8Route`). */
function isUtf8AnyRoute(bytes: Uint8Array): boolean {
  // Only a non-empty Uint8Array reaches the built-in or the binding: anything else gets the twin's
  // TypeError (naming `data`, as the binding's does), and an empty view its detachment check.
  if (
    bytes instanceof Uint8Array &&
    bytes.length !== 0 &&
    (scannerBypassed || bytes.length >= cutoffs.utf8NativeMinBytes)
  ) {
    if (builtinIsUtf8 === undefined) {
      if (nativeIsUtf8 !== undefined) return nativeIsUtf8(bytes);
    } else if (
      nativeMayWin &&
      nativeIsUtf8 !== undefined &&
      bytes.length >= cutoffs.utf8NativeOverBuiltinMinBytes
    ) {
      return nativeIsUtf8(bytes);
    } else {
      return builtinIsUtf8(bytes);
    }
  }
  return jsIsUtf8(bytes);
}
// Stryker restore BlockStatement,ConditionalExpression,LogicalOperator,EqualityOperator

// The top-level `isUtf8` is one of the three functions below, chosen once at load time from the
// runtime and the CPU (see `utf8Route`): the function users call holds no test that is fixed for
// the process. Where the binding never validates (simdutf with AVX-512, or no binding) it has the
// type and size tests and the built-in call only, small enough for V8 to inline the built-in's own
// wrapper into callers. Only a non-empty Uint8Array reaches the built-in: anything else gets the
// twin's TypeError (naming `data`, as the binding's does), and an empty view its detachment check.

/** Node with AVX-512 (or no binding): the twin below the cut-off, else the built-in. */
function isUtf8ViaBuiltin(bytes: Uint8Array): boolean {
  // Stryker disable next-line BlockStatement,EqualityOperator: route choice: twin, binding or built-in, same result (parity suites), only speed differs (docs/mutants.md); an empty view is below every cut-off
  if (bytes instanceof Uint8Array && bytes.length !== 0 && bytes.length >= cutoffs.utf8NativeMinBytes) {
    return builtinIsUtf8!(bytes);
  }
  return jsIsUtf8(bytes);
}

// Stryker disable BlockStatement,ConditionalExpression,LogicalOperator,EqualityOperator: route choice: twin, binding or built-in, same result (parity suites), only speed differs (docs/mutants.md); Bun's, not chosen on Node
/** Bun: its built-in beats the scanner at every size, so there is no cut-off to read. */
function isUtf8AlwaysBuiltin(bytes: Uint8Array): boolean {
  return bytes instanceof Uint8Array && bytes.length !== 0 ? builtinIsUtf8!(bytes) : jsIsUtf8(bytes);
}
// Stryker restore BlockStatement,ConditionalExpression,LogicalOperator,EqualityOperator

/**
 * True when `bytes` is well-formed UTF-8; agrees with `buffer.isUtf8`. Below
 * `thresholds.utf8NativeMinBytes` the JS scanner runs (at 16 B it beats a call into C++). Above
 * it, the runtime's own `buffer.isUtf8` runs, except on CPUs without AVX-512 from
 * `thresholds.utf8NativeOverBuiltinMinBytes` on, where the binding's simdutf8 reads the bytes in
 * place (no copy, no string); `isUtf8Route(size)` says which. Without the built-in (old runtimes)
 * the binding takes every size it would.
 */
export const isUtf8: (bytes: Uint8Array) => boolean =
  builtinIsUtf8 === undefined || nativeMayWin
    ? isUtf8AnyRoute
    : scannerBypassed
      ? isUtf8AlwaysBuiltin
      : isUtf8ViaBuiltin;

/** Where the first invalid UTF-8 sequence of `bytes` starts (`bytes.length` when valid). */
export function utf8ValidUpTo(bytes: Uint8Array): number {
  // Stryker disable next-line BlockStatement,ConditionalExpression,EqualityOperator,LogicalOperator: route choice: twin or binding, same result (parity suites), only speed differs (docs/mutants.md)
  if (native !== null && ArrayBuffer.isView(bytes) && bytes.length >= cutoffs.utf8NativeMinBytes) {
    return native.utf8ValidUpTo(bytes);
  }
  return jsUtf8ValidUpTo(bytes);
}
