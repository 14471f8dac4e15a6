import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { closeParallelPool, parallelReduce, parallelStats, sharedFloat64Array } from '../src/index.js';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

afterAll(() => closeParallelPool());

describe("README's examples do what they say", () => {
  it('the parallelReduce example runs on the worker pool, not inline', async () => {
    // The README's example, as printed there.
    expect(readme).toContain('const data = sharedFloat64Array(8_000_000);');
    expect(readme).toContain(
      "const sumOfSquares = await parallelReduce(data, 'sumSquares', { minElements: 0 }); // on the pool",
    );
    const data = sharedFloat64Array(8_000_000);
    data.fill(0.5);
    const before = parallelStats();
    const sumOfSquares = await parallelReduce(data, 'sumSquares', { minElements: 0 });
    const after = parallelStats();
    expect(sumOfSquares).toBe(data.length * 0.25);
    expect(after.pooled - before.pooled).toBe(1);
    expect(after.inline - before.inline).toBe(0);
  });
});
