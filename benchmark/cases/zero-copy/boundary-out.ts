/**
 * `zero-copy/boundary-out`: what moving a Rust Vec out as a Buffer saves over copying it out.
 *
 * Both native forms run the same XOR kernel, which works in 64-byte blocks at memory speed, so
 * the only difference between them is the way out: `native` hands the Vec to V8 as an external
 * Buffer (no copy; a finalizer frees it), `native-copy-out` copies it into a V8-allocated Buffer
 * and frees the Vec. The row's question is that pair, compared at every size
 * (`report/row-questions.ts`): the size from which moving pays, or that it never does up to the
 * largest size. The JS twin (same bytes) is the traditional form and the call's floor.
 */
import { js as boundaryJs, native } from '../../lab/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';
import { randomBytes } from '../../lab/data.js';

const bin = native;
const key = Buffer.from([0x5a, 0xa5, 0x3c]);

interface State {
  data: Buffer;
}

export const benchCase = defineCase<State>({
  id: 'zero-copy/boundary-out',
  pattern: 'Move a Vec out as a Buffer (no copy-out)',
  mechanism:
    'Both native forms run the same memory-speed kernel and differ only on the way out: a move wraps the Vec as an external backing store with a finalizer and external-memory accounting, a fixed cost, while a copy allocates a V8 Buffer and copies every byte, a cost that grows with size (a guess).',
  questions: [{ question: 5 }],
  formPairs: [
    {
      challenger: 'native',
      incumbent: 'native-copy-out',
      question: 'Move the Vec out (external Buffer) vs copy it into a V8 Buffer, same kernel',
    },
  ],
  description:
    'XOR into a new buffer (memory-speed native kernel): native Vec moved out as an external Buffer vs copied into a V8 Buffer, and the JS loop',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1 << 16, 1 << 20, 16 << 20] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  // Reads `size` bytes and writes as many into the new buffer.
  access: 'copy',
  belowRoofline:
    'The result is a new Vec each op: the OS faults in and zeroes every 4 KiB page of it before the kernel writes it, so each output byte is written twice and every page costs a fault (one per 4 KiB, counted with perf), while the copy roofline copies into memory that is already mapped.',
  setup: (size) => ({ data: randomBytes(size) }),
  traditional: (s) => boundaryJs.xorIntoNew(s.data, key),
  ...(bin ? { native: (s: State) => bin.xorIntoNew(s.data, key) } : {}),
  nativeVariants: {
    ...(bin ? { 'native-copy-out': (s: State) => bin.xorIntoNewCopy(s.data, key) } : {}),
    // The native form's kernel through the lab's wasm32-wasip1-threads build. emnapi copies the
    // input into wasm memory; the Vec moved out comes back as a Buffer over the module's shared
    // memory (no copy out).
    ...labWasmForm((w, s: State) => w.xorIntoNew(s.data, key)),
  },
  check: (results) => allEqual(results),
});
