/**
 * The binding fuzzer (fixtures/fuzz-binding.cjs) in a child process, so that a crash is a failure
 * here: first the committed corpus (fixtures/fuzz-binding-corpus.json: every case that once
 * found a bug, then a seeded sample of every export), then FUZZ_SECONDS (default 5) of new cases
 * from seed FUZZ_SEED. scripts/asan-addon.sh runs this file under AddressSanitizer; a long run is
 * `npm run fuzz:binding -- <seconds> <seed>`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadError, native } from '../src/index.js';

const fixture = join(__dirname, 'fixtures', 'fuzz-binding.cjs');
const corpus = join(__dirname, 'fixtures', 'fuzz-binding-corpus.json');
const loader = join(__dirname, '..', 'index.js');
const seconds = Number(process.env.FUZZ_SECONDS ?? 5);
const seed = Number(process.env.FUZZ_SEED ?? 20261206);
/** How long the fuzzer's child may take: the fuzzing time and a margin for start-up and replay. */
const childLimitMs = (seconds + 240) * 1000;

interface Summary {
  cases: number;
  byExport: Record<string, number>;
  failures: Array<{ case: unknown; problem: string }>;
}

function fuzz(...args: string[]): Summary {
  const found = join(mkdtempSync(join(tmpdir(), 'rp-fuzz-')), 'found.json');
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fixture, ...args, found], {
    encoding: 'utf8',
    timeout: childLimitMs,
    maxBuffer: 1 << 26,
  });
  // On a crash the last case the child started is in `found`: show it.
  const last = r.status === 0 || r.status === 1 ? '' : readFileSync(found, 'utf8');
  expect(r.stderr, last).toBe('');
  // Status 1 is a run that found something: its summary names the case and the problem, which
  // the caller's `failures` check then shows.
  expect([0, 1], last).toContain(r.status);
  return JSON.parse(r.stdout) as Summary;
}

describe('binding fuzzer', () => {
  if (native === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('the committed corpus replays with every case ending as the rules say', () => {
    const cases = JSON.parse(readFileSync(corpus, 'utf8')) as Array<{ fn: string }>;
    const summary = fuzz('replay', loader, corpus);
    expect(summary.failures).toEqual([]);
    expect(summary.cases).toBe(cases.length);
    // The corpus reaches every export of the binding.
    const exported = Object.keys(native!).filter(
      (k) => typeof (native as Record<string, unknown>)[k] === 'function',
    );
    expect(Object.keys(summary.byExport).sort()).toEqual(exported.sort());
  }, 300_000);

  it(
    `${seconds} s of new cases from seed ${seed} find nothing`,
    () => {
      const summary = fuzz('fuzz', loader, String(seconds), String(seed));
      expect(summary.failures).toEqual([]);
      expect(summary.cases).toBeGreaterThan(0);
    },
    // The child's own limit, so that a long run (`FUZZ_SECONDS=600`) is not cut short here.
    childLimitMs,
  );
});
