import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { runBenny } from '../benchmark/benny-adapter.js';
import { caseOf } from '../benchmark/cases/index.js';
import type { VerdictsFile } from '../benchmark/report/verdicts.js';

const verdicts = JSON.parse(readFileSync('benchmark/VERDICTS.json', 'utf8')) as VerdictsFile;

/**
 * Sizes where the committed run's engine verdict of Rust-inspired JS against traditional JS is
 * decided by a wide margin (at least 3x either way: benny does not interleave its forms, and the
 * machine may be loaded, so a narrow verdict would make this a timed test), in cases whose forms
 * take well under a millisecond there.
 */
const decided = verdicts.verdicts
  .filter((v) => v.comparison === 'rust_inspired_vs_traditional')
  .flatMap((v) =>
    v.by_size
      .filter((p) => p.direction !== 'undecided' && p.direction !== 'equivalent')
      .filter((p) => p.ci_low >= 3 || p.ci_high <= 1 / 3)
      .map((p) => ({ case: v.case, size: p.size, direction: p.direction })),
  )
  .filter((p) => ['zero-copy/view-slicing', 'zero-copy/records', 'async/scheduling'].includes(p.case))
  .filter((p) => p.size <= 100_000);

describe('benny beside the engine', () => {
  it('has decided cells to check against', () => {
    expect(decided.length).toBeGreaterThanOrEqual(2);
  });

  it.each(decided.map((d) => [`${d.case} @ ${d.size}`, d] as const))(
    "%s: benny's fastest form is the one the engine's direction verdict names",
    async (_label, d) => {
      const c = caseOf(d.case)!;
      const run = await runBenny(c, d.size, { forms: ['traditional', 'rust_inspired'], maxTime: 0.2 });
      expect(run.rows.map((r) => r.form).sort()).toEqual(['rust_inspired', 'traditional']);
      expect(run.fastest).toBe(d.direction === 'faster' ? 'rust_inspired' : 'traditional');
    },
    60_000,
  );

  it('refuses a size or a form the case does not define', async () => {
    const c = caseOf('zero-copy/view-slicing')!;
    await expect(runBenny(c, 7)).rejects.toThrow(RangeError);
    await expect(runBenny(c, 100, { forms: ['nope'] })).rejects.toThrow(/has no form nope/);
  });
});
