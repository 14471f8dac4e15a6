/**
 * `allocation/buffer-reuse`: hex-frame every 64-byte record of a message stream and digest the
 * frames. Forms differ only in where each frame's bytes live.
 */
import { BufferPool } from '../../../src/buffer-pool.js';
import { FNV_OFFSET, fnv1a, writeFrame } from '../../lab/kernels/buffer-reuse.js';
import { js, native } from '../../lab/native.js';
import { randomBytes } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { labWasmForm } from '../../lab/wasm-lab.js';

const RECORD = 64;
const bin = native;
const pool = new BufferPool();

/** Frames with a `Buffer.allocUnsafe` per frame: Node's own 8 KiB slab pool does the reuse. */
function allocUnsafePerFrame(data: Uint8Array): number {
  let hash = FNV_OFFSET;
  for (let start = 0; start < data.length; start += RECORD) {
    const end = Math.min(start + RECORD, data.length);
    const frame = Buffer.allocUnsafe(4 + (end - start) * 2);
    hash = fnv1a(hash, frame, writeFrame(data, start, end, frame));
  }
  return hash >>> 0;
}

/** Frames into a `BufferPool` lease per frame (acquire, write, digest, release). */
function leasePerFrame(data: Uint8Array): number {
  let hash = FNV_OFFSET;
  for (let start = 0; start < data.length; start += RECORD) {
    const end = Math.min(start + RECORD, data.length);
    const lease = pool.acquire(4 + (end - start) * 2);
    const frame = lease.buffer;
    hash = fnv1a(hash, frame, writeFrame(data, start, end, frame));
    lease.release();
  }
  return hash >>> 0;
}

export const benchCase = defineCase({
  id: 'allocation/buffer-reuse',
  pattern: 'Buffer reuse',
  mechanism:
    'A reused Buffer skips the allocation and zero-fill of a new backing store per op and the GC work of freeing it; where glibc returns freed memory to the kernel (its own thresholds, `--malloc default`), a new backing store also faults its pages in again, which reuse avoids too.',
  dart: { ratio: 2.4, text: 'buffer reuse 2.4x' },
  questions: [{ question: 4 }],
  description:
    'Hex-frame 64-byte records and digest the frames: Buffer.alloc per frame vs one reused scratch vs a Rust scratch Vec',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000] },
  // The wasm form at the largest size only in a quick run (the report's wasm column reads it).
  headlineOnly: ['wasm'],
  // One frame per 64-byte record (the last one may be shorter).
  work: (size) => ({ bytes: size, items: Math.ceil(size / RECORD) }),
  setup: (size) => ({ data: randomBytes(size) }),
  traditional: (s) => js.frameHexDigestFreshSync(s.data, RECORD),
  rustInspired: (s) => js.frameHexDigestSync(s.data, RECORD),
  ...(bin ? { native: (s: { data: Buffer }) => bin.frameHexDigestSync(s.data, RECORD) } : {}),
  variants: {
    'pool-lease': (s) => leasePerFrame(s.data),
    'Buffer.allocUnsafe': (s) => allocUnsafePerFrame(s.data),
  },
  nativeVariants: {
    ...(bin
      ? { 'native-fresh-vec': (s: { data: Buffer }) => bin.frameHexDigestFreshSync(s.data, RECORD) }
      : {}),
    // The native form's kernel through the lab's wasm32-wasip1-threads build.
    ...labWasmForm((w, s: { data: Buffer }) => w.frameHexDigestSync(s.data, RECORD)),
  },
  check: (results) => allEqual(results),
});
