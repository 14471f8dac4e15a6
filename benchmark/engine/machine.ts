/** Machine and version facts recorded beside every result. */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

import { implementation, simdLevel } from '../src/index.js';

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
}

function rustVersion(): string | null {
  try {
    return execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
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
  };
}
