/**
 * "Rust without the boundary": per case and size, the pure-Rust suite's `rust` form (the kernel
 * the binding calls, timed by criterion in Rust; see `suites/rust-suite.ts`) against the best JS
 * form, and what the Node-API boundary adds to the native form.
 *
 * - **JS vs Rust**: the fastest JS form's time over `rust`'s, with `speedRatio`'s interval. The
 *   Rust samples were not taken in the JS rounds, so the statistic is the unpaired one.
 * - **Boundary cost**: the native form's median time per op minus `rust`'s, and that difference
 *   as a share of the native op, with the share's interval from the native-over-Rust ratio
 *   (share = 1 - 1 / ratio). One op is one call for most cases; where an op makes several
 *   native calls (a loop over inputs, three slice kernels) the cost is per op, not per call.
 */
import { jsKinds } from '../engine/case.js';
import type { FormResult, ResultRecord } from '../engine/record.js';
import { speedRatio, verdict, type RatioInterval, type Verdict } from '../engine/stats.js';
import { caseOf } from '../cases/index.js';
import { byCase, fastestOf, formatInterval, formatSize, formatTime, sig } from './analyze.js';

/** One case at one size, with the suite's forms. */
export interface RustRow {
  id: string;
  size: number;
  unit: string;
  rust: FormResult;
  rustFast: FormResult | null;
  /** The fastest JS form (any JS kind), or null when the record has none. */
  bestJs: [string, FormResult] | null;
  native: FormResult | null;
  /** Best JS time over `rust` time (above 1: Rust is faster), with its interval. */
  jsVsRust: RatioInterval | null;
  /** Native time over `rust` time, with its interval: what the boundary multiplies the kernel by. */
  nativeOverRust: RatioInterval | null;
  /** Native median minus `rust` median, nanoseconds per op (negative: native measured faster). */
  boundaryNs: number | null;
}

/**
 * The `rust` form (the kernel without Node-API, or a tokio runtime) over the fastest JS form of one
 * record, with its interval and class: the one computation behind the Rust column of RESULTS.md
 * and the HTML report's Rust line (seeded by the record and the JS form). Null when the record has
 * no sampled `rust` form or no JS form.
 */
export function rustVsBestJs(r: ResultRecord): { bestJs: [string, FormResult]; verdict: Verdict } | null {
  const rust = r.forms.rust;
  if (!rust || rust.kind !== 'rust' || rust.samples_ns.length === 0) return null;
  const bestJs = fastestOf(r, jsKinds);
  if (!bestJs) return null;
  return { bestJs, verdict: verdict(rust, bestJs[1], `${r.benchmark}|${r.size}|js_vs_rust|${bestJs[0]}`) };
}

/** Rows for every record that has a `rust` form, in matrix order and ascending size. */
export function rustRows(records: ResultRecord[]): RustRow[] {
  const rows: RustRow[] = [];
  for (const [id, points] of byCase(records)) {
    // Their `rust` forms are tokio runtimes against the event loop (docs/async-vs-tokio.md), not
    // a native kernel without its boundary.
    if (caseOf(id)?.rustForm === 'tokio') continue;
    for (const r of points) {
      const rust = r.forms.rust;
      if (!rust || rust.kind !== 'rust' || rust.samples_ns.length === 0) continue;
      const vsJs = rustVsBestJs(r);
      const bestJs = vsJs?.bestJs ?? null;
      const native = r.forms.native?.kind === 'native' ? r.forms.native : null;
      const seed = (what: string): string => `${id}|${r.size}|${what}`;
      rows.push({
        id,
        size: r.size,
        unit: r.unit,
        rust,
        rustFast: r.forms.rust_fast ?? null,
        bestJs,
        native,
        jsVsRust: vsJs?.verdict ?? null,
        nativeOverRust: native ? speedRatio(rust, native, seed('native_over_rust')) : null,
        boundaryNs: native ? (native.time_per_op_us - rust.time_per_op_us) * 1e3 : null,
      });
    }
  }
  return rows;
}

/** A share of the native op, in percent, from the native-over-Rust ratio. */
function share(ratio: number): number {
  return (1 - 1 / ratio) * 100;
}

/** `62% [55–68]`: the boundary's share of the native op with its interval. */
export function formatShare(iv: RatioInterval): string {
  const pct = (x: number): string => String(Math.round(share(x)));
  return `${pct(iv.ratio)}% [${pct(iv.lo)}–${pct(iv.hi)}]`;
}

/** Nanoseconds per op, signed, in ns, µs or ms. */
export function formatNs(ns: number): string {
  const sign = ns < 0 ? '−' : '';
  return `${sign}${formatTime(Math.abs(ns) / 1e3)}`;
}

/** The RESULTS.md section; empty when no record has a `rust` form. */
export function rustSection(records: ResultRecord[]): string[] {
  const rows = rustRows(records);
  if (rows.length === 0) return [];
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const header = [
    'Case',
    'Size',
    'Best JS',
    'Native',
    'Rust',
    'Rust fast',
    'JS vs Rust',
    'Boundary per op',
    'Boundary share',
  ];
  const body = rows.map((w) => [
    `\`${w.id}\``,
    formatSize(w.size, w.unit),
    w.bestJs ? `${formatTime(w.bestJs[1].time_per_op_us)} (${w.bestJs[0]})` : '—',
    w.native ? formatTime(w.native.time_per_op_us) : '—',
    formatTime(w.rust.time_per_op_us),
    w.rustFast
      ? `${formatTime(w.rustFast.time_per_op_us)} (${sig(w.rust.time_per_op_us / w.rustFast.time_per_op_us)}× rust)`
      : '—',
    w.jsVsRust ? formatInterval(w.jsVsRust) : '—',
    w.boundaryNs === null ? '—' : formatNs(w.boundaryNs),
    w.nativeOverRust ? formatShare(w.nativeOverRust) : '—',
  ]);
  return [
    '## Rust without the boundary',
    '',
    'The kernel behind each native form, timed in Rust by criterion on the same inputs (`crates/core/benches/rust_suite.rs`, checked equal to the native result first). **Rust** is the kernel the binding calls; **Rust fast** an idiomatic faster version where the parity kernel is handicapped (several accumulators instead of one left-to-right float sum, a vectorised cyclic XOR). **JS vs Rust** is the best JS form’s time over Rust’s (above 1×: Rust is faster), 95% interval, unpaired (the Rust samples come from their own process); the best JS form is the fastest of the kinds the matrix counts as JS (traditional, Rust-inspired, variants, npm peers, Node built-ins), named in its cell. **Boundary** is the native op minus the Rust op, and that difference as a share of the native op (interval from the native/Rust ratio); where one op makes several native calls it is per op, not per call. At large sizes it also holds what is not the call: an output allocated per op (freed at once in Rust, by the GC behind a native form) and the two processes’ different memory.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
}
