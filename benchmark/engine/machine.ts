/** Machine and version facts recorded beside every result. */
import { readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

import { implementation } from '../../src/native.js';
import { LIBC_ENV, allocatorInfo, passedFact, type AllocatorInfo } from './allocator.js';
import { simdLevel } from '../../src/info.js';

export interface MachineInfo {
  cpu_model: string;
  cores: number;
  memory_gib: number;
  os: string;
  node: string;
  v8: string;
  rust: string | null;
  uv_threadpool_size: number;
  implementation: string;
  crc32_simd_level: string;
  /** Per-core data cache sizes in bytes (L1d, L2) and the shared L3, from sysfs; null where unknown. */
  caches: { l1d: number | null; l2: number | null; l3: number | null };
  /** The C library and the malloc tunables the process ran with (allocator.ts); absent in older records. */
  allocator?: AllocatorInfo;
}

/** Fallbacks when sysfs says nothing (not Linux): common sizes, named as guesses in the record. */
const fallbackCaches = { l1d: 32 << 10, l2: 512 << 10, l3: 8 << 20 };

function parseSize(text: string): number | null {
  const m = /^(\d+)([KMG]?)/.exec(text.trim());
  if (!m) return null;
  const unit = { '': 1, K: 1 << 10, M: 1 << 20, G: 1 << 30 }[m[2] as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}

/** L1d, L2 and L3 sizes of CPU 0 from /sys/devices/system/cpu/cpu0/cache. */
export function cacheSizes(): MachineInfo['caches'] {
  const out: MachineInfo['caches'] = { l1d: null, l2: null, l3: null };
  const dir = '/sys/devices/system/cpu/cpu0/cache';
  try {
    for (const entry of readdirSync(dir).filter((e) => e.startsWith('index'))) {
      const read = (f: string): string => readFileSync(join(dir, entry, f), 'utf8').trim();
      const level = read('level');
      const type = read('type');
      const size = parseSize(read('size'));
      if (level === '1' && type === 'Data') out.l1d = size;
      else if (level === '2' && type !== 'Instruction') out.l2 = size;
      else if (level === '3' && type !== 'Instruction') out.l3 = size;
    }
  } catch {
    // Not Linux, or no sysfs: the caller falls back to `fallbackCaches`.
  }
  return out;
}

/** Cache sizes to size the roofline buffers with: the machine's, or the fallbacks. */
export function cacheSizesOrDefaults(): { l1d: number; l2: number; l3: number } {
  const c = cacheSizes();
  return { l1d: c.l1d ?? fallbackCaches.l1d, l2: c.l2 ?? fallbackCaches.l2, l3: c.l3 ?? fallbackCaches.l3 };
}

/**
 * The facts a parent hands its children in the environment, so that each child does not find
 * them again: `rustc --version` (a process spawn, 25 ms) and Node's diagnostic report for the C
 * library (9 ms) took a third of a second of every 10 children's start (Node 20.20). The C
 * library is passed only to Node children, which run on the parent's.
 */
const RUSTC_ENV = 'RUST_PATTERNS_RUSTC_VERSION';

let rustc: string | null | undefined;

function rustVersion(): string | null {
  const passed = passedFact(process.env[RUSTC_ENV]);
  if (passed !== undefined) return passed;
  if (rustc !== undefined) return rustc;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    rustc = null;
  }
  return rustc;
}

/** The environment entries that carry this process's machine facts to a child of `runtime`. */
export function machineEnv(runtime: 'node' | 'bun' | 'deno'): Record<string, string> {
  const out: Record<string, string> = { [RUSTC_ENV]: rustVersion() ?? '' };
  if (runtime === 'node') out[LIBC_ENV] = allocatorInfo().libc ?? '';
  return out;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gib: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    rust: rustVersion(),
    uv_threadpool_size: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    implementation,
    crc32_simd_level: simdLevel(),
    caches: cacheSizes(),
    allocator: allocatorInfo(),
  };
}
