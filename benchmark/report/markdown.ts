/**
 * RESULTS.md: the pattern applicability matrix, the research questions and hypotheses answered
 * from the records, and the method. Every number comes from the records; the output depends on
 * nothing else (no clock, no paths), so `rust-patterns report` reproduces it byte for byte.
 */
import type { FormResult, ResultRecord } from '../bench.js';
import {
  dedupe,
  findCrossover,
  formatBytes,
  memcpyGbps,
  shareOfMemcpy,
  formatCrossover,
  formatRatio,
  formatSize,
  formatTime,
  summarize,
  verdictSymbol,
  type CaseSummary,
  type Crossover,
  type Speedup,
  type Verdict,
} from './analyze.js';
import { timingOptions } from '../timing.js';
import { dartSource, questions } from './meta.js';

const verdictWords: Record<Verdict, string> = {
  pays: 'pays',
  loses: 'counter-productive',
  same: 'no real difference',
};

export const notMeasured = 'not measured in this run';

function speedupCell(s: Speedup | null): string {
  if (!s) return '—';
  const head = `${formatRatio(s.ratio)} ${verdictSymbol[s.verdict]}`;
  return s.min === s.max ? head : `${head} (${formatRatio(s.min)}–${formatRatio(s.max)})`;
}

function verdictCell(c: CaseSummary): string {
  if (c.verdict === null) return '—';
  const from = c.verdictFrom === null ? '' : ` from ${formatSize(c.verdictFrom, c.unit)}`;
  return `${verdictSymbol[c.verdict]} ${verdictWords[c.verdict]}${from}`;
}

/** The matrix as rows of cells, shared by the Markdown and HTML reports. */
export function matrixRows(cases: CaseSummary[]): { header: string[]; rows: string[][] } {
  const withMemcpy = cases.some((c) => c.memcpyShare !== null);
  const header = [
    'Pattern',
    'Case',
    'Rust-inspired JS vs traditional',
    'Native vs traditional',
    'Best form (largest size)',
    'Native beats JS from',
    'Verdict',
    ...(withMemcpy ? ['Share of memcpy'] : []),
    'Dart arm',
  ];
  const rows = cases.map((c) => [
    c.pattern,
    c.id,
    speedupCell(c.rust),
    speedupCell(c.native),
    `${c.best.label} @ ${formatSize(c.headline.size, c.unit)}`,
    formatCrossover(c.crossover, c.unit),
    verdictCell(c),
    ...(withMemcpy ? [c.memcpyShare === null ? '—' : `${(c.memcpyShare * 100).toFixed(0)}%`] : []),
    c.meta?.dart?.text ?? '—',
  ]);
  return { header, rows };
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

function formPhrase(c: CaseSummary, key: 'rust_inspired' | 'native', label: string): string | null {
  const r = c.headline.results[key];
  const t = c.headline.results.traditional;
  if (!r) return null;
  const s = key === 'native' ? c.native : c.rust;
  const vs =
    t && s
      ? ` (${formatRatio(s.ratio)} traditional, ${verdictSymbol[s.verdict]} ${verdictWords[s.verdict]})`
      : '';
  return `${label} ${formatTime(r.time_per_op_us)}/op ±${r.margin_pct.toFixed(1)}%${vs}`;
}

/** One templated sentence per case: the headline numbers, memory and the range across sizes. */
export function caseSentence(c: CaseSummary): string {
  const h = c.headline;
  const parts: string[] = [];
  if (h.results.traditional) {
    parts.push(
      `traditional ${formatTime(h.results.traditional.time_per_op_us)}/op ±${h.results.traditional.margin_pct.toFixed(1)}%`,
    );
  }
  for (const p of [formPhrase(c, 'rust_inspired', 'Rust-inspired'), formPhrase(c, 'native', 'native')]) {
    if (p) parts.push(p);
  }
  let text = `- **${c.pattern}** (\`${c.id}\`) at ${formatSize(h.size, c.unit)}: ${parts.join('; ')}.`;
  const mem = (['traditional', 'rust_inspired', 'native'] as const)
    .filter((k) => h.results[k])
    .map((k) => `${k.replace('_', '-')} ${formatBytes(h.results[k]!.memory_bytes)}`);
  if (mem.length > 0) text += ` Allocated per op: ${mem.join(', ')}.`;
  const eld = (['traditional', 'rust_inspired', 'native'] as const)
    .filter((k) => h.results[k]?.event_loop_delay_ms)
    .map((k) => `${k.replace('_', '-')} ${h.results[k]!.event_loop_delay_ms!.p99} ms`);
  if (eld.length > 0) text += ` Event-loop delay p99: ${eld.join(', ')}.`;
  if (c.points.length > 1) {
    const range = (label: string, s: Speedup | null): string | null =>
      s ? `${label} ${formatRatio(s.min)}–${formatRatio(s.max)}` : null;
    const ranges = [range('Rust-inspired', c.rust), range('native', c.native)].filter((x) => x !== null);
    const span = `${formatSize(c.points[0]!.size, c.unit)}–${formatSize(h.size, c.unit)}`;
    if (ranges.length > 0)
      text += ` Across ${c.points.length} sizes (${span}): ${ranges.join(', ')} of traditional.`;
  }
  if (c.crossover && c.crossover.kind !== 'never') {
    text += ` Native beats JS from ${formatCrossover(c.crossover, c.unit)}.`;
  }
  return text;
}

export type HypothesisStatus = 'confirmed' | 'refuted' | 'not measured';

export interface HypothesisResult {
  statement: string;
  status: HypothesisStatus;
  evidence: string;
}

function firstPresent(cases: CaseSummary[], ids: string[]): CaseSummary | undefined {
  for (const id of ids) {
    const c = cases.find((x) => x.id === id);
    if (c) return c;
  }
  return undefined;
}

const MB = 1e6;

/** Judges the program's four hypotheses from the summaries; the rules are stated in the output. */
export function hypotheses(cases: CaseSummary[]): HypothesisResult[] {
  const out: HypothesisResult[] = [];

  // Multiprocessing is judged on `concurrency/work-distribution` (traditional is one JS thread,
  // the `child-processes` variant sends each child its half of the data), because the hypothesis
  // is about data size. Workers are judged on `concurrency/cpu-bound` (the worker pool as
  // rust_inspired), because that hypothesis is about task length, which a memory-bound kernel
  // cannot vary on its own; work-distribution stands in when cpu-bound is absent.
  const dist = cases.find((c) => c.id === 'concurrency/work-distribution');
  const curve = (
    source: CaseSummary | undefined,
    form: (r: ResultRecord) => FormResult | undefined,
  ): Crossover | null =>
    findCrossover(
      (source?.points ?? []).flatMap((p) => {
        const challenger = form(p);
        return challenger && p.results.traditional
          ? [{ size: p.size, challenger, incumbent: p.results.traditional }]
          : [];
      }),
    );
  const h1 = 'Multiprocessing pays only above about 10 MB (confirmed if the crossover lies in 3–30 MB).';
  const procs = curve(dist, (r) => r.results.variants['child-processes']);
  if (!dist || !procs) out.push({ statement: h1, status: 'not measured', evidence: notMeasured });
  else {
    const where =
      procs.kind === 'never'
        ? `\`${dist.id}\`: child processes never beat one JS thread (measured up to ${formatSize(procs.largest, dist.unit)})`
        : `\`${dist.id}\`: child processes beat one JS thread from ${formatCrossover(procs, dist.unit)}`;
    if (procs.kind === 'never') {
      out.push(
        procs.largest >= 30 * MB
          ? { statement: h1, status: 'refuted', evidence: `${where}: it does not pay even past 30 MB` }
          : { statement: h1, status: 'not measured', evidence: `${where}; nothing measured past 30 MB` },
      );
    } else {
      const at = procs.kind === 'at' ? procs.estimate : procs.size;
      const status: HypothesisStatus =
        at >= 3 * MB && at <= 30 * MB && procs.kind === 'at' ? 'confirmed' : 'refuted';
      out.push({ statement: h1, status, evidence: where });
    }
  }

  const workers = cases.find((c) => c.id === 'concurrency/cpu-bound') ?? dist;
  const h2 =
    'Workers pay only for tasks over about 100 ms (confirmed if the crossover task takes 33–300 ms single-threaded).';
  const poolCurve = curve(workers, (r) => r.results.rust_inspired);
  if (!workers || !poolCurve) out.push({ statement: h2, status: 'not measured', evidence: notMeasured });
  else {
    const x = poolCurve;
    const tradAt = (size: number): number | undefined =>
      workers.points.find((p) => p.size === size)?.results.traditional?.time_per_op_us;
    if (x.kind === 'never') {
      const t = tradAt(x.largest);
      const evidence = `\`${workers.id}\`: workers never beat traditional; the largest task takes ${t === undefined ? '?' : formatTime(t)} single-threaded`;
      out.push(
        t !== undefined && t > 300_000
          ? { statement: h2, status: 'refuted', evidence }
          : { statement: h2, status: 'not measured', evidence: `${evidence}, below 300 ms` },
      );
    } else {
      const measured = tradAt(x.size);
      if (measured === undefined) out.push({ statement: h2, status: 'not measured', evidence: notMeasured });
      else {
        // The work grows linearly with size, so the task at the estimated crossover scales too.
        const t = x.kind === 'at' ? (measured * x.estimate) / x.size : measured;
        const status: HypothesisStatus =
          x.kind === 'at' && t >= 33_000 && t <= 300_000 ? 'confirmed' : 'refuted';
        const from =
          x.kind === 'always'
            ? `already at the smallest size measured, ${formatSize(x.size, workers.unit)}`
            : `from about ${formatSize(x.estimate, workers.unit)}`;
        out.push({
          statement: h2,
          status,
          evidence: `\`${workers.id}\`: workers beat one JS thread ${from}, a task of ${formatTime(t)} single-threaded`,
        });
      }
    }
  }

  const pool = cases.find((c) => c.id === 'allocation/object-pooling');
  const h3 = 'Object pooling helps (confirmed if the pooled form is faster beyond the margins).';
  const poolSpeed = pool ? (pool.rust ?? pool.native) : null;
  if (!pool || !poolSpeed) out.push({ statement: h3, status: 'not measured', evidence: notMeasured });
  else
    out.push({
      statement: h3,
      status: poolSpeed.verdict === 'pays' ? 'confirmed' : 'refuted',
      evidence: `\`${pool.id}\` at ${formatSize(pool.headline.size, pool.unit)}: pooled ${formatRatio(poolSpeed.ratio)} traditional (${verdictWords[poolSpeed.verdict]})`,
    });

  const own = firstPresent(cases, ['ownership/move', 'ownership/release']);
  const h4 =
    'Ownership semantics add overhead (confirmed if the ownership form is slower beyond the margins).';
  const ownSpeed = own ? (own.rust ?? own.native) : null;
  if (!own || !ownSpeed) out.push({ statement: h4, status: 'not measured', evidence: notMeasured });
  else {
    const overhead = (1 / ownSpeed.ratio - 1) * 100;
    out.push({
      statement: h4,
      status: ownSpeed.verdict === 'loses' ? 'confirmed' : 'refuted',
      evidence: `\`${own.id}\` at ${formatSize(own.headline.size, own.unit)}: ownership form ${formatRatio(ownSpeed.ratio)} traditional (${overhead >= 0 ? '+' : ''}${overhead.toFixed(0)}% time per op, ${verdictWords[ownSpeed.verdict]})`,
    });
  }
  return out;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function range(xs: number[]): string {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** The Method section: everything needed to repeat the run, taken from the records. */
function method(records: ResultRecord[]): string {
  const dates = records.map((r) => r.date).sort();
  const forms = records.flatMap((r) =>
    [
      r.results.traditional,
      r.results.rust_inspired,
      r.results.native,
      ...Object.values(r.results.variants ?? {}),
      ...Object.values(r.results.peers ?? {}),
    ].filter((f) => f !== undefined),
  );
  const machines = distinct(
    records.map((r) => {
      const m = r.machine;
      return `${m.cpu_model}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}; Node ${m.node} (V8 ${m.v8}); ${m.rust ?? 'rustc unknown'}; UV_THREADPOOL_SIZE=${m.uv_threadpool_size}; implementation ${m.implementation}; crc32 SIMD ${m.crc32_simd_level}`;
    }),
  );
  const commands = distinct(records.map((r) => r.command ?? 'not recorded'));
  const modes = distinct(records.map((r) => r.mode));
  return [
    '## Method',
    '',
    `- **Run:** ${plural(records.length, 'record')} from ${dates[0]} to ${dates[dates.length - 1]}, mode ${modes.join(', ')}.`,
    `- **Command:** ${commands.map((c) => `\`${c}\``).join(', ')}.`,
    `- **Machine:** ${machines.join(' / ')}.`,
    '- **Correctness first:** every form runs once untimed and the case’s check asserts that all forms agree before anything is timed.',
    `- **Warm-up and samples:** benny (Benchmark.js) calibrates and warms each form up before sampling; quick mode samples each form for at least ${timingOptions.quick.maxTime} s and ${timingOptions.quick.minSamples} samples of at least ${timingOptions.quick.minTime * 1000} ms, full mode ${timingOptions.full.maxTime} s and ${timingOptions.full.minSamples} samples of at least ${timingOptions.full.minTime * 1000} ms; a case whose forms compete with background threads may ask for more samples. Samples per form in this run: ${range(forms.map((f) => f.samples))}.`,
    `- **Margins:** each figure is the median time per op with Benchmark.js’s relative margin of error (95% confidence); margins in this run: ${range(forms.map((f) => f.margin_pct))}%. A verdict is ✅ or ❌ only when the two intervals (ops/s ± margin) do not overlap; otherwise it is ≈.`,
    `- **Isolation:** each form is timed through its own freshly compiled function, so no form runs behind a call site that other forms made megamorphic; each case runs in its own Node process, so no case inherits another’s heap, native memory, pending finalizers or JIT state.`,
    '- **Memory:** a separate untimed pass per form measures heap bytes allocated per op and GC count/time with `v8.GCProfiler` (event-loop delay where a case asks for it).',
    '- **Columns:** speedups are ops/s over traditional at the largest size (range across sizes in brackets). "Native beats JS from" is the smallest size from which native beats the faster of traditional and Rust-inspired JS at every larger size, interpolated on log-log axes where the ratio crosses 1. The verdict compares the faster of Rust-inspired and native with traditional.',
    `- **Dart column:** ${dartSource}, quoted for comparison; not measured here.`,
    '',
  ].join('\n');
}

/** Renders RESULTS.md from records. */
/**
 * Every native streaming kernel as a share of the copy bandwidth at its size class, and every
 * tiny-input native call as a multiple of the Node-API call floor, from the run's `limits/*`.
 */
export function limitsSection(records: ResultRecord[], cases: CaseSummary[]): string[] {
  const memcpy = dedupe(records).filter((r) => r.benchmark === 'limits/memcpy');
  const floorRecord = dedupe(records).find((r) => r.benchmark === 'limits/call-floor');
  const floorNs =
    floorRecord?.results.variants['native-borrow-16B']?.time_per_op_us !== undefined
      ? floorRecord.results.variants['native-borrow-16B'].time_per_op_us * 1000
      : undefined;
  if (memcpy.length === 0 && floorNs === undefined) return [];
  const out = ['## Against the machine’s limits', ''];
  const ref = (size: number): string => {
    const any = memcpy.find((m) => (size <= 4 << 20 ? m.size <= 4 << 20 : m.size > 4 << 20));
    const g = any ? memcpyGbps(size, any, memcpy) : null;
    return g === null ? 'not measured' : `${g.toFixed(1)} GB/s`;
  };
  out.push(
    `Copy bandwidth (fastest of Buffer#copy, TypedArray#set, Rust copy_from_slice): ${ref(64 << 10)} at 64 KiB (cache), ${ref(64 << 20)} at 64 MiB (memory). ` +
      `Node-API call floor: ${floorNs === undefined ? 'not measured' : `${floorNs.toFixed(0)} ns`} for a native call borrowing a 16-byte Uint8Array` +
      `${floorRecord?.results.native ? ` (${(floorRecord.results.native.time_per_op_us * 1000).toFixed(0)} ns for a no-op)` : ''}.`,
    '',
  );
  const rows: string[][] = [];
  for (const c of cases) {
    if (c.unit !== 'bytes' || c.id.startsWith('limits/') || c.id.startsWith('service/')) continue;
    const withNative = c.points.filter((p) => p.results.native);
    if (withNative.length === 0) continue;
    const cache = withNative
      .filter((p) => p.size >= 16 << 10 && p.size <= 1 << 20)
      .sort((a, b) => Math.abs(Math.log(a.size / 65536)) - Math.abs(Math.log(b.size / 65536)))[0];
    const memory = withNative.filter((p) => p.size >= 16 << 20).pop();
    const cell = (p: ResultRecord | undefined): string => {
      if (!p) return '—';
      const gbps = (p.results.native!.ops_per_sec * p.size) / 1e9;
      const share = shareOfMemcpy(p, p.results.native!, memcpy);
      return `${gbps.toFixed(1)} GB/s${share === null ? '' : ` (${(share * 100).toFixed(0)}%)`} @ ${formatBytes(p.size)}`;
    };
    const tiny = withNative[0]!;
    const multiple =
      floorNs === undefined || tiny.size > 256
        ? '—'
        : `${((tiny.results.native!.time_per_op_us * 1000) / floorNs).toFixed(2)}× @ ${formatBytes(tiny.size)}`;
    rows.push([`\`${c.id}\``, cell(cache), cell(memory), multiple]);
  }
  if (rows.length > 0) {
    out.push(
      table(
        [
          'Case',
          'Native, cache-sized (% of memcpy)',
          'Native, memory-sized (% of memcpy)',
          'Tiny input vs call floor',
        ],
        rows,
      ),
      '',
    );
  }
  return out;
}

export function renderMarkdown(records: ResultRecord[]): string {
  if (records.length === 0) throw new Error('no records to report');
  const cases = summarize(records);
  const { header, rows } = matrixRows(cases);
  const first = records.map((r) => r.date).sort()[0]!;
  const m = records[0]!.machine;
  const out: string[] = [
    '# rust-patterns results: the pattern applicability matrix',
    '',
    `Generated by \`rust-patterns report\` from ${plural(records.length, 'benchmark record')} (${plural(cases.length, 'case')}) measured on ${first.slice(0, 10)} on ${m.cpu_model} (${m.cores} cores), Node ${m.node}. Do not edit: regenerate with \`npm run bench\`, or \`rust-patterns report <results.json>\` from saved results.`,
    '',
    '## Matrix',
    '',
    table(header, rows),
    '',
    '✅ pays · ❌ counter-productive · ≈ no real difference (margins of error overlap). Speedups are ops/s over traditional.',
    '',
    '## Research questions',
    '',
  ];
  questions.forEach((q, i) => {
    out.push(`### ${i + 1}. ${q.title}`, '');
    const found = q.cases.map((id) => cases.find((c) => c.id === id)).filter((c) => c !== undefined);
    if (found.length === 0)
      out.push(
        `${notMeasured.charAt(0).toUpperCase()}${notMeasured.slice(1)} (cases: ${q.cases.map((id) => `\`${id}\``).join(', ')}).`,
      );
    else {
      for (const c of found) out.push(caseSentence(c));
      const missing = q.cases.filter((id) => !found.some((c) => c.id === id));
      if (missing.length > 0) out.push(`- ${missing.map((id) => `\`${id}\``).join(', ')}: ${notMeasured}.`);
    }
    out.push('');
  });
  out.push(...limitsSection(records, cases));
  out.push(
    '## Hypotheses',
    '',
    table(
      ['Hypothesis', 'Status', 'Evidence'],
      hypotheses(cases).map((h) => [h.statement, h.status, h.evidence]),
    ),
    '',
  );
  out.push(method(records));
  return out.join('\n');
}

/**
 * The block that `npm run bench` writes into README.md between the `matrix` markers: the
 * matrix's headline columns and the "when JS wins" advice, both derived from the same records
 * as RESULTS.md, so the README can never drift from the measurements.
 */
export function readmeBlock(records: ResultRecord[]): string {
  const cases = summarize(records).filter((c) => !c.id.startsWith('limits/'));
  const first = records.map((r) => r.date).sort()[0]!;
  const m = records[0]!.machine;
  const rows = cases.map((c) => [
    `\`${c.id}\``,
    speedupCell(c.rust),
    speedupCell(c.native),
    formatCrossover(c.crossover, c.unit),
    verdictCell(c),
  ]);
  const advice: string[] = [];
  for (const c of cases) {
    if (c.crossover?.kind === 'never') {
      advice.push(
        `- \`${c.id}\`: native never beat the best JS form, up to ${formatSize(c.crossover.largest, c.unit)}.`,
      );
    } else if (c.crossover?.kind === 'at') {
      advice.push(
        `- \`${c.id}\`: JS is faster below ≈ ${formatSize(c.crossover.estimate, c.unit)}; native wins from ${formatSize(c.crossover.size, c.unit)}.`,
      );
    }
    if (c.rust?.verdict === 'loses') {
      advice.push(
        `- \`${c.id}\`: the Rust-inspired JS form is slower than traditional JS (${formatRatio(c.rust.ratio)} at ${formatSize(c.headline.size, c.unit)}).`,
      );
    }
  }
  return [
    `Measured ${first.slice(0, 10)} on ${m.cpu_model} (${m.cores} cores), Node ${m.node}; generated by \`npm run bench\` from the same records as [RESULTS.md](RESULTS.md), which has every column, the margins and the method.`,
    '',
    table(
      ['Case', 'Rust-inspired JS vs traditional', 'Native vs traditional', 'Native beats JS from', 'Verdict'],
      rows,
    ),
    '',
    '### When JS wins',
    '',
    ...(advice.length > 0 ? advice : ['- In this run, no case where JS beat native or the pattern lost.']),
  ].join('\n');
}

/** Replaces the text between `<!-- matrix:start -->` and `<!-- matrix:end -->` in `readme`. */
export function embedInReadme(readme: string, block: string): string {
  const start = '<!-- matrix:start -->';
  const end = '<!-- matrix:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a === -1 || b === -1 || b < a) return readme;
  return `${readme.slice(0, a + start.length)}\n${block}\n${readme.slice(b)}`;
}
