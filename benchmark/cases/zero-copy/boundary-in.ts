/**
 * `zero-copy/boundary-in`, `zero-copy/boundary-out` and `limits/call-floor`: what crossing
 * Node-API costs, and what borrowing in and moving out save over copying.
 */
import { boundaryJs } from '../src/boundary.js';
import { native } from '../src/index.js';
import { randomBytes } from './data.js';
import { allEqual, defineCase } from './types.js';

const bin = native;
const sizes = { quick: [100, 10_000, 1 << 20, 16 << 20] };
const key = Buffer.from([0x5a, 0xa5, 0x3c]);

export const cases = [
  defineCase({
    id: 'limits/call-floor',
    description:
      'Cost of one call: JS function vs native no-op vs native call borrowing a 16-byte Uint8Array',
    unit: 'calls',
    sizes: { quick: [1] },
    setup: () => ({ data: randomBytes(16) }),
    traditional: () => boundaryJs.noop(),
    ...(bin
      ? {
          native: () => bin.noop(),
          variants: { 'native-borrow-16B': (s: { data: Buffer }) => bin.countByte(s.data, 7) },
        }
      : {}),
    check: () => {},
  }),
  defineCase({
    id: 'zero-copy/boundary-in',
    description:
      'Count one byte value: JS loop vs native borrowing the caller’s bytes vs native after a copy-in',
    unit: 'bytes',
    sizes,
    setup: (size) => ({ data: randomBytes(size) }),
    traditional: (s) => boundaryJs.countByte(s.data, 7),
    rustInspired: (s) => {
      // Buffer#indexOf is memchr in C++: the JS-side "use the right primitive" form.
      let n = 0;
      for (let i = s.data.indexOf(7); i !== -1; i = s.data.indexOf(7, i + 1)) n++;
      return n;
    },
    ...(bin
      ? {
          native: (s: { data: Buffer }) => bin.countByte(s.data, 7),
          variants: {
            'native-copy-in': (s: { data: Buffer }) =>
              bin.countByte(Uint8Array.prototype.slice.call(s.data), 7),
          },
        }
      : {}),
    check: (results) => allEqual(results),
  }),
  defineCase({
    id: 'zero-copy/boundary-out',
    description:
      'XOR into a new buffer: JS allocate+loop vs native Vec moved out as an external Buffer vs copied out',
    unit: 'bytes',
    sizes,
    setup: (size) => ({ data: randomBytes(size) }),
    traditional: (s) => boundaryJs.xorIntoNew(s.data, key),
    ...(bin
      ? {
          native: (s: { data: Buffer }) => bin.xorIntoNew(s.data, key),
          variants: { 'native-copy-out': (s: { data: Buffer }) => bin.xorIntoNewCopy(s.data, key) },
        }
      : {}),
    check: (results) => allEqual(results),
  }),
];
