/**
 * "Wasm vs fastest JS; native over wasm": per case and size, the `wasm` form (the same Rust kernel built for
 * wasm32-wasip1-threads, benchmark/lab/wasm.ts) against the fastest JS form, and the native form
 * against `wasm`. All three are sampled in the same rounds of one record, so both are paired
 * ratios with their intervals (`verdict`, seeded by the record and the pair), like the matrix's
 * other columns. The compact matrix reads the largest size; Q5 reads the smallest and the
 * largest (questions/q05-zero-copy.ts).
 */
import { jsKinds } from '../engine/case.js';
import type { FormResult, ResultRecord } from '../engine/record.js';
import { verdict, type Verdict } from '../engine/stats.js';
import { byCase, fastestOf, formatInterval } from './analyze.js';

/** The record key of the wasm form (`wasmForm` in benchmark/lab/wasm.ts). */
export const WASM_FORM = 'wasm';

/** One record's wasm comparisons. */
export interface WasmPoint {
  id: string;
  size: number;
  unit: string;
  /** The fastest JS form (any JS kind), or null when the record has none. */
  bestJs: [string, FormResult] | null;
  /** wasm over the fastest JS form (above 1: wasm faster), or null without a JS form. */
  wasmVsJs: Verdict | null;
  /** native over wasm (above 1: native faster), or null without a native form. */
  nativeVsWasm: Verdict | null;
}

/** The wasm comparisons of one record, or null when it has no sampled `wasm` form. */
export function wasmPoint(r: ResultRecord): WasmPoint | null {
  const wasm = r.forms[WASM_FORM];
  if (!wasm || wasm.samples_ns.length === 0) return null;
  const bestJs = fastestOf(r, jsKinds);
  const native = r.forms.native;
  const seed = (what: string): string => `${r.benchmark}|${r.size}|${what}`;
  return {
    id: r.benchmark,
    size: r.size,
    unit: r.unit,
    bestJs,
    wasmVsJs: bestJs ? verdict(wasm, bestJs[1], seed(`wasm_vs_best_js|${bestJs[0]}`)) : null,
    nativeVsWasm:
      native && native.kind === 'native' && native.samples_ns.length > 0
        ? verdict(native, wasm, seed('native_vs_wasm'))
        : null,
  };
}

/** Every record with a wasm form, by case in matrix order, sizes ascending. */
export function wasmPoints(records: ResultRecord[]): WasmPoint[] {
  return byCase(records).flatMap(([, points]) =>
    points.flatMap((r) => {
      const p = wasmPoint(r);
      return p ? [p] : [];
    }),
  );
}

/** The compact matrix's cell at a case's largest size: `—` where the case has no wasm form. */
export function wasmCell(points: readonly ResultRecord[]): string {
  const last = points[points.length - 1];
  const p = last ? wasmPoint(last) : null;
  if (!p || (!p.wasmVsJs && !p.nativeVsWasm)) return '—';
  // Ratios and intervals only, in the header's order (wasm over the fastest JS; native over wasm):
  // the fastest JS form is named in the native column beside it, and a table row must stay
  // within the page's 300 characters. A missing side reads "—".
  const side = (v: Verdict | null): string => (v ? formatInterval(v) : '—');
  return `${side(p.wasmVsJs)}; ${side(p.nativeVsWasm)}`;
}
