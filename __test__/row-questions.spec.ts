import { describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { directionOf, judge } from '../benchmark/engine/stats.js';
import { compareForms, summarize } from '../benchmark/report/analyze.js';
import { renderMarkdown } from '../benchmark/report/markdown.js';
import {
  delayRows,
  delaySection,
  formPairs,
  formPairsSection,
  pairCrossoverText,
} from '../benchmark/report/row-questions.js';
import { controls, record, samples, type FormSpec } from './fixtures/synthetic-records.js';

const N = (ns: number): FormSpec => ({ kind: 'native', ns });
const NV = (ns: number): FormSpec => ({ kind: 'native_variant', ns });
const T = (ns: number): FormSpec => ({ kind: 'traditional', ns });

/** boundary-out where moving costs 3 times as much as copying below 64 KiB and a quarter above. */
function boundaryOut(): ResultRecord[] {
  return [1000, 65536, 1 << 20].map((size) =>
    record('zero-copy/boundary-out', size, {
      traditional: T(size * 3),
      native: N(size < 65536 ? (size / 10) * 3 : size / 40),
      'native-copy-out': NV(size / 10),
    }),
  );
}

describe('questions between forms', () => {
  it('declares only pairs of forms the cases have', () => {
    for (const p of formPairs) expect(p.challenger).not.toBe(p.incumbent);
    const ids = new Set(formPairs.map((p) => p.id));
    expect([...ids].sort()).toEqual([
      'async/native-offload',
      'concurrency/synchronization',
      'zero-copy/boundary-out',
      'zero-copy/utf8',
    ]);
  });

  it('reports where moving out starts to pay over copying out, by class', () => {
    const cases = summarize(boundaryOut());
    const points = compareForms(cases[0]!.points, 'native', 'native-copy-out');
    expect(points.map((p) => p.class)).toEqual(['slower', 'faster', 'faster']);
    expect(pairCrossoverText(points, 'bytes')).toBe('from 64 KiB');
    const md = formPairsSection(cases).join('\n');
    expect(md).toContain('## Questions between forms');
    expect(md).toMatch(
      /\| `zero-copy\/boundary-out` \| Move the Vec out .*\| 1 kB: slower 0\.\d+× \[.*\| from 64 KiB \|/,
    );
  });

  it('words each size as the matrix does: an interval across a class boundary names both classes', () => {
    // Moving out at exactly 2x copying out at 1 MiB: the interval straddles the 2x boundary.
    const recs = [65536, 1 << 20].map((size) =>
      record('zero-copy/boundary-out', size, {
        traditional: T(size * 3),
        native: N(size / 20),
        'native-copy-out': NV(size / 10),
      }),
    );
    const points = compareForms(summarize(recs)[0]!.points, 'native', 'native-copy-out');
    expect(points.map((p) => p.magnitude)).toEqual([
      ['slightly-faster', 'faster'],
      ['slightly-faster', 'faster'],
    ]);
    expect(formPairsSection(summarize(recs)).join('\n')).toMatch(
      /64 KiB: slightly faster to faster 2\.\d\d× \[[\d.]+–[\d.]+\]; 1 MiB: slightly faster to faster 2\.\d\d×/,
    );
  });

  it('says "never" with the class at the largest size when the challenger does not win there', () => {
    const recs = [1000, 65536].map((size) =>
      record('zero-copy/boundary-out', size, {
        traditional: T(size * 3),
        native: N(size / 4),
        'native-copy-out': NV(size / 10),
      }),
    );
    const points = compareForms(summarize(recs)[0]!.points, 'native', 'native-copy-out');
    expect(pairCrossoverText(points, 'bytes')).toBe('never up to 64 KiB (the second faster there)');
    expect(pairCrossoverText([], 'bytes')).toBe('—');
  });

  it('counts an interval above the equivalence band as a win even where it straddles a class boundary', () => {
    const at = (size: number, lo: number, hi: number) => ({
      size,
      challenger: 'native',
      incumbent: 'native-copy-out',
      ...judge({ ratio: Math.sqrt(lo * hi), lo, hi }),
      class: 'undecided' as const,
    });
    expect(directionOf(at(1, 1.3, 3.5))).toBe('wins');
    expect(directionOf(at(1, 0.3, 0.8))).toBe('loses');
    expect(directionOf(at(1, 0.9, 1.3))).toBe('undecided');
    const equivalent = { ...at(1, 0.95, 1.05), class: 'equivalent' as const };
    expect(directionOf(equivalent)).toBe('ties');
    expect(
      pairCrossoverText(
        [at(100, 0.5, 0.8), at(1000, 0.9, 1.3), at(10_000, 1.2, 2.5), at(100_000, 1.4, 9)],
        'bytes',
      ),
    ).toBe('from 10 kB');
    expect(pairCrossoverText([at(100, 1.2, 2.5), at(1000, 1.4, 9)], 'bytes')).toBe(
      'at every size (from 100 B)',
    );
    expect(pairCrossoverText([at(100, 1.2, 2.5), at(1000, 0.9, 9)], 'bytes')).toBe(
      'never up to 1 kB (undecided there)',
    );
  });

  it('renders nothing for cases that are absent', () => {
    expect(formPairsSection(summarize([record('zero-copy/checksum', 16, { traditional: T(10) })]))).toEqual(
      [],
    );
  });
});

/** Per-process p99 samples: `rounds` values in each of `processes` processes around `ms`. */
function eld(
  ms: number,
  processes: number,
  rounds: number,
  seed: string,
): { values: number[]; process: number[] } {
  const values: number[] = [];
  const process: number[] = [];
  for (let p = 0; p < processes; p++) {
    // Each process has a level of its own (±10%), as separate processes do.
    const level = ms * (1 + 0.1 * Math.sin(p + seed.length));
    for (const v of samples(level * 1e3, rounds, 0.05, `${seed}|${p}`)) {
      values.push(v / 1e3);
      process.push(p);
    }
  }
  return { values, process };
}

function offload(): ResultRecord {
  const r = record('async/native-offload', 65536, { traditional: T(50e6), native: N(20e6) });
  r.process_samples = {
    'eld_p99_ms:traditional': eld(60, 4, 3, 'js'),
    'eld_p99_ms:native': eld(1.5, 4, 3, 'native'),
    'eld_p99_ms:native-sync': eld(59, 4, 3, 'native-sync'),
  };
  return r;
}

describe('event-loop delay with calls in flight', () => {
  it('gives each form its p99 and its ratio to JS sync with an interval across processes', () => {
    const rows = delayRows(offload());
    expect(rows.map((r) => r[2])).toEqual(['traditional', 'native', 'native-sync']);
    expect(rows[0]![5]).toBe('baseline');
    expect(rows[0]![4]).toBe('12 / 4');
    const native = rows[1]![5]!;
    const m =
      /^(much lower|lower|lower to much lower|lower \(by how much: undecided\)) (\d+\.?\d*)× \[(\d+\.?\d*)–(\d+\.?\d*)\]$/.exec(
        native,
      );
    expect(m, native).not.toBeNull();
    const [lo, ratio, hi] = [Number(m![3]), Number(m![2]), Number(m![4])];
    expect(lo).toBeLessThan(ratio);
    expect(hi).toBeGreaterThan(ratio);
    expect(ratio).toBeGreaterThan(30);
    expect(ratio).toBeLessThan(50);
    // The same delay on the main thread is no better than JS: equivalent or undecided, never lower.
    expect(rows[2]![5]).toMatch(
      /^(equivalent|undecided|slightly higher to equivalent|equivalent to slightly lower) /,
    );
  });

  it('is a section of RESULTS.md, and absent without p99 samples', () => {
    const md = renderMarkdown([...controls(), offload()]);
    expect(md).toContain('## Event-loop delay with calls in flight');
    expect(md).toMatch(/\| `async\/native-offload` \| 64 KiB \| native \| 1\.\d\d ms \| 12 \/ 4 \| /);
    expect(delaySection([record('async/native-offload', 16, { traditional: T(10) })])).toEqual([]);
  });
});
