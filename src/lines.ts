/**
 * `zero-copy/lines`: line splitting as a borrowing scan. Lines are described by offsets into
 * the caller's bytes, never copied into strings, with Rust's `str::lines` semantics: a line
 * ends at `\n`; a `\r` right before that `\n` is dropped; the final line needs no terminator and
 * a final `\n` does not start an empty line (`""` → no lines, `"\n"` → one empty line, a lone
 * `\r` stays in its line).
 */
import { native } from './native.js';
import { cutoffs as importedCutoffs } from './thresholds.js';
import { assertBytes, rangeError } from './validate.js';

// A module-local const: the compiled import (`thresholds_js_1.cutoffs`) costs a load more per read,
// which Bun felt (see `cutoffs` in thresholds.ts).
const cutoffs = importedCutoffs;

/** Offsets of every line (unchecked): `[start0, end0, start1, end1, ...]`. */
function lineOffsetsKernel(data: Uint8Array): Uint32Array {
  const n = data.length;
  let out = new Uint32Array(64);
  let k = 0;
  let start = 0;
  while (start < n) {
    // Uint8Array#indexOf is a builtin loop: no per-byte JS.
    let nl = data.indexOf(10, start);
    const last = nl === -1;
    if (last) nl = n;
    const end = !last && nl > start && data[nl - 1] === 13 ? nl - 1 : nl;
    if (k + 2 > out.length) {
      const grown = new Uint32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[k++] = start;
    out[k++] = end;
    start = nl + 1;
  }
  return out.subarray(0, k);
}

function jsLineOffsets(data: Uint8Array): Uint32Array {
  assertBytes(data, 'data');
  // Stryker disable next-line BlockStatement: unreachable on Node 20: its typed arrays stop at 2^32 elements (docs/mutants.md)
  if (data.length > 0xffffffff) {
    // Stryker disable next-line StringLiteral: unreachable on Node 20: its typed arrays stop at 2^32 elements (docs/mutants.md)
    throw rangeError(`data is too long for 32-bit line offsets: ${data.length} bytes`);
  }
  return lineOffsetsKernel(data);
}

/** The JS twin of the lines pattern's native function. */
export const linesJs = {
  lineOffsets: jsLineOffsets,
};

/**
 * Start/end offsets of every line of `bytes` as `[start0, end0, start1, end1, ...]` (end
 * exclusive, terminator excluded). Natively a SIMD newline-mask scan reads the borrowed bytes and the offsets
 * move out of Rust without a copy; below `thresholds.linesNativeMinBytes` the JS scan runs.
 */
export function lineOffsets(bytes: Uint8Array): Uint32Array {
  // Stryker disable next-line BlockStatement,ConditionalExpression,EqualityOperator,LogicalOperator: route choice: binding or twin, same result (parity suites), only speed differs (docs/mutants.md)
  if (native !== null && ArrayBuffer.isView(bytes) && bytes.length >= cutoffs.linesNativeMinBytes) {
    return native.lineOffsets(bytes);
  }
  return jsLineOffsets(bytes);
}

/**
 * Iterates over the lines of `bytes` as `subarray` views of it (Rust's borrowing `split`): no
 * bytes are copied and no strings are made. The views alias `bytes`, so they change with it.
 */
export function* lineViews(bytes: Uint8Array): Generator<Uint8Array, void, undefined> {
  const offsets = lineOffsets(bytes);
  for (let k = 0; k < offsets.length; k += 2) yield bytes.subarray(offsets[k]!, offsets[k + 1]!);
}
