/**
 * RESULTS.md: the pattern applicability matrix, the research questions and hypotheses answered
 * from the records, the machine's limits, the run's controls and the method. Every number comes
 * from the records; the output depends on nothing else (no clock, no paths), so
 * `rust-patterns report` on a saved results file reproduces it byte for byte.
 */
import type { FormResult, ResultRecord } from '../engine/record.js';
import { bands, CONFIDENCE, EQUIVALENCE, verdict, type VerdictClass } from '../engine/stats.js';
import {
  byCase,
  classWords,
  controlsOf,
  findCrossover,
  formatBytes,
  formatCrossover,
  formatInterval,
  formatOps,
  formatRatio,
  formatSize,
  formatThroughput,
  formatTime,
  formatVerdict,
  verdictWords,
  incumbentFasterBelow,
  isLimits,
  levelNames,
  levels,
  limitsOf,
  rooflineFor,
  rooflineShare,
  rooflineTolerance,
  rooflineWarnings,
  sig,
  stillChanging,
  STILL_CHANGING,
  summarize,
  throughput,
  compareForms,
  dartSource,
  AA_CONTROL,
  KNOWN_RATIO_CONTROL,
  type CaseSummary,
  type Comparison,
  type ComparisonName,
  type ControlsStatus,
  type PointVerdict,
} from './analyze.js';
import {
  acrossCell,
  acrossIntro,
  acrossRuntimes,
  CRC_CASE,
  CRC_SIZE,
  differs,
  factsTable,
  flipSentences,
  mainOnly,
} from './across.js';
import { allCases } from '../cases/index.js';
import { benchCase as cpuBound } from '../cases/concurrency/cpu-bound.js';
import { benchCase as workDistribution } from '../cases/concurrency/work-distribution.js';
import { benchCase as callFloor } from '../cases/limits/call-floor.js';
import { benchCase as limitsBoundary } from '../cases/limits/boundary.js';
import { benchCase as bandwidth } from '../cases/limits/bandwidth.js';
import { peerRows, peersThatWin } from './library.js';
import { formatShare, rustRows, rustSection } from './rust.js';
import { wasmCell } from './wasm.js';
import { hypothesisRows, renderAnswers } from '../questions/index.js';
import { delaySection, formPairsSection } from './row-questions.js';
import { stepsSection } from './steps.js';
import { groupByRuntime, mainRecords, mainRuntimeNote } from './runtimes.js';
import { contentionText, hostContention } from './host.js';
import { scalingSection } from './scaling.js';

/** What the caller may vary; everything else comes from the records. */
export interface ReportOptions {
  /** How to regenerate, printed in the header (default: `npm run bench -- --publish`, or `npm run publish-results -- <results.json>`). */
  regenerate?: string;
}

export const notMeasured = 'not measured in this run';

/** Display names of the main form keys; other forms keep their names. */
export function formLabel(key: string, f?: FormResult): string {
  if (key === 'traditional') return 'traditional';
  if (key === 'rust_inspired') return 'Rust-inspired';
  if (key === 'native') return 'native';
  if (key === 'rust') return 'Rust';
  return f && (f.kind === 'peer' || f.kind === 'builtin')
    ? `${key} (${f.kind === 'peer' ? 'peer' : 'built-in'})`
    : key;
}

/** A matrix cell: text, and the verdict class it states (the HTML report draws it as a badge). */
export interface Cell {
  text: string;
  /** The one class that holds the interval (else undecided): the badge's colour. */
  verdict?: VerdictClass;
  /** The verdict in words (analyze.ts `verdictWords`): direction and magnitude. */
  words?: string;
}

function verdictCell(v: PointVerdict | undefined, suffix = ''): Cell {
  return v
    ? { verdict: v.class, words: verdictWords(v), text: `${formatInterval(v)}${suffix}` }
    : { text: '—' };
}

/** A cell as Markdown text: the verdict's words, then the ratio and interval. */
export function cellText(c: Cell): string {
  if (c.words) return `${c.words} ${c.text}`;
  return c.verdict ? `${classWords[c.verdict]} ${c.text}` : c.text;
}

/** The form whose throughput the matrix shows: the native kernel, else the Rust-inspired one. */
function kernelOf(r: ResultRecord): [string, FormResult] | null {
  for (const key of ['native', 'rust_inspired', 'traditional']) {
    const f = r.forms[key];
    if (f) return [key, f];
  }
  return null;
}

/** Throughput of the kernel at the headline size, with its share of the matching roofline. */
export function throughputCell(r: ResultRecord): string {
  const k = kernelOf(r);
  if (!k) return '—';
  const t = throughput(r, k[1]);
  if (!t) return '—';
  const roof = rooflineFor(r, k[0]);
  const share = rooflineShare(r, k[1], k[0]);
  const of =
    roof && share !== null
      ? ` (${(share * 100).toFixed(0)}% of ${levelNames[roof.level]} ${roof.access}${roof.cores ? ` × ${roof.cores} cores` : ''})`
      : '';
  return `${formLabel(k[0])} ${formatThroughput(t)}${of}`;
}

/** The share of its roofline below which a native kernel's case file must say why (issue 27). */
export const ROOFLINE_FLOOR = 0.5;

/**
 * Every native streaming kernel (a case with an access pattern and a native form) at its largest
 * size: its throughput, the roofline it is held to (`rooflineFor`), its share of it and, below
 * `ROOFLINE_FLOOR`, the case file's reason (`BenchCase.belowRoofline`), or a mark that it has
 * none. Nothing when no case has both.
 */
export function rooflineSection(cases: CaseSummary[]): string[] {
  const rows = cases.flatMap((c) => {
    const r = c.headline;
    const f = r.forms.native;
    const roof = f ? rooflineFor(r, 'native') : null;
    const t = f ? throughput(r, f) : null;
    if (!f || !roof || !t || t.unit !== 'B/s') return [];
    const share = rooflineShare(r, f, 'native');
    const at = roof.at_bytes === undefined ? levelNames[roof.level] : formatBytes(roof.at_bytes);
    const why =
      share === null
        ? 'more than 10× the roofline: it does not stream the bytes its record states'
        : share >= ROOFLINE_FLOOR
          ? '—'
          : (c.meta?.belowRoofline ?? '**no reason given** (the case file has no `belowRoofline`)');
    return [
      [
        `\`${c.id}\``,
        formatSize(r.size, c.unit),
        formatThroughput(t),
        `${roof.access} ${sig(roof.gbps)} GB/s at ${at}${roof.cores ? ` × ${roof.cores} cores` : ''}`,
        share === null ? '—' : `${(share * 100).toFixed(0)}%`,
        why,
      ],
    ];
  });
  if (rows.length === 0) return [];
  return [
    '## Streaming kernels against their rooflines',
    '',
    `Each native kernel with an access pattern at its largest size, against the roofline of that pattern (see Limits). Below ${ROOFLINE_FLOOR * 100}% the case file says what work per byte or per op keeps it there.`,
    '',
    table(
      ['Case', 'Size', 'Native throughput', 'Roofline', 'Share', `Why below ${ROOFLINE_FLOOR * 100}%`],
      rows,
    ),
    '',
  ];
}

/** The matrix as rows of cells, shared by the Markdown and HTML reports. */
export function matrixRows(cases: CaseSummary[]): { header: string[]; rows: Cell[][] } {
  const withBuiltin = cases.some((c) => c.builtin !== null);
  const header = [
    'Pattern',
    'Case',
    'Rust-inspired JS vs traditional',
    'Native vs fastest JS',
    ...(withBuiltin ? ['Node built-in vs traditional'] : []),
    'Native beats JS from',
    'Fastest form (largest size)',
    'Throughput (largest size, share of roofline)',
    'Dart arm',
  ];
  const rows = cases.map((c): Cell[] => {
    const native = c.native?.headline;
    const builtin = c.builtin?.headline;
    return [
      { text: c.pattern },
      { text: c.id },
      verdictCell(c.rust?.headline),
      verdictCell(
        native,
        native ? ` vs ${formLabel(native.incumbent, c.headline.forms[native.incumbent])}` : '',
      ),
      ...(withBuiltin ? [verdictCell(builtin, builtin ? ` (${builtin.challenger})` : '')] : []),
      { text: formatCrossover(c.crossover, c.unit) },
      { text: `${formLabel(c.best[0], c.best[1])} @ ${formatSize(c.headline.size, c.unit)}` },
      { text: throughputCell(c.headline) },
      { text: c.meta?.dart?.text ?? '—' },
    ];
  });
  return { header, rows };
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The legend under the matrix: the bands, the confidence level, what undecided means. */
export function legend(): string {
  const named = bands.map((b) => b.label).join('; ');
  return (
    `Each verdict is a speed ratio (challenger over incumbent: above 1× the challenger is faster) with its ${CONFIDENCE * 100}% confidence interval [low–high], ` +
    `bootstrapped on log time from the raw samples. Classes: ${named}. A verdict names the class that holds the whole interval, ` +
    'or the two adjacent classes when the interval straddles one boundary. ' +
    '"Slightly faster to faster 1.97× [1.86–2.08]" is faster either way, by 1.9–2.1×. ' +
    'Where the interval spans three classes or more, the verdict names only its direction ("faster (by how much: undecided)") when the whole interval lies beyond the ±10% band. ' +
    `"equivalent" (the whole interval within ${formatRatio(1 / EQUIVALENCE)}–${formatRatio(EQUIVALENCE)}) is the only verdict that means no real difference, ` +
    'and "undecided" means the data cannot tell which way, which is not evidence of no difference. ' +
    '"Native vs fastest JS" compares native with the fastest JS form of any kind at that size (traditional, Rust-inspired, variants, npm peers, Node built-ins); the two comparisons are never merged.'
  );
}

/**
 * Heap plus ArrayBuffer bytes per op of a form, when its memory pass ran; a part the runtime could
 * not measure makes the sum a lower bound.
 */
function allocated(f: FormResult): string | null {
  if (!f.memory) return null;
  const parts = [f.memory.heap_bytes_per_op, f.memory.array_buffer_bytes_per_op];
  const known = parts.filter((x) => x !== null);
  if (known.length === 0) return null;
  const total = known.reduce((a, b) => a + b, 0);
  const atLeast = f.memory.external_lower_bound || known.length < parts.length;
  return `${formatBytes(total)}${atLeast ? ' (at least)' : ''}`;
}

function formPhrase(c: CaseSummary, key: string, f: FormResult): string {
  let text = `${formLabel(key, f)} ${formatTime(f.time_per_op_us)}/op`;
  const rust = c.rust?.headline;
  const native = c.native?.headline;
  if (key === 'rust_inspired' && rust && rust.size === c.headline.size) {
    text += ` (${formatVerdict(rust)} vs traditional)`;
  }
  if (key === 'native' && native && native.size === c.headline.size) {
    text += ` (${formatVerdict(native)} vs the fastest JS, ${formLabel(native.incumbent, c.headline.forms[native.incumbent])})`;
  }
  return text;
}

/** One templated sentence per case: the headline numbers, memory and the crossover. */
export function caseSentence(c: CaseSummary): string {
  const h = c.headline;
  const main = ['traditional', 'rust_inspired', 'native'].filter((k) => h.forms[k]);
  const parts = main.map((k) => formPhrase(c, k, h.forms[k]!));
  let text = `- **${c.pattern}** (\`${c.id}\`) at ${formatSize(h.size, c.unit)}: ${parts.join('; ')}.`;
  const mem = main.flatMap((k) => {
    const a = allocated(h.forms[k]!);
    return a === null ? [] : [`${formLabel(k)} ${a}`];
  });
  if (mem.length > 0) text += ` Allocated per op (heap + array buffers): ${mem.join(', ')}.`;
  const eld = main.flatMap((k) => {
    const e = h.forms[k]!.event_loop_delay_ms;
    return e ? [`${formLabel(k)} ${e.p99} ms`] : [];
  });
  if (eld.length > 0) text += ` Event-loop delay p99: ${eld.join(', ')}.`;
  if (c.builtin) {
    text += ` Node built-in ${c.builtin.headline.challenger}: ${formatVerdict(c.builtin.headline)} vs traditional.`;
  }
  if (c.crossover && c.crossover.kind !== 'never' && c.points.length > 1) {
    text += ` Native beats JS from ${formatCrossover(c.crossover, c.unit)}.`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Controls, limits, figures, method

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function range(xs: number[], fmt: (x: number) => string = String): string {
  if (xs.length === 0) return 'none';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
}

/** The banner at the top of the reports, or null when the controls passed. */
export function reliabilityBanner(controls: ControlsStatus): string | null {
  if (controls.status === 'passed') return null;
  const head =
    controls.status === 'failed'
      ? 'UNRELIABLE RUN: a control failed, so differences of the size it shows may be noise; do not act on these verdicts.'
      : 'UNCHECKED RUN: the controls were not run, so nothing shows that this run can tell equal forms apart from different ones.';
  return `${head} ${controls.problems.map((p) => `${p.charAt(0).toUpperCase()}${p.slice(1)}.`).join(' ')}`;
}

/** The Controls line: the A/A class and the known-ratio interval. */
export function controlsLine(controls: ControlsStatus): string {
  const aa =
    controls.aa.length === 0
      ? 'A/A not run'
      : `A/A (\`${AA_CONTROL}\`): ${controls.aa.map((c) => `${verdictWords(c)} ${formatInterval(c)}${c.pass ? '' : ' (FAILED: must be equivalent)'}`).join(', ')}`;
  const known =
    controls.knownRatio.length === 0
      ? 'known ratio not run'
      : `known ratio 2× (\`${KNOWN_RATIO_CONTROL}\`): ${controls.knownRatio.map((c) => `${formatInterval(c)}${c.pass ? ', contains 2.0' : ' (FAILED: does not contain 2.0)'}`).join(', ')}`;
  const verdict =
    controls.status === 'passed'
      ? 'The run passes its controls.'
      : controls.status === 'failed'
        ? 'The run FAILS its controls.'
        : 'The run is unchecked.';
  return `**Controls:** ${aa}; ${known}. ${verdict}`;
}

/** "Use them there": every form faster than the package's function by more than 10%, or null. */
export function libraryAdvice(records: ResultRecord[]): string | null {
  const wins = peersThatWin(peerRows(records, formLabel));
  if (wins.length === 0) return null;
  return `Measured faster than the package's function, beyond the ±10% band (use them there): ${wins
    .map((w) => `${w.label} for ${w.case} at ${w.sizes.join(' and ')}`)
    .join('; ')}.`;
}

/** The library's primitives against what users pick instead; empty without library records. */
export function librarySection(records: ResultRecord[]): string[] {
  const rows = peerRows(records, formLabel);
  if (rows.length === 0) return [];
  const body = rows.map((r) => [
    r.case,
    r.label,
    `${formatSize(r.smallest.size, r.unit)}: ${formatVerdict(r.smallest)}`,
    r.largest.size === r.smallest.size
      ? ''
      : `${formatSize(r.largest.size, r.unit)}: ${formatVerdict(r.largest)}`,
  ]);
  return [
    '## The primitives against what users pick instead',
    '',
    "Each row times this package's function against another way to do the same work, in the same rounds; the ratio is how many times faster the package's function is (below 1: the other is faster). The smallest size prices a call, the largest the throughput.",
    '',
    table(['Case', 'Against', 'Smallest size', 'Largest size'], body),
    '',
    libraryAdvice(records) ??
      "No peer or built-in was measured faster than the package's function at these sizes.",
    '',
  ];
}

/** The Limits section: rooflines per level, the call floor, and the reference records. */
export function limitsSection(records: ResultRecord[]): string[] {
  const limits = limitsOf(records);
  const refs = byCase(records).filter(([id]) => isLimits(id));
  if (!limits.roofline && !limits.call_floor_ns && limits.harness_ns === undefined && refs.length === 0)
    return [];
  const out = [
    '## Limits',
    '',
    'References measured in the same run, not patterns: they have no verdicts.',
    '',
  ];
  const roof = limits.roofline;
  if (roof?.ladder?.length) {
    const gbps = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(1));
    const method = (x: string | undefined): string => (x === undefined ? '' : ` (\`${x}\`)`);
    // Records made before the update roofline have no update column.
    const update = roof.ladder.some((p) => p.update_gbps !== undefined);
    out.push(
      table(
        [
          'Size',
          'Read GB/s (limit)',
          'Read, built-in',
          'Copy GB/s (limit)',
          'Copy, built-in',
          ...(update ? ['Update in place GB/s (limit)'] : []),
        ],
        roof.ladder.map((p) => [
          formatBytes(p.bytes),
          `${gbps(p.read_gbps)}${method(p.read_method)}`,
          gbps(p.common_read_gbps),
          `${gbps(p.copy_gbps)}${method(p.copy_method)}`,
          gbps(p.common_copy_gbps),
          ...(update ? [`${gbps(p.update_gbps)}${method(p.update_method)}`] : []),
        ]),
      ),
      '',
      `Each limit is the fastest of several methods (reads: a vector scan with eight accumulators, \`countByte\`, \`Buffer#indexOf\`; copies: memcpy, a vector loop, non-temporal stores; updates in place: a vector loop); the built-in column is what \`Buffer#indexOf\` and \`Buffer#copy\`/\`set\` reach. Caches: L1d ${formatBytes(roof.level_bytes.l1)}, L2 ${formatBytes(roof.level_bytes.l2)}, L3 ${formatBytes(roof.level_bytes.l3)}. A kernel is compared with the roofline of its access pattern (read-only kernels with read bandwidth, copies with copy bandwidth, in-place kernels with update bandwidth) at the largest size at or below its working set, which bounds it from above since bandwidth falls with size (or a larger size, if that measured faster); a form on several cores with that figure times the cores.`,
      '',
    );
  } else if (roof) {
    out.push(
      table(
        ['Level', 'Size', 'Read GB/s', 'Copy GB/s'],
        levels.map((l) => [
          levelNames[l],
          formatBytes(roof.level_bytes[l]),
          roof.read_gbps[l] === undefined ? '—' : roof.read_gbps[l]!.toFixed(1),
          roof.copy_gbps[l] === undefined ? '—' : roof.copy_gbps[l]!.toFixed(1),
        ]),
      ),
      '',
      'A kernel is compared with the roofline of its access pattern (read-only kernels with read bandwidth, copies with copy bandwidth) at the level its bytes per op fall in (up to L1, L2, L3, else memory).',
      '',
    );
  }
  const excess = rooflineWarnings(records);
  if (roof && excess.length > 0) {
    out.push(
      `**${excess.length} form${excess.length === 1 ? '' : 's'} above ${Math.round(rooflineTolerance * 100)}% of the roofline:**`,
      '',
      // The worst 20; every one is also printed as a warning when the report is written.
      ...excess.slice(0, 20).map((w) => `- ${w}`),
      ...(excess.length > 20 ? [`- and ${excess.length - 20} more (printed by the run)`] : []),
      '',
    );
  }
  const floor = limits.call_floor_ns;
  if (floor) {
    const parts = [
      floor.noop === undefined ? null : `${floor.noop} ns for a no-op native call`,
      floor.borrow_16b === undefined ? null : `${floor.borrow_16b} ns for one borrowing a 16-byte Uint8Array`,
    ].filter((x) => x !== null);
    out.push(`**Node-API call floor:** ${parts.join(', ')}.`, '');
  }
  if (limits.harness_ns !== undefined) {
    out.push(
      `**Harness floor:** the timed loop adds ${limits.harness_ns} ns per op (a form that does nothing, timed like every other); every time per op in this report includes it.`,
      '',
    );
  }
  const rows = refs.flatMap(([id, points]) =>
    points.flatMap((p) =>
      Object.entries(p.forms).map(([key, f]) => {
        const t = throughput(p, f);
        // `limits/bandwidth` forms that repeat their pass within one op (metric `passes:<form>`).
        const passes = p.metrics?.[`passes:${key}`] ?? 1;
        return [
          `\`${id}\``,
          formatSize(p.size, p.unit),
          passes === 1 ? formLabel(key, f) : `${formLabel(key, f)} (${passes} passes per op)`,
          formatTime(f.time_per_op_us),
          t ? formatThroughput({ ...t, value: t.value * passes }) : '—',
        ];
      }),
    ),
  );
  if (rows.length > 0) out.push(table(['Reference', 'Size', 'Form', 'Time per op', 'Throughput'], rows), '');
  out.push(...boundaryLayers(records));
  return out;
}

/**
 * `limits/boundary`: each layer of a call through napi-rs and through a raw Node-API callback
 * (forms `napi-<layer>` and `raw-<layer>`, sampled in the same rounds), and the public hot entry
 * points (`public-<layer>`) against their raw twins. Ratios are times over the raw callback's;
 * the last column sets the public export against the raw C reference (`c-<layer>`, the floor).
 */
export function boundaryLayers(records: ResultRecord[]): string[] {
  const r = records.find((x) => x.benchmark === limitsBoundary.id);
  if (!r) return [];
  const layers = Object.keys(r.forms)
    .filter((k) => k.startsWith('raw-'))
    .map((k) => k.slice('raw-'.length));
  const over = (side: string, layer: string, base = 'raw'): string => {
    const a = r.forms[`${side}-${layer}`];
    const raw = r.forms[`${base}-${layer}`];
    if (!a || !raw) return '—';
    // How many times slower than the reference: the reference is the challenger's inverse.
    const v = verdict(raw, a, `${limitsBoundary.id}|${side}|${layer}${base === 'raw' ? '' : `|${base}`}`);
    return `${formatTime(a.time_per_op_us)}: ${formatInterval(v)}`;
  };
  const rows = layers.map((layer) => [
    layer,
    formatTime(r.forms[`raw-${layer}`]!.time_per_op_us),
    over('napi', layer),
    over('public', layer),
    over('public', layer, 'c'),
  ]);
  if (rows.length === 0) return [];
  return [
    `**Boundary layers** (\`${limitsBoundary.id}\`): one call through a raw Node-API callback, through napi-rs, and through the public export, with the time over the raw callback's and its 95% interval; the last column is the public export over a raw C Node-API function with the same contract (the floor).`,
    '',
    table(
      ['Layer', 'Raw Node-API', 'napi-rs (× raw)', 'Public export (× raw)', 'Public export (× raw C)'],
      rows,
    ),
    '',
  ];
}

/** One line per row on why it comes out as it does (each case file's `mechanism`). */
export function whySection(cases: CaseSummary[]): string[] {
  const rows = cases.flatMap((c) => (c.meta?.mechanism ? [[`\`${c.id}\``, c.meta.mechanism]] : []));
  if (rows.length === 0) return [];
  return [
    '## Why each row comes out as it does',
    '',
    'The mechanism behind each result in V8 and Node terms; "(a guess)" marks those not verified.',
    '',
    table(['Case', 'Mechanism'], rows),
    '',
  ];
}

/** Every form of every case at its largest size: time, spread, throughput, memory, GC. */
export function figuresSection(cases: CaseSummary[]): string[] {
  const rows = cases.flatMap((c) =>
    Object.entries(c.headline.forms).map(([key, f]) => {
      const t = throughput(c.headline, f);
      const share = rooflineShare(c.headline, f, key);
      const m = f.memory;
      // n/a: the runtime cannot measure it (the record's `unavailable`); —: not measured.
      const bytes = (x: number | null | undefined, suffix = ''): string =>
        x === undefined ? '—' : x === null ? 'n/a' : `${formatBytes(x)}${suffix}`;
      const noProfiler = c.headline.unavailable?.includes('gc_profiler') === true;
      return [
        `\`${c.id}\``,
        formatSize(c.headline.size, c.unit),
        formLabel(key, f),
        `${formatTime(f.time_per_op_us)} ±${f.margin_pct.toFixed(1)}%`,
        formatOps(f.ops_per_sec),
        t ? `${formatThroughput(t)}${share === null ? '' : ` (${(share * 100).toFixed(0)}%)`}` : '—',
        bytes(m?.heap_bytes_per_op),
        bytes(m?.array_buffer_bytes_per_op, m?.external_lower_bound ? ' (at least)' : ''),
        f.gc ? `${f.gc.count} / ${f.gc.p99_ms.toFixed(2)} ms` : m && noProfiler ? 'n/a' : '—',
      ];
    }),
  );
  return [
    '## Figures at the largest size',
    '',
    'Median time per op with the half-width of its 95% bootstrap interval; throughput from the record’s bytes or items per op, with the share of the matching roofline in brackets; memory per op from an untimed pass (V8 heap, and ArrayBuffer backing stores, which the heap figure does not include).',
    '',
    table(
      [
        'Case',
        'Size',
        'Form',
        'Time per op',
        'ops/s',
        'Throughput',
        'Heap per op',
        'Array buffers per op',
        'GCs / p99 pause',
      ],
      rows,
    ),
    '',
  ];
}

/** The C library and malloc tunables a record's processes ran with, as the Method section prints them. */
function allocatorText(m: ResultRecord['machine']): string {
  if (!m.allocator) return 'malloc tunables not recorded';
  const libc = m.allocator.libc ?? 'C library unknown';
  return m.allocator.tunables ? `${libc} with ${m.allocator.tunables}` : `${libc}, default malloc tunables`;
}

/** What the Method section says of the allocator regime, from what the records carry. */
function allocatorBullet(records: ResultRecord[]): string {
  const fixed = records.filter((r) => r.machine.allocator?.tunables).length;
  const regime =
    "freed memory stays with the allocator, so an allocating form's time does not depend on whether glibc happened to return its last buffers to the kernel after the sampler's forced GC. By default that history decided it, and the same allocating form at the same size measured much slower in quick mode than in full mode (the figures are in benchmark/engine/allocator.ts). Fresh-page faults come on top of these times where a deployment lets glibc trim.";
  if (fixed === records.length) {
    return `- **Allocator:** the measuring processes ran with fixed malloc thresholds (\`GLIBC_TUNABLES\`, as in the Machine line): ${regime} \`--malloc default\` measures with glibc's own thresholds instead.`;
  }
  const some =
    fixed === 0 ? 'These records were' : `${plural(records.length - fixed, 'record')} of this run were`;
  return `- **Allocator:** ${some} measured with the C library's own malloc thresholds (\`--malloc default\`, or runs before the engine fixed them): allocating forms' times there include the page faults of memory glibc returned to the kernel, which depend on each process's history (benchmark/engine/allocator.ts).`;
}

/** Where records pool several runs (report/pool-runs.ts): how many, for the Method section. */
function runsText(records: ResultRecord[]): string {
  const pooled = records.filter((r) => (r.runs ?? 1) > 1);
  if (pooled.length === 0) return '';
  return `, from ${range(records.map((r) => r.runs ?? 1))} runs (${plural(pooled.length, 'record')} pool the processes of several runs of one runtime, read together)`;
}

/** The Method section: everything needed to repeat the run, taken from the records. */
function method(records: ResultRecord[]): string {
  const dates = records.map((r) => r.date).sort();
  const forms = records.flatMap((r) => Object.values(r.forms));
  const machines = distinct(
    records.map((r) => {
      const m = r.machine;
      return `${m.cpu_model}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}; ${m.rust ?? 'rustc unknown'}; UV_THREADPOOL_SIZE=${m.uv_threadpool_size}; implementation ${m.implementation}; crc32 SIMD ${m.crc32_simd_level}; ${allocatorText(m)}`;
    }),
  );
  const runtimes = distinct(
    records.map((r) =>
      r.runtime ? `${r.runtime.name} ${r.runtime.version} (${r.runtime.engine})` : `node ${r.version.node}`,
    ),
  );
  const commands = distinct(records.map((r) => r.command ?? 'not recorded'));
  const modes = distinct(records.map((r) => r.mode));
  return [
    '## Method',
    '',
    `- **Run:** ${plural(records.length, 'record')} from ${dates[0]} to ${dates[dates.length - 1]}, mode ${modes.join(', ')}.`,
    `- **Command:** ${commands.map((c) => `\`${c}\``).join(', ')}.`,
    `- **Runtime:** ${runtimes.join(', ')}.`,
    `- **Machine:** ${machines.join(' / ')}.`,
    '- **Correctness first:** every form runs once untimed and the case’s check verifies each form’s result before anything is timed.',
    `- **Samples:** every sample is kept raw in the results file (time per op). Samples per form: ${range(forms.map((f) => f.samples_ns.length))}; ops per sample: ${range(forms.map((f) => f.ops_per_sample))}; processes pooled per record: ${range(records.map((r) => r.repeats))}${runsText(records)}.`,
    `- **Statistics:** the forms of a record are sampled in the same shuffled rounds, so a speed ratio is the interquartile mean of the per-round log ratios (drift that hits a round or a process hits both forms and cancels); its ${CONFIDENCE * 100}% interval is a bootstrap of that statistic (processes resampled first, then rounds within each), widened for small samples. Records sampled apart are compared by the difference of the forms' interquartile means of log time. A verdict is the effect-size class that holds the whole interval, else undecided; bands as in the legend under the matrix. Each comparison is seeded by its name, so re-rendering a saved file gives the same intervals.`,
    '- **Crossovers:** "Native beats JS from" is the smallest size from which native wins against the fastest JS form at every larger size, a win being an interval wholly above the equivalence band (1.1×), whichever faster class it falls in. "JS faster" is printed only at sizes where a JS form was measured faster beyond the interval; other sizes below the crossover read undecided or equivalent.',
    '- **Memory:** a separate untimed pass per form measures V8 heap, ArrayBuffer and external bytes per op, the peak RSS, and GC count and pauses.',
    allocatorBullet(records),
    `- **Host:** ${contentionText(hostContention(mainRecords(records)))}`,
    `- **Dart column:** ${dartSource}, quoted for comparison; not measured here.`,
    '',
  ].join('\n');
}

/**
 * How the header names the runtime: `Node v20.20.0` (as before runtimes were compared), else the
 * runtime with its engine, since Bun and Deno report a Node version of their own.
 */
export function runtimePhrase(records: ResultRecord[]): string {
  const r = records[0]!;
  if (!r.runtime || r.runtime.name === 'node') return `Node ${r.machine.node}`;
  return `${r.runtime.name === 'bun' ? 'Bun' : 'Deno'} ${r.runtime.version}, ${r.runtime.engine}`;
}

/** The "Across runtimes" section, when the records come from more than one runtime. */
export function acrossSection(records: ResultRecord[]): string[] {
  const a = acrossRuntimes(records);
  if (!a) return [];
  const facts = factsTable(a);
  const flips = flipSentences(a);
  const header = [
    'Case',
    'Comparison',
    ...a.groups.map((g, i) => (i === a.main ? `${g.label} (matrix)` : g.label)),
    'Flip',
  ];
  const rows = a.rows.map((r) => [
    `\`${r.case}\``,
    r.label,
    ...a.groups.map((_, i) => (differs(a, r, i) ? `**${acrossCell(r, i)}**` : acrossCell(r, i))),
    r.flip === 'direction' ? '**direction flip**' : r.flip === 'class' ? '**flip**' : '',
  ]);
  return [
    '## Across runtimes',
    '',
    acrossIntro(a),
    '',
    table(facts.header, facts.rows),
    '',
    `Call floor: \`${callFloor.id}\`; rooflines: \`${bandwidth.id}\`; \`crc32Sync\` 16 B: the native form of \`${CRC_CASE}\` at ${CRC_SIZE} bytes (— where the run did not include it).`,
    '',
    table(header, rows),
    '',
    `**Flips:** ${flips.length} of ${plural(a.rows.length, 'row')}${flips.length ? ':' : '.'}`,
    ...(flips.length ? ['', ...flips.map((f) => `- ${f}`)] : []),
    '',
  ];
}

/** Renders RESULTS.md from records; several runtimes' records add "Across runtimes". */
/**
 * A section folded into `<details>`: its `## Title` line becomes the summary. GitHub renders the
 * Markdown inside when blank lines surround it.
 */
export function fold(lines: string[]): string[] {
  if (lines.length === 0) return [];
  const first = lines[0]!;
  const title = first.startsWith('## ') ? first.slice(3) : 'More';
  // The heading stays inside, so links to its anchor still land on it.
  return ['<details>', `<summary><b>${title}</b></summary>`, '', ...lines, '', '</details>', ''];
}

/** The legend, one sentence a line, so that no line of the page outside a fold runs long. */
export function legendLines(): string[] {
  return legend()
    .split(/(?<=[.;]) (?=[A-Z"])/)
    .map((l) => l.trim());
}

/**
 * Marks for headlines whose ratio still changes at the largest size (`stillChanging`): each is one
 * point of a cost model, true at that size only, so it gets a ‡ and its ratio at every size in a
 * note under the table. `mark` returns the cell's suffix; `notes` the lines after the table.
 */
function sizeSeries(): {
  mark: (c: CaseSummary, cmp: Comparison | null, label: string) => string;
  notes: () => string[];
} {
  const lines: string[] = [];
  return {
    mark(c, cmp, label) {
      const points = stillChanging(cmp);
      if (points === null) return '';
      const series = points.map((p) => `${formatSize(p.size, c.unit)} ${formatInterval(p)}`).join(', ');
      lines.push(`- \`${c.id}\` ${label}: ${series}`);
      return ' ‡';
    },
    notes: () =>
      lines.length === 0
        ? []
        : [
            '',
            `‡ Still changing with size: at the largest size the ratio is more than ${STILL_CHANGING}× or less than 1/${STILL_CHANGING} of the ratio at the size before, beyond both intervals, so the headline holds at that size only (a view or a move against a copy, a fixed cost not yet paid off, or a cache level left). By size:`,
            '',
            ...lines,
          ],
  };
}

/**
 * The matrix on the first screen: per case its headline verdicts, the pure-Rust column (the
 * kernel without Node-API against the fastest JS, and the boundary's share of the native call)
 * and where native starts to pay. "Wasm vs fastest JS; native over wasm" (report/wasm.ts) only when some case
 * has a `wasm` form, "—" in the others: a run without the wasm build renders as before.
 */
export function compactMatrix(
  cases: CaseSummary[],
  records: ResultRecord[],
  all: ResultRecord[] = records,
): string {
  const rust = rustRows(records);
  // With several runtimes (`all`), a verdict whose direction another runtime does not share gets
  // a mark and a note under the table: it holds on the matrix runtime only.
  const across = acrossRuntimes(all);
  const notes: string[] = [];
  const mark = (id: string, comparison: ComparisonName, label: string): string => {
    const others = mainOnly(across, id, comparison);
    if (others === null) return '';
    notes.push(`\`${id}\` ${label}: ${others}`);
    return ' †';
  };
  const changing = sizeSeries();
  const withWasm = cases.some((c) => wasmCell(c.points) !== '—');
  const rows = cases.map((c) => {
    const native = c.native?.headline;
    const r = rust.filter((x) => x.id === c.id).pop();
    const rustCell = r?.jsVsRust
      ? `${formatVerdict(r.jsVsRust)}${r.nativeOverRust ? `; boundary ${formatShare(r.nativeOverRust)} of native` : ''}`
      : '—';
    return [
      `\`${c.id}\``,
      c.rust
        ? `${formatVerdict(c.rust.headline)}${mark(c.id, 'rust_inspired_vs_traditional', 'Rust-inspired JS')}${changing.mark(c, c.rust, 'Rust-inspired JS vs traditional')}`
        : '—',
      native
        ? `${formatVerdict(native)} vs ${native.incumbent}${mark(c.id, 'native_vs_best_js', 'native')}${changing.mark(c, c.native, 'native vs fastest JS')}`
        : '—',
      rustCell,
      ...(withWasm ? [wasmCell(c.points)] : []),
      formatCrossover(c.crossover, c.unit),
    ];
  });
  const matrix = table(
    [
      'Case',
      'Rust-inspired JS vs traditional',
      'Native vs fastest JS',
      'Rust alone vs fastest JS',
      ...(withWasm ? ['Wasm vs fastest JS; native over wasm'] : []),
      'Native pays from',
    ],
    rows,
  );
  const out = [matrix];
  if (notes.length > 0) {
    const main = across!.groups[across!.main]!.label;
    out.push('', `† Shown on ${main} only; elsewhere:`, '', ...notes.map((n) => `- ${n}`));
  }
  out.push(...changing.notes());
  return out.join('\n');
}

/**
 * Beside the Dart arm: its published figure for a pattern, ours for the same comparison (the
 * Rust-inspired form against traditional JS at the largest size), and how the two were measured.
 */
export function dartSection(cases: CaseSummary[]): string[] {
  const rows = cases.flatMap((c) => {
    const dart = c.meta?.dart;
    if (!dart) return [];
    const ours = c.rust?.headline;
    return [
      [
        c.pattern,
        dart.text,
        ours ? `${formatVerdict(ours)} at ${formatSize(ours.size, c.unit)}` : 'not measured',
        `${c.headline.repeats} processes, ${CONFIDENCE * 100}% interval; Dart: one stopwatch run`,
      ],
    ];
  });
  if (rows.length === 0) return [];
  return [
    '## Beside the Dart arm',
    '',
    table(['Pattern', "Dart arm's figure", 'Ours (Rust-inspired JS vs traditional)', 'Method'], rows),
    '',
  ];
}

export function renderMarkdown(all: ResultRecord[], opts: ReportOptions = {}): string {
  if (all.length === 0) throw new Error('no records to report');
  const records = mainRecords(all);
  const cases = summarize(records);
  const controls = controlsOf(records);
  const { header, rows } = matrixRows(cases);
  const first = records.map((r) => r.date).sort()[0]!;
  const m = records[0]!.machine;
  const banner = reliabilityBanner(controls);
  const regenerate =
    opts.regenerate ??
    '`npm run bench -- --publish`, or `npm run publish-results -- <results.json>` from saved results';
  const out: string[] = ['# rust-patterns results: the pattern applicability matrix', ''];
  if (banner) out.push(`> **${banner}**`, '');
  out.push(
    `Generated by \`rust-patterns report\` from ${plural(records.length, 'benchmark record')} (${plural(cases.length, 'case')}) measured on ${first.slice(0, 10)} on ${m.cpu_model} (${m.cores} cores), ${runtimePhrase(records)}. Do not edit: regenerate with ${regenerate}.`,
    '',
    ...(mainRuntimeNote(all) ? [mainRuntimeNote(all)!, ''] : []),
    controlsLine(controls),
    '',
    '## The ten questions, answered',
    '',
    ...renderAnswers(all),
    '',
    '## Matrix',
    '',
    'Each row at its largest size; every size, form and figure is in the folded sections below.',
    '',
    compactMatrix(cases, records, all),
    '',
    ...legendLines(),
    '',
    ...dartSection(cases),
  );
  // Everything else, folded: the long tables a reader opens when a row or an answer needs them.
  const hypothesisTable = hypothesisRows(all);
  const folded: string[][] = [
    [
      '## Full matrix',
      '',
      table(
        header,
        rows.map((r) => r.map(cellText)),
      ),
      '',
    ],
    whySection(cases),
    stepsSection(cases, table),
    ['## Evidence by case', '', ...cases.map(caseSentence), ''],
    hypothesisTable.length > 0
      ? ['## Hypotheses', '', table(['Hypothesis', 'Status', 'Evidence'], hypothesisTable), '']
      : [],
    [...formPairsSection(cases), ...delaySection(records)],
    scalingSection(cases),
    acrossSection(all),
    cases.length > 0 ? figuresSection(cases) : [],
    rooflineSection(cases),
    rustSection(records),
    librarySection(records),
    limitsSection(records),
  ];
  for (const section of folded) out.push(...fold(section));
  out.push(...fold(method(all).split('\n')));
  return out.join('\n');
}

/**
 * The block that `npm run publish-results` writes into README.md between the `matrix` markers: the
 * matrix's headline columns and the "when JS wins" advice, both derived from the same records
 * as RESULTS.md, so the README can never drift from the measurements.
 */
export function readmeBlock(all: ResultRecord[]): string {
  const records = mainRecords(all);
  const runtimes = groupByRuntime(all).length;
  const cases = summarize(records);
  const controls = controlsOf(records);
  const first = records.map((r) => r.date).sort()[0]!;
  const m = records[0]!.machine;
  const changing = sizeSeries();
  const rows = cases.map((c) => [
    `\`${c.id}\``,
    cellText(
      verdictCell(
        c.rust?.headline,
        c.rust ? changing.mark(c, c.rust, 'Rust-inspired JS vs traditional') : '',
      ),
    ),
    cellText(
      verdictCell(
        c.native?.headline,
        c.native
          ? ` vs ${formLabel(c.native.headline.incumbent)}${changing.mark(c, c.native, 'native vs fastest JS')}`
          : '',
      ),
    ),
    formatCrossover(c.crossover, c.unit),
  ]);
  const advice: string[] = [];
  for (const c of cases) {
    const n = c.native?.headline;
    // The interval's direction, not the single class: "much slower to slower" has no one class.
    if (n && n.direction === 'slower') {
      advice.push(
        `- \`${c.id}\`: ${formLabel(n.incumbent, c.headline.forms[n.incumbent])} beats native at ${formatSize(n.size, c.unit)} (native ${formatVerdict(n)}).`,
      );
    } else if (c.crossover && incumbentFasterBelow(c.crossover)) {
      advice.push(`- \`${c.id}\`: native wins from ${formatCrossover(c.crossover, c.unit)}.`);
    }
    const r = c.rust?.headline;
    if (r && r.direction === 'slower') {
      advice.push(
        `- \`${c.id}\`: the Rust-inspired JS form is ${formatVerdict(r)} than traditional JS at ${formatSize(r.size, c.unit)}.`,
      );
    }
  }
  const banner = reliabilityBanner(controls);
  return [
    ...(banner ? [`> **${banner}**`, ''] : []),
    `Measured ${first.slice(0, 10)} on ${m.cpu_model} (${m.cores} cores), ${runtimePhrase(records)}${runtimes > 1 ? ` (one of ${runtimes} runtimes in these results; RESULTS.md compares them)` : ''}; published by \`npm run publish-results\` from the same records as [RESULTS.md](RESULTS.md), which has every column, the intervals, the limits and the method. Verdicts are classes of the speed ratio's ${CONFIDENCE * 100}% interval; "undecided" means the data cannot tell.`,
    '',
    table(['Case', 'Rust-inspired JS vs traditional', 'Native vs fastest JS', 'Native beats JS from'], rows),
    ...changing.notes(),
    '',
    '### When JS wins',
    '',
    ...(advice.length > 0
      ? advice
      : [
          '- In this run, no JS form was measured faster than native, and no Rust-inspired form slower than traditional.',
        ]),
    ...(() => {
      const library = libraryAdvice(records);
      return library ? ['', '### When a peer or built-in wins', '', library] : [];
    })(),
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
