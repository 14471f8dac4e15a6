import { describe, expect, it } from 'vitest';

import type { FormResult, ResultRecord } from '../benchmark/bench.js';
import { compare, findCrossover, summarize, type Measure } from '../benchmark/report/analyze.js';
import { hypotheses, renderMarkdown } from '../benchmark/report/markdown.js';
import { thresholdsFromRecords } from '../benchmark/calibrate.js';

const m = (ops: number, margin = 2): Measure => ({ ops_per_sec: ops, margin_pct: margin });

function form(ops: number, margin = 2): FormResult {
  return {
    ops_per_sec: ops,
    time_per_op_us: 1e6 / ops,
    margin_pct: margin,
    samples: 10,
    memory_bytes: 0,
    gc_count: 0,
    gc_ms: 0,
    gc_max_ms: 0,
  };
}

function record(
  benchmark: string,
  size: number,
  forms: Partial<Record<'traditional' | 'rust_inspired' | 'native', FormResult>>,
  unit = 'bytes',
): ResultRecord {
  return {
    benchmark,
    description: `synthetic ${benchmark}`,
    size,
    unit,
    language: 'typescript',
    version: { node: 'v20.0.0', v8: '11', rust: null, package: '0.0.0' },
    platform: 'linux-x64',
    machine: {
      cpu_model: 'Synthetic CPU',
      cores: 2,
      memory_gib: 8,
      os: 'Linux',
      node: 'v20.0.0',
      v8: '11',
      rust: null,
      uv_threadpool_size: 4,
      implementation: 'native',
      crc32_simd_level: 'none',
    },
    mode: 'quick',
    date: '2026-01-01T00:00:00.000Z',
    command: 'rust-patterns bench',
    results: { ...forms, variants: {}, peers: {} },
    improvement: {
      speedup: null,
      native_speedup: null,
      memory_reduction: null,
      native_memory_reduction: null,
    },
  };
}

describe('verdicts from margins of error', () => {
  it('a clear win pays', () => {
    expect(compare(m(200), m(100))).toEqual({ ratio: 2, verdict: 'pays' });
  });

  it('a clear loss is counter-productive', () => {
    expect(compare(m(50), m(100)).verdict).toBe('loses');
  });

  it('overlapping intervals are no real difference, even with a ratio far from 1', () => {
    // 130 ± 20% = [104, 156] overlaps 100 ± 5% = [95, 105].
    expect(compare(m(130, 20), m(100, 5))).toEqual({ ratio: 1.3, verdict: 'same' });
    // Just apart: 108 ± 2% = [105.84, ...] vs 100 ± 5% = [..., 105].
    expect(compare(m(108, 2), m(100, 5)).verdict).toBe('pays');
  });

  it('the matrix verdict uses the faster pattern form and notes where it starts to hold', () => {
    const records = [
      record('zero-copy/checksum', 100, {
        traditional: form(100),
        rust_inspired: form(101),
        native: form(60),
      }),
      record('zero-copy/checksum', 10_000, {
        traditional: form(100),
        rust_inspired: form(300),
        native: form(90),
      }),
      record('zero-copy/checksum', 1 << 20, {
        traditional: form(100),
        rust_inspired: form(300),
        native: form(900),
      }),
      record(
        'allocation/object-pooling',
        1000,
        { traditional: form(100), rust_inspired: form(40) },
        'elements',
      ),
    ];
    const [checksum, pooling] = summarize(records);
    expect(checksum!.id).toBe('zero-copy/checksum');
    expect(checksum!.verdict).toBe('pays');
    expect(checksum!.verdictFrom).toBe(10_000);
    expect(checksum!.best.key).toBe('native');
    expect(checksum!.rust).toMatchObject({ ratio: 3, min: 1.01, max: 3 });
    expect(pooling!.verdict).toBe('loses');
    const [, , pool] = hypotheses(summarize(records));
    expect(pool!.status).toBe('refuted');
  });
});

describe('parallelism hypotheses', () => {
  const MiB = 1 << 20;
  /** cpu-bound points whose single-thread task takes 1 µs per 8 elements (2 ms at 16,384). */
  const cpuBound = (ratios: number[]): ResultRecord[] =>
    [16_384, 131_072, 1_048_576].map((size, i) => {
      const trad = form(8e6 / size);
      return record(
        'concurrency/cpu-bound',
        size,
        { traditional: trad, rust_inspired: form(trad.ops_per_sec * ratios[i]!) },
        'elements',
      );
    });
  const workDistribution = (childRatios: number[], sizes: number[]): ResultRecord[] =>
    sizes.map((size, i) => {
      const r = record('concurrency/work-distribution', size, { traditional: form(1000) });
      r.results.variants['child-processes'] = form(1000 * childRatios[i]!);
      return r;
    });

  it('confirms the worker hypothesis when the crossover task takes 33–300 ms', () => {
    // Ratios 0.6 -> 1.2 between 131,072 and 1,048,576 elements: crossover ≈ 607k elements, ≈ 74 ms.
    const [, workers] = hypotheses(summarize(cpuBound([0.3, 0.6, 1.2])));
    expect(workers!.status).toBe('confirmed');
    expect(workers!.evidence).toMatch(/concurrency\/cpu-bound.*a task of 7\d(\.\d+)? ms/);
  });

  it('refutes it when workers already win on short tasks, and says when nothing is long enough', () => {
    const [, early] = hypotheses(summarize(cpuBound([1.5, 1.8, 1.9])));
    expect(early!.status).toBe('refuted');
    expect(early!.evidence).toMatch(/already at the smallest size measured.*a task of 2\.05 ms/);
    const [, short] = hypotheses(summarize(cpuBound([0.3, 0.5, 0.7])));
    expect(short!.status).toBe('not measured');
  });

  it('refutes the multiprocessing hypothesis when children lose even past 30 MB', () => {
    const [procs] = hypotheses(summarize(workDistribution([0.1, 0.2, 0.4], [MiB, 16 * MiB, 64 * MiB])));
    expect(procs!.status).toBe('refuted');
    const [unmeasured] = hypotheses(summarize(workDistribution([0.1, 0.2], [MiB, 16 * MiB])));
    expect(unmeasured!.status).toBe('not measured');
    const [confirmed] = hypotheses(summarize(workDistribution([0.2, 0.5, 2], [MiB, 4 * MiB, 16 * MiB])));
    expect(confirmed!.status).toBe('confirmed');
  });
});

describe('crossover detection', () => {
  const curve = (ratios: number[], sizes = [100, 1_000, 10_000, 100_000]) =>
    ratios.map((r, i) => ({ size: sizes[i]!, challenger: m(100 * r), incumbent: m(100) }));

  it('finds where a rising curve crosses 1, interpolated on log-log axes', () => {
    // Ratio 0.5 at 1k and 2 at 10k: log-linear midpoint is sqrt(1k * 10k) ≈ 3162.
    expect(findCrossover(curve([0.1, 0.5, 2, 8]))).toEqual({ kind: 'at', size: 10_000, estimate: 3162 });
  });

  it('says always when the challenger wins everywhere and never when it loses at the top', () => {
    expect(findCrossover(curve([2, 3, 4, 5]))).toEqual({ kind: 'always', size: 100 });
    expect(findCrossover(curve([0.2, 0.5, 0.8, 0.9]))).toEqual({ kind: 'never', largest: 100_000 });
  });

  it('ignores an early win that does not last, and a tie at the crossing', () => {
    // Wins at 100, loses at 1k, then wins for good from 10k.
    expect(findCrossover(curve([2, 0.5, 3, 4]))).toMatchObject({ kind: 'at', size: 10_000 });
    // Within margins at 1k (≈), wins from 10k: the estimate is the first winning size.
    expect(findCrossover(curve([0.5, 1.01, 3, 4]))).toEqual({ kind: 'at', size: 10_000, estimate: 10_000 });
  });

  it('accepts unsorted points and returns null without any', () => {
    expect(findCrossover(curve([0.1, 0.5, 2, 8]).reverse())).toMatchObject({ kind: 'at', size: 10_000 });
    expect(findCrossover([])).toBeNull();
  });

  it('calibration turns crossovers into thresholds and keeps defaults for unmeasured cases', () => {
    const records = [100, 1_000, 10_000].map((size, i) =>
      record('zero-copy/checksum', size, { rust_inspired: form(100), native: form([50, 200, 400][i]!) }),
    );
    const file = thresholdsFromRecords(records, 'quick');
    expect(file.thresholds.crc32NativeMinBytes).toBe(316);
    expect(file.thresholds.countByteNativeMinBytes).toBe(64);
    expect(file.provenance.crc32NativeMinBytes!.case).toBe('zero-copy/checksum');
    expect(file.machine!.cpu_model).toBe('Synthetic CPU');
  });
});

describe('RESULTS.md', () => {
  it('fills the matrix from data and says what was not measured', () => {
    const md = renderMarkdown([
      record('zero-copy/view-slicing', 100, { traditional: form(100), rust_inspired: form(1000) }),
      record('zero-copy/view-slicing', 1 << 20, { traditional: form(10), rust_inspired: form(1000) }),
    ]);
    expect(md).toContain(
      '| Views instead of copies | zero-copy/view-slicing | 100× ✅ (10.0×–100×) | — | Rust-inspired @ 1 MiB | — | ✅ pays | view slicing 7x |',
    );
    expect(md).toContain('view slicing 7x');
    expect(md).toMatch(/### 4\. Object pooling in modern V8\n\nNot measured in this run/);
    expect(md).toContain(
      '| Object pooling helps (confirmed if the pooled form is faster beyond the margins). | not measured |',
    );
    expect(md).toContain('`rust-patterns bench`');
    expect(md).not.toContain('Share of memcpy');
  });

  it('adds the share of the memcpy limit when limits/memcpy was measured', () => {
    const md = renderMarkdown([
      record('limits/memcpy', 1 << 20, { traditional: form(1000) }),
      record('zero-copy/checksum', 1 << 20, { traditional: form(100), native: form(500) }),
    ]);
    expect(md).toContain('Share of memcpy');
    expect(md).toMatch(/zero-copy\/checksum \|.*\| 50% \|/);
  });
});
