import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import {
  refreshLimits,
  ROOFLINE_QUANTILE,
  updateLimits,
  type LimitsRef,
  type ResultRecord,
} from '../benchmark/engine/record.js';
import { judge, median, quantile } from '../benchmark/engine/stats.js';
import {
  controlsOf,
  findCrossover,
  formatCrossover,
  rooflineFor,
  rooflineShare,
  rooflineWarnings,
  stillChanging,
  summarize,
  type PointVerdict,
} from '../benchmark/report/analyze.js';
import { compareVerdicts } from '../benchmark/report/compare.js';
import { contendedShareByCase, contentionText, hostContention } from '../benchmark/report/host.js';
import { HOST_CANARY } from '../benchmark/engine/record.js';
import {
  boundaryLayers,
  readmeBlock,
  renderMarkdown,
  rooflineSection,
} from '../benchmark/report/markdown.js';
import { benchCase as linesCase } from '../benchmark/cases/zero-copy/lines.js';
import { verdictEntries, verdictsFile, type VerdictsFile } from '../benchmark/report/verdicts.js';
import { fixtureRecords } from './fixtures/make-results-fixture.js';
import { controls, record, type FormSpec } from './fixtures/synthetic-records.js';

const T = (ns: number, noise = 0.02): FormSpec => ({ kind: 'traditional', ns, noise });
const R = (ns: number, noise = 0.02): FormSpec => ({ kind: 'rust_inspired', ns, noise });
const N = (ns: number, noise = 0.02): FormSpec => ({ kind: 'native', ns, noise });

/** A case where Rust-inspired JS runs `ratio` times as fast as traditional. */
const rustAt = (id: string, ratio: number, noise = 0.02, size = 1000): ResultRecord =>
  record(id, size, { traditional: T(10_000, noise), rust_inspired: R(10_000 / ratio, noise) });

describe('verdict classes from raw samples', () => {
  it.each([
    [20, 'much-faster'],
    [4, 'faster'],
    [1.5, 'slightly-faster'],
    [1, 'equivalent'],
    [0.7, 'slightly-slower'],
    [0.25, 'slower'],
    [0.05, 'much-slower'],
  ])('Rust-inspired at %fx of traditional is %s, with an interval around the ratio', (ratio, cls) => {
    const [c] = summarize([rustAt('zero-copy/view-slicing', ratio)]);
    const v = c!.rust!.headline;
    expect(v.class).toBe(cls);
    expect(v.lo).toBeLessThanOrEqual(v.ratio);
    expect(v.hi).toBeGreaterThanOrEqual(v.ratio);
    expect(v.ratio / ratio).toBeGreaterThan(0.95);
    expect(v.ratio / ratio).toBeLessThan(1.05);
  });

  it('is undecided when the interval straddles a band boundary, and the matrix says so', () => {
    // A true ratio of 2.0 sits on the slightly-faster/faster boundary: any honest interval straddles it.
    const records = [rustAt('zero-copy/view-slicing', 2, 0.1)];
    const [c] = summarize(records);
    expect(c!.rust!.headline.class).toBe('undecided');
    const md = renderMarkdown([...controls(), ...records]);
    expect(md).toMatch(/\| zero-copy\/view-slicing \| slightly faster to faster [12]\.\d\d× \[/);
    expect(md).not.toMatch(/no real difference \d/);
  });

  it('prints no emoji, and "no real difference" only in the legend of equivalent', () => {
    const md = renderMarkdown([...controls(), rustAt('zero-copy/view-slicing', 1)]);
    expect(md).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(md).toMatch(/\| equivalent (0\.99|1\.0\d)× \[/);
    expect(md.match(/no real difference/g)).toHaveLength(1);
    expect(md).toContain('95% confidence interval');
  });

  it('re-renders a saved file byte for byte', () => {
    const records = fixtureRecords();
    const saved = JSON.parse(JSON.stringify(records)) as ResultRecord[];
    expect(renderMarkdown(saved)).toBe(renderMarkdown(records));
    const committed = JSON.parse(
      readFileSync(join(__dirname, 'fixtures', 'results-verdicts.json'), 'utf8'),
    ) as ResultRecord[];
    expect(renderMarkdown(committed)).toBe(renderMarkdown(records));
  });
});

describe('native against the fastest JS form', () => {
  const sizes = [100, 1_000, 10_000, 100_000];
  const lines = (native: number[], peer?: number[], nativeNoise: number[] = [0.02, 0.02, 0.02, 0.02]) =>
    sizes.map((size, i) =>
      record('zero-copy/lines', size, {
        traditional: T(size * 20),
        rust_inspired: R(size * 10),
        native: N(native[i]!, nativeNoise[i]),
        ...(peer ? { 'fast-lines': { kind: 'peer' as const, ns: peer[i]! } } : {}),
      }),
    );

  it('always wins when native is faster than every JS form at every size', () => {
    const [c] = summarize(lines([300, 2_000, 20_000, 200_000]));
    expect(c!.crossover).toEqual({ kind: 'always', size: 100 });
    expect(c!.native!.headline.incumbent).toBe('rust_inspired');
  });

  it('a faster peer becomes the incumbent and moves the crossover', () => {
    const [c] = summarize(lines([300, 2_000, 20_000, 200_000], [100, 700, 60_000, 600_000]));
    expect(c!.native!.bySize.map((p) => p.incumbent)).toEqual([
      'fast-lines',
      'fast-lines',
      'fast-lines',
      'fast-lines',
    ]);
    expect(c!.crossover).toMatchObject({ kind: 'from', size: 10_000 });
    expect(formatCrossover(c!.crossover, 'bytes')).toBe('10 kB (below: JS faster at 100 B–1 kB)');
  });

  it('native faster but undecided at the smaller size: no "JS faster" is printed', () => {
    // 1.3x faster at 1 kB but with 40% noise: undecided there; decisive wins above.
    const [c] = summarize(lines([300, 7_700, 20_000, 200_000], undefined, [0.02, 0.4, 0.02, 0.02]));
    const at1k = c!.native!.bySize[1]!;
    expect(at1k.ratio).toBeGreaterThan(1);
    expect(at1k.class).toBe('undecided');
    expect(c!.crossover).toMatchObject({ kind: 'from', size: 10_000 });
    const text = formatCrossover(c!.crossover, 'bytes');
    expect(text).toBe('10 kB (below: native faster at 100 B, undecided at 1 kB)');
    expect(text).not.toContain('JS faster');
  });

  it('never, with what was measured at the largest size', () => {
    const [c] = summarize(lines([300, 20_000, 200_000, 3_000_000]));
    expect(c!.crossover).toEqual({ kind: 'never', largest: 100_000, there: 'loses' });
    expect(formatCrossover(c!.crossover, 'bytes')).toBe('never (up to 100 kB: JS faster there)');
  });

  it('the rule reads classes, not point ratios, and ignores a win that does not last', () => {
    const v = (size: number, cls: PointVerdict['class']) => ({ size, class: cls });
    expect(
      findCrossover([v(1, 'faster'), v(2, 'slower'), v(3, 'faster'), v(4, 'much-faster')]),
    ).toMatchObject({
      kind: 'from',
      size: 3,
    });
    expect(findCrossover([v(1, 'undecided'), v(2, 'equivalent'), v(3, 'slightly-faster')])).toEqual({
      kind: 'from',
      size: 3,
      below: [
        { size: 1, direction: 'undecided' },
        { size: 2, direction: 'ties' },
      ],
    });
    expect(findCrossover([])).toBeNull();
  });

  it('a win is read from the interval: one straddling a class boundary is still a win, one straddling 1.1x is not', () => {
    const p = (size: number, lo: number, hi: number) => ({ size, class: 'undecided' as const, lo, hi });
    expect(findCrossover([p(1, 0.5, 0.8), p(2, 1.02, 1.3), p(3, 1.7, 2.3), p(4, 9, 12)])).toEqual({
      kind: 'from',
      size: 3,
      below: [
        { size: 1, direction: 'loses' },
        { size: 2, direction: 'undecided' },
      ],
    });
  });

  it("README's advice reads the interval's direction: a loss across a class boundary is still a loss", () => {
    // Native at about 0.1x of traditional (the slower / much-slower boundary), and at 0.4x: the
    // first has no single class but a decided direction, and both are losses the README names.
    const at = (id: string, nativeNs: number) =>
      [100, 1_000].map((size) =>
        record(id, size, { traditional: T(size * 10), native: N((size * 10) / nativeNs, 0.15) }),
      );
    const records = [...controls(), ...at('async/native-vs-js-async', 0.1), ...at('zero-copy/lines', 0.4)];
    const cases = summarize(records.filter((r) => !r.benchmark.startsWith('controls/')));
    const boundary = cases.find((c) => c.id === 'async/native-vs-js-async');
    const clear = cases.find((c) => c.id === 'zero-copy/lines');
    expect(boundary!.native!.headline.class).toBe('undecided');
    expect(boundary!.native!.headline.direction).toBe('slower');
    expect(clear!.native!.headline.class).toBe('slower');
    const block = readmeBlock(records);
    expect(block).toContain('`async/native-vs-js-async`: traditional beats native at 1 kB');
    expect(block).toContain('`zero-copy/lines`: traditional beats native at 1 kB');
  });

  it('the Rust-inspired comparison and the built-in comparison stay separate from native', () => {
    const records = [100, 10_000].map((size) =>
      record('zero-copy/boundary-in', size, {
        traditional: T(size * 10),
        native: N(size),
        'Buffer#indexOf': { kind: 'builtin', ns: size * 3 },
      }),
    );
    const [c] = summarize(records);
    expect(c!.rust).toBeNull();
    expect(c!.builtin!.headline).toMatchObject({
      challenger: 'Buffer#indexOf',
      incumbent: 'traditional',
      class: 'faster',
    });
    expect(c!.native!.headline).toMatchObject({ incumbent: 'Buffer#indexOf', class: 'faster' });
    expect(renderMarkdown(records)).toContain('| Node built-in vs traditional |');
  });
});

describe('headlines that still change with size', () => {
  const at = (size: number, lo: number, hi: number) =>
    ({ size, ...judge({ ratio: Math.sqrt(lo * hi), lo, hi }) }) as unknown as PointVerdict;

  it('are those whose ratio at the largest size is over twice, or under half, the one before, beyond both intervals', () => {
    const rising = [at(100, 1.2, 1.5), at(10_000, 20, 25), at(1 << 20, 900, 1600)];
    expect(stillChanging({ bySize: rising })?.map((p) => p.size)).toEqual([100, 10_000, 1 << 20]);
    // Given in any order.
    expect(stillChanging({ bySize: [...rising].reverse() })?.map((p) => p.size)).toEqual([
      100,
      10_000,
      1 << 20,
    ]);
    expect(stillChanging({ bySize: [at(1, 0.7, 0.8), at(2, 0.1, 0.3)] })).not.toBeNull();
    // Settled at the top (a plateau after a rise), or a change the intervals do not show.
    expect(stillChanging({ bySize: [at(1, 0.2, 0.3), at(2, 3, 4), at(3, 3.5, 4.5)] })).toBeNull();
    expect(stillChanging({ bySize: [at(1, 1, 3), at(2, 5, 7)] })).toBeNull();
    expect(stillChanging({ bySize: [at(1, 1, 2)] })).toBeNull();
    expect(stillChanging(null)).toBeNull();
  });

  it('get a mark in the matrix and the README block, and their ratio at every size under the table', () => {
    // A view against a copy: the view's cost is fixed, the copy's grows with the bytes.
    const records = [
      ...controls(),
      ...[100, 10_000, 1 << 20].map((size) =>
        record('zero-copy/view-slicing', size, { traditional: T(40 + size / 8), rust_inspired: R(40) }),
      ),
      ...[100, 10_000].map((size) => rustAt('zero-copy/records', 3, 0.02, size)),
    ];
    const md = renderMarkdown(records);
    const matrix = md.slice(md.indexOf('## Matrix'), md.indexOf('## Beside the Dart arm'));
    expect(matrix).toMatch(/\| `zero-copy\/view-slicing` \| much faster \d+× \[[^\]]+\] ‡ \|/);
    expect(matrix).toMatch(/\| `zero-copy\/records` \| faster 3\.\d\d× \[[^\]]+\] \|/);
    expect(matrix).toContain('‡ Still changing with size');
    expect(matrix).toMatch(
      /- `zero-copy\/view-slicing` Rust-inspired JS vs traditional: 100 B 1\.\d+× \[[^\]]+\], 10 kB \d+\.?\d*× \[[^\]]+\], 1 MiB \d+× /,
    );
    expect(matrix).not.toContain('- `zero-copy/records`');
    const readme = readmeBlock(records);
    expect(readme).toMatch(/\| `zero-copy\/view-slicing` \| much faster \d+× \[[^\]]+\] ‡ \|/);
    expect(readme).toContain('- `zero-copy/view-slicing` Rust-inspired JS vs traditional: 100 B ');
  });
});

describe('limits and controls', () => {
  it('limits get no verdicts, only their own section', () => {
    const records = fixtureRecords();
    expect(summarize(records).map((c) => c.id)).not.toContain('limits/call-floor');
    expect(
      verdictEntries(records).some((v) => v.case.startsWith('limits/') || v.case.startsWith('controls/')),
    ).toBe(false);
    const md = renderMarkdown(records);
    expect(md).toContain('## Limits');
    expect(md).toContain('| L2 | 2 MiB | 50.0 | 25.0 |');
    expect(md).toContain('**Node-API call floor:** 22 ns');
    expect(md).not.toMatch(/\| Node-API call floor \|/);
  });

  it('a healthy run states its controls and has no banner', () => {
    const md = renderMarkdown(fixtureRecords());
    expect(md).toMatch(
      /\*\*Controls:\*\* A\/A \(`controls\/a-a`\): equivalent [01]\.\d\d× \[.*contains 2\.0\. The run passes/,
    );
    expect(md).not.toContain('UNRELIABLE');
    expect(verdictsFile(fixtureRecords()).header.unreliable).toBe(false);
  });

  it.each([
    ['an A/A control that is not equivalent', controls(1.3), /A\/A control came out slightly faster/],
    ['a known-ratio interval without 2.0', controls(1, 3), /interval 3\.\d\d× \[.*\] does not contain 2\.0/],
  ])('%s marks the whole run UNRELIABLE at the top', (_what, ctl, problem) => {
    const records = [...ctl, rustAt('zero-copy/view-slicing', 4)];
    const md = renderMarkdown(records);
    const firstBlock = md.split('\n## Matrix')[0]!;
    expect(firstBlock).toContain('UNRELIABLE RUN');
    expect(firstBlock).toMatch(problem);
    expect(controlsOf(records).status).toBe('failed');
    expect(verdictsFile(records).header).toMatchObject({ unreliable: true, controls: 'failed' });
  });

  it('missing controls say so', () => {
    const md = renderMarkdown([rustAt('zero-copy/view-slicing', 4)]);
    expect(md.split('\n## Matrix')[0]).toMatch(/UNCHECKED RUN.*A\/A control .*was not run/);
    expect(md).toContain('A/A not run; known ratio not run');
  });
});

describe("a case's other-work forms", () => {
  it('are never the fastest JS form native is measured against', () => {
    const V = (ns: number): FormSpec => ({ kind: 'variant', ns });
    const r = record(
      'allocation/typed-vs-array',
      10_000,
      { traditional: T(30_000), rust_inspired: R(20_000), native: N(10_000), 'typed-read': V(2_000) },
      { unit: 'elements' },
    );
    const [c] = summarize([r]);
    // typed-read (a bare sum, listed in the case's otherWork) is faster than every form, but the
    // native verdict is against the fastest form that does the case's op.
    expect(c!.native!.headline.incumbent).toBe('rust_inspired');
  });
});

describe('throughput and rooflines', () => {
  it('picks the roofline by access pattern and the level the bytes per op fall in', () => {
    const at = (bytes: number, access: 'read' | 'copy') =>
      rooflineFor(record('zero-copy/checksum', bytes, { native: N(1000) }, { access }));
    expect(at(32 << 10, 'read')).toEqual({ level: 'l1', access: 'read', gbps: 80 });
    expect(at(1 << 20, 'copy')).toEqual({ level: 'l2', access: 'copy', gbps: 25 });
    expect(at(16 << 20, 'read')).toEqual({ level: 'l3', access: 'read', gbps: 30 });
    expect(at(64 << 20, 'read')).toEqual({ level: 'memory', access: 'read', gbps: 12 });
    // A batch case: 64 buffers of 1 KiB per op are 64 KiB of work, not 1 KiB.
    const batch = record(
      'async/native-offload',
      1024,
      { native: N(4000) },
      { bytes_per_op: 64 << 10, access: 'read' },
    );
    expect(rooflineFor(batch)!.level).toBe('l2');
    expect(renderMarkdown([batch])).toMatch(/native 16\.\d GB\/s \(3\d% of L2 read\)/);
    // The same 64 KiB of work read out of 1.4 KiB of overlapping views: held to L1's figure.
    const overlapping = { ...batch, footprint_bytes: 1024 + 64 * 7 + 1 };
    expect(rooflineFor(overlapping)).toEqual({ level: 'l1', access: 'read', gbps: 80 });
  });

  it("holds a form on several cores to one core's figure times the cores it may use", () => {
    const r: ResultRecord = {
      ...record(
        'concurrency/work-distribution',
        16 << 20,
        { native: N(1e6), 'native-rayon': N(5e5), 'pool@1t': N(1e6), 'pool@4t': N(4e5) },
        { access: 'read' },
      ),
      parallel_forms: ['native-rayon'],
    };
    const cores = r.machine.cores;
    expect(cores).toBeGreaterThan(1);
    expect(rooflineFor(r, 'native')).toEqual({ level: 'l3', access: 'read', gbps: 30 });
    expect(rooflineFor(r, 'native-rayon')).toEqual({ level: 'l3', access: 'read', gbps: 30 * cores, cores });
    expect(rooflineFor(r, 'pool@1t')!.gbps).toBe(30);
    // A scaling form counts its threads, capped by the machine's cores.
    expect(rooflineFor(r, 'pool@4t')!.cores).toBe(Math.min(4, cores));
  });
});

describe('streaming kernels against their rooflines', () => {
  const MiB = 1 << 20;
  /** A native kernel at `gbps` on `bytes` per op, with a traditional form for the matrix. */
  const kernel = (id: string, bytes: number, gbps: number, access: 'read' | 'copy' | null = 'read') =>
    record(id, bytes, { native: N(bytes / gbps), traditional: T((bytes / gbps) * 4) }, { access });
  const rowOf = (md: string, id: string) => md.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));

  it("prints each kernel's share, and below half its roofline the case file's reason or its absence", () => {
    const lines = kernel('zero-copy/lines', MiB, 3); // 6% of 50 GB/s (L2 read)
    const checksum = kernel('zero-copy/checksum', 16 * MiB, 20); // 67% of 30 GB/s (L3 read)
    const inPlace = kernel('allocation/in-place', 16 * MiB, 9); // 30%, and no reason in its case file
    const noAccess = kernel('zero-copy/view-slicing', MiB, 3, null);
    const section = rooflineSection(summarize([lines, checksum, inPlace, noAccess]));
    const md = section.join('\n');
    expect(section[0]).toBe('## Streaming kernels against their rooflines');
    expect(rowOf(md, 'zero-copy/lines')).toMatch(
      /^\| `zero-copy\/lines` \| 1 MiB \| 3(\.\d+)? GB\/s \| read 50 GB\/s at L2 \| 6% \| /,
    );
    expect(rowOf(md, 'zero-copy/lines')).toContain(linesCase.belowRoofline!);
    expect(rowOf(md, 'zero-copy/checksum')).toMatch(/\| read 30 GB\/s at L3 \| 6[67]% \| — \|$/);
    expect(rowOf(md, 'allocation/in-place')).toMatch(/\| 30% \| \*\*no reason given\*\* /);
    expect(rowOf(md, 'zero-copy/view-slicing')).toBeUndefined();
    // RESULTS.md carries the section; a run without any such kernel leaves it out.
    expect(renderMarkdown([...controls(), lines])).toContain('## Streaming kernels against their rooflines');
    expect(rooflineSection(summarize([noAccess]))).toEqual([]);
  });
});

describe('rooflines that are limits', () => {
  const KiB = 1024;
  /** Within 5%: the synthetic samples carry 2% noise. */
  const near = (x: number | undefined, y: number) => expect(Math.abs(x! / y - 1)).toBeLessThan(0.05);
  const MiB = 1024 * KiB;
  /** A limits/bandwidth record at `size`: GB/s per form (the `builtin`s are the common method). */
  const bandwidth = (size: number, gbps: Record<string, number>, level = -1): ResultRecord => {
    const forms = Object.fromEntries(
      Object.entries(gbps).map(([key, g]) => [
        key,
        {
          kind: key.endsWith('-buffer') || key.endsWith('-indexOf') ? 'builtin' : 'native_variant',
          ns: size / g,
        },
      ]),
    ) as Record<string, FormSpec>;
    const r = record('limits/bandwidth', size, forms);
    r.metrics = { level, level_bytes: level === 0 ? 48 * KiB : 0 };
    return r;
  };
  const folded = (): LimitsRef => {
    const limits: LimitsRef = {};
    // Copy at 128 KiB below the 16 MiB figure, as page-aliased `rep movsb` did on the AMD host.
    updateLimits(
      limits,
      bandwidth(16 * KiB, { 'read-simd': 200, 'read-indexOf': 100, 'copy-vector': 90, 'copy-buffer': 3 }, 0),
    );
    updateLimits(
      limits,
      bandwidth(128 * KiB, { 'read-simd': 150, 'read-indexOf': 90, 'copy-vector': 8, 'copy-buffer': 2 }),
    );
    updateLimits(
      limits,
      bandwidth(2 * MiB, { 'read-simd': 60, 'read-indexOf': 50, 'copy-vector': 30, 'copy-buffer': 20 }),
    );
    updateLimits(
      limits,
      bandwidth(16 * MiB, { 'read-simd': 25, 'read-indexOf': 20, 'copy-stream': 12, 'copy-buffer': 9 }),
    );
    return limits;
  };
  const at = (bytes: number, access: 'read' | 'copy', limits = folded()) =>
    rooflineFor(record('zero-copy/checksum', bytes, { native: N(1000) }, { access, limits }));

  it('folds each size into the ladder: the fastest form is the limit, the fastest built-in the common method', () => {
    const ladder = folded().roofline!.ladder!;
    expect(ladder.map((p) => p.bytes)).toEqual([16 * KiB, 128 * KiB, 2 * MiB, 16 * MiB]);
    const first = ladder[0]!;
    expect(first.read_method).toBe('read-simd');
    near(first.read_gbps, 200);
    near(first.common_read_gbps, 100);
    expect(first.copy_method).toBe('copy-vector');
    near(first.common_copy_gbps, 3);
    expect(ladder[3]!.copy_method).toBe('copy-stream');
    // A form that repeats its pass within one op (metric `passes:<form>`) moves that many times the size.
    const limits: LimitsRef = {};
    const repeated = bandwidth(16 * KiB, { 'read-simd': 10, 'read-indexOf': 100 });
    repeated.metrics = { ...repeated.metrics, 'passes:read-simd': 64 };
    updateLimits(limits, repeated);
    expect(limits.roofline!.ladder![0]!.read_method).toBe('read-simd');
    near(limits.roofline!.ladder![0]!.read_gbps, 640);
    // The level figures remain for older readers.
    near(folded().roofline!.read_gbps.l1, 200);
  });

  it('takes a limit at its best rate (the tenth percentile of its sample times) and the common method at its median', () => {
    const r = record('limits/bandwidth', 16 * KiB, {
      'read-simd': { kind: 'native_variant', ns: 100, noise: 0.2, n: 40 },
      'read-indexOf': { kind: 'builtin', ns: 200, noise: 0.2, n: 40 },
    });
    r.metrics = { level: 0, level_bytes: 48 * KiB };
    const limits: LimitsRef = {};
    updateLimits(limits, r);
    const point = limits.roofline!.ladder![0]!;
    const simd = r.forms['read-simd']!.samples_ns;
    near(point.read_gbps, (16 * KiB) / quantile(simd, ROOFLINE_QUANTILE));
    // Above the median rate by the spread of the samples, so a kernel timed at its median stays under it.
    expect(point.read_gbps!).toBeGreaterThan((1.15 * (16 * KiB)) / median(simd));
    near(point.common_read_gbps, (16 * KiB * r.forms['read-indexOf']!.ops_per_sec) / 1e9);
  });

  it("re-folds the limits of a record's own runtime after a form joins a limits record", () => {
    const bun = { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore' } as const;
    const limitsRecord = bandwidth(16 * MiB, { 'read-simd': 30, 'read-indexOf': 20 });
    const bunLimits = bandwidth(16 * MiB, { 'read-simd': 90, 'read-indexOf': 80 });
    bunLimits.runtime = bun;
    const limits: LimitsRef = {};
    updateLimits(limits, limitsRecord);
    const kernel = record(
      'zero-copy/boundary-in',
      16 * MiB,
      { rust: N((16 * MiB) / 45) },
      { access: 'read', limits },
    );
    const bunKernel = record(
      'zero-copy/boundary-in',
      16 * MiB,
      { native: N(1000) },
      { access: 'read', limits },
    );
    bunKernel.runtime = bun;
    const early = record('controls/aa', 16 * MiB, { native: N(1000) }, { access: 'read' });
    delete early.limits;
    near(rooflineFor(kernel)!.gbps, 30);
    // The Rust suite's scan of the same buffer, faster than the Node-measured one.
    limitsRecord.forms['read-simd-rust'] = bandwidth(16 * MiB, { 'read-simd-rust': 50 }).forms[
      'read-simd-rust'
    ]!;
    refreshLimits([limitsRecord, bunLimits, early, kernel, bunKernel]);
    near(rooflineFor(kernel)!.gbps, 50);
    expect(kernel.limits!.roofline!.ladder![0]!.read_method).toBe('read-simd-rust');
    // Each runtime is held to its own limits; a record measured before the limits gets none.
    near(rooflineFor(bunKernel)!.gbps, 90);
    expect(early.limits).toBeUndefined();
  });

  it('uses the largest size at or below the working set (an upper bound), or a larger one that measured faster', () => {
    // Below the ladder: its smallest point.
    expect(at(10 * KiB, 'read')).toMatchObject({ at_bytes: 16 * KiB });
    near(at(10 * KiB, 'read')!.gbps, 200);
    expect(at(16 * KiB, 'read')).toMatchObject({ at_bytes: 16 * KiB });
    // Just past a point, still that point: a larger size only bounds the kernel from below.
    expect(at(16 * KiB + 1, 'read')).toMatchObject({ at_bytes: 16 * KiB });
    expect(at(1.5 * MiB, 'read')).toMatchObject({ at_bytes: 128 * KiB });
    near(at(1.5 * MiB, 'read')!.gbps, 150);
    expect(at(2 * MiB, 'read')).toMatchObject({ at_bytes: 2 * MiB });
    // Copy at 200 KiB: the 128 KiB point measured 8 GB/s, the 2 MiB one 30: the limit is 30.
    expect(at(200 * KiB, 'copy')).toMatchObject({ at_bytes: 2 * MiB });
    near(at(200 * KiB, 'copy')!.gbps, 30);
    // Beyond the ladder: the largest point.
    expect(at(64 * MiB, 'copy')).toMatchObject({ at_bytes: 16 * MiB });
  });

  it('warns, and RESULTS.md says so, when a form beats its roofline by more than 5%', () => {
    const limits = folded();
    const read = (id: string, size: number, gbps: number) =>
      record(
        id,
        size,
        { native: N(size / gbps), traditional: T((size / gbps) * 4) },
        { access: 'read', limits },
      );
    // 3 MiB kernels, held to the 2 MiB point below them (60 GB/s).
    const within = read('zero-copy/checksum', 3 * MiB, 62); // 103% of 60 GB/s
    const over = read('cache-locality/hot-cold', 3 * MiB, 90); // 150%
    expect(rooflineWarnings([within])).toEqual([]);
    const [warning, ...rest] = rooflineWarnings([within, over]);
    expect(rest).toEqual([]);
    expect(warning).toMatch(
      /^roofline exceeded by cache-locality\/hot-cold native at 3 MiB \(node [^)]+\): 1[45]\d% of the read roofline at 2 MiB \([\d.]+ GB\/s\): the roofline is wrong$/,
    );
    const md = renderMarkdown([...controls(), within, over]);
    expect(md).toContain('1 form above 105% of the roofline');
    expect(md).toContain(`- ${warning!}`);
    expect(renderMarkdown([...controls(), within])).not.toContain('roofline exceeded');
  });

  it('never holds a form that moves no bytes (a view) to the roofline', () => {
    const limits = folded();
    const size = 3 * MiB;
    // A 3 MiB copy at 20 GB/s, and a view over the same bytes at what would read as 90 GB/s, three
    // times the copy roofline at 2 MiB (30 GB/s): a share the report would otherwise flag.
    const views = record(
      'zero-copy/view-slicing',
      size,
      { traditional: T(size / 20), rust_inspired: R(size / 90) },
      { access: 'copy', limits },
    );
    expect(rooflineShare(views, views.forms.traditional!, 'traditional')).not.toBeNull();
    expect(rooflineShare(views, views.forms.rust_inspired!, 'rust_inspired')).toBeNull();
    expect(rooflineWarnings([views])).toEqual([]);
  });
});

describe('best form', () => {
  it('is a form a Node user can call, never Rust without the boundary', () => {
    const r = record('zero-copy/x', 1024, {
      traditional: { kind: 'traditional', ns: 4000 },
      native: { kind: 'native', ns: 1000 },
      rust: { kind: 'rust', ns: 100 },
    });
    expect(summarize([r])[0]!.best[0]).toBe('native');
  });
});

describe('verdicts.json and compare', () => {
  it('has one entry per case and comparison with the headline, the crossover and every size', () => {
    const file = verdictsFile(fixtureRecords());
    expect(file.header).toEqual({
      generated_by: 'rust-patterns report',
      confidence: 0.95,
      equivalence_band: 1.1,
      runtime: 'node v20.0.0 (V8 11)',
      date: '2026-01-01T00:00:00.000Z',
      unreliable: false,
      controls: 'passed',
    });
    const cells = file.verdicts.map((v) => `${v.case} ${v.comparison}`);
    expect(cells).toEqual([
      'zero-copy/checksum rust_inspired_vs_traditional',
      'zero-copy/checksum native_vs_best_js',
      'zero-copy/boundary-in native_vs_best_js',
      'zero-copy/boundary-in best_builtin_vs_traditional',
      'allocation/object-pooling rust_inspired_vs_traditional',
      'concurrency/cpu-bound rust_inspired_vs_traditional',
    ]);
    const boundary = file.verdicts[2]!;
    expect(boundary).toMatchObject({
      size: 100_000,
      challenger: 'native',
      incumbent: 'Buffer#indexOf',
      class: 'slightly-faster',
      crossover: { size: 100_000, text: '100 kB (below: JS faster at 100 B–1 kB, undecided at 10 kB)' },
    });
    expect(boundary.ci_low).toBeLessThan(boundary.ratio);
    expect(boundary.by_size.map((s) => s.size)).toEqual([100, 1_000, 10_000, 100_000]);
    expect(boundary.by_size[0]).toMatchObject({ incumbent: 'Buffer#indexOf', class: 'slower' });
    expect(file.verdicts[0]!.crossover).toBeUndefined();
  });

  it('compareVerdicts counts identical and differing cells, undecided share and crossover decades', () => {
    const base = verdictsFile(fixtureRecords());
    const other: VerdictsFile = structuredClone(base);
    other.verdicts[0]!.class = 'undecided';
    other.verdicts[2]!.crossover = { text: '200 kB', size: 200_000 };
    const third: VerdictsFile = structuredClone(base);
    third.verdicts.pop();
    const cmp = compareVerdicts([base, other, third], ['a', 'b', 'c']);
    expect(cmp.cells).toBe(6);
    expect(cmp.identical).toBe(4);
    expect(cmp.differing.map((d) => [d.case, d.comparison])).toEqual([
      ['concurrency/cpu-bound', 'rust_inspired_vs_traditional'],
      ['zero-copy/checksum', 'rust_inspired_vs_traditional'],
    ]);
    expect(cmp.differing[0]!.classes.c).toBe('missing');
    expect(cmp.differing[0]!.verdicts.c).toBe('missing');
    expect(cmp.undecidedShare).toBeCloseTo(1 / 17);
    // 100 kB and 200 kB share a decade; checksum's "never" matches in all three.
    expect(cmp.crossovers).toMatchObject({ cells: 2, identical: 2 });
    other.verdicts[2]!.crossover = { text: '1 MB', size: 1_000_000 };
    const moved = compareVerdicts([base, other], ['a', 'b']);
    expect(moved.crossovers.identical).toBe(1);
    // The class changed, the direction did not (it is read from the same interval).
    expect(moved.directionIdentical).toBe(6);
    expect(moved.text).toMatch(/^Direction: 6 of 6 \(100\.0%\) verdict cells identical across 2 runs/);
    expect(moved.text).toMatch(/Class \(one of seven\): 5 of 6 \(83\.3%\) cells identical/);
    expect(moved.text).toContain('- zero-copy/boundary-in: a 100 kB');
    expect(cmp.contradicting).toBe(0);
    expect(cmp.inconsistentMagnitudes).toBe(0);
    // Faster in one run and slower in another contradicts; equivalent against faster does not.
    const flipped: VerdictsFile = structuredClone(base);
    const was = flipped.verdicts[1]!.direction;
    flipped.verdicts[1]!.direction = was === 'faster' ? 'slower' : 'faster';
    const againstBase = compareVerdicts([base, flipped], ['a', 'b']);
    expect(againstBase.contradicting).toBe(was === 'faster' || was === 'slower' ? 1 : 0);
    const tie: VerdictsFile = structuredClone(base);
    tie.verdicts[1]!.direction = 'equivalent';
    expect(compareVerdicts([base, tie], ['a', 'b']).contradicting).toBe(0);
  });

  it('states the share of sampling rounds begun in a slow spell of the host', () => {
    const records = fixtureRecords();
    expect(hostContention(records)).toBeNull();
    expect(contentionText(null)).toMatch(/^not measured/);
    // Quickest 15,000 ns: 19,500 is at the 1.3x line (quiet), 19,600 and 30,000 are past it.
    records[0]!.process_samples = { [HOST_CANARY]: { values: [15_000, 19_500, 30_000], process: [0, 0, 1] } };
    records[1]!.process_samples = { [HOST_CANARY]: { values: [15_100, 19_600] } };
    const h = hostContention(records)!;
    expect(h).toEqual({ rounds: 5, contended: 2, share: 0.4, quickest_ns: 15_000 });
    expect(contentionText(h)).toMatch(
      /^2 of 5 sampling rounds \(40\.0%\) began while a JS canary loop took over 1\.3× its quickest time \(15\.0 µs\)/,
    );
    const file = verdictsFile(records);
    expect(file.header.host_contention).toEqual(h);
    // Per case, against the run's quickest reading: 1 of 3 and 1 of 2 rounds.
    expect(contendedShareByCase(records)).toEqual(
      new Map([
        [records[0]!.benchmark, 1 / 3],
        [records[1]!.benchmark, 1 / 2],
      ]),
    );
    const quiet: VerdictsFile = structuredClone(file);
    quiet.header.host_contention = { rounds: 4, contended: 0, share: 0, quickest_ns: 15_000 };
    const older: VerdictsFile = structuredClone(file);
    delete older.header.host_contention;
    expect(compareVerdicts([file, quiet, older], ['a', 'b', 'c']).text).toContain(
      'Sampling rounds begun in a slow spell of the host (host canary): a 40.0% (2 of 5), b 0.0% (0 of 4), c not measured.',
    );
    expect(compareVerdicts([older, older], ['a', 'b']).text).not.toContain('slow spell');
    // Each verdict carries its own case's share; a case without readings carries none.
    const checksum = records.find((r) => r.benchmark === 'zero-copy/checksum')!;
    checksum.process_samples = { [HOST_CANARY]: { values: [15_000, 40_000] } };
    const perCase = verdictsFile(records).verdicts;
    const shareOf = (id: string) => perCase.filter((v) => v.case === id).map((v) => v.host_contended_share);
    expect(shareOf('zero-copy/checksum')).toEqual([0.5, 0.5]);
    expect(shareOf('zero-copy/boundary-in')).toEqual([undefined, undefined]);
  });

  it('compareVerdicts reads direction and magnitude, and finds disjoint magnitudes', () => {
    const base = verdictsFile(fixtureRecords());
    const v = base.verdicts[0]!;
    const at = (lo: number, hi: number): VerdictsFile => {
      const f: VerdictsFile = structuredClone(base);
      Object.assign(f.verdicts[0]!, { ci_low: lo, ci_high: hi, ratio: Math.sqrt(lo * hi) });
      // An older file: no direction or magnitude fields, read from the interval.
      delete (f.verdicts[0] as Partial<typeof v>).direction;
      delete (f.verdicts[0] as Partial<typeof v>).magnitude;
      return f;
    };
    const a = at(1.87, 2.02); // slightly faster to faster
    const b = at(2.1, 3); // faster
    const c = at(1.2, 1.8); // slightly faster: shares no class with b
    const ab = compareVerdicts([a, b], ['a', 'b']);
    expect(ab.inconsistentMagnitudes).toBe(0);
    expect(ab.directionIdentical).toBe(base.verdicts.length);
    expect(compareVerdicts([b, c], ['b', 'c']).inconsistentMagnitudes).toBe(1);
    const undecided = at(0.9, 3);
    const mixed = compareVerdicts([a, undecided], ['a', 'u']);
    expect(mixed.contradicting).toBe(0);
    expect(mixed.directionIdentical).toBe(base.verdicts.length - 1);
    expect(mixed.differing[0]!.verdicts).toMatchObject({
      a: 'faster, slightly faster to faster',
      u: 'undecided, magnitude undecided',
    });
    expect(mixed.directionUndecidedShare).toBeCloseTo(1 / (2 * base.verdicts.length));
  });

  it('compareVerdicts counts how often one run falls inside another run interval', () => {
    const base = verdictsFile(fixtureRecords());
    const sizes = base.verdicts.reduce((n, v) => n + v.by_size.length, 0);
    // The same run twice: every ratio lies inside its own interval.
    expect(compareVerdicts([base, structuredClone(base)], ['a', 'b']).predictive).toEqual({
      pairs: 2 * sizes,
      inside: 2 * sizes,
    });
    // One run's ratios moved ten times past its intervals' top (the intervals kept): base's ratios
    // still fall inside far's intervals, far's ratios never inside base's.
    const far: VerdictsFile = structuredClone(base);
    for (const v of far.verdicts) for (const p of v.by_size) p.ratio = p.ci_high * 10;
    expect(compareVerdicts([base, far], ['a', 'b']).predictive).toEqual({ pairs: 2 * sizes, inside: sizes });
  });
});

describe('results schema', () => {
  const schema = JSON.parse(
    readFileSync(join(__dirname, '..', 'schema', 'results.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  const fixture = JSON.parse(
    readFileSync(join(__dirname, 'fixtures', 'results-verdicts.json'), 'utf8'),
  ) as ResultRecord[];

  it('accepts the fixture', () => {
    const ok = validate(fixture);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('requires raw samples and a known form kind', () => {
    const noSamples = structuredClone(fixture[0]!) as unknown as {
      forms: Record<string, Record<string, unknown>>;
    };
    delete noSamples.forms.traditional!.samples_ns;
    expect(validate([noSamples])).toBe(false);
    const badKind = structuredClone(fixture[0]!) as unknown as {
      forms: Record<string, Record<string, unknown>>;
    };
    badKind.forms.traditional!.kind = 'fastest';
    expect(validate([badKind])).toBe(false);
    expect(validate([{ ...fixture[0]!, size: 'large' }])).toBe(false);
  });
});

describe('boundary layers', () => {
  it('prices napi-rs and the public export over the raw Node-API callback, layer by layer', () => {
    const r = record(
      'limits/boundary',
      1,
      {
        'raw-noop': { kind: 'native_variant', ns: 10, n: 20 },
        'napi-noop': { kind: 'native_variant', ns: 20, n: 20 },
        'raw-crc32Sync-16B': { kind: 'native_variant', ns: 50, n: 20 },
        'napi-crc32Sync-16B': { kind: 'native_variant', ns: 65, n: 20 },
        'public-crc32Sync-16B': { kind: 'native_variant', ns: 50, n: 20 },
      },
      { unit: 'calls' },
    );
    const text = boundaryLayers([r]).join('\n');
    expect(text).toMatch(/\| noop \| [\d.]+ ns \| 20 ns: 2\.0\d× \[[\d.]+–[\d.]+\] \| — \|/);
    expect(text).toMatch(
      /\| crc32Sync-16B \| [\d.]+ ns \| [\d.]+ ns: 1\.[23]\d× .* \| [\d.]+ ns: (0\.9\d|1\.0\d)× /,
    );
    expect(boundaryLayers([])).toEqual([]);
  });
});
