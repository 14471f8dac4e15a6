import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import { runtimeExec } from '../benchmark/cli.js';
import { defineCase, type BenchCase } from '../benchmark/engine/case.js';
import { memoryPass, unavailableMetrics } from '../benchmark/engine/memory.js';
import type { ResultRecord } from '../benchmark/engine/record.js';
import {
  checkForms,
  childExecArgv,
  formsAt,
  formsOf,
  poolRecords,
  pickExtraProcesses,
  runCaseHere,
  runBenchmarks,
  runInChild,
  runtimeInfo,
  runtimeOfExec,
  snapshot,
  superviseChild,
} from '../benchmark/engine/runner.js';
import {
  canaryIterations,
  casesDeadlineSeconds,
  controlProcesses,
  extraBudgetWithin,
  extraProcessCost,
  fullGcGrowthBytes,
  type GcFn,
  makeCollector,
  sampleForms,
} from '../benchmark/engine/sampling.js';
import { median, speedRatio } from '../benchmark/engine/stats.js';
import { allCases } from '../benchmark/cases/index.js';
import { HEADLINE_DIRECTION, needsMoreProcesses, OTHER_OPEN } from '../benchmark/report/sequential.js';

const root = join(__dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'schema', 'results.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function block(ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

describe('memory pass', () => {
  it('records a synchronous block that starts at once as event-loop delay', async () => {
    const r = await memoryPass(() => block(30), null, 1, false, true);
    expect(r.event_loop_delay_ms!.max).toBeGreaterThanOrEqual(25);
  });

  it('counts ArrayBuffer memory: Buffer.alloc(8 MiB) per op is at least 8 MiB per op', async () => {
    const r = await memoryPass(() => Buffer.alloc(8 << 20), null, 20, false, false);
    expect(r.memory!.array_buffer_bytes_per_op).toBeGreaterThanOrEqual(8 << 20);
    expect(r.memory!.external_lower_bound).toBe(false);
  });

  it('counts V8 heap: 1,000 small objects per op are at least 16 kB per op', async () => {
    const r = await memoryPass(
      () => Array.from({ length: 1000 }, (_, i) => ({ i })),
      null,
      200,
      false,
      false,
    );
    expect(r.memory!.heap_bytes_per_op).toBeGreaterThanOrEqual(16_000);
    expect(r.gc!.count).toBeGreaterThanOrEqual(0);
  });
});

/** The records of a quick run of `c` in this process. */
async function quickRecords<S>(
  c: BenchCase<S>,
  proc?: Parameters<typeof runCaseHere>[4],
): Promise<ResultRecord[]> {
  const records: ResultRecord[] = [];
  await runCaseHere(
    c as unknown as BenchCase,
    'quick',
    () => {},
    (r) => records.push(r),
    proc,
  );
  return records;
}

describe('checks', () => {
  it('snapshots each result, so forms sharing one output are checked one by one', async () => {
    const shared = new Uint8Array(4);
    const c = defineCase({
      id: 'test/shared-output',
      description: 'two forms write one output; the first is wrong',
      unit: 'bytes',
      sizes: { quick: [4] },
      setup: () => null,
      traditional: () => shared.fill(1),
      rustInspired: () => shared.fill(2),
      check: (results) => {
        if ((results.traditional as Uint8Array)[0] !== (results.rust_inspired as Uint8Array)[0]) {
          throw new Error('forms disagree');
        }
      },
    });
    await expect(checkForms(c, null)).rejects.toThrow('forms disagree');
    expect(snapshot(shared)).not.toBe(shared);
    // A copy keeps the result's type and length (a Uint32Array of offsets stays one).
    const offsets = Uint32Array.of(1, 2, 3);
    expect(snapshot(offsets)).toEqual(offsets);
    expect(snapshot(offsets)).toBeInstanceOf(Uint32Array);
    expect(Buffer.isBuffer(snapshot(Buffer.from('ab')))).toBe(true);
  });
});

describe('headline-only forms', () => {
  const c = defineCase({
    id: 'test/headline-only',
    description: 'a form timed at the largest quick size only',
    unit: 'elements',
    sizes: { quick: [4, 8], full: [16] },
    setup: (size) => ({ size }),
    traditional: (s) => s.size,
    nativeVariants: { wasm: (s) => s.size },
    headlineOnly: ['wasm'],
    check: (results) => {
      if (new Set(Object.values(results)).size !== 1) throw new Error('forms disagree');
    },
  });
  const keys = (size: number, mode: 'quick' | 'full'): string[] => formsAt(c, size, mode).map((f) => f.key);

  it('leaves them out below the largest size of a quick run, never in a full run', () => {
    expect(keys(4, 'quick')).toEqual(['traditional']);
    expect(keys(8, 'quick')).toEqual(['traditional', 'wasm']);
    for (const size of [4, 8, 16]) expect(keys(size, 'full')).toEqual(['traditional', 'wasm']);
  });

  it('a quick run records, checks and times them at the largest size only', async () => {
    const records = await quickRecords(c);
    expect(records.map((r) => [r.size, Object.keys(r.forms)])).toEqual([
      [4, ['traditional']],
      [8, ['traditional', 'wasm']],
    ]);
    expect(records[1]!.forms.wasm!.samples_ns.length).toBeGreaterThan(0);
  });
});

describe('scaling forms', () => {
  it("times each scaling form at 1 to the run's threads, with the thread count in setup", async () => {
    const seen: number[] = [];
    const c = defineCase({
      id: 'test/scaling',
      description: 'a thread-count form',
      unit: 'elements',
      sizes: { quick: [8] },
      setup: (size, ctx) => {
        seen.push(ctx.threads);
        return { size };
      },
      traditional: (s) => s.size,
      // Returns its thread count too, so the check sees which t each key ran with.
      scaling: { work: (s, t) => [s.size, t] },
      check: (results) => {
        for (const [key, value] of Object.entries(results)) {
          const m = /@(\d+)t$/.exec(key);
          if (m && (value as number[])[1] !== Number(m[1]))
            throw new Error(`${key} ran with ${String(value)}`);
        }
      },
    });
    expect(formsOf(c, 2).map((f) => [f.key, f.kind])).toEqual([
      ['traditional', 'traditional'],
      ['work@1t', 'variant'],
      ['work@2t', 'variant'],
    ]);
    const records = await quickRecords(c, { index: 0, count: 1, threads: 3 });
    expect(seen).toEqual([3]);
    expect(Object.keys(records[0]!.forms)).toEqual(['traditional', 'work@1t', 'work@2t', 'work@3t']);
    expect(records[0]!.threads).toBe(3);
    expect(validate(records), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('sampling', () => {
  it('collects the young generation before every round and form, and fully only after heap growth', () => {
    const calls: string[] = [];
    let heap = 50e6;
    // A full collection frees 10 MB of the fake heap; a scavenge frees nothing.
    const gc: GcFn = (o) => {
      calls.push(o?.type ?? 'major');
      if (o?.type !== 'minor') heap -= 10e6;
    };
    const c = makeCollector(gc, true, () => heap);
    expect(calls).toEqual(['major']);
    calls.length = 0;
    c.round();
    c.form();
    heap += fullGcGrowthBytes - 1;
    c.round();
    expect(calls).toEqual(['minor', 'minor', 'minor']);
    calls.length = 0;
    heap += 1;
    c.round();
    expect(calls).toEqual(['minor', 'major']);
    // Growth counts from the heap the last full collection left (10 MB lower), not from the start.
    calls.length = 0;
    heap += fullGcGrowthBytes - 1;
    c.round();
    expect(calls).toEqual(['minor']);
    heap += 1;
    c.round();
    expect(calls).toEqual(['minor', 'minor', 'major']);
  });

  it('never forces a full GC per round where the forced GC is always full (Bun) or none is offered', () => {
    const calls: string[] = [];
    const gc: GcFn = (o) => void calls.push(o?.type ?? 'major');
    let heap = 0;
    const c = makeCollector(gc, false, () => heap);
    heap += 10 * fullGcGrowthBytes;
    c.round();
    c.form();
    expect(calls).toEqual(['major', 'minor', 'minor']);
    const none = makeCollector(undefined);
    expect(() => (none.round(), none.form())).not.toThrow();
  });

  it('takes at least the minimum samples per form, batched to the sample length', async () => {
    const data = new Float64Array(256).fill(1);
    const sum = (): number => data.reduce((a, b) => a + b, 0);
    const out = await sampleForms(
      [
        { key: 'a', fn: sum },
        { key: 'b', fn: sum },
      ],
      null,
      false,
      'quick',
    );
    for (const f of out) {
      expect(f.samples_ns.length).toBeGreaterThanOrEqual(12);
      expect(f.ops_per_sample).toBeGreaterThan(10);
    }
  });

  it('reads the host canary once per round, before it, when asked', async () => {
    const data = new Float64Array(256).fill(1);
    const sum = (): number => data.reduce((a, b) => a + b, 0);
    const canary: number[] = [];
    const [a, b] = await sampleForms(
      [
        { key: 'a', fn: sum },
        { key: 'b', fn: sum },
      ],
      null,
      false,
      'quick',
      5,
      canary,
    );
    expect(canary.length).toBe(a!.samples_ns.length);
    expect(canary.length).toBe(b!.samples_ns.length);
    // 16,384 dependent integer operations: microseconds, not nanoseconds or a second.
    for (const t of canary) {
      expect(t).toBeGreaterThan(canaryIterations * 0.1);
      expect(t).toBeLessThan(1e9);
    }
  });

  it('pools processes: samples are tagged with the process that took them', () => {
    const rec = (t: number): ResultRecord =>
      ({
        benchmark: 'x/y',
        size: 1,
        repeats: 1,
        forms: {
          traditional: {
            kind: 'traditional',
            samples_ns: [t, t, t],
            ops_per_sample: 1,
            ops_per_sec: 1e9 / t,
            time_per_op_us: t / 1e3,
            margin_pct: 0,
            samples: 3,
            memory: null,
            gc: null,
          },
        },
      }) as unknown as ResultRecord;
    const pooled = poolRecords([rec(100), rec(200)]);
    expect(pooled.repeats).toBe(2);
    expect(pooled.forms.traditional!.samples_ns).toEqual([100, 100, 100, 200, 200, 200]);
    expect(pooled.forms.traditional!.sample_process).toEqual([0, 0, 0, 1, 1, 1]);
    expect(pooled.forms.traditional!.looks).toBeUndefined();
    // After an extra process the forms carry the looks, so their intervals are widened for them.
    expect(poolRecords([rec(100), rec(200), rec(150)], 2).forms.traditional!.looks).toBe(2);
  });

  // A benchmark is not a timed test: the bound only catches the harness going back to a
  // consume() of several type checks per op (6-16 ns), an order of magnitude above its floor.
  it('adds about a nanosecond per op to a form that does nothing', { retry: 2 }, async () => {
    const [empty, number] = await sampleForms(
      [
        { key: 'empty', fn: () => undefined },
        { key: 'number', fn: () => 7 },
      ],
      null,
      false,
      'quick',
    );
    expect(median(empty!.samples_ns)).toBeLessThan(5);
    expect(median(number!.samples_ns)).toBeLessThan(5);
  });

  it('pools the inspecting process for memory and metrics, the sampling processes for time', () => {
    const form = (samples: number[], memory: boolean): ResultRecord['forms'][string] =>
      ({
        kind: 'traditional',
        samples_ns: samples,
        ops_per_sample: samples.length > 0 ? 4 : 0,
        ops_per_sec: 0,
        time_per_op_us: 0,
        margin_pct: 0,
        samples: samples.length,
        memory: memory ? { heap_bytes_per_op: 42 } : null,
        gc: null,
      }) as unknown as ResultRecord['forms'][string];
    const rec = (samples: number[], memory: boolean, metrics?: Record<string, number>): ResultRecord =>
      ({
        benchmark: 'x/y',
        size: 1,
        repeats: 1,
        forms: { traditional: form(samples, memory) },
        ...(metrics ? { metrics } : {}),
      }) as unknown as ResultRecord;
    const pooled = poolRecords([
      rec([], true, { passes: 3 }),
      rec([100, 100], false),
      rec([200, 200], false),
    ]);
    expect(pooled.repeats).toBe(2);
    expect(pooled.forms.traditional!.samples_ns).toEqual([100, 100, 200, 200]);
    expect(pooled.forms.traditional!.sample_process).toEqual([0, 0, 1, 1]);
    expect(pooled.forms.traditional!.ops_per_sample).toBe(4);
    expect(pooled.forms.traditional!.memory).toEqual({ heap_bytes_per_op: 42 });
    expect(pooled.metrics).toEqual({ passes: 3 });
  });

  it('pools per-process samples of a case, tagged with their process', () => {
    const rec = (t: number, eld: number[]): ResultRecord =>
      ({
        benchmark: 'x/y',
        size: 1,
        repeats: 1,
        forms: {},
        process_samples: { 'eld_p99_ms:traditional': { values: eld } },
      }) as unknown as ResultRecord;
    const pooled = poolRecords([rec(100, [3, 4]), rec(200, [5, 6])]);
    expect(pooled.process_samples).toEqual({
      'eld_p99_ms:traditional': { values: [3, 4, 5, 6], process: [0, 0, 1, 1] },
    });
    const plain = poolRecords([rec(1, []), rec(2, [])].map((r) => ({ ...r, process_samples: undefined })));
    expect(plain.process_samples).toBeUndefined();
  });
});

describe('runner', () => {
  it('writes records the schema accepts, with the controls in every run', async () => {
    const records = await runBenchmarks({
      mode: 'quick',
      cases: allCases,
      only: 'controls/a-a',
      isolate: false,
    });
    expect(records.map((r) => r.benchmark)).toEqual([
      'controls/a-a',
      'controls/known-ratio',
      'controls/import-tax',
    ]);
    for (const r of records) {
      for (const f of Object.values(r.forms)) expect(f.samples_ns.length).toBeGreaterThanOrEqual(12);
    }
    const valid = validate(JSON.parse(JSON.stringify(records)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives the checks and the memory pass to one process and the timing to the others', async () => {
    const roles: string[] = [];
    const records = await runBenchmarks({
      mode: 'quick',
      cases: allCases,
      only: 'controls/a-a',
      repeat: 2,
      extra: 0,
      isolate: false,
      onProgress: (_done, _total, _label, job) => {
        if (job?.caseId === 'controls/a-a' && job.sizeIndex === 0) roles.push(`${job.repeat}/${job.repeats}`);
      },
    });
    // One inspecting pass and two sampling passes; the control's twelve processes (its
    // minProcesses) are spread over the two, six in each.
    expect(roles).toEqual(['0/3', ...Array<string>(6).fill('1/3'), ...Array<string>(6).fill('2/3')]);
    const aa = records.find((r) => r.benchmark === 'controls/a-a')!;
    expect(aa.repeats).toBe(controlProcesses);
    for (const f of Object.values(aa.forms)) {
      expect(new Set(f.sample_process)).toEqual(
        new Set(Array.from({ length: controlProcesses }, (_, i) => i)),
      );
      expect(f.memory).not.toBeNull();
    }
  });

  it('asks needsMore after each extra pass with the extra processes taken, up to --extra', async () => {
    const asked: number[] = [];
    const records = await runBenchmarks({
      mode: 'quick',
      cases: allCases,
      only: 'controls/a-a',
      repeat: 2,
      extra: 3,
      isolate: false,
      needsMore: (recs, taken) => {
        if (recs[0]?.benchmark === 'controls/a-a') asked.push(taken);
        return recs[0]?.benchmark === 'controls/a-a' && taken < 2 ? 2 : 0;
      },
    });
    // Asked before the first, second and third extra pass; said no at the third.
    expect(asked).toEqual([0, 1, 2]);
    const aa = records.find((r) => r.benchmark === 'controls/a-a')!;
    for (const f of Object.values(aa.forms))
      expect(new Set(f.sample_process).size).toBe(controlProcesses + 2);
  });

  // A stand-in child: emits what a test tells it to, and records the signals it is sent.
  class FakeChild extends EventEmitter {
    signals: string[] = [];
    kill(signal: NodeJS.Signals): boolean {
      this.signals.push(signal);
      setImmediate(() => this.emit('close', null, signal));
      return true;
    }
  }

  it('kills a child stuck in shutdown after it reported everything, and keeps its results', async () => {
    const child = new FakeChild();
    const got: ResultRecord[] = [];
    const done = superviseChild(
      child,
      'controls/a-a',
      () => {},
      (r) => got.push(r),
      20,
    );
    child.emit('message', { type: 'record', record: { benchmark: 'controls/a-a' } as ResultRecord });
    child.emit('message', { type: 'done', sink: 0 });
    await expect(done).resolves.toBeUndefined();
    expect(child.signals).toEqual(['SIGKILL']);
    expect(got).toHaveLength(1);
  });

  it('does not kill a child that exits in time, and fails one that dies before it is done', async () => {
    const quick = new FakeChild();
    const ok = superviseChild(
      quick,
      'controls/a-a',
      () => {},
      () => {},
      20,
    );
    quick.emit('message', { type: 'done', sink: 0 });
    quick.emit('close', 0, null);
    await expect(ok).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 40));
    expect(quick.signals).toEqual([]);
    const dying = new FakeChild();
    const failed = superviseChild(
      dying,
      'controls/a-a',
      () => {},
      () => {},
      20,
    );
    dying.emit('close', null, 'SIGKILL');
    await expect(failed).rejects.toThrow(/controls\/a-a was killed by SIGKILL/);
  });

  it('names the case when its child process fails', async () => {
    await expect(
      runInChild(
        'nowhere/missing',
        '/nowhere/missing.ts',
        'quick',
        () => {},
        () => {},
      ),
    ).rejects.toThrow(/nowhere\/missing exited with code 1 in its child process/);
  });
});

describe('extra processes', () => {
  // An A/A control's paired samples: four processes of eight rounds, each process's ratio off by
  // `spread` in turn (+, -, +, -), with a little noise within the process.
  const aa = (spread: number): ResultRecord => {
    const trad: number[] = [];
    const rust: number[] = [];
    const proc: number[] = [];
    for (let p = 0; p < 4; p++) {
      for (let i = 0; i < 8; i++) {
        trad.push(1000 * (1 + 0.002 * (i % 3)));
        rust.push(1000 * (p % 2 === 0 ? 1 + spread : 1 - spread) * (1 + 0.002 * ((i + 1) % 3)));
        proc.push(p);
      }
    }
    const form = (kind: string, samples: number[]) => ({
      kind,
      samples_ns: samples,
      sample_process: proc,
      ops_per_sample: 1,
      ops_per_sec: 1e6,
      time_per_op_us: 1,
      margin_pct: 0,
      samples: samples.length,
      memory: null,
      gc: null,
    });
    return {
      benchmark: 'controls/a-a',
      size: 1024,
      repeats: 4,
      version: { node: 'v20.0.0', v8: '11' },
      machine: { cpu_model: 'x', cores: 2, memory_gib: 1, os: 'linux' },
      forms: { traditional: form('traditional', trad), rust_inspired: form('rust_inspired', rust) },
    } as unknown as ResultRecord;
  };

  it('gives an undecided control an extra process, as it would a case', () => {
    expect(needsMoreProcesses([aa(0.06)])).toBe(OTHER_OPEN);
  });

  it('gives none to an equivalent control', () => {
    expect(needsMoreProcesses([aa(0.002)])).toBe(0);
  });

  // The same paired samples as a case's two sizes: the headline (largest) is the matrix cell.
  const atSize = (r: ResultRecord, benchmark: string, size: number): ResultRecord => ({
    ...r,
    benchmark,
    size,
  });

  it('puts a case whose headline direction is undecided before one with another size open', () => {
    const id = 'allocation/buffer-reuse';
    expect(needsMoreProcesses([atSize(aa(0.002), id, 1), atSize(aa(0.06), id, 2)])).toBe(HEADLINE_DIRECTION);
    expect(needsMoreProcesses([atSize(aa(0.06), id, 1), atSize(aa(0.002), id, 2)])).toBe(OTHER_OPEN);
    expect(needsMoreProcesses([atSize(aa(0.002), id, 1), atSize(aa(0.002), id, 2)])).toBe(0);
  });

  it('gives only an undecided headline direction more than one extra process', () => {
    const id = 'allocation/buffer-reuse';
    const headlineOpen = [atSize(aa(0.002), id, 1), atSize(aa(0.06), id, 2)];
    const otherOpen = [atSize(aa(0.06), id, 1), atSize(aa(0.002), id, 2)];
    for (const taken of [1, 2, 3]) {
      expect(needsMoreProcesses(headlineOpen, taken)).toBe(HEADLINE_DIRECTION);
      expect(needsMoreProcesses(otherOpen, taken)).toBe(0);
    }
    expect(needsMoreProcesses(otherOpen, 0)).toBe(OTHER_OPEN);
  });

  it('serves the most needed first, then the cheapest, within the budget', () => {
    const need = [1, 2, 1, 0, 2];
    const cost = [1, 5, 2, 0.1, 9];
    // Case 4 (need 2) does not fit after case 1; the cheaper need-1 cases still do.
    expect(
      pickExtraProcesses(
        [0, 1, 2, 3, 4],
        (i) => need[i]!,
        (i) => cost[i]!,
        9,
      ),
    ).toEqual({
      picked: [1, 0, 2],
      left: 1,
    });
    expect(
      pickExtraProcesses(
        [0, 1, 2],
        (i) => need[i]!,
        (i) => cost[i]!,
        0.5,
      ),
    ).toEqual({ picked: [], left: 0.5 });
  });

  it('cuts the extra budget so that the extras end by the run deadline', () => {
    const quick = casesDeadlineSeconds.quick;
    // An extra process is priced at the slowest of its case's sampling processes.
    expect(extraProcessCost([2, 9.5, 3])).toBe(9.5);
    expect(extraProcessCost([])).toBe(0);
    expect(extraBudgetWithin(30, 100, 'quick')).toBe(30);
    expect(extraBudgetWithin(30, quick - 12, 'quick')).toBe(12);
    expect(extraBudgetWithin(30, quick + 5, 'quick')).toBe(0);
    expect(extraBudgetWithin(4, quick - 12, 'quick')).toBe(4);
    expect(extraBudgetWithin(180, casesDeadlineSeconds.full - 60, 'full')).toBe(60);
  });
});

describe('runtimes', () => {
  it('starts each runtime with its own flags, told apart by the executable name', () => {
    expect(runtimeOfExec('/repo/.runtimes/node_modules/bun/bin/bun')).toBe('bun');
    expect(runtimeOfExec('/repo/.runtimes/node_modules/deno/deno')).toBe('deno');
    expect(runtimeOfExec('/repo/.runtimes/node_modules/node26/bin/node')).toBe('node');
    expect(childExecArgv.node).toEqual(['--expose-gc']);
    // Deno: the addon needs FFI (-A grants it) and gc() needs V8's flag.
    expect(childExecArgv.deno).toEqual(expect.arrayContaining(['run', '-A', '--v8-flags=--expose-gc']));
  });

  it('names this Node node<major>, and reads runtimes.<name>.bin of the manifest from the repository root', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-manifest-'));
    mkdirSync(join(dir, '.runtimes'));
    const file = join(dir, '.runtimes', 'manifest.json');
    writeFileSync(file, JSON.stringify({ runtimes: { bun: { bin: '.runtimes/node_modules/bun/bin/bun' } } }));
    const major = process.versions.node.split('.')[0]!;
    expect(runtimeExec(`node${major}`, file)).toBe(process.execPath);
    expect(runtimeExec('bun', file)).toBe(join(dir, '.runtimes', 'node_modules', 'bun', 'bin', 'bun'));
    expect(() => runtimeExec('deno', file)).toThrow(
      `deno: not installed (have: node${major} (this Node), bun)`,
    );
  });

  it('on Node every metric is available, except a forced GC when gc() is not exposed', () => {
    const missing = unavailableMetrics();
    expect(missing.filter((m) => m !== 'forced_gc')).toEqual([]);
    expect(missing.includes('forced_gc')).toBe(typeof (globalThis as { gc?: unknown }).gc !== 'function');
    expect(runtimeInfo()).toEqual({
      name: 'node',
      version: process.version,
      engine: `V8 ${process.versions.v8}`,
    });
  });
});
