import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import type { ResultRecord, RuntimeInfo } from '../benchmark/engine/record.js';
import { acrossRuntimes } from '../benchmark/report/across.js';
import { controlsOf, limitsOf, summarize } from '../benchmark/report/analyze.js';
import { renderHtml } from '../benchmark/report/html.js';
import { readmeBlock, renderMarkdown } from '../benchmark/report/markdown.js';
import { groupByRuntime, mainGroup } from '../benchmark/report/runtimes.js';
import { verdictsFile } from '../benchmark/report/verdicts.js';
import { controls, record, syntheticLimits, type FormSpec } from './fixtures/synthetic-records.js';

const T = (ns: number): FormSpec => ({ kind: 'traditional', ns });
const R = (ns: number): FormSpec => ({ kind: 'rust_inspired', ns });
const N = (ns: number): FormSpec => ({ kind: 'native', ns });

const runtimes: Record<string, RuntimeInfo> = {
  node20: { name: 'node', version: 'v20.20.0', engine: 'V8 11.3.244.8-node.38' },
  node22: { name: 'node', version: 'v22.23.5', engine: 'V8 12.4.254.21-node.57' },
  node26: { name: 'node', version: 'v26.12.1', engine: 'V8 14.6.202.34-node.40' },
  bun: { name: 'bun', version: '1.4.5', engine: 'JavaScriptCore (WebKit d6375c72af)' },
  deno: { name: 'deno', version: '2.9.6', engine: 'V8 15.0.245.2-rusty' },
};

/** The records as measured by `runtime`, with that runtime's call floor. */
function on(name: keyof typeof runtimes, records: ResultRecord[], floorNs = 22): ResultRecord[] {
  const runtime = runtimes[name]!;
  return records.map((r) => ({
    ...r,
    runtime,
    machine: { ...r.machine, node: runtime.name === 'node' ? runtime.version : 'v24.3.0' },
    limits: { ...syntheticLimits, call_floor_ns: { noop: floorNs, borrow_16b: floorNs * 2 } },
  }));
}

/**
 * One run's records: the controls, `zero-copy/checksum` at 16 bytes and 1 MiB (native over JS by
 * `nativeRatio` at 1 MiB, and `crc16Ns` native at 16 B), and `zero-copy/view-slicing` with
 * Rust-inspired JS 3x traditional on every runtime.
 */
function run(nativeRatio: number, crc16Ns: number): ResultRecord[] {
  return [
    ...controls(),
    record(
      'zero-copy/checksum',
      16,
      { traditional: T(400), rust_inspired: R(100), native: N(crc16Ns) },
      { access: 'read' },
    ),
    record(
      'zero-copy/checksum',
      1 << 20,
      { traditional: T(2_000_000), rust_inspired: R(400_000), native: N(400_000 / nativeRatio) },
      { access: 'read' },
    ),
    record('zero-copy/view-slicing', 1000, { traditional: T(30_000), rust_inspired: R(10_000) }),
  ];
}

/** Node 22: native 4x (faster); Node 26: native 20x (much faster); Bun: native 0.4x (slower). */
const all = [
  ...on('node22', run(4, 60), 30),
  ...on('node26', run(20, 50), 25),
  ...on('bun', run(0.4, 80), 12),
];

describe('records from several runtimes', () => {
  it('groups by runtime, and the newest Node LTS is the main runtime', () => {
    const groups = groupByRuntime(all);
    expect(groups.map((g) => g.label)).toEqual(['node 22.23.5', 'node 26.12.1', 'bun 1.4.5']);
    expect(mainGroup(all)!.label).toBe('node 26.12.1');
    // Without Node 26, Node 22; Node 20 is older still.
    expect(mainGroup([...on('node20', run(4, 60)), ...on('node22', run(4, 60))])!.label).toBe('node 22.23.5');
    expect(mainGroup(on('bun', run(4, 60)))!.label).toBe('bun 1.4.5');
  });

  it('summarizes the main runtime only: no size is read twice', () => {
    const cases = summarize(all);
    const checksum = cases.find((c) => c.id === 'zero-copy/checksum')!;
    expect(checksum.points.map((p) => p.size)).toEqual([16, 1 << 20]);
    expect(checksum.points.every((p) => p.runtime.version === 'v26.12.1')).toBe(true);
    expect(checksum.native!.headline.class).toBe('much-faster');
    expect(controlsOf(all).aa).toHaveLength(1);
    expect(limitsOf(all).call_floor_ns).toEqual({ noop: 25, borrow_16b: 50 });
  });

  it('the matrix, README block and verdicts.json come from node26 and say so', () => {
    const md = renderMarkdown(all);
    const matrix = md.slice(md.indexOf('## Matrix'), md.indexOf('## Research questions'));
    const row = matrix.split('\n').find((l) => l.includes('| zero-copy/checksum |'))!;
    expect(row).toMatch(/\| zero-copy\/checksum \| faster [^|]* \| much faster [^|]* vs Rust-inspired \|/);
    expect(md).toContain(
      'The matrix reads node 26.12.1 (V8 14.6.202.34-node.40), the newest Node LTS of the 3 runtimes',
    );
    expect(md).toContain('Node v26.12.1');
    expect(readmeBlock(all)).toContain('Node v26.12.1 (one of 3 runtimes in these results');
    const v = verdictsFile(all);
    expect(v.header.runtime).toBe('node v26.12.1 (V8 14.6.202.34-node.40)');
    expect(
      v.verdicts.find((e) => e.case === 'zero-copy/checksum' && e.comparison === 'native_vs_best_js')!.class,
    ).toBe('much-faster');
    expect(v.by_runtime!.map((r) => [r.runtime, r.main])).toEqual([
      ['node 22.23.5', false],
      ['node 26.12.1', true],
      ['bun 1.4.5', false],
    ]);
    expect(
      v.by_runtime![2]!.verdicts.find(
        (e) => e.case === 'zero-copy/checksum' && e.comparison === 'native_vs_best_js',
      )!.class,
    ).toBe('slower');
  });
});

describe('the compact matrix with several runtimes', () => {
  it('marks a verdict whose direction another runtime does not share, and says where', () => {
    const md = renderMarkdown(all);
    const native = md.split('\n').find((l) => l.startsWith('| `zero-copy/checksum` |'))!;
    // node26 (the matrix) much faster, node22 faster (same direction), bun slower: marked.
    expect(native).toMatch(/ vs [^|]* †( ‡)? \|/);
    expect(md).toContain(
      '† Shown on node 26.12.1 only; elsewhere:\n\n- `zero-copy/checksum` native: bun 1.4.5 slower',
    );
    // view-slicing is faster on every runtime: no mark.
    const views = md.split('\n').find((l) => l.startsWith('| `zero-copy/view-slicing` |'))!;
    expect(views).not.toContain('†');
    // One runtime: nothing to mark.
    expect(renderMarkdown(on('node26', run(20, 50)))).not.toContain('† Shown on');
  });
});

describe('the "Across runtimes" section', () => {
  const md = renderMarkdown(all);
  const section = md.slice(md.indexOf('## Across runtimes'), md.indexOf('## Figures'));

  it('sets each runtime beside the others, with its call floor and 16-byte crc32Sync', () => {
    expect(section).toContain(
      '| Case | Comparison | node 22.23.5 | node 26.12.1 (matrix) | bun 1.4.5 | Flip |',
    );
    const row = (label: string): string => section.split('\n').find((l) => l.startsWith(`| ${label}`))!;
    expect(row('node 22.23.5')).toContain('| 30 / 60 ns |');
    expect(row('node 22.23.5')).toMatch(/\| (59\.\d|60(\.\d)?) ns \| none \|$/);
    expect(row('node 26.12.1 (matrix)')).toContain('| 25 / 50 ns |');
    expect(row('bun 1.4.5')).toContain('| 12 / 24 ns |');
    expect(row('bun 1.4.5')).toMatch(/\| (79\.\d|80(\.\d)?) ns \| none \|$/);
    expect(row('bun 1.4.5')).toContain('| JavaScriptCore (WebKit d6375c72af) |');
    expect(row('node 26.12.1 (matrix)')).toContain(
      '| 80.0 / 50.0 / 30.0 / 12.0 | 40.0 / 25.0 / 15.0 / 6.0 |',
    );
  });

  it('highlights flips: a direction flip, a class flip, and no mark where all agree', () => {
    const lines = section.split('\n');
    const native = lines.find((l) => l.startsWith('| `zero-copy/checksum` | native vs fastest JS'))!;
    // node22 faster and bun slower differ from node26's much faster: both bold; bun is slower.
    expect(native).toMatch(
      /\| \*\*faster [^|]* vs rust_inspired\*\* \| much faster [^|]* \| \*\*slower [^|]*\*\* \| \*\*direction flip\*\* \|$/,
    );
    const rust = lines.find((l) =>
      l.startsWith('| `zero-copy/view-slicing` | Rust-inspired JS vs traditional'),
    )!;
    expect(rust).toMatch(/\| faster [^|*]* \| faster [^|*]* \| faster [^|*]* \|  \|$/);
    expect(section).toContain('**Flips:** 1 of 3 rows:');
    expect(section).toMatch(
      /- `zero-copy\/checksum`, native vs fastest JS \(direction flips\): faster .* on node 22\.23\.5; much faster .* on node 26\.12\.1; slower .* on bun 1\.4\.5\./,
    );

    const classFlip = acrossRuntimes([...on('node22', run(4, 60)), ...on('node26', run(20, 50))])!;
    expect(classFlip.rows.find((r) => r.comparison === 'native_vs_best_js')!.flip).toBe('class');
  });

  it('is absent, and the header unchanged, when one runtime measured everything', () => {
    const one = run(4, 60);
    const single = renderMarkdown(one);
    expect(single).not.toContain('Across runtimes');
    expect(single).toContain('(2 cores), Node v20.0.0. Do not edit');
    expect(verdictsFile(one).by_runtime).toBeUndefined();
    expect(renderHtml(one)).not.toContain('Across runtimes');
  });

  it('the HTML report carries the section, flipped rows marked', () => {
    const html = renderHtml(all);
    expect(html).toContain('<h2>Across runtimes</h2>');
    expect(html).toMatch(/<tr data-case="zero-copy\/checksum" class="flip">/);
    expect(html).toContain('<strong>direction flip</strong>');
  });

  it('words each HTML cell as RESULTS.md does: a magnitude of two classes is not "undecided"', () => {
    // Native at 2x on Node 22: the interval straddles the slightly-faster / faster boundary.
    const two = [...on('node22', run(2, 60)), ...on('node26', run(20, 50))];
    const a = acrossRuntimes(two)!;
    const row = a.rows.find((r) => r.case === 'zero-copy/checksum' && r.comparison === 'native_vs_best_js')!;
    const v = row.verdicts[a.groups.findIndex((g) => g.label === 'node 22.23.5')]!;
    expect(v.magnitude).toEqual(['slightly-faster', 'faster']);
    expect(v.class).toBe('undecided');
    const html = renderHtml(two);
    expect(html).toContain('<span class="badge v-undecided">slightly faster to faster</span>');
    expect(html).not.toContain('<span class="badge v-undecided">undecided</span>');
  });
});

describe('metrics a runtime lacks', () => {
  const schema = JSON.parse(
    readFileSync(join(__dirname, '..', 'schema', 'results.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

  /** A Bun run whose GC profiler and ArrayBuffer counter are missing. */
  const bun = on('bun', run(0.4, 80)).map((r) => ({
    ...r,
    unavailable: ['array_buffer_bytes', 'gc_profiler'] as ResultRecord['unavailable'],
    forms: Object.fromEntries(
      Object.entries(r.forms).map(([k, f]) => [
        k,
        {
          ...f,
          gc: null,
          memory: {
            ops: 100,
            heap_bytes_per_op: 64,
            array_buffer_bytes_per_op: null,
            external_bytes_per_op: null,
            external_lower_bound: false,
            peak_rss_bytes: 1 << 26,
          },
        },
      ]),
    ),
  }));

  it('are null in the record, named in `unavailable`, and valid by the schema', () => {
    expect(validate(bun)).toBe(true);
    expect(validate([{ ...bun[0]!, unavailable: ['gc'] }])).toBe(false);
  });

  it('read n/a in the figures and "at least" in the sentences, never 0', () => {
    const md = renderMarkdown(bun);
    const row = md.split('\n').find((l) => l.startsWith('| `zero-copy/checksum` | 1 MiB | native'))!;
    expect(row).toMatch(/\| 64 B \| n\/a \| n\/a \|$/);
    expect(md).toContain('(2 cores), Bun 1.4.5, JavaScriptCore (WebKit d6375c72af). Do not edit');
    const across = renderMarkdown([...bun, ...on('node26', run(20, 50))]);
    expect(across).toMatch(/\| bun 1\.4\.5 \|.*\| array_buffer_bytes, gc_profiler \|/);
    expect(across).toMatch(/\| node 26\.12\.1 \(matrix\) \|.*\| none \|/);
  });
});
