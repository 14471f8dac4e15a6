import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { benchCase as checksumCase } from '../benchmark/cases/zero-copy/checksum.js';
import type { BenchCase } from '../benchmark/engine/case.js';
import {
  addRustForms,
  criterionArgs,
  mergeRustForms,
  readChecks,
  readCriterion,
  resultBytes,
  rustSuiteCases,
  rustSuiteExclusions,
} from '../benchmark/suites/rust-suite.js';
import { rustRows, rustSection } from '../benchmark/report/rust.js';
import { record } from './fixtures/synthetic-records.js';

const root = join(__dirname, '..');

/** Case id -> source of every case file (`cases/<category>/<name>.ts`). */
function caseSources(): Map<string, string> {
  const dir = join(root, 'benchmark', 'cases');
  const out = new Map<string, string>();
  for (const category of readdirSync(dir, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    for (const file of readdirSync(join(dir, category.name))) {
      if (file.endsWith('.ts')) {
        out.set(
          `${category.name}/${file.slice(0, -3)}`,
          readFileSync(join(dir, category.name, file), 'utf8'),
        );
      }
    }
  }
  return out;
}

describe('coverage of the Rust suite', () => {
  const sources = caseSources();

  it('gives every case with a native form a Rust entry or a stated reason', () => {
    // From the sources, so the check holds whether or not the binding is built here.
    const withNative = [...sources]
      .filter(
        ([, text]) => /^\s*(native|nativeVariants)\s*:/m.test(text) || /\?\s*\{\s*native\s*:/.test(text),
      )
      .map(([id]) => id);
    expect(withNative.length).toBeGreaterThanOrEqual(20);
    const missing = withNative.filter((id) => !rustSuiteCases[id] && !rustSuiteExclusions[id]);
    expect(missing).toEqual([]);
    for (const [id, why] of Object.entries(rustSuiteExclusions)) {
      expect(rustSuiteCases[id], id).toBeUndefined();
      expect(why.length, id).toBeGreaterThan(20);
    }
  });

  it('names only real cases, and the Rust bench covers exactly the same ones', () => {
    for (const id of Object.keys(rustSuiteCases)) expect(sources.has(id), id).toBe(true);
    const bench = readFileSync(join(root, 'crates', 'core', 'benches', 'rust_suite.rs'), 'utf8');
    const list = bench.slice(bench.indexOf('const CASES'));
    const benchIds = [...list.slice(0, list.indexOf('];')).matchAll(/\("([^"]+)",/g)].map((m) => m[1]);
    expect([...benchIds].sort()).toEqual(Object.keys(rustSuiteCases).sort());
  });

  it('asks criterion for the engine’s sample count and about its sample length', () => {
    const args = criterionArgs('quick');
    const at = (flag: string): number => Number(args[args.indexOf(flag) + 1]);
    expect(at('--sample-size')).toBeGreaterThanOrEqual(10);
    expect(at('--measurement-time') / at('--sample-size')).toBeLessThanOrEqual(0.01);
  });
});

describe('result bytes', () => {
  it('writes numbers as one f64, booleans as one byte and views as their bytes', () => {
    expect([...resultBytes(1.5)]).toEqual([...new Uint8Array(Float64Array.of(1.5).buffer)]);
    expect([...resultBytes(true)]).toEqual([1]);
    const view = Uint8Array.of(9, 1, 2, 3).subarray(1, 3);
    expect([...resultBytes(view)]).toEqual([1, 2]);
    expect([...resultBytes(Uint16Array.of(0x0102))]).toEqual([2, 1]);
  });

  it('concatenates record columns in the order the Rust bench writes them', () => {
    const columns = {
      timestamp: BigUint64Array.of(1n),
      value: Float64Array.of(2),
      id: Uint32Array.of(3),
      kind: Uint16Array.of(4),
      flags: Uint16Array.of(5),
    };
    const bytes = resultBytes(columns);
    expect(bytes.length).toBe(8 + 8 + 4 + 2 + 2);
    expect(bytes[0]).toBe(1);
    expect(bytes[16]).toBe(3);
    expect(bytes[20]).toBe(4);
    expect(bytes[22]).toBe(5);
    expect(() => resultBytes({})).toThrow(/no byte form/);
  });
});

describe('criterion samples into records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rust-suite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** One benchmark as criterion 0.7 leaves it: `<group>/<function>/<value>/new/*.json`. */
  function writeBench(group: string, fn: string, value: string, iters: number[], times: number[]): void {
    const d = join(dir, group.replace('/', '_'), fn, value, 'new');
    mkdirSync(d, { recursive: true });
    writeFileSync(
      join(d, 'benchmark.json'),
      JSON.stringify({
        group_id: group,
        function_id: fn,
        value_str: value,
        full_id: `${group}/${fn}/${value}`,
      }),
    );
    writeFileSync(join(d, 'sample.json'), JSON.stringify({ sampling_mode: 'Flat', iters, times }));
  }

  writeBench('zero-copy/checksum', 'rust', '16', [100, 100, 100], [500, 600, 550]);
  writeBench('zero-copy/checksum', 'rust', '1024', [10, 10, 10], [1000, 1000, 1000]);
  writeBench('cache-locality/hot-cold', 'rust', '100', [4, 4], [400, 440]);
  writeBench('cache-locality/hot-cold', 'rust_fast', '100', [8, 8], [80, 88]);
  const checks = readChecks(
    [
      'ok zero-copy/checksum 16 rust',
      'mismatch zero-copy/checksum 1024 rust 4 result bytes vs 8 expected',
      'ok cache-locality/hot-cold 100 rust',
      'ok cache-locality/hot-cold 100 rust_fast',
      '',
    ].join('\n'),
  );

  it('reads every benchmark by case, form and size', () => {
    const samples = readCriterion(dir);
    expect([...samples.keys()].sort()).toEqual([
      'cache-locality/hot-cold|rust_fast|100',
      'cache-locality/hot-cold|rust|100',
      'zero-copy/checksum|rust|1024',
      'zero-copy/checksum|rust|16',
    ]);
    expect(samples.get('zero-copy/checksum|rust|16')).toEqual({
      iters: [100, 100, 100],
      times: [500, 600, 550],
    });
    expect(readCriterion(join(dir, 'absent')).size).toBe(0);
  });

  it('adds checked forms with time per op = time / iterations, after the Node processes', () => {
    const records = [
      record('zero-copy/checksum', 16, { native: { kind: 'native', ns: 20 } }),
      record('zero-copy/checksum', 1024, { native: { kind: 'native', ns: 200 } }),
      record('cache-locality/hot-cold', 100, { native: { kind: 'native', ns: 300 } }),
      record('zero-copy/view-slicing', 100, { traditional: { kind: 'traditional', ns: 30 } }),
    ];
    records[2]!.repeats = 2;
    const { added, problems } = mergeRustForms(records, readCriterion(dir), checks);
    expect(added).toBe(3);
    const rust = records[0]!.forms.rust!;
    expect(rust.kind).toBe('rust');
    expect(rust.samples_ns).toEqual([5, 6, 5.5]);
    expect(rust.time_per_op_us).toBeCloseTo(0.0055, 9);
    expect(rust.ops_per_sample).toBe(100);
    expect(rust.samples).toBe(3);
    expect(rust.memory).toBeNull();
    expect(rust.gc).toBeNull();
    // Numbered after the record's processes: never paired with a Node round.
    expect(rust.sample_process).toEqual([1, 1, 1]);
    expect(records[2]!.forms.rust!.sample_process).toEqual([2, 2]);
    expect(records[2]!.forms.rust_fast!.samples_ns).toEqual([10, 11]);
    // The mismatch adds nothing and says why; the record says the Rust form is unavailable.
    expect(records[1]!.forms.rust).toBeUndefined();
    expect(records[1]!.unavailable).toEqual(['rust']);
    expect(problems).toEqual([expect.stringMatching(/checksum\|1024\|rust: result differs.*4 result bytes/)]);
    // Cases outside the suite are left alone.
    expect(Object.keys(records[3]!.forms)).toEqual(['traditional']);
    expect(records[3]!.unavailable).toBeUndefined();
  });

  it('keeps merged records valid against the results schema', () => {
    const records = [record('zero-copy/checksum', 16, { native: { kind: 'native', ns: 20 } })];
    mergeRustForms(records, readCriterion(dir), checks);
    const missing = [record('zero-copy/checksum', 1024, { native: { kind: 'native', ns: 20 } })];
    mergeRustForms(missing, new Map(), new Map());
    const schema = JSON.parse(readFileSync(join(root, 'schema', 'results.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate([...records, ...missing]), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('the report section', () => {
  const r = record('zero-copy/checksum', 16, {
    traditional: { kind: 'traditional', ns: 400 },
    rust_inspired: { kind: 'rust_inspired', ns: 100 },
    native: { kind: 'native', ns: 50 },
    rust: { kind: 'rust', ns: 10 },
    rust_fast: { kind: 'rust', ns: 5 },
  });
  r.forms.rust!.sample_process = r.forms.rust!.samples_ns.map(() => 1);

  it('compares the best JS form with Rust and prices the boundary', () => {
    const [row] = rustRows([r]);
    expect(row!.bestJs![0]).toBe('rust_inspired');
    expect(row!.jsVsRust!.ratio).toBeGreaterThan(8);
    expect(row!.jsVsRust!.ratio).toBeLessThan(12);
    expect(row!.jsVsRust!.lo).toBeLessThanOrEqual(row!.jsVsRust!.ratio);
    expect(row!.boundaryNs).toBeGreaterThan(35);
    expect(row!.boundaryNs).toBeLessThan(45);
    expect(row!.nativeOverRust!.ratio).toBeGreaterThan(4);
  });

  it('renders one row per record with a rust form, and nothing without one', () => {
    const text = rustSection([r]).join('\n');
    expect(text).toMatch(/## Rust without the boundary/);
    expect(text).toMatch(/\| `zero-copy\/checksum` \| 16 B \|.*\(rust_inspired\).*\| 8\d% \[/);
    const plain = record('zero-copy/checksum', 16, { native: { kind: 'native', ns: 50 } });
    expect(rustSection([plain])).toEqual([]);
  });
});

describe('without a Rust toolchain', () => {
  it('goes on, and the covered records say the Rust form is unavailable', async () => {
    const records = [record('zero-copy/checksum', 16, { native: { kind: 'native', ns: 20 } })];
    const lines: string[] = [];
    const out = await addRustForms(records, 'quick', {
      cases: [checksumCase as BenchCase],
      cargo: '/nonexistent/cargo',
      log: (l) => lines.push(l),
    });
    expect(out.added).toBe(0);
    expect(out.problems[0]).toMatch(/rust suite unavailable: \/nonexistent\/cargo could not run/);
    expect(records[0]!.forms.rust).toBeUndefined();
    expect(records[0]!.unavailable).toEqual(['rust']);
    expect(lines.some((l) => l.includes('could not run'))).toBe(true);
  });
});
