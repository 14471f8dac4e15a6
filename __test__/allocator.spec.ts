import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import { MALLOC_TUNABLES, allocatorEnv, allocatorInfo, mallocRegime } from '../benchmark/engine/allocator';
import { machineEnv, machineInfo } from '../benchmark/engine/machine';
import type { ResultRecord } from '../benchmark/engine/record';
import { runInChild } from '../benchmark/engine/runner';
import { caseFile } from '../benchmark/cases/index';

const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header
  ?.glibcVersionRuntime;

describe('allocatorEnv', () => {
  it('adds both thresholds to an environment without tunables', () => {
    const env = allocatorEnv({ PATH: '/bin' });
    expect(env.PATH).toBe('/bin');
    expect(env.GLIBC_TUNABLES).toBe(MALLOC_TUNABLES);
    expect(env.GLIBC_TUNABLES).toMatch(/glibc\.malloc\.mmap_threshold=\d+/);
    expect(env.GLIBC_TUNABLES).toMatch(/glibc\.malloc\.trim_threshold=\d+/);
  });

  it("keeps the caller's other tunables and lets its own thresholds win", () => {
    const env = allocatorEnv({ GLIBC_TUNABLES: 'glibc.pthread.rseq=0:glibc.malloc.trim_threshold=4096' });
    const entries = env.GLIBC_TUNABLES!.split(':');
    expect(entries).toContain('glibc.pthread.rseq=0');
    expect(entries).toContain('glibc.malloc.trim_threshold=4096');
    expect(entries.filter((e) => e.startsWith('glibc.malloc.trim_threshold='))).toHaveLength(1);
    expect(entries.filter((e) => e.startsWith('glibc.malloc.mmap_threshold='))).toHaveLength(1);
  });

  it('leaves glibc its own thresholds in the default regime, and refuses an unknown one', () => {
    const env = allocatorEnv({ RUST_PATTERNS_MALLOC: 'default', GLIBC_TUNABLES: 'glibc.pthread.rseq=0' });
    expect(env.GLIBC_TUNABLES).toBe('glibc.pthread.rseq=0');
    expect(allocatorEnv({ RUST_PATTERNS_MALLOC: 'default' }).GLIBC_TUNABLES).toBeUndefined();
    expect(mallocRegime({})).toBe('fixed');
    expect(allocatorEnv({ RUST_PATTERNS_MALLOC: 'fixed' }).GLIBC_TUNABLES).toBe(MALLOC_TUNABLES);
    expect(() => allocatorEnv({ RUST_PATTERNS_MALLOC: 'jemalloc' })).toThrow(RangeError);
  });

  it('does not change the environment it is given', () => {
    const base = { GLIBC_TUNABLES: 'glibc.pthread.rseq=0' };
    allocatorEnv(base);
    expect(base).toEqual({ GLIBC_TUNABLES: 'glibc.pthread.rseq=0' });
  });
});

describe('allocatorInfo', () => {
  it('reports only the malloc tunables, or null', () => {
    expect(allocatorInfo({ GLIBC_TUNABLES: 'glibc.pthread.rseq=0' }).tunables).toBeNull();
    expect(allocatorInfo({}).tunables).toBeNull();
    expect(allocatorInfo({ GLIBC_TUNABLES: `glibc.pthread.rseq=0:${MALLOC_TUNABLES}` }).tunables).toBe(
      MALLOC_TUNABLES,
    );
  });

  it.runIf(glibc)('names the C library on glibc', () => {
    expect(allocatorInfo({}).libc).toBe(`glibc ${glibc}`);
  });

  it('takes the C library a parent passed, so a child does not build a diagnostic report', () => {
    expect(allocatorInfo({ RUST_PATTERNS_LIBC: 'glibc 9.99' }).libc).toBe('glibc 9.99');
    expect(allocatorInfo({ RUST_PATTERNS_LIBC: '' }).libc).toBeNull();
  });
});

describe('machineEnv', () => {
  it("hands children the parent's rustc version, and its C library to Node children only", () => {
    const node = machineEnv('node');
    expect(node.RUST_PATTERNS_RUSTC_VERSION).toBe(machineInfo().rust ?? '');
    expect(node.RUST_PATTERNS_LIBC).toBe(allocatorInfo({}).libc ?? '');
    expect(machineEnv('bun')).not.toHaveProperty('RUST_PATTERNS_LIBC');
    expect(machineEnv('deno').RUST_PATTERNS_RUSTC_VERSION).toBe(node.RUST_PATTERNS_RUSTC_VERSION);
  });
});

describe.runIf(process.platform === 'linux' && glibc)('the allocator regime', () => {
  // Four 800 KB Float64Arrays written and dropped, then a forced GC, twenty times after five rounds
  // of warm-up: the minor page faults per round (each round touches 784 pages).
  const script = `
    let sink = 0;
    const round = () => { for (let i = 0; i < 4; i++) sink += new Float64Array(100_000).fill(1)[7]; gc(); };
    for (let r = 0; r < 5; r++) round();
    const before = process.resourceUsage().minorPageFault;
    for (let r = 0; r < 20; r++) round();
    process.stdout.write(JSON.stringify({ faults: (process.resourceUsage().minorPageFault - before) / 20, sink }));
  `;
  const faultsPerRound = (env: NodeJS.ProcessEnv): number => {
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { faults: number }).faults;
  };

  it('keeps freed ArrayBuffer memory, so a fresh buffer after a GC does not fault its pages in again', () => {
    const { GLIBC_TUNABLES: _drop, ...plain } = process.env;
    // Most of the 784 pages a round writes are reused (40 faults per round on glibc 2.36, 17 under
    // the test suite's load). glibc's own thresholds are not compared here: whether they give
    // memory back depends on the process's history (189 faults per round alone, 7 once in CI).
    expect(faultsPerRound(allocatorEnv(plain))).toBeLessThan(784 / 4);
  });

  it("is the regime of the engine's child processes, and their records say so", async () => {
    const records: ResultRecord[] = [];
    await runInChild(
      'controls/a-a',
      caseFile('controls/a-a'),
      'quick',
      () => {},
      (r) => records.push(r),
    );
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r.machine.allocator).toEqual({ libc: `glibc ${glibc}`, tunables: MALLOC_TUNABLES });
      // Passed down by the parent (machineEnv), the same as the child would have found.
      expect(r.machine.rust).toBe(machineInfo().rust);
    }
  }, 60_000);
});
