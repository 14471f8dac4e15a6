import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import { runBenchmarks, runInChild, type ResultRecord } from '../benchmark/bench.js';
import { defineCase } from '../benchmark/types.js';

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'schema', 'results.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe('results JSON schema', () => {
  it('accepts what the runner really writes in-process', async () => {
    const records = await runBenchmarks({ mode: 'quick', only: 'limits/call-floor', isolate: false });
    expect(records.length).toBeGreaterThan(0);
    // Round-trip through JSON, as the file on disk is.
    const valid = validate(JSON.parse(JSON.stringify(records)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('accepts what an isolated run (a child process per case, the default) writes', async () => {
    const progress: number[] = [];
    const records = await runBenchmarks({
      mode: 'quick',
      only: 'limits/call-floor',
      isolate: true,
      onProgress: (done) => progress.push(done),
    });
    expect(records.map((r) => [r.benchmark, r.size])).toEqual([['limits/call-floor', 1]]);
    expect(records[0]!.results.native ?? records[0]!.results.traditional).toBeDefined();
    expect(validate(JSON.parse(JSON.stringify(records)))).toBe(true);
    expect(progress).toEqual([0, 1]);
  });

  it('names the case when its child process fails', async () => {
    const unknown = defineCase<unknown>({
      id: 'nowhere/missing',
      description: 'not in the registry, so the child cannot find it and exits with 1',
      unit: 'calls',
      sizes: { quick: [1] },
      setup: () => null,
      check: () => {},
    });
    await expect(
      runInChild(
        unknown,
        'quick',
        () => {},
        () => {},
      ),
    ).rejects.toThrow(/nowhere\/missing exited with code 1 in its child process/);
  });

  it('rejects records that drop required fields or use wrong types', async () => {
    const [record] = JSON.parse(
      readFileSync(join(__dirname, 'fixtures', 'results-foundation.json'), 'utf8'),
    ) as ResultRecord[];
    expect(validate([record])).toBe(true);
    const noSpeed = structuredClone(record!) as unknown as {
      results: { traditional: Record<string, unknown> };
    };
    delete noSpeed.results.traditional.ops_per_sec;
    expect(validate([noSpeed])).toBe(false);
    const badSize = { ...record!, size: 'large' };
    expect(validate([badSize])).toBe(false);
    const badForm = { ...record!, results: { ...record!.results, fastest: record!.results.traditional } };
    expect(validate([badForm])).toBe(false);
  });
});
