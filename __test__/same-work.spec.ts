/**
 * The rows of issue 25 that must compare the same work: each case's forms pass its own check at
 * its smallest quick size, and the forms its verdict compares do the work its title names.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { benchCase as accessOrder } from '../benchmark/cases/cache-locality/access-order.js';
import { benchCase as tokioBridge } from '../benchmark/cases/async/tokio-bridge.js';
import { benchCase as messagePassing } from '../benchmark/cases/concurrency/message-passing.js';
import { benchCase as synchronization } from '../benchmark/cases/concurrency/synchronization.js';
import { benchCase as workDistribution } from '../benchmark/cases/concurrency/work-distribution.js';
import { benchCase as parallelMapCase } from '../benchmark/cases/library/parallel-map.js';
import { benchCase as moveCase } from '../benchmark/cases/ownership/move.js';
import { caseContext, type BenchCase } from '../benchmark/engine/case.js';
import { checkForms, formsOf } from '../benchmark/engine/runner.js';
import { comparePoint } from '../benchmark/report/analyze.js';
import { js, native } from '../benchmark/lab/native.js';
import { labWasm } from '../benchmark/lab/wasm-lab.js';
import { thresholds } from '../src/thresholds.js';
import { record } from './fixtures/synthetic-records.js';

const root = path.join(__dirname, '..');

/** Runs `body` on the case's state at `size` (default: its smallest quick size), then tears down. */
async function withState<S>(c: BenchCase<S>, body: (s: S) => Promise<void> | void, size?: number) {
  const state = await c.setup(size ?? Math.min(...c.sizes.quick), caseContext(2));
  try {
    await body(state);
  } finally {
    await c.teardown?.(state);
  }
}

/** Every form's first result, as the runner's check sees them. */
async function results<S>(c: BenchCase<S>, s: S): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of formsOf(c, 2)) out[f.key] = c.async ? await f.fn(s) : f.fn(s);
  return out;
}

// parallel-map's forms are checked in a child below.
const cases = [
  accessOrder,
  tokioBridge,
  messagePassing,
  synchronization,
  workDistribution,
  moveCase,
] as unknown as Array<BenchCase<unknown>>;

describe('rows that compare the same work', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s: every form passes the check', async (_id, c) => {
    await withState(c, (s) => checkForms(c, s, 2));
  });

  it('access-order: every timed form takes the shuffled index; the sorted ones sort inside the op', async () => {
    const keys = formsOf(accessOrder).map((f) => f.key);
    expect(keys).toEqual([
      'traditional',
      'rust_inspired',
      ...(native ? ['native'] : []),
      ...(labWasm ? ['wasm'] : []),
    ]);
    await withState(
      accessOrder,
      (s) => {
        const before = s.shuffled.slice();
        const sorted = Array.from(s.shuffled).sort((a, b) => a - b);
        const expected = sorted.reduce((sum, i) => sum + s.data[i]!, 0);
        expect(accessOrder.rustInspired!(s)).toBe(expected);
        if (native) expect(accessOrder.native!(s)).toBe(expected);
        if (labWasm) expect(accessOrder.nativeVariants!.wasm!(s)).toBe(expected);
        // Both sort a copy: the index the next op gets is still shuffled.
        expect(s.shuffled).toEqual(before);
        const metrics = accessOrder.metrics!(s, 'quick') as Record<string, number>;
        for (const k of ['js_sequential_ms', 'js_strided_ms', 'js_shuffled_ms', 'sort_ms'])
          expect(metrics[k], k).toBeGreaterThanOrEqual(0);
      },
      10_000,
    );
  });

  it('tokio-bridge: its one verdict is the tokio future against the AsyncTask, not against JS', () => {
    const forms = formsOf(tokioBridge);
    expect(forms.some((f) => f.kind === 'native')).toBe(false);
    const spec = Object.fromEntries(
      forms.map((f) => [f.key, { kind: f.kind, ns: f.key === 'js-async' ? 10 : 1000 }]),
    );
    if (!native) return;
    const v = comparePoint(record(tokioBridge.id, 1, spec), 'rust_inspired_vs_traditional');
    expect(v).toMatchObject({ challenger: 'rust_inspired', incumbent: 'traditional' });
    expect(comparePoint(record(tokioBridge.id, 1, spec), 'native_vs_best_js')).toBeNull();
    // The two sides are the two bridges: a form that called the JS twin would resolve at once.
    expect(String(tokioBridge.traditional)).toContain('libuvBridgeMix');
    expect(String(tokioBridge.rustInspired)).toContain('tokioBridgeMix');
  });

  it('ownership/move: traditional is a defensive copy, pass-reference hands on the same object', async () => {
    await withState(moveCase, async (s) => {
      const r = await results(moveCase, s);
      expect(r.traditional).not.toBe(s.source);
      expect(r.traditional).toEqual(s.source);
      expect(r['pass-reference']).toBe(s.source);
      // Four sizes below and at the detach-tax size give a crossover with the copies.
      expect(moveCase.sizes.quick.length).toBeGreaterThanOrEqual(4);
      expect(await moveCase.processSamples!(s, 'quick')).toEqual({});
    });
  });

  it.skipIf(typeof (globalThis as { Bun?: unknown }).Bun !== 'undefined')(
    'ownership/move: the detach tax is taken per process at one size, with its control',
    async () => {
      await withState(
        moveCase,
        async (s) => {
          const taken = await moveCase.processSamples!(s, 'quick');
          for (const k of ['detach_before_ns', 'detach_after_ns', 'control_before_ns', 'control_after_ns']) {
            expect(taken[k], k).toHaveLength(1);
            expect(taken[k]![0], k).toBeGreaterThan(0);
          }
        },
        Math.max(...moveCase.sizes.quick),
      );
    },
  );

  it('parallel-map: the default call runs inline below its threshold, the forced one on the pool', () => {
    expect(Math.max(...parallelMapCase.sizes.quick)).toBeLessThan(thresholds.parallelMinElements);
    // In a child: the case imports tinypool (ESM) through a dynamic import vitest cannot serve.
    const script = `
      const { benchCase: c } = require(${JSON.stringify(path.join(root, 'benchmark/cases/library/parallel-map.ts'))});
      const { caseContext } = require(${JSON.stringify(path.join(root, 'benchmark/engine/case.ts'))});
      const { checkForms, formsOf } = require(${JSON.stringify(path.join(root, 'benchmark/engine/runner.ts'))});
      const { parallelStats } = require(${JSON.stringify(path.join(root, 'src/concurrency.ts'))});
      (async () => {
        const s = await c.setup(Math.min(...c.sizes.quick), caseContext(2));
        try {
          await checkForms(c, s, 2);
          const forms = Object.fromEntries(formsOf(c, 2).map((f) => [f.key, f.fn]));
          const a = parallelStats();
          await forms['parallelMap-default'](s);
          const b = parallelStats();
          await forms.rust_inspired(s);
          const d = parallelStats();
          console.log(JSON.stringify({
            defaultInline: b.inline - a.inline, defaultPooled: b.pooled - a.pooled,
            forcedInline: d.inline - b.inline, forcedPooled: d.pooled - b.pooled,
          }));
        } finally {
          await c.teardown(s);
        }
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      defaultInline: 1,
      defaultPooled: 0,
      forcedInline: 0,
      forcedPooled: 1,
    });
  });

  it('message-passing: at least three sizes from small to large, clone and transfer both ways', () => {
    const sizes = messagePassing.sizes.quick;
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(1024);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(16 << 20);
    expect(formsOf(messagePassing).map((f) => f.key)).toContain('clone-round-trip');
  });

  it.skipIf(native === null)(
    'work-distribution: the lanes kernels are checked against the chain',
    async () => {
      await withState(workDistribution, async (s) => {
        const r = await results(workDistribution, s);
        expect(r['native-lanes']).toBe(js.sumSquaresLanesSync(s.data));
        // A lanes result off by more than rounding fails the check.
        const wrong = { ...r, 'native-lanes': (r.traditional as number) * 1.01 + 1 };
        expect(() => workDistribution.check(wrong, s)).toThrow('native-lanes');
        const m = (await workDistribution.metrics!(s, 'quick')) as Record<string, number>;
        expect(m.read_roofline_gbps).toBeGreaterThan(0);
        expect(m.native_lanes_share_of_read).toBeGreaterThan(0);
      });
    },
  );
});
