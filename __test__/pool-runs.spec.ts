import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { FormResult, ResultRecord } from '../benchmark/engine/record.js';
import { paired, speedRatio } from '../benchmark/engine/stats.js';
import { readRecords } from '../benchmark/report/outputs.js';
import { processesIn } from '../benchmark/engine/runner.js';
import { poolRuns } from '../benchmark/report/pool-runs.js';

function form(samples: number[], process: number[], extra: Partial<FormResult> = {}): FormResult {
  return {
    kind: 'traditional',
    samples_ns: samples,
    sample_process: process,
    ops_per_sample: 10,
    ops_per_sec: 0,
    time_per_op_us: 0,
    margin_pct: 0,
    samples: samples.length,
    memory: null,
    gc: null,
    ...extra,
  };
}

/** A record of one run: `t` ns per op for `traditional`, half of it for `native`, two processes. */
function run(t: number, overrides: Partial<ResultRecord> = {}): ResultRecord {
  return {
    benchmark: 'x/y',
    size: 100,
    mode: 'quick',
    runtime: { name: 'node', version: 'v20.20.2', engine: 'V8' },
    machine: { cpu_model: 'test cpu' },
    repeats: 2,
    date: '2026-12-07T00:00:00.000Z',
    forms: {
      traditional: form([t, t, t, t], [0, 0, 1, 1], { memory: { heap_bytes_per_op: t } as never }),
      native: { ...form([t / 2, t / 2, t / 2, t / 2], [0, 0, 1, 1]), kind: 'native' },
    },
    process_samples: { host_canary_ns: { values: [1, 2, 3, 4], process: [0, 0, 1, 1] } },
    ...overrides,
  } as unknown as ResultRecord;
}

describe('poolRuns (several runs of one runtime read together)', () => {
  it('pools the processes of each run, numbered apart, and counts the runs', () => {
    const [pooled, ...rest] = poolRuns([run(100), run(200, { date: '2026-12-07T01:00:00.000Z' })]);
    expect(rest).toEqual([]);
    const t = pooled!.forms.traditional!;
    expect(t.samples_ns).toEqual([100, 100, 100, 100, 200, 200, 200, 200]);
    expect(t.sample_process).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(t.samples).toBe(8);
    // The summary is recomputed from every sample: the median of 100s and 200s.
    expect(t.time_per_op_us).toBeCloseTo(0.15, 6);
    expect(pooled!.repeats).toBe(4);
    expect(pooled!.runs).toBe(2);
    expect(processesIn(pooled!)).toBe(4);
    // The memory pass, the date and the rest are the first run's.
    expect(t.memory).toEqual({ heap_bytes_per_op: 100 });
    expect(pooled!.date).toBe('2026-12-07T00:00:00.000Z');
    expect(pooled!.process_samples).toEqual({
      host_canary_ns: { values: [1, 2, 3, 4, 1, 2, 3, 4], process: [0, 0, 1, 1, 2, 2, 3, 3] },
    });
  });

  it('keeps the forms of a record paired, so a ratio is still read round by round', () => {
    const [pooled] = poolRuns([run(100), run(300)]);
    const { traditional, native } = pooled!.forms;
    expect(paired(native!, traditional!)).toBe(true);
    const iv = speedRatio(native!, traditional!, 'x');
    expect(iv.ratio).toBeCloseTo(2, 9);
  });

  it('widens for the most looks any run took, and numbers a run of one process after the rest', () => {
    // A single-process run tags no sample with its process.
    const one = run(100, { repeats: 1, process_samples: undefined });
    one.forms.traditional = form([50, 50], [], { looks: 3 });
    one.forms.native = { ...form([25, 25], []), kind: 'native' };
    for (const f of Object.values(one.forms)) delete f.sample_process;
    const [pooled] = poolRuns([run(100), one]);
    expect(pooled!.forms.traditional!.sample_process).toEqual([0, 0, 1, 1, 2, 2]);
    expect(pooled!.forms.native!.sample_process).toEqual([0, 0, 1, 1, 2, 2]);
    expect(pooled!.forms.traditional!.looks).toBe(3);
    expect(pooled!.forms.native!.looks).toBeUndefined();
    expect(pooled!.repeats).toBe(3);
    // Only the first run took canary readings: they keep their processes.
    expect(pooled!.process_samples!.host_canary_ns!.process).toEqual([0, 0, 1, 1]);
  });

  it('leaves other runtimes, sizes, modes and machines apart, in their order', () => {
    const records = [
      run(100),
      run(100, { size: 200 }),
      run(100, { mode: 'full' }),
      run(100, { runtime: { name: 'bun', version: '1.4.5', engine: 'JSC' } } as Partial<ResultRecord>),
      run(100, { machine: { cpu_model: 'other cpu' } } as Partial<ResultRecord>),
    ];
    const out = poolRuns(records);
    expect(out).toHaveLength(5);
    out.forEach((r, i) => expect(r).toBe(records[i]));
  });

  it('is what report, publish and calibrate read from several files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-runs-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify([run(100)]));
    writeFileSync(b, JSON.stringify([run(200), run(200, { size: 300 })]));
    const records = readRecords([a, b]);
    expect(records.map((r) => [r.size, r.repeats, r.runs])).toEqual([
      [100, 4, 2],
      [300, 2, undefined],
    ]);
    // Pooled records read again pool nothing more.
    const c = join(dir, 'c.json');
    writeFileSync(c, JSON.stringify(records));
    expect(readRecords([c])).toEqual(records);
  });
});
