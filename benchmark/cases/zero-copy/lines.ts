/** `zero-copy/lines`: split text into lines as strings vs as offsets (borrowing scan). */
import { js } from '../../../src/index.js';
import { native } from '../../../src/native.js';
import { defineCase } from '../../engine/case.js';
import { wasmForm } from '../../lab/wasm.js';

/** Lines of varying length, some CRLF-terminated, with a trailing newline. */
function text(size: number): Buffer {
  const out = Buffer.allocUnsafeSlow(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x % 53 === 0 ? 10 : 97 + (x % 26);
  }
  for (let i = 1; i < size; i++) if (out[i] === 10 && i % 3 === 0 && out[i - 1] !== 10) out[i - 1] = 13;
  if (size > 0) out[size - 1] = 10;
  return out;
}

/** `toString().split('\n')` with the same rules (strip \r before \n, no empty last line). */
function splitStrings(data: Buffer): string[] {
  const parts = data.toString('latin1').split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.endsWith('\r') && (i < parts.length - 1 || data[data.length - 1] === 10)) parts[i] = p.slice(0, -1);
  }
  return parts;
}

const bin = native;

export const benchCase = defineCase({
  id: 'zero-copy/lines',
  pattern: 'Line splitting over views',
  mechanism:
    'Offsets and views avoid a string per line; toString().split is one C++ pass that makes strings, which is hard to beat when every line is wanted as a string.',
  questions: [{ question: 1 }],
  thresholds: [{ key: 'linesNativeMinBytes' }],
  description:
    "Split text into lines: toString().split('\\n') strings vs indexOf scan to offsets vs native newline-mask offsets",
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000], full: [64 << 20] },
  access: 'read',
  belowRoofline:
    "Splitting does work per line that a read scan does not: each newline (one every few dozen bytes of this text) is a bit to take out of its block's mask and two 4-byte offsets to write, a chain of dependent steps per line; and the offsets are a new array each op, whose fresh pages the OS faults in and zeroes. A read scan does one compare and one add per vector.",
  setup: (size) => ({ data: text(size) }),
  traditional: (s) => splitStrings(s.data),
  rustInspired: (s) => js.lineOffsets(s.data),
  ...(bin ? { native: (s: { data: Buffer }) => bin.lineOffsets(s.data) } : {}),
  // The same function built for wasm32 (its memchr scan: the mask scan is x86-64 only); the offsets come back out of the module's memory.
  nativeVariants: wasmForm((w, s: { data: Buffer }) => w.lineOffsets(s.data)),
  check: (results, s) => {
    const expected = results.traditional as string[];
    for (const [name, r] of Object.entries(results)) {
      if (name === 'traditional') continue;
      const o = r as Uint32Array;
      if (o.length !== expected.length * 2) throw new Error(`benchmark check failed: ${name} line count`);
      for (let k = 0; k < expected.length; k++) {
        if (s.data.toString('latin1', o[2 * k], o[2 * k + 1]) !== expected[k]) {
          throw new Error(`benchmark check failed: ${name} line ${k}`);
        }
      }
    }
  },
});
