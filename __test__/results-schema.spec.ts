import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import { runBenchmarks, type ResultRecord } from '../benchmark/bench.js';

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'schema', 'results.schema.json'), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

describe('results JSON schema', () => {
  it('accepts what the runner really writes', async () => {
    const records = await runBenchmarks({ mode: 'quick', only: 'limits/call-floor' });
    expect(records.length).toBeGreaterThan(0);
    // Round-trip through JSON, as the file on disk is.
    const valid = validate(JSON.parse(JSON.stringify(records)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
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
