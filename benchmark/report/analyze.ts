/**
 * Turns result records into the numbers the reports print: per-case summaries, verdicts decided
 * by margins of error, and crossover sizes. Pure functions of the records, so a saved results
 * file always renders the same report.
 */
import type { FormResult, ResultRecord } from '../bench.js';
import { caseMeta, metaOf, type CaseMeta } from './meta.js';

/** What a comparison needs from a form: speed and its relative margin of error (%). */
export type Measure = Pick<FormResult, 'ops_per_sec' | 'margin_pct'>;

/** `pays`: faster beyond both margins; `loses`: slower beyond them; `same`: intervals overlap. */
export type Verdict = 'pays' | 'loses' | 'same';

export const verdictSymbol: Record<Verdict, string> = { pays: '✅', loses: '❌', same: '≈' };

/** Speed ratio of `challenger` over `incumbent` and whether their margins of error overlap. */
export function compare(challenger: Measure, incumbent: Measure): { ratio: number; verdict: Verdict } {
  const lo = (m: Measure): number => m.ops_per_sec * (1 - m.margin_pct / 100);
  const hi = (m: Measure): number => m.ops_per_sec * (1 + m.margin_pct / 100);
  const ratio = challenger.ops_per_sec / incumbent.ops_per_sec;
  if (lo(challenger) > hi(incumbent)) return { ratio, verdict: 'pays' };
  if (hi(challenger) < lo(incumbent)) return { ratio, verdict: 'loses' };
  return { ratio, verdict: 'same' };
}

export interface CurvePoint {
  size: number;
  challenger: Measure;
  incumbent: Measure;
}

/**
 * Where the challenger starts to win for good: `always` if it wins at every size, `never` if it
 * does not win at the largest, else `at` the first size of the final run of wins, with
 * `estimate` interpolated on log-log axes between that size and the one before it where the
 * speed ratio crosses 1 (the first winning size when the ratio does not cross there).
 */
export type Crossover =
  | { kind: 'always'; size: number }
  | { kind: 'never'; largest: number }
  | { kind: 'at'; size: number; estimate: number };

export function findCrossover(points: CurvePoint[]): Crossover | null {
  if (points.length === 0) return null;
  const sorted = [...points].sort((a, b) => a.size - b.size);
  const cmp = sorted.map((p) => compare(p.challenger, p.incumbent));
  const last = sorted.length - 1;
  if (cmp[last]!.verdict !== 'pays') return { kind: 'never', largest: sorted[last]!.size };
  let first = last;
  while (first > 0 && cmp[first - 1]!.verdict === 'pays') first--;
  if (first === 0) return { kind: 'always', size: sorted[0]!.size };
  const [s0, s1] = [sorted[first - 1]!.size, sorted[first]!.size];
  const [r0, r1] = [cmp[first - 1]!.ratio, cmp[first]!.ratio];
  let estimate = s1;
  if (r0 < 1 && r1 > 1 && s0 > 0) {
    const t = (0 - Math.log(r0)) / (Math.log(r1) - Math.log(r0));
    estimate = Math.round(Math.exp(Math.log(s0) + t * (Math.log(s1) - Math.log(s0))));
  }
  return { kind: 'at', size: s1, estimate };
}

/** A named form of a record: the three main forms, variants, then peers. */
export interface NamedForm {
  key: string;
  label: string;
  kind: 'main' | 'variant' | 'peer';
  result: FormResult;
}

const mainLabels: Record<string, string> = {
  traditional: 'traditional',
  rust_inspired: 'Rust-inspired',
  native: 'native',
};

export function formsOf(r: ResultRecord): NamedForm[] {
  const out: NamedForm[] = [];
  for (const key of ['traditional', 'rust_inspired', 'native'] as const) {
    const result = r.results[key];
    if (result) out.push({ key, label: mainLabels[key]!, kind: 'main', result });
  }
  for (const [key, result] of Object.entries(r.results.variants ?? {})) {
    out.push({ key: `variant:${key}`, label: key, kind: 'variant', result });
  }
  for (const [key, result] of Object.entries(r.results.peers ?? {})) {
    out.push({ key: `peer:${key}`, label: `${key} (peer)`, kind: 'peer', result });
  }
  return out;
}

/** A form's speedup over traditional at the headline size and across every size. */
export interface Speedup {
  ratio: number;
  verdict: Verdict;
  min: number;
  max: number;
}

export interface CaseSummary {
  id: string;
  pattern: string;
  category: string;
  description: string;
  unit: string;
  meta: CaseMeta | undefined;
  /** Records by ascending size. */
  points: ResultRecord[];
  /** The largest size: where the matrix reads its numbers. */
  headline: ResultRecord;
  rust: Speedup | null;
  native: Speedup | null;
  best: NamedForm;
  /** Native against the faster of traditional and Rust-inspired JS. */
  crossover: Crossover | null;
  /** The pattern (faster of Rust-inspired and native) against traditional. */
  patternCrossover: Crossover | null;
  /** The pattern (faster of Rust-inspired and native) against traditional, at the headline size. */
  verdict: Verdict | null;
  /** Smallest size from which every larger size has the headline verdict, when smaller ones differ. */
  verdictFrom: number | null;
  /** Native bytes/s as a share of memcpy's at the headline size's class (native byte cases). */
  memcpyShare: number | null;
}

/** Keeps the last record per (case, size), so later files override earlier ones. */
export function dedupe(records: ResultRecord[]): ResultRecord[] {
  const byKey = new Map<string, ResultRecord>();
  for (const r of records) byKey.set(`${r.benchmark}\u0000${r.size}`, r);
  return [...byKey.values()];
}

function speedup(points: ResultRecord[], key: 'rust_inspired' | 'native'): Speedup | null {
  const pairs = points.filter((p) => p.results[key] && p.results.traditional);
  if (pairs.length === 0) return null;
  const ratios = pairs.map((p) => compare(p.results[key]!, p.results.traditional!));
  const head = ratios[ratios.length - 1]!;
  return {
    ratio: head.ratio,
    verdict: head.verdict,
    min: Math.min(...ratios.map((x) => x.ratio)),
    max: Math.max(...ratios.map((x) => x.ratio)),
  };
}

function bestJs(r: ResultRecord): FormResult | undefined {
  const { traditional, rust_inspired } = r.results;
  if (!traditional) return rust_inspired;
  if (!rust_inspired) return traditional;
  return rust_inspired.ops_per_sec > traditional.ops_per_sec ? rust_inspired : traditional;
}

function patternForm(r: ResultRecord): FormResult | undefined {
  const { rust_inspired, native } = r.results;
  if (!rust_inspired) return native;
  if (!native) return rust_inspired;
  return native.ops_per_sec > rust_inspired.ops_per_sec ? native : rust_inspired;
}

function bestOf(r: ResultRecord): NamedForm {
  return formsOf(r).reduce((a, b) => (b.result.ops_per_sec > a.result.ops_per_sec ? b : a));
}

/** Groups records by case and computes every summary, in matrix order (known cases first). */
export function summarize(records: ResultRecord[]): CaseSummary[] {
  const all = dedupe(records);
  const ids = [...new Set(all.map((r) => r.benchmark))];
  const memcpy = all.filter((r) => r.benchmark === 'limits/memcpy');
  return ids
    .map((id) => {
      const points = all.filter((r) => r.benchmark === id).sort((a, b) => a.size - b.size);
      const headline = points[points.length - 1]!;
      const nativePoints = points.flatMap((p) => {
        const incumbent = bestJs(p);
        return p.results.native && incumbent
          ? [{ size: p.size, challenger: p.results.native, incumbent }]
          : [];
      });
      const verdicts = points.flatMap((p) => {
        const pattern = patternForm(p);
        return pattern && p.results.traditional
          ? [{ size: p.size, verdict: compare(pattern, p.results.traditional).verdict }]
          : [];
      });
      const verdict = verdicts.length > 0 ? verdicts[verdicts.length - 1]!.verdict : null;
      let verdictFrom: number | null = null;
      if (verdict !== null && verdicts.some((v) => v.verdict !== verdict)) {
        let i = verdicts.length - 1;
        while (i > 0 && verdicts[i - 1]!.verdict === verdict) i--;
        verdictFrom = verdicts[i]!.size;
      }
      const best = bestOf(headline);
      // Streaming kernels only: the native form's bytes/s against copy bandwidth.
      const memcpyShare =
        headline.unit === 'bytes' && headline.results.native && !/^(limits|service)\//.test(id)
          ? shareOfMemcpy(headline, headline.results.native, memcpy)
          : null;
      const meta = metaOf(id);
      return {
        id,
        pattern: meta?.pattern ?? id,
        category: id.split('/')[0]!,
        description: headline.description,
        unit: headline.unit,
        meta,
        points,
        headline,
        rust: speedup(points, 'rust_inspired'),
        native: speedup(points, 'native'),
        best,
        crossover: findCrossover(nativePoints),
        patternCrossover: findCrossover(
          points.flatMap((p) => {
            const pattern = patternForm(p);
            return pattern && p.results.traditional
              ? [{ size: p.size, challenger: pattern, incumbent: p.results.traditional }]
              : [];
          }),
        ),
        verdict,
        verdictFrom,
        memcpyShare,
      };
    })
    .sort((a, b) => order(a.id) - order(b.id) || a.id.localeCompare(b.id));
}

/** Copy bandwidth (GB/s) at the size class of `size`: cache up to 4 MiB, memory above. */
export function memcpyGbps(size: number, r: ResultRecord, memcpy: ResultRecord[]): number | null {
  const cls = size <= 4 << 20 ? 'cache' : 'memory';
  const carried = r.limits?.memcpy_gbps?.[cls];
  if (carried !== undefined) return carried;
  const ref = memcpy.find((m) => (cls === 'cache' ? m.size <= 4 << 20 : m.size > 4 << 20));
  return ref ? (bestOf(ref).result.ops_per_sec * ref.size) / 1e9 : null;
}

/** A form's bytes/s at `r.size` over memcpy's bytes/s at the same size class. */
export function shareOfMemcpy(r: ResultRecord, form: FormResult, memcpy: ResultRecord[]): number | null {
  const limit = memcpyGbps(r.size, r, memcpy);
  return limit ? (form.ops_per_sec * r.size) / 1e9 / limit : null;
}

function order(id: string): number {
  const i = caseMeta.findIndex((m) => m.id === id);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

/** Sizes as people say them: bytes in B/KiB/MiB (or kB/MB when not powers of two), else counts. */
export function formatSize(n: number, unit: string): string {
  if (unit === 'bytes') {
    for (const [step, name] of [
      [2 ** 30, 'GiB'],
      [2 ** 20, 'MiB'],
      [2 ** 10, 'KiB'],
    ] as const) {
      if (n >= step && n % step === 0) return `${n / step} ${name}`;
    }
    for (const [step, name] of [
      [1e9, 'GB'],
      [1e6, 'MB'],
      [1e3, 'kB'],
    ] as const) {
      if (n >= step) return `${sig(n / step)} ${name}`;
    }
    return `${n} B`;
  }
  const word = unit;
  for (const [step, name] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (n >= step) return `${sig(n / step)}${name} ${word}`;
  }
  return `${n} ${word}`;
}

/** Up to three significant digits, no trailing zeros. */
function sig(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** A speed ratio: two decimals below 10, one below 100, none above. */
export function formatRatio(x: number): string {
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : x >= 0.01 ? 2 : 4;
  return `${x.toFixed(digits)}×`;
}

/** A per-op time in ns, µs, ms or s. */
export function formatTime(us: number): string {
  if (us < 1) return `${sig(us * 1000)} ns`;
  if (us < 1000) return `${sig(us)} µs`;
  if (us < 1e6) return `${sig(us / 1000)} ms`;
  return `${sig(us / 1e6)} s`;
}

/** Bytes per op. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 2 ** 20) return `${sig(n / 1024)} KiB`;
  return `${sig(n / 2 ** 20)} MiB`;
}

export function formatCrossover(c: Crossover | null, unit: string): string {
  if (!c) return '—';
  if (c.kind === 'always') return `always (from ${formatSize(c.size, unit)})`;
  if (c.kind === 'never') return `never (up to ${formatSize(c.largest, unit)})`;
  return c.estimate === c.size
    ? formatSize(c.size, unit)
    : `≈ ${formatSize(c.estimate, unit)} (wins at ${formatSize(c.size, unit)})`;
}
