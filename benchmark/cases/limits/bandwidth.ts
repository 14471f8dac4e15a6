/**
 * `limits/bandwidth`: the rooflines. Read bandwidth (a read-only scan) and copy bandwidth at each
 * level of this CPU's memory hierarchy: half of L1d, half of L2, half of L3 (sizes from sysfs),
 * and memory at 4x L3. Streaming kernels are reported as a share of the roofline that matches
 * their access pattern at the level their size falls in.
 */
import { native } from '../../lab/native.js';
import { defineCase } from '../../engine/case.js';
import { cacheSizesOrDefaults } from '../../engine/machine.js';

const caches = cacheSizesOrDefaults();
/** Buffer size per level, in level order (l1, l2, l3, memory). */
const levels = [caches.l1d / 2, caches.l2 / 2, caches.l3 / 2, caches.l3 * 4];
const levelBytes = [caches.l1d, caches.l2, caches.l3, caches.l3 * 4];
const bin = native;

interface State {
  src: Buffer;
  dst: Buffer;
}

/** Bytes 0..254: byte 255 never occurs, so both scans read the whole buffer. */
function scanInput(size: number): Buffer {
  const out = Buffer.allocUnsafeSlow(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + (i >>> 8)) % 255;
  return out;
}

export const benchCase = defineCase<State>({
  id: 'limits/bandwidth',
  description: 'Read (scan) and copy bandwidth at half of L1d, L2 and L3, and at 4x L3 (memory)',
  unit: 'bytes',
  access: 'read',
  sizes: { quick: levels },
  // A reference without a verdict; each process fills 128 MiB at the memory level (2 s).
  maxProcesses: 2,
  setup: (size) => ({ src: scanInput(size), dst: Buffer.alloc(size) }),
  builtins: {
    'read-indexOf': (s) => s.src.indexOf(255),
    'copy-buffer': (s) => s.src.copy(s.dst),
    'copy-set': (s) => {
      s.dst.set(s.src);
      return s.dst.length;
    },
  },
  ...(bin
    ? {
        nativeVariants: {
          'read-native': (s: State) => bin.countByte(s.src, 255),
          'copy-native': (s: State) => bin.copyBytes(s.dst, s.src),
        },
      }
    : {}),
  check: (results, s) => {
    if (results['read-indexOf'] !== -1) throw new Error('limits/bandwidth: byte 255 found');
    if (bin && results['read-native'] !== 0) throw new Error('limits/bandwidth: native count differs');
    for (const k of ['copy-buffer', 'copy-set', ...(bin ? ['copy-native'] : [])]) {
      if (results[k] !== s.src.length) throw new Error(`limits/bandwidth: ${k} copied ${String(results[k])}`);
    }
    if (!s.dst.equals(s.src)) throw new Error('limits/bandwidth: destination differs from source');
  },
  metrics: (s) => {
    const level = levels.indexOf(s.src.length);
    return { level, level_bytes: levelBytes[level] ?? 0 };
  },
});
