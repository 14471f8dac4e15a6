/**
 * The effect of UV_THREADPOOL_SIZE on native async offload (`async/native-offload`). libuv reads
 * the variable once, when the pool first starts, so each size needs its own process:
 *
 *   npx tsx benchmark/lab/native-offload-threadpool.ts          a table, one child per pool size
 *   npx tsx benchmark/lab/native-offload-threadpool.ts --json   the same as one JSON object
 *
 * `threadpoolSweep()` runs the same sweep for the case and returns the figures.
 *
 * Each child runs 1,000 tiny (16 B) async calls and 256 calls of 64 KiB at once, and reports
 * the median wall time of 5 runs.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

import { medianMs, round } from '../engine/event-loop.js';
import { native } from '../../src/native.js';
import { randomBytes } from './data.js';
import { labExecArgv } from './spawn.js';

const POOL_SIZES = [1, 2, 4, 8, 16];

async function child(): Promise<void> {
  if (native === null) throw new Error('native binding not loaded');
  const b = native;
  const tiny = Array.from({ length: 1000 }, (_, i) => randomBytes(16, i + 1));
  const big = Array.from({ length: 256 }, (_, i) => randomBytes(65536, i + 1));
  const tinyMs = await medianMs(() => Promise.all(tiny.map((d) => b.crc32(d))), 5);
  const bigMs = await medianMs(() => Promise.all(big.map((d) => b.crc32(d))), 5);
  process.stdout.write(JSON.stringify({ tinyMs: round(tinyMs), bigMs: round(bigMs) }));
}

/** One child per pool size; the figures by name. */
function sweep(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const size of POOL_SIZES) {
    const run = spawnSync(process.execPath, [...labExecArgv, __filename, '--child'], {
      encoding: 'utf8',
      env: { ...process.env, UV_THREADPOOL_SIZE: String(size) },
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`child (UV_THREADPOOL_SIZE=${size}) failed: ${run.stderr}`);
    const r = JSON.parse(run.stdout) as { tinyMs: number; bigMs: number };
    out[`uv_pool_${size}_tiny_1000_calls_ms`] = r.tinyMs;
    out[`uv_pool_${size}_64k_256_calls_MB_per_s`] = round((256 * 65536) / 1e3 / r.bigMs);
  }
  return out;
}

/** The sweep for the case's metrics (each pool size in a child of its own); empty if it failed. */
export function threadpoolSweep(): Record<string, number> {
  try {
    return sweep();
  } catch {
    return {};
  }
}

function parent(asJson: boolean): void {
  const out = sweep();
  if (asJson) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    process.stdout.write(`cores: ${cpus().length}\n`);
    for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(40)} ${v}\n`);
  }
}

if (require.main === module) {
  if (process.argv.includes('--child')) {
    child().catch((e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    });
  } else {
    parent(process.argv.includes('--json'));
  }
}
