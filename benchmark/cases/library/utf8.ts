/**
 * `library/utf8`: the package's `isUtf8` (native simdutf8 above its threshold, a JS scanner
 * below) against what users call instead to validate UTF-8: Node's `buffer.isUtf8`,
 * utf-8-validate (the native validator behind ws) and a fatal `TextDecoder` inside try/catch,
 * the common way before `buffer.isUtf8` existed (traditional). Valid multi-byte text, so every
 * validator reads every byte; per call at 16 B, throughput at 1 MiB.
 */
import { isUtf8 as nodeIsUtf8 } from 'node:buffer';

import { native } from '../../../src/native.js';
import { isUtf8 } from '../../../src/utf8.js';
import { allEqual, defineCase } from '../../engine/case.js';

const bin = native;
const decoder = new TextDecoder('utf-8', { fatal: true });
// utf-8-validate is CommonJS with prebuilt binaries for linux-x64 (node-gyp-build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require('utf-8-validate') as (b: Uint8Array) => boolean;

interface State {
  bytes: Buffer;
}

/** Valid UTF-8 of `size` bytes: ASCII with 2-, 3- and 4-byte sequences mixed in. */
function text(size: number): Buffer {
  const unit = Buffer.from('price: 12 € — ñandú 🦀 ok; ', 'utf8');
  const out = Buffer.alloc(size, 0x20);
  for (let o = 0; o + unit.length <= size; o += unit.length) unit.copy(out, o);
  return out;
}

function decodes(bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export const benchCase = defineCase<State>({
  id: 'library/utf8',
  pattern: 'UTF-8 validation vs buffer.isUtf8 and utf-8-validate',
  mechanism:
    'All of them are SIMD scans over the bytes, so at large sizes they meet at memory speed and at tiny sizes the cost of the call itself decides.',
  traditionalLabel: 'TextDecoder({ fatal: true })',
  description: 'Validate UTF-8: isUtf8 vs buffer.isUtf8 vs utf-8-validate vs TextDecoder({ fatal })',
  unit: 'bytes',
  sizes: { quick: [16, 1 << 20], full: [1024, 64 << 10, 16 << 20] },
  access: 'read',
  belowRoofline:
    "Validation classifies every byte rather than only reading it: per vector, table lookups on each byte's nibbles, the previous vector's last bytes shifted in, and checks of the continuation bytes, about ten vector operations where a read scan does one compare and one add; this text has a multi-byte character in most 64-byte blocks, so the ASCII shortcut rarely applies (a guess).",
  setup: (n) => ({ bytes: text(n) }),
  traditional: (s) => decodes(s.bytes),
  rustInspired: (s) => isUtf8(s.bytes),
  ...(bin ? { native: (s: State) => bin.isUtf8(s.bytes) } : {}),
  peers: {
    'utf-8-validate': (s) => validate(s.bytes),
  },
  builtins: {
    'buffer.isUtf8': (s) => nodeIsUtf8(s.bytes),
  },
  check: (results) => {
    allEqual(results);
    if (Object.values(results)[0] !== true) throw new Error('benchmark check failed: input must be valid');
  },
});
