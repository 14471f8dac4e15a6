/**
 * The "native vs wasm vs JS" column of the compact matrix and Q5's WebAssembly line
 * (benchmark/report/wasm.ts, questions/q05-zero-copy.ts), on synthetic records whose ratios are
 * known: the column and the line must recover them, and say nothing where no wasm form ran.
 */
import { describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { questions } from '../benchmark/questions/index.js';
import { wasmLine } from '../benchmark/questions/q05-zero-copy.js';
import { renderMarkdown } from '../benchmark/report/markdown.js';
import { wasmCell, wasmPoint } from '../benchmark/report/wasm.js';
import { controls, record, type FormSpec } from './fixtures/synthetic-records.js';

const spec =
  (kind: FormSpec['kind']) =>
  (ns: number, noise = 0): FormSpec => ({ kind, ns, noise });
const T = spec('traditional');
const B = spec('builtin');
const N = spec('native');
const W = spec('native_variant');

/** boundary-in as Q5 reads it: native 100 ns + 0.05 ns/B, wasm 600 ns + 0.5 ns/B. */
const bytes = [100, 10_000, 1 << 20, 16 << 20];
const boundaryIn = (withWasm: boolean): ResultRecord[] =>
  bytes.map((s) =>
    record('zero-copy/boundary-in', s, {
      traditional: T(s),
      'Buffer#indexOf': B(50 + 0.25 * s),
      native: N(100 + 0.05 * s),
      'native-copy-in': { kind: 'native_variant', ns: 600 + 0.2 * s, noise: 0 },
      ...(withWasm ? { wasm: W(600 + 0.5 * s) } : {}),
    }),
  );
const boundaryOut = bytes.map((s) =>
  record('zero-copy/boundary-out', s, {
    traditional: T(2000 + s),
    native: N(1000 + 0.1 * s),
    'native-copy-out': { kind: 'native_variant', ns: 800 + 0.2 * s, noise: 0 },
  }),
);

describe('native vs wasm vs JS', () => {
  it('reads wasm over the fastest JS form and native over wasm, with intervals', () => {
    // 1 MiB: JS traditional 1 ms, Buffer#indexOf 262 µs, wasm 525 µs, native 52 µs.
    const r = boundaryIn(true)[2]!;
    const p = wasmPoint(r)!;
    expect(p.bestJs![0]).toBe('Buffer#indexOf');
    expect(p.wasmVsJs!.ratio).toBeCloseTo(0.5, 1);
    expect(p.wasmVsJs!.lo).toBeLessThanOrEqual(p.wasmVsJs!.ratio);
    expect(p.wasmVsJs!.hi).toBeGreaterThanOrEqual(p.wasmVsJs!.ratio);
    expect(p.nativeVsWasm!.ratio).toBeCloseTo(10, 0);
    expect(wasmPoint(boundaryIn(false)[2]!)).toBeNull();
  });

  it('fills the compact matrix column at the largest size, "—" without a wasm form, none without any', () => {
    const md = renderMarkdown([...controls(), ...boundaryIn(true), ...boundaryOut]);
    expect(md).toContain('| Wasm vs fastest JS; native over wasm |');
    const row = (id: string) => md.split('\n').find((l) => l.startsWith(`| \`${id}\``))!;
    // 16 MiB: wasm 8.4 ms vs indexOf 4.2 ms (0.5x), native 0.84 ms vs wasm (10x).
    expect(row('zero-copy/boundary-in')).toMatch(/\| 0\.50× \[[\d.]+–[\d.]+\]; 10\.00× \[[\d.]+–[\d.]+\] \|/);
    expect(row('zero-copy/boundary-out')).toMatch(/\| — \|/);
    expect(wasmCell(boundaryIn(false))).toBe('—');
    // No case with a wasm form (a run without the wasm build): no column at all.
    expect(renderMarkdown([...controls(), ...boundaryIn(false), ...boundaryOut])).not.toContain('wasm');
  });

  it('gives Q5 the wasm cost per call at the smallest size and per byte at the largest', () => {
    const line = wasmLine(boundaryIn(true))!;
    expect(line).toContain("countByte on 100 B takes 650 ns against native's 105 ns");
    expect(line).toContain('about 545 ns more per call');
    // 16 MB: wasm 0.5 ns/B = 2 GB/s, native 0.05 ns/B = 20 GB/s.
    expect(line).toMatch(/at 16 MiB it reads 2 GB\/s against 20 GB\/s \(native over wasm 10\.00× \[/);
    expect(wasmLine(boundaryIn(false))).toBeNull();
    expect(line).not.toContain('simd128');
    const withSimd = boundaryIn(true).map((r) =>
      record('zero-copy/boundary-in', r.size, {
        native: N(100 + 0.05 * r.size),
        wasm: W(600 + 0.5 * r.size),
        'wasm-simd': W(600 + 0.25 * r.size),
      }),
    );
    // 16 MiB: 0.25 ns/B = 4 GB/s, twice the plain build.
    expect(wasmLine(withSimd)).toMatch(
      /; built with simd128 it reads 4 GB\/s \(over the plain wasm build 2\.00× \[/,
    );

    const q5 = questions.find((q) => q.number === 5)!;
    const withWasm = q5.answer([...boundaryIn(true), ...boundaryOut]);
    expect(withWasm.answer).toContain(line);
    // Native over wasm per case is the matrix's column; the answer keeps countByte's figures.
    expect(withWasm.evidence.join('\n')).not.toContain('native over wasm at each');
    const without = q5.answer([...boundaryIn(false), ...boundaryOut]);
    expect(without.answer).not.toContain('WebAssembly');
    expect(without.evidence.join('\n')).not.toContain('wasm');
  });
});
