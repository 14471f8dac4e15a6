/** `zero-copy/boundary-out`: what moving a Rust Vec out as a Buffer saves over copying it out. */
import { js as boundaryJs, native } from '../../lab/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { randomBytes } from '../../lab/data.js';

const bin = native;
const key = Buffer.from([0x5a, 0xa5, 0x3c]);

interface State {
  data: Buffer;
}

export const benchCase = defineCase<State>({
  id: 'zero-copy/boundary-out',
  description:
    'XOR into a new buffer: JS allocate+loop vs native Vec moved out as an external Buffer vs copied out',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1 << 20, 16 << 20] },
  // Reads `size` bytes and writes as many into the new buffer.
  access: 'copy',
  setup: (size) => ({ data: randomBytes(size) }),
  traditional: (s) => boundaryJs.xorIntoNew(s.data, key),
  ...(bin
    ? {
        native: (s: State) => bin.xorIntoNew(s.data, key),
        nativeVariants: { 'native-copy-out': (s: State) => bin.xorIntoNewCopy(s.data, key) },
      }
    : {}),
  check: (results) => allEqual(results),
});
