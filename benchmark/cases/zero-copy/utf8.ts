/** `zero-copy/utf8`: validate UTF-8 without (or with) decoding it. */
import { isUtf8 as nodeIsUtf8 } from 'node:buffer';

import { js } from '../../../src/index.js';
import { isUtf8 } from '../../../src/utf8.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { wasmForm } from '../../lab/wasm.js';

const fatal = new TextDecoder('utf-8', { fatal: true });

/** Mostly ASCII text with 2-, 3- and 4-byte sequences, as logs and JSON are. */
function text(size: number): Buffer {
  const unit = Buffer.from('timestamp=1700000000 level=info msg="h\u00e9llo \u20ac \u{1F600}" ok\n');
  const out = Buffer.allocUnsafeSlow(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(out, i, 0, Math.min(unit.length, size - i));
  // Cut at a character boundary so the input stays valid.
  let end = size;
  while (end > 0 && (out[end - 1]! & 0xc0) === 0x80) end--;
  if (end > 0 && out[end - 1]! >= 0xc0) end--;
  out.fill(0x20, end);
  return out;
}

const bin = native;

export const benchCase = defineCase({
  id: 'zero-copy/utf8',
  pattern: 'UTF-8 validation and decoding',
  mechanism:
    'Validating without decoding reads each byte once and allocates nothing, where a TextDecoder builds a string it then drops; buffer.isUtf8 and the native path are SIMD validators.',
  questions: [{ question: 1 }],
  // Below the cut-off `isUtf8` runs its JS scanner (the Rust-inspired form), which also serves
  // utf8ValidUpTo, not buffer.isUtf8: native must beat the twin.
  thresholds: [{ key: 'utf8NativeMinBytes', incumbents: ['rust_inspired'] }],
  // The package's top-level `isUtf8` (the route it picks on this CPU and runtime) against the
  // built-in it must never lose to (issue 27): it is the package, not a JS form, so never the
  // fastest JS a comparison is made against.
  otherWork: ['isUtf8 (package)'],
  formPairs: [
    {
      challenger: 'isUtf8 (package)',
      incumbent: 'node:buffer isUtf8',
      question: "The package's top-level isUtf8 vs the runtime's buffer.isUtf8",
    },
  ],
  description:
    'Validate UTF-8: a fatal TextDecoder (decodes a string) vs a JS scan without decoding vs native simdutf8 on a borrowed slice, and Node’s isUtf8',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000], full: [16 << 20] },
  access: 'read',
  belowRoofline:
    "Validation classifies every byte rather than only reading it: per vector, table lookups on each byte's nibbles, the previous vector's last bytes shifted in, and checks of the continuation bytes, about ten vector operations where a read scan does one compare and one add; this text has a multi-byte character in most 64-byte blocks, so the ASCII shortcut rarely applies (a guess).",
  setup: (size) => ({ data: text(size) }),
  // What JS code wrote before buffer.isUtf8: decode with a fatal TextDecoder and catch.
  traditional: (s) => {
    try {
      fatal.decode(s.data);
      return true;
    } catch {
      return false;
    }
  },
  // Rust's `str::from_utf8`: validate the bytes, build no string.
  rustInspired: (s) => js.isUtf8(s.data),
  ...(bin ? { native: (s: { data: Buffer }) => bin.isUtf8(s.data) } : {}),
  // simdutf8 built for wasm32 (its scalar fallback: the wasm build has no simd128).
  nativeVariants: wasmForm((w, s: { data: Buffer }) => w.isUtf8(s.data)),
  variants: {
    // Decode, re-encode and compare: slower still, and seen in the wild.
    'round-trip compare': (s) => Buffer.from(s.data.toString('utf8')).equals(s.data),
    'isUtf8 (package)': (s) => isUtf8(s.data),
  },
  builtins: {
    'node:buffer isUtf8': (s) => nodeIsUtf8(s.data),
  },
  check: (results) => {
    allEqual(results);
    if (results.traditional !== true) throw new Error('benchmark input must be valid UTF-8');
  },
});
