/**
 * Speed-up against threads for the cases with scaling forms (`BenchCase.scaling`, record keys
 * `<name>@<t>t`, timed at 1 to the run's `--threads`): each point is the form at t threads
 * against the case's one-thread traditional form at the largest size, with its interval and
 * class from the verdict machinery, so a machine with more cores gets a longer curve.
 */
import {
  compareForms,
  formatInterval,
  formatSize,
  formatVerdict,
  type CaseSummary,
  type PointVerdict,
} from './analyze.js';

/** Text safe in SVG/HTML text and attributes. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A scaling form's record key: name and thread count. */
const SCALING_KEY = /^(.+)@(\d+)t$/;

export interface ScalingCurve {
  caseId: string;
  pattern: string;
  /** The scaling form's name (`pool`, `workers`). */
  form: string;
  size: number;
  unit: string;
  /** The cores of the machine that measured it. */
  cores: number;
  /** Speed-up over traditional at 1, 2, ... threads. */
  points: Array<{ threads: number; speedup: PointVerdict }>;
}

/** The curves of every case whose largest size has scaling forms, in matrix order. */
export function scalingCurves(cases: CaseSummary[]): ScalingCurve[] {
  return cases.flatMap((c) => {
    const h = c.headline;
    const byForm = new Map<string, Array<{ threads: number; key: string }>>();
    for (const key of Object.keys(h.forms)) {
      const m = SCALING_KEY.exec(key);
      if (!m) continue;
      const list = byForm.get(m[1]!) ?? [];
      list.push({ threads: Number(m[2]), key });
      byForm.set(m[1]!, list);
    }
    return [...byForm].map(([form, keys]) => ({
      caseId: c.id,
      pattern: c.pattern,
      form,
      size: h.size,
      unit: c.unit,
      cores: h.machine.cores,
      points: keys
        .sort((a, b) => a.threads - b.threads)
        .flatMap(({ threads, key }) =>
          compareForms([h], key, 'traditional').map((speedup) => ({ threads, speedup })),
        ),
    }));
  });
}

/** The Markdown section: one row per curve, one column per thread count. */
export function scalingSection(cases: CaseSummary[]): string[] {
  const curves = scalingCurves(cases);
  const out = ['## Scaling with threads', ''];
  if (curves.length === 0) {
    return [
      ...out,
      'No scaling forms in these records (`rust-patterns bench --threads <n>` measures them).',
      '',
    ];
  }
  const most = Math.max(...curves.flatMap((c) => c.points.map((p) => p.threads)));
  const header = [
    'Case',
    'Form',
    'Size',
    ...Array.from({ length: most }, (_, i) => `${i + 1} thread${i ? 's' : ''}`),
  ];
  const rows = curves.map((c) => [
    `${c.pattern} (\`${c.caseId}\`)`,
    c.form,
    formatSize(c.size, c.unit),
    ...Array.from({ length: most }, (_, i) => {
      const p = c.points.find((x) => x.threads === i + 1);
      return p ? formatVerdict(p.speedup) : '—';
    }),
  ]);
  const cores = [...new Set(curves.map((c) => c.cores))].join(', ');
  return [
    ...out,
    `Speed-up of each parallel form at 1 to \`--threads\` threads (default every core; measured on ${cores} cores) over the one-thread traditional form, at the case's largest size: class, ratio and 95% interval. Linear scaling would read 1× at one thread and t× at t threads; the one-thread point prices the form's overhead.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
}

/**
 * One curve as a static SVG (no script): speed-up against threads with interval whiskers, and
 * the linear-scaling line y = t dashed.
 */
export function scalingSvg(curve: ScalingCurve): string {
  const w = 320;
  const h = 200;
  const pad = { l: 40, r: 10, t: 24, b: 30 };
  const n = Math.max(2, ...curve.points.map((p) => p.threads));
  const top = Math.max(n, ...curve.points.map((p) => p.speedup.hi)) * 1.1;
  const x = (t: number): number => pad.l + ((t - 1) / (n - 1)) * (w - pad.l - pad.r);
  const y = (v: number): number => h - pad.b - (Math.min(v, top) / top) * (h - pad.t - pad.b);
  const f = (v: number): string => v.toFixed(1);
  const ticks = Array.from({ length: n }, (_, i) => i + 1);
  const line = curve.points.map((p) => `${f(x(p.threads))},${f(y(p.speedup.ratio))}`).join(' ');
  return [
    `<svg class="scaling" data-case="${esc(curve.caseId)}" data-form="${esc(curve.form)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="speed-up against threads">`,
    `<text x="${pad.l}" y="14" font-size="11">${esc(`${curve.caseId} ${curve.form} at ${formatSize(curve.size, curve.unit)}`)}: speed-up vs one-thread traditional</text>`,
    `<line x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}" stroke="#111827"/>`,
    `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${h - pad.b}" stroke="#111827"/>`,
    ...ticks.map(
      (t) => `<text x="${f(x(t))}" y="${h - pad.b + 14}" font-size="10" text-anchor="middle">${t}</text>`,
    ),
    `<text x="${(pad.l + w - pad.r) / 2}" y="${h - 4}" font-size="10" text-anchor="middle">threads</text>`,
    ...[1, n].map(
      (v) => `<text x="${pad.l - 4}" y="${f(y(v) + 3)}" font-size="10" text-anchor="end">${v}×</text>`,
    ),
    `<line x1="${f(x(1))}" y1="${f(y(1))}" x2="${f(x(n))}" y2="${f(y(n))}" stroke="#6b7280" stroke-dasharray="5 4"/>`,
    `<polyline points="${line}" fill="none" stroke="#d97706" stroke-width="2"/>`,
    ...curve.points.map(
      (p) =>
        `<line x1="${f(x(p.threads))}" y1="${f(y(p.speedup.lo))}" x2="${f(x(p.threads))}" y2="${f(y(p.speedup.hi))}" stroke="#d97706"/>` +
        `<circle cx="${f(x(p.threads))}" cy="${f(y(p.speedup.ratio))}" r="3" fill="#d97706"><title>${p.threads} threads: ${formatInterval(p.speedup)} ${p.speedup.class}</title></circle>`,
    ),
    '</svg>',
  ].join('');
}
