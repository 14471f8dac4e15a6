/**
 * Worker teardown while native work is in flight: workers load the binding, start async
 * checksums (some aborted), create external buffers and NativeBlocks, and are terminated at
 * seeded random points; then `process.exit` with 64 MiB checksums in flight, from a worker and
 * from the main thread. Each runs in a child process (fixtures/worker-lifecycle.cjs), so a crash
 * is a failure, not a dead runner. scripts/asan-addon.sh runs this file under AddressSanitizer.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadError, native } from '../src/index.js';

const fixture = join(__dirname, 'fixtures', 'worker-lifecycle.cjs');
const loader = join(__dirname, '..', 'index.js');
const workers = Number(process.env.WORKER_LIFECYCLE_RUNS ?? 40);

const run = (...args: string[]) =>
  spawnSync(process.execPath, [fixture, loader, ...args], { encoding: 'utf8', timeout: 300_000 });

describe('worker lifecycle with native work in flight', () => {
  if (native === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it(`${workers} workers terminated at random points end cleanly, every result seen is right`, () => {
    const r = run('workers', String(workers), '20261206');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      workers: number;
      loadedBeforeTerminate: number;
      checked: number;
      wrong: number;
      errors: string[];
    };
    expect(summary.errors).toEqual([]);
    expect(summary.wrong).toBe(0);
    expect(summary.workers).toBe(workers);
    // The schedule must really terminate workers that have the binding loaded and work running.
    expect(summary.loadedBeforeTerminate).toBeGreaterThan(workers / 2);
    expect(summary.checked).toBeGreaterThan(0);
  }, 300_000);

  it('process.exit with checksums in flight, in a worker and then in the main thread, exits 0', () => {
    const r = run('exit');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(JSON.stringify({ workerExitCode: 0 }));
    expect(r.status).toBe(0);
  }, 300_000);
});
