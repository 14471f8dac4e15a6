import { describe, expect, it } from 'vitest';

import { benchCase as inPlace } from '../benchmark/cases/allocation/in-place.js';
import { benchCase as streamBuffering } from '../benchmark/cases/async/stream-buffering.js';
import { benchCase as hotCold } from '../benchmark/cases/cache-locality/hot-cold.js';
import { benchCase as records } from '../benchmark/cases/zero-copy/records.js';
import { allCases } from '../benchmark/cases/index.js';
import { caseContext, type BenchCase } from '../benchmark/engine/case.js';
import { formsOf, snapshot } from '../benchmark/engine/runner.js';
import { summarize } from '../benchmark/report/analyze.js';
import { table } from '../benchmark/report/markdown.js';
import { stepsOf, stepsSection } from '../benchmark/report/steps.js';
import { record } from './fixtures/synthetic-records.js';

/** Every form's result at `size`, each run once on the case's state and snapshotted. */
async function resultsOf<S>(
  c: BenchCase<S>,
  size: number,
): Promise<{ state: S; results: Record<string, unknown> }> {
  const state = await c.setup(size, caseContext());
  const results: Record<string, unknown> = {};
  for (const f of formsOf(c)) results[f.key] = snapshot(await f.fn(state));
  return { state, results };
}

/** A result of the same shape as `r` that differs from it. */
function corrupt(r: unknown): unknown {
  if (typeof r === 'number') return r + 1;
  if (Array.isArray(r))
    return r.length > 0 && typeof r[0] === 'number' ? [r[0] + 1, ...r.slice(1)] : r.slice(1);
  if (ArrayBuffer.isView(r)) {
    const copy = new Uint8Array(r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength));
    copy[0] = copy[0]! ^ 1;
    return copy;
  }
  if (r && typeof r === 'object') {
    const o = { ...(r as Record<string, unknown>) };
    const [k] = Object.keys(o);
    o[k!] = corrupt(o[k!]);
    return o;
  }
  throw new Error(`cannot corrupt ${String(r)}`);
}

const ladders = [records, inPlace, hotCold, streamBuffering] as Array<BenchCase<unknown>>;

describe.each(ladders.map((c) => [c.id, c] as const))('decomposed case %s', (_id, c) => {
  it('has a ladder from traditional to rust_inspired over forms the case defines', () => {
    const names = formsOf(c).map((f) => f.key);
    expect(c.steps?.[0]).toBe('traditional');
    expect(c.steps).toContain('rust_inspired');
    expect(c.steps!.filter((s) => !names.includes(s))).toEqual([]);
    expect(new Set(c.steps).size).toBe(c.steps!.length);
  });

  it('checks every form against a reference, each on its own, and rejects any one wrong form', async () => {
    for (const size of [c.sizes.quick[0]!, 1000]) {
      const { state, results } = await resultsOf(c, size);
      expect(() => c.check(results, state)).not.toThrow();
      for (const key of Object.keys(results)) {
        const bad = { ...results, [key]: corrupt(results[key]) };
        expect(() => c.check(bad, state), `${c.id} at ${size}: ${key} corrupted`).toThrow(/check failed/);
      }
    }
  });
});

describe('every case ladder', () => {
  it('names only forms of its case', () => {
    const wrong = allCases.flatMap((c) => {
      const names = new Set(formsOf(c).map((f) => f.key));
      return (c.steps ?? []).filter((s) => !names.has(s)).map((s) => `${c.id}: ${s}`);
    });
    expect(wrong).toEqual([]);
  });
});

describe('which step buys what (report/steps.ts)', () => {
  const ladder = ['traditional', 'middle', 'rust_inspired'];
  const points = [100, 10_000].map((size) => ({
    ...record(
      'zero-copy/records',
      size,
      {
        traditional: { kind: 'traditional', ns: 4000 },
        middle: { kind: 'variant', ns: 2000 },
        rust_inspired: { kind: 'rust_inspired', ns: 2000 },
        native: { kind: 'native', ns: 500 },
      },
      { unit: 'records' },
    ),
    steps: ladder,
  }));

  it('compares each form with the one before it, at every size', () => {
    const [c] = summarize(points);
    const steps = stepsOf(c!);
    expect(steps.map((s) => [s.from, s.to])).toEqual([
      ['traditional', 'middle'],
      ['middle', 'rust_inspired'],
    ]);
    expect(steps[0]!.bySize.map((v) => v.size)).toEqual([100, 10_000]);
    for (const v of steps[0]!.bySize) expect(v.ratio).toBeCloseTo(2, 1);
    for (const v of steps[1]!.bySize) expect(v.class).toBe('equivalent');
  });

  it('leaves out a step whose form is missing instead of bridging it', () => {
    const withoutMiddle = points.map((p) => {
      const { middle: _middle, ...forms } = p.forms;
      return { ...p, forms };
    });
    const [c] = summarize(withoutMiddle);
    expect(stepsOf(c!).map((s) => s.bySize.length)).toEqual([0, 0]);
    expect(stepsSection([c!], table).join('\n')).toContain('not measured');
  });

  it('renders a row per step and nothing for cases without a ladder', () => {
    const [c] = summarize(points);
    const text = stepsSection([c!], table).join('\n');
    expect(text).toContain('## Which step buys what');
    expect(text).toContain('`traditional` → `middle`');
    expect(text).toMatch(/100 records: \w[\w ]* 2\.0\d?× \[/);
    const plain = summarize(points.map(({ steps: _steps, ...p }) => p));
    expect(stepsSection(plain, table)).toEqual([]);
  });
});
