/**
 * `ownership/release`: allocate/use/drop cycles of a block, freed by the GC (traditional) vs
 * released deterministically. The Rust-inspired form stays in JS: a `BufferPool` lease held
 * with `using`, returned to the pool at the end of its scope (Rust's drop) and reused by the
 * next cycle. The native blocks (`OwnedBlock`, `NativeBlock` closed or left to the GC) are
 * native forms. The memory pass reports each form's heap, ArrayBuffer and external bytes, peak
 * RSS and GC pauses; `__test__/fixtures/release-soak.cjs` soaks 1M cycles.
 */
import { BufferPool } from '../../../src/buffer-pool.js';
import { crc32Sync } from '../../../src/checksum.js';
import { native } from '../../../src/native.js';
import { OwnedBlock } from '../../../src/release.js';
import { defineCase } from '../../engine/case.js';
import { wasmForm } from '../../lab/wasm.js';

const bin = native;

interface State {
  size: number;
  pool: BufferPool;
}

export const benchCase = defineCase<State>({
  id: 'ownership/release',
  pattern: 'Explicit release (drop)',
  mechanism:
    "Deterministic release returns memory at once (to a pool or to the allocator) instead of when V8 next collects and runs finalizers; with the engine's fixed malloc thresholds the GC-freed block is reused warm, while with glibc's own (`--malloc default`) it may go back to the kernel and the next one faults its pages in, a cost the released forms never pay and that widened their lead several-fold.",
  dart: { ratio: 1 / 1.66, text: 'ownership semantics +66% overhead' },
  questions: [{ question: 10, answers: ['rust_inspired_vs_traditional'] }],
  description:
    'Allocate a block, fill, checksum, drop: JS Buffer + GC vs a pooled lease released by `using` vs native blocks (closed, or finalized, reported or not)',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  setup: (size) => ({ size, pool: new BufferPool({ maxPooledBytes: 8 << 20, maxClassBytes: 1 << 20 }) }),
  traditional: (s) => {
    // Same work as the other forms: crc32Sync runs natively above its threshold.
    const b = Buffer.alloc(s.size, 7);
    return crc32Sync(b);
  },
  rustInspired: (s) => {
    using lease = s.pool.acquire(s.size);
    lease.buffer.fill(7);
    return crc32Sync(lease.buffer);
  },
  ...(bin
    ? {
        native: (s: State) => {
          const block = new bin.NativeBlock(s.size, true);
          block.fill(7);
          const sum = block.checksum();
          block.close();
          return sum;
        },
      }
    : {}),
  nativeVariants: {
    ...(bin
      ? {
          'OwnedBlock (using)': (s: State) => {
            using block = new OwnedBlock(s.size);
            block.fill(7);
            return block.checksum();
          },
          'native-gc-reported': (s: State) => {
            const block = new bin.NativeBlock(s.size, true);
            block.fill(7);
            return block.checksum();
          },
          'native-gc-unreported': (s: State) => {
            const block = new bin.NativeBlock(s.size, false);
            block.fill(7);
            return block.checksum();
          },
        }
      : {}),
    // The native form through the library's wasm32-wasip1-threads build: the block lives in the
    // module's memory, closed before the next op.
    ...wasmForm((w, s: State) => {
      const block = new w.NativeBlock(s.size, true);
      block.fill(7);
      const sum = block.checksum();
      block.close();
      return sum;
    }),
  },
  check: (results) => {
    const values = new Set(Object.values(results));
    if (values.size !== 1) throw new Error('benchmark check failed: checksums differ');
  },
});
