/**
 * Hostile input on every native export: each export is called with random bad values in every
 * argument position (and with too few and too many arguments), in a child process so that a
 * crash is reported as a failure rather than killing the runner. Every call must return a value
 * or throw (or reject with) a TypeError, RangeError or AbortError.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { native } from '../src/index.js';

/** Every native export and its number of parameters. A new export must be added here. */
export const nativeArity: Record<string, number> = {
  copyBytes: 2,
  countByte: 2,
  crc32: 3,
  crc32Sync: 2,
  noop: 0,
  simdLevel: 0,
  xorIntoNew: 2,
  xorIntoNewCopy: 2,
};

const runs = Number(process.env.HOSTILE_RUNS ?? 1000);

describe.skipIf(native === null)('hostile input on every native export', () => {
  it('the arity table lists exactly the binding’s exports', () => {
    const exported = Object.keys(native ?? {})
      .filter((k) => typeof (native as unknown as Record<string, unknown>)[k] === 'function')
      .sort();
    expect(exported).toEqual(Object.keys(nativeArity).sort());
  });

  it(`${runs} hostile calls per export end in a value, TypeError, RangeError or AbortError`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-hostile-'));
    const specFile = join(dir, 'spec.json');
    writeFileSync(
      specFile,
      JSON.stringify({
        loader: join(__dirname, '..', 'index.js'),
        seed: 20261124,
        runs,
        exports: nativeArity,
      }),
    );
    const out = execFileSync(process.execPath, [join(__dirname, 'fixtures', 'hostile-run.cjs'), specFile], {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: join(__dirname, '..'),
    });
    const outcomes = JSON.parse(out) as Record<string, Record<string, number>>;
    for (const [name, kinds] of Object.entries(outcomes)) {
      const bad = Object.keys(kinds).filter((k) => k.startsWith('BAD:'));
      expect(bad, name).toEqual([]);
      const total = Object.values(kinds).reduce((a, b) => a + b, 0);
      expect(total, name).toBe(runs);
    }
    expect(Object.keys(outcomes).sort()).toEqual(Object.keys(nativeArity).sort());
  });
});
