/**
 * Q5. Zero-copy in and out across Node-API. In: native borrowing the caller's bytes vs the same
 * kernel after a copy-in, and vs the fastest JS (`Buffer#indexOf`, the JS loop), from their cost
 * models and the crossover. Out: the same kernel's result moved out as an external Buffer vs
 * copied into a V8 Buffer, by size, with the crossover from the models and as measured.
 * WebAssembly, where the cases have a `wasm` form (the same kernel built for wasm32,
 * report/wasm.ts): what a wasm call costs beyond a native one at the smallest size, and native
 * over wasm per byte at the largest, for countByte and for every case with the form.
 * What a move saves against the memcpy it avoids: at each size, copy-out minus move against a
 * memcpy of the result at `limits/bandwidth`'s copy figure for that size (`moveSavings`).
 */
import type { ResultRecord } from '../engine/record.js';
import { formatSize, rooflineFor, sig } from '../report/analyze.js';
import { WASM_FORM } from '../report/wasm.js';
import {
  compare,
  compareAll,
  fitCrossoverText,
  fitOf,
  gbps,
  measuredCrossoverText,
  medianNs,
  missingRow,
  notMeasured,
  ns,
  pairCheck,
  nsEstimate,
  ratio,
  rowsOf,
  runsOf,
  runtimesLine,
  type Answer,
  type Question,
  type Reads,
} from './common.js';

const IN = 'zero-copy/boundary-in';
const OUT = 'zero-copy/boundary-out';
const reads: Reads[] = [
  { case: IN, forms: ['native', 'native-copy-in', 'Buffer#indexOf', 'traditional'] },
  { case: OUT, forms: ['native', 'native-copy-out'] },
];

/**
 * The WebAssembly sentence of the answer, or null where `boundary-in` has no wasm form: at the
 * smallest size a wasm countByte call against a native one (times per call and native over wasm),
 * at the largest native over wasm with both bandwidths. Read from the same records as the rest.
 */
export function wasmLine(recs: readonly ResultRecord[]): string | null {
  const rows = rowsOf(recs, IN).filter((r) => (r.forms[WASM_FORM]?.samples_ns.length ?? 0) > 0);
  const small = rows[0];
  const large = rows[rows.length - 1];
  if (!small || !large || rows.length < 2) return null;
  const perCall = compare(small, 'native', WASM_FORM);
  const perByte = compare(large, 'native', WASM_FORM);
  const [wSmall, nSmall] = [medianNs(small, WASM_FORM), medianNs(small, 'native')];
  const [wLarge, nLarge] = [medianNs(large, WASM_FORM), medianNs(large, 'native')];
  if (!perCall || !perByte || wSmall === null || nSmall === null || wLarge === null || nLarge === null)
    return null;
  const bw = (t: number): string => `${sig(large.size / t)} GB/s`;
  // The simd128 build, where it ran: per byte only (its boundary is the same emnapi's).
  const simd = compare(large, 'wasm-simd', WASM_FORM);
  const sLarge = medianNs(large, 'wasm-simd');
  const simdText =
    simd && sLarge !== null
      ? `; built with simd128 it reads ${bw(sLarge)} (over the plain wasm build ${ratio(simd)})`
      : '';
  return (
    `WebAssembly (same kernel, no SIMD): countByte on ${formatSize(small.size, 'bytes')} takes ${ns(wSmall)} against native's ${ns(nSmall)} (${ratio(perCall)}: about ${ns(wSmall - nSmall)} more per call); ` +
    `at ${formatSize(large.size, 'bytes')} it reads ${bw(wLarge)} against ${bw(nLarge)} (native over wasm ${ratio(perByte)})${simdText}.`
  );
}

/** What moving the result out saves at one size, against a memcpy of the result. */
export interface MoveSaving {
  size: number;
  /** Copy-out minus move, ns, with the interval of the pair's ratio (negative: the move costs more). */
  saved: { value: number; lo: number; hi: number };
  /** A memcpy of `size` bytes at the copy roofline for that size, ns. */
  memcpyNs: number;
  /** That roofline: `limits/bandwidth`'s fastest copy at the ladder point for the size, GB/s. */
  copyGbps: number;
}

/**
 * At every size of `boundary-out` with both forms and a copy roofline: the time the move saves
 * and the time a memcpy of the result takes at the copy roofline for that size (`rooflineFor`
 * with copy access: the limits the run folded from its `limits/bandwidth` records). The saving is
 * the move's median times (copy-out's time over the move's − 1), with the interval of that ratio
 * as the evidence prints it (the same comparison, the same seed).
 */
export function moveSavings(recs: readonly ResultRecord[]): MoveSaving[] {
  return rowsOf(recs, OUT).flatMap((r) => {
    const v = compare(r, 'native', 'native-copy-out');
    const move = medianNs(r, 'native');
    const roof = rooflineFor({ ...r, access: 'copy', bytes_per_op: r.size, footprint_bytes: r.size });
    if (!v || move === null || !roof) return [];
    // The move's speed over copy-out's is copy-out's time over the move's.
    const saved = (x: number) => move * (x - 1);
    return [
      {
        size: r.size,
        saved: { value: saved(v.ratio), lo: saved(v.lo), hi: saved(v.hi) },
        memcpyNs: r.size / roof.gbps,
        copyGbps: roof.gbps,
      },
    ];
  });
}

/** A saving as a share of its memcpy, with the interval: `82% [70–95]`. */
export function savedShare(s: MoveSaving): string {
  const pct = (x: number) => Math.round((x / s.memcpyNs) * 100);
  return `${pct(s.saved.value)}% [${pct(s.saved.lo)}–${pct(s.saved.hi)}]`;
}

/**
 * One size's saving as words: `82% [75–89] of 1.46 ms` (the memcpy's time); `none of 64 ns` where
 * the move costs more than copying out (the ratio beside it says by how much).
 */
export function savingText(s: MoveSaving): string {
  return s.saved.value < 0 ? `none of ${ns(s.memcpyNs)}` : `${savedShare(s)} of ${ns(s.memcpyNs)}`;
}

function answer(records: ResultRecord[]): Answer {
  const runs = runsOf(records);
  if (!runs) return notMeasured(reads);
  const recs = runs.main.records;
  const missing: string[] = [];
  const borrow = fitOf(recs, IN, 'native');
  const copyIn = fitOf(recs, IN, 'native-copy-in');
  const indexOf = fitOf(recs, IN, 'Buffer#indexOf');
  const moveOut = fitOf(recs, OUT, 'native');
  const copyOut = fitOf(recs, OUT, 'native-copy-out');
  if (!borrow || !copyIn || !indexOf) missing.push(missingRow(IN));
  if (!moveOut || !copyOut) missing.push(missingRow(OUT));
  if (!borrow || !copyIn || !indexOf || !moveOut || !copyOut) return { ...notMeasured(reads), missing };
  const vsIndexOf = compareAll(recs, IN, 'native', 'Buffer#indexOf');
  const vsCopyIn = compareAll(recs, IN, 'native', 'native-copy-in');
  const out = compareAll(recs, OUT, 'native', 'native-copy-out');
  const wasmText = wasmLine(recs);
  const savings = new Map(moveSavings(recs).map((x) => [x.size, savingText(x)]));
  const text =
    `In: borrowing costs ${nsEstimate(borrow.fixed)} per call + ${gbps(borrow.marginal)}, a copy-in ${nsEstimate(copyIn.fixed)} + ${gbps(copyIn.marginal)}; borrowing beats \`Buffer#indexOf\` from ${fitCrossoverText(recs, IN, 'native', 'Buffer#indexOf', 'bytes')} (fits). ` +
    `Out: moving a Vec out costs ${nsEstimate(moveOut.fixed)} + ${gbps(moveOut.marginal)} vs copying ${nsEstimate(copyOut.fixed)} + ${gbps(copyOut.marginal)}; the lines cross at ${fitCrossoverText(recs, OUT, 'native', 'native-copy-out', 'bytes')}.` +
    (wasmText ? ` ${wasmText}` : '');
  const evidence = [
    `borrow vs indexOf by size: ${vsIndexOf.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}`).join(', ')} (measured: ${measuredCrossoverText(vsIndexOf, 'bytes')}); borrow vs copy-in ${vsCopyIn.length ? ratio(vsCopyIn[vsCopyIn.length - 1]!) : '—'} at the largest`,
    `move-out vs copy-out by size${savings.size > 0 ? ' (with the share saved of a memcpy at the copy roofline)' : ''}: ${out.map((p) => `${formatSize(p.size, 'bytes')} ${ratio(p)}${savings.has(p.size) ? ` ${savings.get(p.size)!}` : ''}`).join(', ')} (measured: ${measuredCrossoverText(out, 'bytes')}); worst fit residual ${Math.round(Math.max(moveOut.maxResidual, copyOut.maxResidual) * 100)}%`,
  ];
  return {
    answer: text,
    evidence,
    runtimes: runtimesLine(
      runs,
      (r) => compareAll(r, OUT, 'native', 'native-copy-out').pop() ?? null,
      'move-out vs copy-out at the largest size',
    ),
    caveat: "an external Buffer cannot be transferred to a worker, and V8's sandbox (Electron) refuses it",
    missing,
    checks: [
      pairCheck(
        recs,
        OUT,
        'native',
        'native-copy-out',
        'Moving the Vec out (external Buffer) beats copying it into a V8 Buffer, same kernel',
        'bytes',
      ),
    ],
  };
}

export const q05: Question = { number: 5, title: 'Zero-copy in and out across Node-API', reads, answer };
