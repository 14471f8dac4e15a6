/**
 * `limits/memcpy`: what the machine can copy, at a cache-sized and a memory-sized input. The
 * streaming kernels' throughput is reported as a percentage of these figures.
 */
import { native } from '../src/index.js';
import { limitsJs } from '../src/limits.js';
import { randomBytes } from './data.js';
import { allEqual, defineCase } from './types.js';

const bin = native;

interface CopyState {
  src: Buffer;
  dst: Buffer;
}

export const cases = [
  defineCase<CopyState>({
    id: 'limits/memcpy',
    description:
      'Copy bandwidth: Buffer#copy vs TypedArray#set vs Rust copy_from_slice (64 KiB cache, 64 MiB memory)',
    unit: 'bytes',
    sizes: { quick: [65536, 64 << 20] },
    setup: (size) => ({ src: randomBytes(size), dst: Buffer.alloc(size) }),
    traditional: (s) => s.src.copy(s.dst),
    rustInspired: (s) => limitsJs.copyBytes(s.dst, s.src),
    ...(bin ? { native: (s: CopyState) => bin.copyBytes(s.dst, s.src) } : {}),
    check: (results, s) => {
      allEqual(results);
      if (!s.dst.equals(s.src)) throw new Error('limits/memcpy: destination differs from source');
    },
  }),
];
