/**
 * The self-contained HTML report: the matrix plus one chart per case of ops/s against size for
 * every form and peer on log axes, with native's crossover marked. Chart.js is inlined from
 * node_modules (its UMD build), so the file opens offline and behind CDN-blocking proxies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { ResultRecord } from '../bench.js';
import { formatCrossover, formatSize, formsOf, summarize, type CaseSummary } from './analyze.js';
import { matrixRows } from './markdown.js';
import { dartSource } from './meta.js';

interface ChartData {
  id: string;
  title: string;
  unit: string;
  /** Sizes as labels, for the axis ticks. */
  sizeLabels: Record<string, string>;
  series: Array<{ label: string; kind: string; points: Array<{ x: number; y: number }> }>;
  crossover: { x: number; label: string } | null;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function chartData(c: CaseSummary): ChartData {
  const series = new Map<string, ChartData['series'][number]>();
  for (const p of c.points) {
    for (const f of formsOf(p)) {
      let s = series.get(f.key);
      if (!s) {
        s = { label: f.label, kind: f.kind === 'main' ? f.key : f.kind, points: [] };
        series.set(f.key, s);
      }
      s.points.push({ x: p.size, y: f.result.ops_per_sec });
    }
  }
  const x = c.crossover;
  return {
    id: c.id,
    title: `${c.pattern} (${c.id})`,
    unit: c.unit,
    sizeLabels: Object.fromEntries(c.points.map((p) => [String(p.size), formatSize(p.size, c.unit)])),
    series: [...series.values()],
    crossover:
      x && x.kind === 'at'
        ? { x: x.estimate, label: `native beats JS from ${formatCrossover(x, c.unit)}` }
        : null,
  };
}

function chartJsSource(): string {
  // The package exports only its ESM/CJS entries; the UMD build sits beside them in dist/.
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.js');
  return readFileSync(file, 'utf8')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

/** The page script: draws every chart, marks crossovers, and flags completion for tests. */
const drawScript = `
(function () {
  var palette = { traditional: '#6b7280', rust_inspired: '#d97706', native: '#b7410e' };
  var variantColors = ['#2563eb', '#7c3aed', '#0891b2', '#4f46e5'];
  var peerColors = ['#16a34a', '#65a30d', '#0d9488', '#15803d'];
  var crossoverPlugin = {
    id: 'crossover',
    afterDraw: function (chart, _args, opts) {
      if (!opts || !opts.x) return;
      var x = chart.scales.x.getPixelForValue(opts.x);
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#b7410e';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#b7410e';
      ctx.font = '12px sans-serif';
      ctx.textAlign = x > (area.left + area.right) / 2 ? 'right' : 'left';
      ctx.fillText(opts.label, x + (ctx.textAlign === 'right' ? -4 : 4), area.top + 12);
      ctx.restore();
    },
  };
  var drawn = 0;
  DATA.forEach(function (c, i) {
    var canvas = document.getElementById('chart-' + i);
    var v = 0, p = 0;
    var color = function (s) {
      if (palette[s.kind]) return palette[s.kind];
      if (s.kind === 'variant') return variantColors[v++ % variantColors.length];
      return peerColors[p++ % peerColors.length];
    };
    var single = Object.keys(c.sizeLabels).length === 1;
    var config;
    if (single) {
      var colors = c.series.map(color);
      config = {
        type: 'bar',
        data: {
          labels: c.series.map(function (s) { return s.label; }),
          datasets: [{ label: 'ops/s at ' + c.sizeLabels[Object.keys(c.sizeLabels)[0]], data: c.series.map(function (s) { return s.points[0].y; }), backgroundColor: colors }],
        },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: false }, title: { display: true, text: c.title } },
          scales: { y: { type: 'logarithmic', title: { display: true, text: 'ops/s (log)' } } },
        },
      };
    } else {
      config = {
        type: 'line',
        data: {
          datasets: c.series.map(function (s) {
            var col = color(s);
            return { label: s.label, data: s.points, borderColor: col, backgroundColor: col, borderDash: s.kind === 'peer' ? [4, 3] : [], tension: 0 };
          }),
        },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
          plugins: {
            title: { display: true, text: c.title },
            crossover: c.crossover || {},
            tooltip: { callbacks: { title: function (items) { return c.sizeLabels[String(items[0].parsed.x)] || String(items[0].parsed.x); } } },
          },
          scales: {
            x: { type: 'logarithmic', title: { display: true, text: c.unit + ' (log)' }, ticks: { callback: function (value) { return c.sizeLabels[String(value)] || ''; } }, afterBuildTicks: function (axis) { axis.ticks = Object.keys(c.sizeLabels).map(function (k) { return { value: Number(k) }; }); } },
            y: { type: 'logarithmic', title: { display: true, text: 'ops/s (log)' } },
          },
        },
        plugins: [crossoverPlugin],
      };
    }
    new Chart(canvas, config);
    drawn++;
  });
  window.__chartsDrawn = drawn;
})();
`;

const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #111827; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #d1d5db; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 1.5rem; margin-top: 1.5rem; }
figure { margin: 0; border: 1px solid #e5e7eb; padding: 0.5rem; }
.chart { position: relative; height: 320px; }
figcaption { color: #4b5563; font-size: 12px; margin-top: 0.25rem; }
`;

/** Renders the HTML report from records. */
export function renderHtml(records: ResultRecord[]): string {
  if (records.length === 0) throw new Error('no records to report');
  const cases = summarize(records);
  const { header, rows } = matrixRows(cases);
  const first = records.map((r) => r.date).sort()[0]!;
  const m = records[0]!.machine;
  const data = cases.map(chartData);
  const matrix = [
    '<table id="matrix">',
    `<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(
      (r, i) =>
        `<tr data-case="${escapeHtml(cases[i]!.id)}">${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
    ),
    '</tbody></table>',
  ].join('\n');
  const figures = cases.map(
    (c, i) =>
      `<figure><div class="chart"><canvas id="chart-${i}" data-case="${escapeHtml(c.id)}"></canvas></div>` +
      `<figcaption>${escapeHtml(c.description)}</figcaption></figure>`,
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
    '<h1>rust-patterns: pattern applicability matrix</h1>',
    `<p>${escapeHtml(`${records.length} benchmark records (${cases.length} cases) measured on ${first.slice(0, 10)} on ${m.cpu_model} (${m.cores} cores), Node ${m.node}. Verdicts: ✅ pays, ❌ counter-productive, ≈ no real difference (margins of error overlap). Dart column: ${dartSource}.`)}</p>`,
    matrix,
    '<h2>Ops/s against size (log-log)</h2>',
    `<section class="charts">${figures.join('\n')}</section>`,
    `<script>${chartJsSource()}</script>`,
    `<script>var DATA = ${scriptJson(data)};${drawScript}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
