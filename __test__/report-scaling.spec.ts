import { describe, expect, it } from 'vitest';

import { summarize } from '../benchmark/report/analyze.js';
import { renderHtml } from '../benchmark/report/html.js';
import { renderMarkdown } from '../benchmark/report/markdown.js';
import { scalingCurves, scalingSvg } from '../benchmark/report/scaling.js';
import { controls, record } from './fixtures/synthetic-records.js';

const V = (ns: number) => ({ kind: 'variant' as const, ns });

/** A cpu-bound record whose pool runs 0.9× at one thread and `two`× at two, over traditional. */
const cpuBound = (two: number) =>
  record('concurrency/cpu-bound', 1 << 20, {
    traditional: { kind: 'traditional', ns: 1e6 },
    rust_inspired: { kind: 'rust_inspired', ns: 1e6 / two },
    'pool@1t': V(1e6 / 0.9),
    'pool@2t': V(1e6 / two),
  });

describe('speed-up against threads', () => {
  it('reads one curve per scaling form, each point against one-thread traditional', () => {
    const [curve, ...rest] = scalingCurves(summarize([cpuBound(1.9)]));
    expect(rest).toEqual([]);
    expect(curve!.form).toBe('pool');
    expect(curve!.points.map((p) => p.threads)).toEqual([1, 2]);
    const [one, two] = curve!.points.map((p) => p.speedup);
    expect(one!.incumbent).toBe('traditional');
    expect(one!.ratio).toBeCloseTo(0.9, 1);
    expect(two!.ratio).toBeCloseTo(1.9, 1);
    expect(two!.lo).toBeLessThanOrEqual(two!.ratio);
    expect(two!.hi).toBeGreaterThanOrEqual(two!.ratio);
  });

  it('prints a row per curve in RESULTS.md and an SVG per curve in the HTML report', () => {
    const records = [...controls(), cpuBound(1.9)];
    const md = renderMarkdown(records);
    expect(md).toContain('## Scaling with threads');
    expect(md).toMatch(
      /\| pool \| 1 MiB \| slightly slower 0\.\d\d× \[[\d.]+–[\d.]+\] \| slightly faster 1\.\d\d× \[/,
    );
    const html = renderHtml(records);
    expect(html).toContain('<svg class="scaling" data-case="concurrency/cpu-bound" data-form="pool"');
    const svg = scalingSvg(scalingCurves(summarize(records))[0]!);
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it('says so when the records have no scaling forms', () => {
    const md = renderMarkdown([
      ...controls(),
      record('concurrency/cpu-bound', 8, { traditional: { kind: 'traditional', ns: 1e3 } }),
    ]);
    expect(md).toContain('No scaling forms in these records');
    expect(renderHtml([...controls()])).not.toContain('class="scaling"');
  });
});
