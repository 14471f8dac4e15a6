/**
 * `limits/bandwidth`: the rooflines. Read bandwidth (a read-only scan) and copy bandwidth over a
 * ladder of sizes that covers where the kernels' working sets fall (16 KiB to 16 MiB) and memory.
 * Each figure is the fastest of several methods, so that it is a limit: reads by a scan with eight
 * vector accumulators (`read-simd`, AVX-512/AVX2 detected at run time) beside `countByte` and
 * `Buffer#indexOf`; copies by glibc memcpy (`copy-memcpy`; `copy-native` is the library's
 * `copyBytes`, one call per pass), a vector loop (`copy-vector`) and non-temporal stores
 * (`copy-stream`). The Rust methods repeat their pass inside one call at small sizes
 * (`passesAt`), so the limit is the kernel's and not the call's: the `rust_fast` kernels it
 * bounds are timed without a call. The pure-Rust suite times the same read scan and countByte's
 * kernel again in its own process (`read-simd-rust`, `read-count-rust`,
 * `benchmark/suites/rust-suite.ts`), beside the `rust` forms they bound: at 16 MiB a scan timed
 * here between forms that stream two other 16 MiB buffers through the caches paid a refill from
 * memory in every sample. The built-ins (`Buffer#indexOf`, `Buffer#copy`,
 * `TypedArray#set`) are the common method, reported beside the limit (`engine/record.ts`
 * `bandwidthPoint`). In-place kernels (read a value, write it back to the same place) are held
 * to `update-vector`, a vector loop that inverts every byte in place: it has no destination line
 * to fetch before each store, so it moves fewer bytes than a copy of the same size, and the
 * copy roofline was no limit for them (`allocation/in-place`'s Rust kernel at 100k elements ran
 * at 181% of the 1 MiB copy figure).
 *
 * Why memcpy alone is not the copy limit: on the AMD EPYC host of the committed runs (glibc
 * 2.36), a copy of 16 KiB or 256 KiB ran at 2-3 GB/s in some processes and at 33-75 GB/s in
 * others, for `Buffer#copy`, `set` and the Rust `copy_from_slice` alike: per process, never per
 * runtime (Node 24's first process was slow and its second fast, Node 26 the other way round,
 * Deno too), and the pooled median fell on either side. The cause is where the heap puts the
 * two buffers. Allocated one after the other, `dst` starts 16 bytes (one malloc chunk header)
 * past a whole number of pages after `src`, so `(dst - src) mod 4096` is 16; an LD_PRELOAD
 * shim that logged memcpy's arguments in this case's timed loop found 16 in 9 of 18 process and
 * size pairs on Node 20, 24 and 26 (16 and 128 KiB), and 576 to 3696 in the others. glibc
 * copies sizes between its `rep movsb` threshold and (on AMD) the L2 size with `rep movsb`,
 * which on Zen 3/4 runs about 20 times slower when that distance is small (glibc bug 30994).
 * On the Xeon where this was measured the same distance costs 0-30%. The vector loop never uses
 * `rep movsb`.
 */
import { native } from '../../lab/native.js';
import { defineCase } from '../../engine/case.js';
import { cacheSizesOrDefaults } from '../../engine/machine.js';

const caches = cacheSizesOrDefaults();
const KiB = 1 << 10;
const MiB = 1 << 20;
/**
 * The memory point: 4x L3, at most 128 MiB. A guest here reports a 300 MiB L3 shared with the
 * host's other guests; 4x that (1.2 GB per buffer) took this case 510 s in one quick run, and
 * 256 MiB took 13.6 s of a 6:24 quick run (three buffers per process, each form at least six
 * passes over them), half of it above what 128 MiB costs.
 */
export const memoryBytes = Math.min(caches.l3 * 4, 128 * MiB);
/** The ladder: where the cases' kernels' working sets fall (2 KiB to 16 MiB), then memory. */
export const ladder = [16 * KiB, 128 * KiB, 512 * KiB, MiB, 2 * MiB, 4 * MiB, 16 * MiB, memoryBytes]
  .filter((b, i, all) => all.indexOf(b) === i)
  .sort((a, b) => a - b);
/** Bytes each named level holds (memory: the memory point). */
const levelBytes = { l1: caches.l1d, l2: caches.l2, l3: caches.l3, memory: memoryBytes };
/** The ladder point that stands for each level: the largest that fits in half of it. */
function levelAt(size: number): number {
  const names = ['l1', 'l2', 'l3'] as const;
  const at = names.findIndex((l) => ladder.filter((b) => b <= levelBytes[l] / 2).at(-1) === size);
  return at >= 0 ? at : size === memoryBytes ? 3 : -1;
}
const bin = native;

/**
 * Passes per call of the repeated forms: enough that one call moves about 1 MiB, so a 16 KiB
 * scan (about 100 ns at L1 speed) is not priced at the cost of the call (tens of ns).
 */
export function passesAt(size: number): number {
  return Math.max(1, Math.round(MiB / size));
}
/** The forms that run `passesAt(size)` passes per op (record metric `passes:<form>`). */
const repeated = ['read-simd', 'copy-memcpy', 'copy-vector', 'copy-stream', 'update-vector'] as const;

interface State {
  src: Buffer;
  dst: Buffer;
  /** Inverted in place by `update-vector`, `passes` times per op. */
  upd: Buffer;
  passes: number;
  /** `xorFold32Bytes(src)`, computed in JS for the check. */
  fold: number;
}

/** Bytes 0..254 in a 4093-byte period: byte 255 never occurs, so both scans read the whole buffer. */
function scanInput(size: number): Buffer {
  const period = Buffer.allocUnsafeSlow(4093);
  for (let i = 0; i < period.length; i++) period[i] = (i * 131 + (i >>> 8)) % 255;
  const out = Buffer.allocUnsafeSlow(size);
  // Buffer#fill repeats the period natively: a JS loop took seconds at the memory point.
  out.fill(period);
  return out;
}

/** XOR of the little-endian 32-bit words (sizes are multiples of 4), as `xorFold32Bytes` defines it. */
function fold32(b: Buffer): number {
  const words = new Int32Array(b.buffer, b.byteOffset, b.length >>> 2);
  let acc = 0;
  for (let i = 0; i < words.length; i++) acc ^= words[i]!;
  return acc >>> 0;
}

const copies = [
  'copy-buffer',
  'copy-set',
  ...(bin ? ['copy-native', 'copy-memcpy', 'copy-vector', 'copy-stream'] : []),
];

export const benchCase = defineCase<State>({
  id: 'limits/bandwidth',
  description:
    'Read and copy bandwidth from 16 KiB to 16 MiB and memory, the fastest of several methods beside the built-ins',
  unit: 'bytes',
  access: 'read',
  sizes: { quick: ladder },
  // A reference without a verdict; each process fills three buffers of the memory point.
  maxProcesses: 2,
  setup: (size) => {
    const src = scanInput(size);
    return { src, dst: Buffer.alloc(size), upd: Buffer.from(src), passes: passesAt(size), fold: fold32(src) };
  },
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
          'read-simd': (s: State) => bin.xorFold32Bytes(s.src, s.passes),
          'copy-native': (s: State) => bin.copyBytes(s.dst, s.src),
          'copy-memcpy': (s: State) => bin.copyMemcpyBytes(s.dst, s.src, s.passes),
          'copy-vector': (s: State) => bin.copyVectorBytes(s.dst, s.src, s.passes),
          'copy-stream': (s: State) => bin.copyStreamBytes(s.dst, s.src, s.passes),
          'update-vector': (s: State) => bin.updateVectorBytes(s.upd, s.passes),
        },
      }
    : {}),
  check: (results, s) => {
    if (results['read-indexOf'] !== -1) throw new Error('limits/bandwidth: byte 255 found');
    if (bin && results['read-native'] !== 0) throw new Error('limits/bandwidth: native count differs');
    if (bin && results['read-simd'] !== s.fold) {
      throw new Error(`limits/bandwidth: read-simd folded ${String(results['read-simd'])}, not ${s.fold}`);
    }
    for (const k of copies) {
      if (results[k] !== s.src.length) throw new Error(`limits/bandwidth: ${k} copied ${String(results[k])}`);
    }
    if (!s.dst.equals(s.src)) throw new Error('limits/bandwidth: destination differs from source');
    // Every copy form wrote the same bytes into one destination: check each on its own.
    if (bin) {
      if (results['update-vector'] !== s.src.length) {
        throw new Error(`limits/bandwidth: update-vector updated ${String(results['update-vector'])}`);
      }
      // One op inverted every byte `passes` times: an odd count leaves each byte inverted.
      const flip = s.passes % 2 === 1 ? 0xff : 0;
      for (let i = 0; i < s.src.length; i += 4093) {
        if (s.upd[i] !== (s.src[i]! ^ flip))
          throw new Error(`limits/bandwidth: update-vector byte ${i} wrong`);
      }
      for (const copy of [bin.copyBytes, bin.copyMemcpyBytes, bin.copyVectorBytes, bin.copyStreamBytes]) {
        s.dst.fill(0);
        copy(s.dst, s.src);
        if (!s.dst.equals(s.src)) throw new Error(`limits/bandwidth: ${copy.name} copied wrong bytes`);
      }
    }
  },
  metrics: (s) => {
    const level = levelAt(s.src.length);
    const names = ['l1', 'l2', 'l3', 'memory'] as const;
    return {
      level,
      level_bytes: level >= 0 ? levelBytes[names[level]!] : 0,
      ...(bin ? { vector_bits: bin.bandwidthVectorBits() } : {}),
      ...(bin ? Object.fromEntries(repeated.map((f) => [`passes:${f}`, s.passes])) : {}),
    };
  },
});
