/**
 * The self-contained HTML report: the reliability banner and controls, the matrix with verdicts
 * as CSS text badges (no emoji, so it reads the same without an emoji font), and per case two
 * charts: the speed ratio against size with its 95% interval band and a line at 1x (native vs
 * the fastest JS, Rust-inspired vs traditional), and throughput against size with the matching
 * roofline drawn in. Chart.js is inlined from node_modules (its UMD build), so the file opens
 * offline and behind CDN-blocking proxies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { ResultRecord } from '../engine/record.js';
import type { VerdictClass } from '../engine/stats.js';
import { hypothesisRows } from '../questions/index.js';
import {
  classWords,
  controlsOf,
  fastestOf,
  formatBytes,
  dartSource,
  formatSize,
  levelNames,
  levels,
  limitsOf,
  rooflineFor,
  summarize,
  throughput,
  type CaseSummary,
  type Comparison,
  verdictWords,
} from './analyze.js';
import { acrossDetail, acrossIntro, acrossRuntimes, differs, factsTable, flipSentences } from './across.js';
import {
  controlsLine,
  formLabel,
  legend,
  matrixRows,
  reliabilityBanner,
  runtimePhrase,
  type Cell,
  type ReportOptions,
} from './markdown.js';
import { rustVsBestJs } from './rust.js';
import { scalingCurves, scalingSvg } from './scaling.js';
import { mainRecords, mainRuntimeNote } from './runtimes.js';

interface RatioSeries {
  label: string;
  kind: 'native' | 'rust' | 'builtin' | 'rust_kernel';
  /** Aligned with the chart's sizes; null where not measured. */
  points: Array<{ y: number; lo: number; hi: number; cls: VerdictClass; vs: string } | null>;
}

interface ChartCase {
  id: string;
  title: string;
  sizes: string[];
  ratios: RatioSeries[];
  throughput: {
    unit: string;
    series: Array<{ label: string; kind: string; points: Array<number | null> }>;
    roofline: Array<number | null> | null;
    rooflineLabel: string;
  } | null;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Escaped text with Markdown's `code` and **bold** turned into HTML. */
function inline(s: string): string {
  return escapeHtml(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function badge(cls: VerdictClass, words = classWords[cls]): string {
  return `<span class="badge v-${cls}">${escapeHtml(words)}</span>`;
}

function cellHtml(c: Cell): string {
  return c.verdict ? `${badge(c.verdict, c.words)} ${escapeHtml(c.text)}` : escapeHtml(c.text);
}

function ratioSeries(
  c: CaseSummary,
  cmp: Comparison | null,
  label: string,
  kind: RatioSeries['kind'],
): RatioSeries[] {
  if (!cmp) return [];
  return [
    {
      label,
      kind,
      points: c.points.map((p) => {
        const v = cmp.bySize.find((x) => x.size === p.size);
        return v
          ? { y: v.ratio, lo: v.lo, hi: v.hi, cls: v.class, vs: formLabel(v.incumbent, p.forms[v.incumbent]) }
          : null;
      }),
    },
  ];
}

/**
 * The pure-Rust form (`rust`, no Node-API) against the fastest JS form at each size, where the
 * case has one: the only ratio a case made of JS forms and a tokio or Rust kernel has.
 */
function rustKernelSeries(c: CaseSummary): Comparison | null {
  // The same verdicts as RESULTS.md's "Rust without the boundary" (rust.ts), not a recomputation.
  const bySize = c.points.flatMap((p) => {
    const got = rustVsBestJs(p);
    if (!got) return [];
    const { verdict: v, bestJs } = got;
    return [
      {
        size: p.size,
        challenger: 'rust',
        incumbent: bestJs[0],
        ...v,
      },
    ];
  });
  return bySize.length === 0
    ? null
    : { name: 'native_vs_best_js', bySize, headline: bySize[bySize.length - 1]! };
}

function chartCase(c: CaseSummary): ChartCase {
  const sample = c.points.find((p) => throughput(p, Object.values(p.forms)[0]!) !== null);
  let tput: ChartCase['throughput'] = null;
  if (sample) {
    const names = [...new Set(c.points.flatMap((p) => Object.keys(p.forms)))];
    const unit = throughput(sample, Object.values(sample.forms)[0]!)!.unit;
    const roof = c.points.map((p) => {
      const r = rooflineFor(p);
      return r && unit === 'B/s' ? r.gbps * 1e9 : null;
    });
    const access = c.points.map((p) => rooflineFor(p)).find((r) => r !== null)?.access;
    tput = {
      unit,
      series: names.map((name) => {
        const f = c.points.map((p) => p.forms[name]).find((x) => x !== undefined)!;
        return {
          label: formLabel(name, f),
          kind: f.kind,
          points: c.points.map((p) => {
            const form = p.forms[name];
            return form ? (throughput(p, form)?.value ?? null) : null;
          }),
        };
      }),
      roofline: roof.some((x) => x !== null) ? roof : null,
      rooflineLabel: access ? `${access} roofline (level of each size)` : 'roofline',
    };
  }
  return {
    id: c.id,
    title: `${c.pattern} (${c.id})`,
    sizes: c.points.map((p) => formatSize(p.size, c.unit)),
    ratios: [
      ...ratioSeries(c, c.native, 'native vs fastest JS', 'native'),
      ...ratioSeries(c, c.rust, 'Rust-inspired vs traditional', 'rust'),
      ...ratioSeries(c, c.builtin, 'built-in vs traditional', 'builtin'),
      ...ratioSeries(c, rustKernelSeries(c), 'Rust without Node-API vs fastest JS', 'rust_kernel'),
    ],
    throughput: tput,
  };
}

function chartJsSource(): string {
  // The package exports only its ESM/CJS entries; the UMD build sits beside them in dist/.
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
  return readFileSync(file, 'utf8')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

/** The page script: draws every chart, and flags completion for tests. */
const drawScript = `
(function () {
  var colors = { native: '#b7410e', rust: '#d97706', rust_kernel: '#78350f', builtin: '#2563eb', traditional: '#6b7280', rust_inspired: '#d97706', variant: '#7c3aed', peer: '#16a34a', native_variant: '#9f1239', roofline: '#111827' };
  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  // Vertical whiskers for each ratio's interval: visible even where a case has one size.
  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.intervals || !chart.isDatasetVisible(i)) return;
        var meta = chart.getDatasetMeta(i);
        ctx.save();
        ctx.strokeStyle = ds.borderColor;
        ctx.lineWidth = 1.5;
        ds.intervals.forEach(function (iv, j) {
          if (!iv || !meta.data[j]) return;
          var x = meta.data[j].x;
          var lo = chart.scales.y.getPixelForValue(iv[0]);
          var hi = chart.scales.y.getPixelForValue(iv[1]);
          ctx.beginPath();
          ctx.moveTo(x, lo); ctx.lineTo(x, hi);
          ctx.moveTo(x - 4, lo); ctx.lineTo(x + 4, lo);
          ctx.moveTo(x - 4, hi); ctx.lineTo(x + 4, hi);
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };
  var base = function (title, yTitle) {
    return {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { title: { display: true, text: title }, legend: { labels: { filter: function (item, data) { return !data.datasets[item.datasetIndex].band; } } } },
      scales: { x: { type: 'category', title: { display: true, text: 'size' } }, y: { type: 'logarithmic', title: { display: true, text: yTitle } } },
    };
  };
  var drawn = 0;
  DATA.forEach(function (c, i) {
    var ratio = document.getElementById('ratio-' + i);
    if (ratio) {
      var sets = [];
      c.ratios.forEach(function (s) {
        var col = colors[s.kind];
        sets.push({ label: s.label + ' low', band: true, data: s.points.map(function (p) { return p && p.lo; }), borderWidth: 0, pointRadius: 0, fill: false, spanGaps: true });
        sets.push({ label: s.label + ' interval', band: true, data: s.points.map(function (p) { return p && p.hi; }), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: alpha(col, 0.18), spanGaps: true });
        sets.push({ label: s.label, data: s.points.map(function (p) { return p && p.y; }), intervals: s.points.map(function (p) { return p && [p.lo, p.hi]; }), borderColor: col, backgroundColor: col, pointRadius: 4, tension: 0, spanGaps: true });
      });
      sets.push({ label: '1x (no difference)', data: c.sizes.map(function () { return 1; }), borderColor: '#111827', borderDash: [6, 4], borderWidth: 1, pointRadius: 0 });
      var opts = base(c.title + ': speed ratio with 95% interval', 'speed ratio (log, above 1 = challenger faster)');
      opts.plugins.tooltip = { callbacks: { label: function (item) { var s = c.ratios[Math.floor(item.datasetIndex / 3)]; var p = s && s.points[item.dataIndex]; return p ? s.label + ': ' + p.y.toFixed(2) + 'x [' + p.lo.toFixed(2) + '-' + p.hi.toFixed(2) + '] ' + p.cls + ' (vs ' + p.vs + ')' : item.dataset.label; } } };
      new Chart(ratio, { type: 'line', data: { labels: c.sizes, datasets: sets }, options: opts, plugins: [whiskers] });
      drawn++;
    }
    var tput = document.getElementById('tput-' + i);
    if (tput && c.throughput) {
      var t = c.throughput;
      var tsets = t.series.map(function (s) {
        var col = colors[s.kind] || '#4f46e5';
        return { label: s.label, data: s.points, borderColor: col, backgroundColor: col, borderDash: s.kind === 'peer' || s.kind === 'builtin' ? [4, 3] : [], pointRadius: 3, tension: 0, spanGaps: true };
      });
      if (t.roofline) tsets.push({ label: t.rooflineLabel, data: t.roofline, borderColor: colors.roofline, borderWidth: 2, borderDash: [2, 2], pointRadius: 0, stepped: 'middle', spanGaps: true });
      var topts = base(c.title + ': throughput', t.unit + ' (log)');
      // Ticks as 1.5 GB/s or 20M items/s: the log axis otherwise prints every digit.
      topts.scales.y.ticks = { callback: function (v) { var n = Number(v); var u = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']]; for (var k = 0; k < u.length; k++) if (n >= u[k][0]) return +(n / u[k][0]).toPrecision(3) + ' ' + u[k][1] + (t.unit === 'B/s' ? 'B/s' : ''); return String(n); } };
      new Chart(tput, { type: 'line', data: { labels: c.sizes, datasets: tsets }, options: topts });
      drawn++;
    }
  });
  window.__chartsDrawn = drawn;
})();
`;

const badgeColors: Record<VerdictClass, [string, string]> = {
  'much-faster': ['#14532d', '#ffffff'],
  faster: ['#15803d', '#ffffff'],
  'slightly-faster': ['#bbf7d0', '#14532d'],
  equivalent: ['#e5e7eb', '#111827'],
  'slightly-slower': ['#fed7aa', '#7c2d12'],
  slower: ['#c2410c', '#ffffff'],
  'much-slower': ['#7f1d1d', '#ffffff'],
  undecided: ['#ffffff', '#374151'],
};

const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1280px; padding: 0 1rem; color: #111827; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #d1d5db; padding: 4px 6px; text-align: left; vertical-align: top; }
tr.flip td { background: #fef9c3; }
th { background: #f3f4f6; }
code { font-size: 12px; }
.banner { border: 2px solid #991b1b; background: #fee2e2; color: #7f1d1d; padding: 0.75rem 1rem; font-weight: 600; }
.banner.unchecked { border-color: #92400e; background: #fef3c7; color: #78350f; }
.badge { display: inline-block; padding: 1px 6px; border-radius: 4px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid #9ca3af; }
${(Object.entries(badgeColors) as Array<[VerdictClass, [string, string]]>)
  .map(([cls, [bg, fg]]) => `.v-${cls} { background: ${bg}; color: ${fg}; }`)
  .join('\n')}
.v-undecided { border-style: dashed; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1.5rem; margin-top: 1rem; }
figure { margin: 0; border: 1px solid #e5e7eb; padding: 0.5rem; }
.chart { position: relative; height: 300px; margin-bottom: 0.5rem; }
figcaption { color: #4b5563; font-size: 12px; margin-top: 0.25rem; }
`;

function table(id: string, header: string[], rows: string[][], rowAttrs: string[] = []): string {
  return [
    `<table id="${id}">`,
    `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r, i) => `<tr${rowAttrs[i] ?? ''}>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('\n');
}

function limitsHtml(records: ResultRecord[]): string {
  const limits = limitsOf(records);
  const out: string[] = [];
  const roof = limits.roofline;
  if (roof) {
    out.push(
      table(
        'roofline',
        ['Level', 'Size', 'Read GB/s', 'Copy GB/s'],
        levels.map((l) => [
          levelNames[l],
          formatBytes(roof.level_bytes[l]),
          roof.read_gbps[l]?.toFixed(1) ?? '—',
          roof.copy_gbps[l]?.toFixed(1) ?? '—',
        ]),
      ),
    );
  }
  const floor = limits.call_floor_ns;
  if (floor) {
    out.push(
      `<p>Node-API call floor: ${floor.noop ?? '—'} ns (no-op), ${floor.borrow_16b ?? '—'} ns (borrowing a 16-byte Uint8Array).</p>`,
    );
  }
  return out.length === 0 ? '' : ['<h2>Limits (references, no verdicts)</h2>', ...out].join('\n');
}

/** "Across runtimes": the per-runtime references and the verdicts side by side, flips marked. */
function acrossHtml(all: ResultRecord[]): string {
  const a = acrossRuntimes(all);
  if (!a) return '';
  const facts = factsTable(a);
  const flips = flipSentences(a);
  return [
    '<h2>Across runtimes</h2>',
    `<p>${inline(acrossIntro(a))}</p>`,
    table(
      'runtimes',
      facts.header.map((h) => h.replace(/`/g, '')),
      facts.rows.map((r) => r.map(escapeHtml)),
    ),
    table(
      'across',
      [
        'Case',
        'Comparison',
        ...a.groups.map((g, i) => (i === a.main ? `${g.label} (matrix)` : g.label)),
        'Flip',
      ],
      a.rows.map((r) => [
        `<code>${escapeHtml(r.case)}</code>`,
        escapeHtml(r.label),
        ...a.groups.map((_, i) => {
          const v = r.verdicts[i];
          if (!v) return '—';
          // The same words as RESULTS.md's table (`acrossCell`): direction and magnitude.
          const text = `${badge(v.class, verdictWords(v))} ${escapeHtml(acrossDetail(r, i))}`;
          return differs(a, r, i) ? `<strong>${text}</strong>` : text;
        }),
        r.flip === 'direction'
          ? '<strong>direction flip</strong>'
          : r.flip === 'class'
            ? '<strong>flip</strong>'
            : '',
      ]),
      a.rows.map((r) => ` data-case="${escapeHtml(r.case)}"${r.flip ? ` class="flip"` : ''}`),
    ),
    `<p>${escapeHtml(`Flips: ${flips.length} of ${a.rows.length} rows.`)}</p>`,
    ...(flips.length ? [`<ul>${flips.map((f) => `<li>${inline(f)}</li>`).join('')}</ul>`] : []),
  ].join('\n');
}

/** Renders the HTML report from records; several runtimes' records add "Across runtimes". */
/** Speed-up against threads, one static SVG per scaling curve (report/scaling.ts). */
function scalingHtml(cases: CaseSummary[]): string[] {
  const curves = scalingCurves(cases);
  if (curves.length === 0) return [];
  return [
    '<h2>Scaling with threads</h2>',
    '<p>Speed-up over the one-thread traditional form at the largest size, at 1 to <code>--threads</code> threads, with 95% intervals as whiskers; the dashed line is linear scaling.</p>',
    `<section id="scaling">${curves.map(scalingSvg).join('\n')}</section>`,
  ];
}

export function renderHtml(all: ResultRecord[], _opts: ReportOptions = {}): string {
  if (all.length === 0) throw new Error('no records to report');
  const records = mainRecords(all);
  const note = mainRuntimeNote(all);
  const cases = summarize(records);
  const controls = controlsOf(records);
  const { header, rows } = matrixRows(cases);
  const first = records.map((r) => r.date).sort()[0]!;
  const m = records[0]!.machine;
  const data = cases.map(chartCase);
  const banner = reliabilityBanner(controls);
  const figures = data.map(
    (c, i) =>
      `<figure data-case="${escapeHtml(c.id)}">` +
      (c.ratios.length > 0
        ? `<div class="chart"><canvas id="ratio-${i}" data-case="${escapeHtml(c.id)}" data-chart="ratio"></canvas></div>`
        : '') +
      (c.throughput
        ? `<div class="chart"><canvas id="tput-${i}" data-case="${escapeHtml(c.id)}" data-chart="throughput"></canvas></div>`
        : '') +
      `<figcaption>${escapeHtml(cases[i]!.description)}</figcaption></figure>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>rust-patterns: pattern applicability matrix</title>',
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    ...(banner
      ? [
          `<div id="reliability" class="banner ${controls.status === 'failed' ? 'unreliable' : 'unchecked'}">${inline(banner)}</div>`,
        ]
      : []),
    '<h1>rust-patterns: pattern applicability matrix</h1>',
    `<p>${escapeHtml(`${records.length} benchmark records (${cases.length} cases) measured on ${first.slice(0, 10)} on ${m.cpu_model} (${m.cores} cores), ${runtimePhrase(records)}. Dart column: ${dartSource}.`)}</p>`,
    ...(note ? [`<p id="main-runtime">${inline(note)}</p>`] : []),
    `<p id="controls">${inline(controlsLine(controls))}</p>`,
    table(
      'matrix',
      header,
      rows.map((r) => r.map(cellHtml)),
      cases.map((c) => ` data-case="${escapeHtml(c.id)}"`),
    ),
    `<p id="legend">${escapeHtml(legend())}</p>`,
    '<h2>Hypotheses</h2>',
    table(
      'hypotheses',
      ['Hypothesis', 'Status', 'Evidence'],
      hypothesisRows(all).map(([statement, status, evidence]) => [
        escapeHtml(statement!),
        escapeHtml(status!),
        inline(evidence!),
      ]),
    ),
    ...scalingHtml(cases),
    '<h2>Speed ratio and throughput against size</h2>',
    '<p>Top: speed ratio (log) with its 95% interval as a band and whiskers; the dashed line is 1x. Bottom: throughput (log) of every form, with the roofline of the case’s access pattern at the cache level of each size.</p>',
    `<section class="charts">${figures.join('\n')}</section>`,
    acrossHtml(all),
    limitsHtml(records),
    `<script>${chartJsSource()}</script>`,
    `<script>var DATA = ${scriptJson(data)};${drawScript}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
