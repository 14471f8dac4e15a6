/**
 * Turns result records into what the reports print: per case and size two comparisons that are
 * never merged (Rust-inspired JS against traditional JS; native against the fastest JS form of
 * any kind), each a speed ratio with its bootstrap interval and effect-size class from
 * `engine/stats.ts`, plus crossovers, throughput against the matching roofline, and the run's
 * controls. Pure functions of the records (the bootstrap is seeded by the comparison's name), so
 * a saved results file always renders the same report.
 */
import { jsKinds, type Access, type BenchCase, type FormKind } from '../engine/case.js';
import {
  updateLimits,
  type FormResult,
  type LimitsRef,
  type ResultRecord,
  type Roofline,
} from '../engine/record.js';
import {
  direction,
  directionFor,
  directionOf,
  logGroups,
  magnitudeOf,
  logLocation,
  verdict,
  type Direction,
  type MagnitudeClass,
  type VerdictClass,
} from '../engine/stats.js';
import { allCases, caseOf } from '../cases/index.js';
import { benchCase as aaControl } from '../cases/controls/a-a.js';
import { benchCase as knownRatioControl } from '../cases/controls/known-ratio.js';
import { mainRecords, runtimeKey } from './runtimes.js';

/** The comparisons the report makes; each is a separate column and a separate verdict. */
export type ComparisonName =
  'rust_inspired_vs_traditional' | 'native_vs_best_js' | 'best_builtin_vs_traditional';

/** One comparison at one size: challenger over incumbent (ratio above 1: challenger faster). */
export interface PointVerdict {
  size: number;
  challenger: string;
  incumbent: string;
  ratio: number;
  lo: number;
  hi: number;
  class: VerdictClass;
  /** Which way, from the interval (stats.ts `directionFor`). */
  direction: Direction;
  /** About how much: one class, or two adjacent ones (stats.ts `magnitudeOf`); empty = undecided. */
  magnitude: MagnitudeClass[];
}

/** One comparison across every size where both sides were measured; headline = largest size. */
export interface Comparison {
  name: ComparisonName;
  bySize: PointVerdict[];
  headline: PointVerdict;
}

/** Case ids that are references, not patterns: no verdicts, a section of their own. */
export function isLimits(id: string): boolean {
  return id.startsWith('limits/');
}

/** The run's controls (`controls/a-a`, `controls/known-ratio`): they judge the run, not a pattern. */
export function isControl(id: string): boolean {
  return id.startsWith('controls/');
}

/**
 * Keeps the last record per (runtime, case, size), so later files override earlier ones of the
 * same runtime and machine; other runtimes' records stay (see runtimes.ts).
 */
export function dedupe(records: ResultRecord[]): ResultRecord[] {
  const byKey = new Map<string, ResultRecord>();
  for (const r of records) byKey.set(`${runtimeKey(r)}\u0000${r.benchmark}\u0000${r.size}`, r);
  return [...byKey.values()];
}

/** The location statistic the verdicts use (trimmed mean of log time); lower is faster. */
export function location(f: FormResult): number {
  return logLocation(logGroups(f));
}

/** The fastest form among `kinds`, by the location statistic (ties: the first in record order). */
export function fastestOf(
  r: ResultRecord,
  kinds: ReadonlySet<FormKind>,
  except: ReadonlySet<string> = new Set(),
): [string, FormResult] | null {
  let best: [string, FormResult] | null = null;
  let bestLoc = Infinity;
  // A form that times another op (the case file's `otherWork`) is never the fastest way to do it.
  const other = caseOf(r.benchmark)?.otherWork ?? [];
  for (const [key, f] of Object.entries(r.forms)) {
    if (!kinds.has(f.kind) || except.has(key) || other.includes(key) || f.samples_ns.length === 0) continue;
    const loc = location(f);
    if (loc < bestLoc) {
      best = [key, f];
      bestLoc = loc;
    }
  }
  return best;
}

/** The form of `kind` under its canonical key (`native`), else the first of that kind. */
function formOfKind(r: ResultRecord, kind: FormKind): [string, FormResult] | null {
  const canonical = r.forms[kind];
  if (canonical && canonical.kind === kind) return [kind, canonical];
  const found = Object.entries(r.forms).find(([, f]) => f.kind === kind);
  return found ?? null;
}

const builtinKinds: ReadonlySet<FormKind> = new Set(['builtin']);

/** The challenger and incumbent of a comparison in one record, when both were measured. */
export function sides(
  r: ResultRecord,
  name: ComparisonName,
): { challenger: [string, FormResult]; incumbent: [string, FormResult] } | null {
  const traditional = formOfKind(r, 'traditional');
  let challenger: [string, FormResult] | null;
  let incumbent: [string, FormResult] | null;
  if (name === 'rust_inspired_vs_traditional') {
    challenger = formOfKind(r, 'rust_inspired');
    incumbent = traditional;
  } else if (name === 'best_builtin_vs_traditional') {
    challenger = fastestOf(r, builtinKinds);
    incumbent = traditional;
  } else {
    challenger = formOfKind(r, 'native');
    incumbent = fastestOf(r, jsKinds);
  }
  return challenger && incumbent ? { challenger, incumbent } : null;
}

/** A comparison at one record's size, seeded by its name so it renders the same every time. */
export function comparePoint(r: ResultRecord, name: ComparisonName): PointVerdict | null {
  const s = sides(r, name);
  if (!s) return null;
  const [ck, cf] = s.challenger;
  const [ik, inf] = s.incumbent;
  const v = verdict(cf, inf, `${r.benchmark}|${r.size}|${name}|${ck}|${ik}`);
  return { size: r.size, challenger: ck, incumbent: ik, ...v };
}

/** A comparison over the points of one case (ascending size), or null where it was never measured. */
export function compareSeries(points: ResultRecord[], name: ComparisonName): Comparison | null {
  const bySize = points.flatMap((p) => {
    const v = comparePoint(p, name);
    return v ? [v] : [];
  });
  return bySize.length === 0 ? null : { name, bySize, headline: bySize[bySize.length - 1]! };
}

/** Two named forms compared at every size where both were measured (for hypotheses on variants). */
export function compareForms(points: ResultRecord[], challenger: string, incumbent: string): PointVerdict[] {
  return points.flatMap((r) => {
    const c = r.forms[challenger];
    const i = r.forms[incumbent];
    if (!c || !i) return [];
    const v = verdict(c, i, `${r.benchmark}|${r.size}|${challenger}|${incumbent}`);
    return [{ size: r.size, challenger, incumbent, ...v }];
  });
}

type Way = ReturnType<typeof direction>;

/**
 * Where the challenger wins for good, by class only (never by point ratios):
 * - `always`: its class direction is `wins` at every size measured;
 * - `from`: `size` is the smallest size from which it wins at every larger size; `below` lists the
 *   smaller sizes with their direction (`loses` there means the incumbent was measured faster
 *   beyond the interval; `undecided` or `ties` means it was not);
 * - `never`: it does not win at the largest size (`there` is the direction at that size).
 */
export type Crossover =
  | { kind: 'always'; size: number }
  | { kind: 'from'; size: number; below: Array<{ size: number; direction: Way }> }
  | { kind: 'never'; largest: number; there: Way };

export function findCrossover(
  points: Array<Pick<PointVerdict, 'size' | 'class'> & Partial<Pick<PointVerdict, 'lo' | 'hi'>>>,
): Crossover | null {
  if (points.length === 0) return null;
  const sorted = [...points].sort((a, b) => a.size - b.size);
  // By the interval where it is known: a win straddling a class boundary is still a win.
  const dirs = sorted.map((p) =>
    p.lo !== undefined && p.hi !== undefined ? directionOf({ lo: p.lo, hi: p.hi }) : direction(p.class),
  );
  const last = sorted.length - 1;
  if (dirs[last] !== 'wins') return { kind: 'never', largest: sorted[last]!.size, there: dirs[last]! };
  let first = last;
  while (first > 0 && dirs[first - 1] === 'wins') first--;
  if (first === 0) return { kind: 'always', size: sorted[0]!.size };
  return {
    kind: 'from',
    size: sorted[first]!.size,
    below: sorted.slice(0, first).map((p, i) => ({ size: p.size, direction: dirs[i]! })),
  };
}

/**
 * By how much a ratio must change between the two largest sizes, beyond both intervals, for the
 * headline to count as still changing with size (`stillChanging`): a factor of 2.
 */
export const STILL_CHANGING = 2;

/**
 * Whether a comparison's ratio is still changing at the largest size measured: the headline's
 * whole interval lies above `STILL_CHANGING` times the previous size's interval, or below it
 * divided by that. Such a headline is one point of a cost model (O(1) against O(n), or a fixed
 * cost not yet amortised), true at that size only; returns the sizes' verdicts, ascending, or
 * null when the ratio has settled (or there is one size).
 */
export function stillChanging(cmp: Pick<Comparison, 'bySize'> | null | undefined): PointVerdict[] | null {
  const points = [...(cmp?.bySize ?? [])].sort((a, b) => a.size - b.size);
  if (points.length < 2) return null;
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  const rising = last.lo > STILL_CHANGING * before.hi;
  const falling = last.hi * STILL_CHANGING < before.lo;
  return rising || falling ? points : null;
}

/** The size a crossover hands to a threshold: native from there on; never = no size. */
export function crossoverSize(x: Crossover): number | null {
  return x.kind === 'never' ? null : x.size;
}

/** True where some size below the crossover had the incumbent measured faster beyond its interval. */
export function incumbentFasterBelow(x: Crossover): boolean {
  return x.kind === 'from' && x.below.some((b) => b.direction === 'loses');
}

const belowWords: Record<Way, string> = {
  loses: 'JS faster',
  ties: 'equivalent',
  undecided: 'undecided',
  wins: 'native faster',
};

/**
 * A crossover as text. "JS faster" appears only for sizes where a JS form was measured faster
 * beyond the interval; other sizes below the crossover say `undecided` or `equivalent`.
 */
export function formatCrossover(c: Crossover | null, unit: string): string {
  if (!c) return '—';
  if (c.kind === 'always') return `always (from ${formatSize(c.size, unit)})`;
  if (c.kind === 'never') {
    const there = c.there === 'loses' ? 'JS faster' : c.there === 'ties' ? 'equivalent' : 'undecided';
    return `never (up to ${formatSize(c.largest, unit)}: ${there} there)`;
  }
  // Runs of equal direction: "JS faster at 100 B–1 KiB, undecided at 4 KiB".
  const runs: Array<{ direction: Way; from: number; to: number }> = [];
  for (const b of c.below) {
    const prev = runs[runs.length - 1];
    if (prev && prev.direction === b.direction) prev.to = b.size;
    else runs.push({ direction: b.direction, from: b.size, to: b.size });
  }
  const parts = runs.map(
    (r) =>
      `${belowWords[r.direction]} at ${formatSize(r.from, unit)}${r.to === r.from ? '' : `–${formatSize(r.to, unit)}`}`,
  );
  return `${formatSize(c.size, unit)} (below: ${parts.join(', ')})`;
}

export interface CaseSummary {
  id: string;
  pattern: string;
  category: string;
  description: string;
  unit: string;
  /** The case file's declaration, when the registry has the case (not for `service/ingest`). */
  meta: BenchCase | undefined;
  /** Records by ascending size. */
  points: ResultRecord[];
  /** The largest size: where the matrix reads its numbers. */
  headline: ResultRecord;
  rust: Comparison | null;
  native: Comparison | null;
  /** The fastest Node built-in against traditional, where the case has built-ins. */
  builtin: Comparison | null;
  /** Native against the fastest JS form, by class. */
  crossover: Crossover | null;
  /** The fastest form a Node user can call (any kind but Rust without the boundary) at the headline size. */
  best: [string, FormResult];
}

/**
 * The kinds a Node user can call. `rust` forms (the pure-Rust suite, no Node-API) are the
 * reference the report compares against, not a choice, so they never appear as the best form.
 */
const callableKinds: ReadonlySet<FormKind> = new Set([
  'traditional',
  'rust_inspired',
  'native',
  'variant',
  'native_variant',
  'peer',
  'builtin',
]);

/** Cited beside every Dart number (the cases' `dart` figures). */
export const dartSource = "Dart arm, program's published figures";

/** A case's place in the matrix: its place in the registry (cases/index.ts); others go last. */
function order(id: string): number {
  const i = allCases.findIndex((c) => c.id === id);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

/**
 * Records grouped by case id in matrix order (known cases first), each by ascending size. From
 * one runtime only: the main one (`mainRecords`) when the records span several.
 */
export function byCase(records: ResultRecord[]): Array<[string, ResultRecord[]]> {
  const all = dedupe(mainRecords(records));
  const ids = [...new Set(all.map((r) => r.benchmark))].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  return ids.map((id) => [id, all.filter((r) => r.benchmark === id).sort((a, b) => a.size - b.size)]);
}

/** Every pattern case (limits and controls excluded), summarized in matrix order. */
export function summarize(records: ResultRecord[]): CaseSummary[] {
  return byCase(records)
    .filter(([id]) => !isLimits(id) && !isControl(id))
    .map(([id, points]) => {
      const headline = points[points.length - 1]!;
      const native = compareSeries(points, 'native_vs_best_js');
      const meta = caseOf(id);
      return {
        id,
        pattern: meta?.pattern ?? id,
        category: id.split('/')[0]!,
        description: headline.description,
        unit: headline.unit,
        meta,
        points,
        headline,
        rust: compareSeries(points, 'rust_inspired_vs_traditional'),
        native,
        builtin: compareSeries(points, 'best_builtin_vs_traditional'),
        crossover: native ? findCrossover(native.bySize) : null,
        best: fastestOf(headline, callableKinds) ?? Object.entries(headline.forms)[0]!,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Controls

export interface ControlResult {
  id: string;
  size: number;
  ratio: number;
  lo: number;
  hi: number;
  class: VerdictClass;
  /** Whether this control came out as it must. */
  pass: boolean;
}

export interface ControlsStatus {
  /** `controls/a-a`: the same function as two forms; must be `equivalent`. */
  aa: ControlResult[];
  /** `controls/known-ratio`: traditional does the work twice; the interval must contain 2.0. */
  knownRatio: ControlResult[];
  /** `passed`: both present and as they must be; `failed`: one came out wrong; `missing`: absent. */
  status: 'passed' | 'failed' | 'missing';
  /** One line per problem, for the banner. */
  problems: string[];
}

export const AA_CONTROL = aaControl.id;
export const KNOWN_RATIO_CONTROL = knownRatioControl.id;
/** The ratio the known-ratio control's interval must contain. */
export const KNOWN_RATIO = 2;

function controlPoints(records: ResultRecord[], id: string): ControlResult[] {
  return dedupe(mainRecords(records))
    .filter((r) => r.benchmark === id && r.forms.traditional && r.forms.rust_inspired)
    .sort((a, b) => a.size - b.size)
    .map((r) => {
      const v = verdict(
        r.forms.rust_inspired!,
        r.forms.traditional!,
        `${id}|${r.size}|rust_inspired|traditional`,
      );
      const pass = id === AA_CONTROL ? v.class === 'equivalent' : v.lo <= KNOWN_RATIO && KNOWN_RATIO <= v.hi;
      return { id, size: r.size, ratio: v.ratio, lo: v.lo, hi: v.hi, class: v.class, pass };
    });
}

/** The run's controls and whether the run can be trusted. */
export function controlsOf(records: ResultRecord[]): ControlsStatus {
  const aa = controlPoints(records, AA_CONTROL);
  const knownRatio = controlPoints(records, KNOWN_RATIO_CONTROL);
  const problems: string[] = [];
  if (aa.length === 0) problems.push(`the A/A control (\`${AA_CONTROL}\`) was not run`);
  if (knownRatio.length === 0)
    problems.push(`the known-ratio control (\`${KNOWN_RATIO_CONTROL}\`) was not run`);
  for (const c of aa.filter((x) => !x.pass)) {
    problems.push(
      `the A/A control came out ${verdictWords(c)} (${formatInterval(c)}), not equivalent: two timings of one function differ`,
    );
  }
  for (const c of knownRatio.filter((x) => !x.pass)) {
    problems.push(
      `the known-ratio control's interval ${formatInterval(c)} does not contain ${KNOWN_RATIO.toFixed(1)}`,
    );
  }
  const failed = [...aa, ...knownRatio].some((c) => !c.pass);
  const status = failed ? 'failed' : aa.length === 0 || knownRatio.length === 0 ? 'missing' : 'passed';
  return { aa, knownRatio, status, problems };
}

// ---------------------------------------------------------------------------------------------
// Limits, throughput and rooflines

export type Level = 'l1' | 'l2' | 'l3' | 'memory';
export const levels: readonly Level[] = ['l1', 'l2', 'l3', 'memory'];
export const levelNames: Record<Level, string> = { l1: 'L1', l2: 'L2', l3: 'L3', memory: 'memory' };

/**
 * The limits of the main runtime: the copy its records carry (the runner attaches what it folded
 * from the run's `limits/*` records), else folded here from those records, as when a run holds
 * nothing after them (`--only limits/call-floor`).
 */
export function limitsOf(records: ResultRecord[]): LimitsRef {
  const main = mainRecords(records);
  const folded: LimitsRef = {};
  for (const r of main) if (r.benchmark.startsWith('limits/')) updateLimits(folded, r);
  const roofline = main.find((r) => r.limits?.roofline)?.limits?.roofline ?? folded.roofline;
  const floor = main.find((r) => r.limits?.call_floor_ns)?.limits?.call_floor_ns ?? folded.call_floor_ns;
  const harness =
    main.find((r) => r.limits?.harness_ns !== undefined)?.limits?.harness_ns ?? folded.harness_ns;
  return {
    ...(roofline ? { roofline } : {}),
    ...(floor ? { call_floor_ns: floor } : {}),
    ...(harness === undefined ? {} : { harness_ns: harness }),
  };
}

/** The cache level `bytes` fall in: the smallest level that holds them, else memory. */
export function levelOf(bytes: number, roofline: Roofline): Level {
  for (const l of ['l1', 'l2', 'l3'] as const) if (bytes <= roofline.level_bytes[l]) return l;
  return 'memory';
}

/** Work per second of a form: bytes/s when the record states bytes per op, else items/s. */
export function throughput(
  r: ResultRecord,
  f: FormResult,
): { value: number; unit: 'B/s' | 'items/s' } | null {
  const perSec = 1e6 / f.time_per_op_us;
  if (r.bytes_per_op) return { value: r.bytes_per_op * perSec, unit: 'B/s' };
  if (r.items_per_op) return { value: r.items_per_op * perSec, unit: 'items/s' };
  return null;
}

/** The roofline a record is held to: its level (for the label), access, GB/s and ladder point. */
export interface RooflineRef {
  level: Level;
  access: Access;
  gbps: number;
  /** The ladder size the figure was measured at (absent for rooflines without a ladder). */
  at_bytes?: number;
  /** Cores a parallel form was held to (`gbps` is then one core's figure times this). */
  cores?: number;
}

/**
 * The cores a form may stream on: a scaling form's N (`name@Nt`), every core for a listed
 * parallel form (rayon's pool takes them all whatever the run's threads: a bound, not a count),
 * capped by the machine's cores; 1 otherwise.
 */
export function formCores(r: ResultRecord, form: string | undefined): number {
  if (form === undefined) return 1;
  const scaled = /@(\d+)t$/.exec(form);
  const wanted = scaled ? Number(scaled[1]) : r.parallel_forms?.includes(form) ? r.machine.cores : 1;
  return Math.max(1, Math.min(wanted, r.machine.cores));
}

/**
 * The roofline that matches the record's access pattern at its bytes per op: with a ladder, the
 * fastest figure measured from the largest point at or below its working set upwards (the
 * smallest point when none is below; the memory point for anything larger); without one, the
 * figure of the level its bytes fall in or of any larger level, whichever is higher.
 *
 * From the point below, not the point above: bandwidth falls with the working set, so the
 * figure of the largest measured size that the kernel's working set does not exceed bounds the
 * kernel from above, while the next point up bounds it from below. Held to the point above, a
 * kernel whose working set sat just under a cache's size outran its roofline: in three quick runs
 * of f3e2d44, `hot-cold`'s `rust_fast` at 100k records read 119-136% of the 2 MiB read figure and
 * `in-place`'s Rust kernel 108-115% of the 1 MiB update figure.
 *
 * The maximum over larger sizes: a copy into 256 KiB can measure below one into 16 MiB (on the
 * AMD host of the committed runs, glibc's `rep movsb` ran at 2 GB/s on page-aliased buffers; see
 * `cases/limits/bandwidth.ts`), and a roofline must not sit below a slower level's figure.
 */
export function rooflineFor(r: ResultRecord, form?: string): RooflineRef | null {
  if (form !== undefined && caseOf(r.benchmark)?.movesNoBytes?.includes(form)) return null;
  const one = rooflineOfOneCore(r);
  const cores = formCores(r, form);
  return one && cores > 1 ? { ...one, gbps: one.gbps * cores, cores } : one;
}

function rooflineOfOneCore(r: ResultRecord): RooflineRef | null {
  const roof = r.limits?.roofline;
  if (!roof || !r.access || !r.bytes_per_op) return null;
  // The working set: an op that streams the same memory several times is held to the level
  // that memory fits in, not to the level of its total bytes.
  const bytes = Math.min(r.bytes_per_op, r.footprint_bytes ?? r.bytes_per_op);
  const level = levelOf(bytes, roof);
  const key = `${r.access}_gbps` as const;
  const ladder = (roof.ladder ?? []).filter((p) => p[key] !== undefined);
  if (ladder.length > 0) {
    const below = ladder.filter((p) => p.bytes <= bytes).at(-1) ?? ladder[0]!;
    const from = ladder.filter((p) => p.bytes >= below.bytes);
    const best = from.reduce((m, p) => (p[key]! > m[key]! ? p : m));
    return { level, access: r.access, gbps: best[key]!, at_bytes: best.bytes };
  }
  const order = ['l1', 'l2', 'l3', 'memory'] as const;
  const measured = roof[key] ?? {};
  const figures = order
    .slice(order.indexOf(level))
    .map((l) => measured[l])
    .filter((x): x is number => x !== undefined);
  if (measured[level] === undefined || figures.length === 0) return null;
  return { level, access: r.access, gbps: Math.max(...figures) };
}

/**
 * A form's bytes/s as a share of the matching roofline (1 = at the limit). None for a form ten
 * times past its roofline: it does not stream the bytes its record states (a view, a transfer).
 */
export function rooflineShare(r: ResultRecord, f: FormResult, form?: string): number | null {
  const roof = rooflineFor(r, form);
  const t = throughput(r, f);
  const share = roof && t && t.unit === 'B/s' ? t.value / (roof.gbps * 1e9) : null;
  return share !== null && share <= 10 ? share : null;
}

/** A share above this means the roofline is not a limit: the measurement of it is wrong. */
export const rooflineTolerance = 1.05;

/** A form that ran faster than its roofline allows. */
export interface RooflineExcess {
  case: string;
  size: number;
  unit: string;
  runtime: string;
  form: string;
  share: number;
  roofline: RooflineRef;
}

/** Every form of every pattern record above `rooflineTolerance` of its roofline, worst first. */
export function rooflineExcesses(records: ResultRecord[]): RooflineExcess[] {
  const out: RooflineExcess[] = [];
  for (const r of records) {
    if (isLimits(r.benchmark)) continue;
    const roof = rooflineFor(r);
    if (!roof) continue;
    for (const [form, f] of Object.entries(r.forms)) {
      const share = rooflineShare(r, f, form);
      if (share !== null && share > rooflineTolerance) {
        const runtime = `${r.runtime.name} ${r.runtime.version}`;
        out.push({
          case: r.benchmark,
          size: r.size,
          unit: r.unit,
          runtime,
          form,
          share,
          roofline: rooflineFor(r, form)!,
        });
      }
    }
  }
  return out.sort((a, b) => b.share - a.share);
}

/** One line per excess: "roofline exceeded by <case> <form> at <size>: 133% of ...". */
export function rooflineWarnings(records: ResultRecord[]): string[] {
  return rooflineExcesses(records).map((e) => {
    const at =
      e.roofline.at_bytes === undefined ? levelNames[e.roofline.level] : formatBytes(e.roofline.at_bytes);
    return `roofline exceeded by ${e.case} ${e.form} at ${formatSize(e.size, e.unit)} (${e.runtime}): ${(e.share * 100).toFixed(0)}% of the ${e.roofline.access} roofline at ${at} (${e.roofline.gbps} GB/s${e.roofline.cores ? `, ${e.roofline.cores} cores` : ''}): the roofline is wrong`;
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting

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
  for (const [step, name] of [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (n >= step) return `${sig(n / step)}${name} ${unit}`;
  }
  return `${n} ${unit}`;
}

/** Up to three significant digits, no trailing zeros. */
export function sig(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** A speed ratio: two decimals below 10, one below 100, none above. */
export function formatRatio(x: number): string {
  return `${ratioDigits(x)}×`;
}

function ratioDigits(x: number): string {
  if (!Number.isFinite(x)) return '∞';
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : x >= 0.01 ? 2 : 4;
  return x.toFixed(digits);
}

/** A ratio with its interval: `3.10× [2.80–3.40]`. */
export function formatInterval(v: Pick<PointVerdict, 'ratio' | 'lo' | 'hi'>): string {
  return `${formatRatio(v.ratio)} [${ratioDigits(v.lo)}–${ratioDigits(v.hi)}]`;
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
  if (n < 2 ** 30) return `${sig(n / 2 ** 20)} MiB`;
  return `${sig(n / 2 ** 30)} GiB`;
}

/** Operations per second with k/M/G. */
export function formatOps(x: number): string {
  if (x >= 1e9) return `${sig(x / 1e9)}G`;
  if (x >= 1e6) return `${sig(x / 1e6)}M`;
  if (x >= 1e3) return `${sig(x / 1e3)}k`;
  return sig(x);
}

/** Work per second: GB/s, MB/s, ... or items/s with k/M/G. */
export function formatThroughput(t: { value: number; unit: 'B/s' | 'items/s' }): string {
  const steps: Array<[number, string]> = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [step, prefix] = steps.find(([s]) => t.value >= s) ?? [1, ''];
  return t.unit === 'B/s' ? `${sig(t.value / step)} ${prefix}B/s` : `${sig(t.value / step)}${prefix} items/s`;
}

/** The class as words; "no real difference" is said only of `equivalent`. */
export const classWords: Record<VerdictClass, string> = {
  'much-faster': 'much faster',
  faster: 'faster',
  'slightly-faster': 'slightly faster',
  equivalent: 'equivalent',
  'slightly-slower': 'slightly slower',
  slower: 'slower',
  'much-slower': 'much slower',
  undecided: 'undecided',
};

/**
 * A verdict in words, from its interval: the magnitude (one class, or "slightly faster to
 * faster" where the interval straddles one boundary), else the direction with its size left open
 * ("faster (by how much: undecided)"), else "undecided".
 */
export function verdictWords(v: Pick<PointVerdict, 'lo' | 'hi'>): string {
  const m = magnitudeOf(v);
  if (m.length > 0) return m.map((c) => classWords[c]).join(' to ');
  const d = directionFor(v);
  return d === 'undecided' ? 'undecided' : `${d} (by how much: undecided)`;
}

/** A verdict as the matrix prints it: its words, ratio and interval. */
export function formatVerdict(v: Pick<PointVerdict, 'ratio' | 'lo' | 'hi'>): string {
  return `${verdictWords(v)} ${formatInterval(v)}`;
}
