/** `zero-copy/boundary-in`: what borrowing the caller's bytes saves over copying them in. */
import { boundaryJs } from '../../../src/boundary.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { randomBytes } from '../../lab/data.js';
import { wasmForm } from '../../lab/wasm.js';

const bin = native;

interface State {
  data: Buffer;
}

export const benchCase = defineCase<State>({
  id: 'zero-copy/boundary-in',
  pattern: 'Borrow bytes into native (no copy-in)',
  mechanism:
    'A borrowed Uint8Array reaches Rust as a pointer and a length without a copy, so a call costs the boundary plus a SIMD scan; Buffer#indexOf is already a C++ scan without the boundary.',
  questions: [{ question: 5, answers: ['native_vs_best_js'] }],
  // Below the cut-off `countByte` runs its JS twin (the traditional form here), not Buffer#indexOf,
  // which costs a call per match: native must beat the twin.
  thresholds: [{ key: 'countByteNativeMinBytes', incumbents: ['traditional'] }],
  description:
    'Count one byte value: JS loop vs Buffer#indexOf vs native borrowing the caller’s bytes vs native after a copy-in',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1 << 20, 16 << 20] },
  access: 'read',
  belowRoofline:
    'At 16 MiB, half of L3, the native form reads partly from memory: the copy-in and wasm forms, interleaved with it in every round, each write 16 MiB of fresh copies, which evict part of its input. On an AMD EPYC Zen 3 it scanned at 19.7 GB/s, about the memory read figure (18.9 GB/s at 128 MiB); on a Zen 4, the case run without those two forms took 369 µs an op against 421 µs with them (one run each, 2026-12-07). The rest of the gap to the same kernel in Rust alone (criterion: 679 µs on the Zen 3, 261 µs on the Zen 4) is not explained yet.',
  setup: (size) => ({ data: randomBytes(size) }),
  traditional: (s) => boundaryJs.countByte(s.data, 7),
  ...(bin ? { native: (s: State) => bin.countByte(s.data, 7) } : {}),
  nativeVariants: {
    ...(bin
      ? { 'native-copy-in': (s: State) => bin.countByte(Uint8Array.prototype.slice.call(s.data), 7) }
      : {}),
    // The same kernel built for wasm32: emnapi copies the bytes into the module's memory per call.
    ...wasmForm<State>((w, s) => w.countByte(s.data, 7)),
  },
  builtins: {
    // Buffer#indexOf is memchr in C++: what a developer who knows Node's primitives writes.
    'Buffer#indexOf': (s) => {
      let n = 0;
      for (let i = s.data.indexOf(7); i !== -1; i = s.data.indexOf(7, i + 1)) n++;
      return n;
    },
  },
  check: (results) => allEqual(results),
});
