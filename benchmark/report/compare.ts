/**
 * Run-to-run stability: compares the verdicts.json files of several runs cell by cell. A cell is
 * one case and comparison read at its headline size. Each run's verdict there has a direction
 * (faster, slower, equivalent, undecided) and a magnitude (one class, two adjacent classes, or
 * none: undecided), both read from the interval (stats.ts `directionFor`, `magnitudeOf`; a file
 * written before those fields existed is read from its `ci_low` and `ci_high`):
 * - direction identical: every run has the cell with one direction;
 * - contradicting: one run says faster and another slower;
 * - magnitude inconsistent: two runs' decided magnitudes share no class;
 * - the one-of-seven class is still counted, as before, for comparison with older runs.
 * Crossovers are compared separately, by decade of size, since a crossover that moves between
 * two neighbouring sizes of one decade tells the reader the same thing.
 *
 * It also checks the intervals against each other: how often one run's ratio falls inside
 * another run's 95% interval, over every comparison at every size. For two independent runs
 * with calibrated intervals of equal width that happens about 83% of the time (the difference
 * of two estimates has sqrt(2) times their spread): far less means the intervals are too
 * narrow for the run-to-run spread, far more that they are wider than they need to be.
 */
import {
  directionFor,
  magnitudeOf,
  type Direction,
  type MagnitudeClass,
  type VerdictClass,
} from '../engine/stats.js';
import type { ComparisonName } from './analyze.js';
import type { VerdictsFile } from './verdicts.js';

export interface DifferingCell {
  case: string;
  comparison: ComparisonName;
  /** Class per run name; `missing` where that run has no such cell. */
  classes: Record<string, VerdictClass | 'missing'>;
  /** Direction and magnitude per run name, as printed (`faster, slightly faster to faster`). */
  verdicts: Record<string, string>;
}

export interface DifferingCrossover {
  case: string;
  /** Crossover text per run name; `missing` where that run has none. */
  crossovers: Record<string, string>;
}

export interface VerdictsComparison {
  /** Cells in any run (the union). */
  cells: number;
  /** Cells present in every run with one class. */
  identical: number;
  /** Cells present in every run with one direction. */
  directionIdentical: number;
  /** Cells whose direction or class differs between runs (or that a run lacks). */
  differing: DifferingCell[];
  /** Cells that one run found faster and another slower. */
  contradicting: number;
  /** Share of all entries, over every run, whose direction is undecided. */
  directionUndecidedShare: number;
  /** Share of all entries, over every run, with a decided magnitude (one or two classes). */
  magnitudeDecidedShare: number;
  /** Cells where two runs' decided magnitudes share no class. */
  inconsistentMagnitudes: number;
  /** Pairs (run A's interval, run B's ratio), every comparison and size, and how many fell inside. */
  predictive: { pairs: number; inside: number };
  /** Share of all entries, over every run, whose one-of-seven class is `undecided`. */
  undecidedShare: number;
  /** Native crossovers compared by decade (`never` is its own decade). */
  crossovers: { cells: number; identical: number; differing: DifferingCrossover[] };
  /** Runs whose controls failed or were missing. */
  unreliable: string[];
  /** The summary `rust-patterns compare` prints. */
  text: string;
}

const key = (c: string, cmp: string): string => `${c}\u0000${cmp}`;

/** The decade of a crossover size (`1e3` for 1,000–9,999), `never`, or `missing`. */
export function crossoverDecade(size: number | null | undefined): string {
  if (size === undefined) return 'missing';
  if (size === null) return 'never';
  return size <= 0 ? '0' : `1e${Math.floor(Math.log10(size))}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

interface Judged {
  direction: Direction;
  magnitude: MagnitudeClass[];
}

/** A verdict's direction and magnitude, from its fields or, in older files, its interval. */
function judged(v: {
  direction?: Direction;
  magnitude?: MagnitudeClass[];
  ci_low: number;
  ci_high: number;
}): Judged {
  const iv = { lo: v.ci_low, hi: v.ci_high };
  return { direction: v.direction ?? directionFor(iv), magnitude: v.magnitude ?? magnitudeOf(iv) };
}

const words = (c: string): string => c.replace(/-/g, ' ');

/** `faster, slightly faster to faster` or `undecided, magnitude undecided`. */
function judgedText(j: Judged | undefined): string {
  if (!j) return 'missing';
  const m = j.magnitude.length === 0 ? 'magnitude undecided' : j.magnitude.map(words).join(' to ');
  return `${j.direction}, ${m}`;
}

export function compareVerdicts(files: VerdictsFile[], names: string[]): VerdictsComparison {
  if (files.length !== names.length) throw new Error('compareVerdicts: one name per file');
  if (files.length < 2) throw new Error('compareVerdicts: needs at least two files');
  const maps = files.map((f) => new Map(f.verdicts.map((v) => [key(v.case, v.comparison), v])));
  const keys = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();

  const differing: DifferingCell[] = [];
  let identical = 0;
  let directionIdentical = 0;
  let contradicting = 0;
  let inconsistentMagnitudes = 0;
  const predictive = { pairs: 0, inside: 0 };
  const crossoverKeys: string[] = [];
  for (const k of keys) {
    const entries = maps.map((m) => m.get(k));
    const classes = entries.map((e) => e?.class ?? 'missing');
    const js = entries.map((e) => (e ? judged(e) : undefined));
    const directions = js.map((j) => j?.direction ?? 'missing');
    if (directions.includes('faster') && directions.includes('slower')) contradicting++;
    const decided = js.filter((j): j is Judged => j !== undefined && j.magnitude.length > 0);
    if (decided.some((a) => decided.some((b) => !a.magnitude.some((c) => b.magnitude.includes(c)))))
      inconsistentMagnitudes++;
    for (const a of entries) {
      for (const b of entries) {
        if (!a || !b || a === b) continue;
        for (const p of a.by_size) {
          const q = b.by_size.find((x) => x.size === p.size);
          if (!q) continue;
          predictive.pairs++;
          if (q.ratio >= p.ci_low && q.ratio <= p.ci_high) predictive.inside++;
        }
      }
    }
    const sameClass = classes.every((c) => c !== 'missing' && c === classes[0]);
    const sameDirection = directions.every((d) => d !== 'missing' && d === directions[0]);
    if (sameClass) identical++;
    if (sameDirection) directionIdentical++;
    if (!sameClass || !sameDirection) {
      const [c, cmp] = k.split('\u0000') as [string, ComparisonName];
      differing.push({
        case: c,
        comparison: cmp,
        classes: Object.fromEntries(names.map((n, i) => [n, classes[i]!])),
        verdicts: Object.fromEntries(
          names.map((n, i) => {
            const share = entries[i]?.host_contended_share;
            const host = share === undefined ? '' : ` [host ${pct(share)} slow]`;
            return [n, `${judgedText(js[i])}${host}`];
          }),
        ),
      });
    }
    if (entries.some((e) => e?.crossover)) crossoverKeys.push(k);
  }

  const crossDiffering: DifferingCrossover[] = [];
  let crossIdentical = 0;
  for (const k of crossoverKeys) {
    const entries = maps.map((m) => m.get(k)?.crossover);
    const decades = entries.map((x) => crossoverDecade(x === undefined ? undefined : x.size));
    if (decades.every((d) => d !== 'missing' && d === decades[0])) crossIdentical++;
    else {
      crossDiffering.push({
        case: k.split('\u0000')[0]!,
        crossovers: Object.fromEntries(names.map((n, i) => [n, entries[i]?.text ?? 'missing'])),
      });
    }
  }

  const all = files.flatMap((f) => f.verdicts);
  const share = (ok: (v: (typeof all)[number]) => boolean): number =>
    all.length === 0 ? 0 : all.filter(ok).length / all.length;
  const undecidedShare = share((v) => v.class === 'undecided');
  const directionUndecidedShare = share((v) => judged(v).direction === 'undecided');
  const magnitudeDecidedShare = share((v) => judged(v).magnitude.length > 0);
  const unreliable = names.filter((_, i) => files[i]!.header.unreliable);
  const of = (n: number): string => `${n} of ${keys.length}`;
  const ofPct = (n: number): string => `${of(n)} (${pct(keys.length === 0 ? 1 : n / keys.length)})`;

  const lines = [
    `Direction: ${ofPct(directionIdentical)} verdict cells identical across ${names.length} runs; ${pct(directionUndecidedShare)} of all verdicts undecided; ${contradicting} contradicting (faster in one run, slower in another).`,
    `Magnitude: decided in ${pct(magnitudeDecidedShare)} of all verdicts (one class, or two adjacent); ${inconsistentMagnitudes} cells inconsistent (two runs' claims share no class).`,
    `Class (one of seven): ${ofPct(identical)} cells identical; ${pct(undecidedShare)} of all verdicts undecided.`,
    `Intervals: another run's ratio fell inside ${predictive.inside} of ${predictive.pairs} intervals (${pct(predictive.pairs === 0 ? 1 : predictive.inside / predictive.pairs)}; about 83% for calibrated 95% intervals).`,
    `Native crossovers: ${crossIdentical} of ${crossoverKeys.length} in the same decade (${pct(crossoverKeys.length === 0 ? 1 : crossIdentical / crossoverKeys.length)}).`,
  ];
  if (unreliable.length > 0)
    lines.push(`Runs whose controls failed or were missing: ${unreliable.join(', ')}.`);
  const contention = files.map((f) => f.header.host_contention);
  if (contention.some((h) => h !== undefined)) {
    const each = names.map((n, i) => {
      const h = contention[i];
      return h ? `${n} ${pct(h.share)} (${h.contended} of ${h.rounds})` : `${n} not measured`;
    });
    lines.push(`Sampling rounds begun in a slow spell of the host (host canary): ${each.join(', ')}.`);
  }
  if (differing.length > 0) {
    lines.push('', 'Differing cells (direction, magnitude; class):');
    for (const d of differing) {
      lines.push(
        `- ${d.case} ${d.comparison}: ${names.map((n) => `${n} ${d.verdicts[n]} (${d.classes[n]})`).join('; ')}`,
      );
    }
  }
  if (crossDiffering.length > 0) {
    lines.push('', 'Differing crossovers:');
    for (const d of crossDiffering) {
      lines.push(`- ${d.case}: ${names.map((n) => `${n} ${d.crossovers[n]}`).join('; ')}`);
    }
  }
  return {
    cells: keys.length,
    identical,
    directionIdentical,
    differing,
    contradicting,
    directionUndecidedShare,
    magnitudeDecidedShare,
    inconsistentMagnitudes,
    predictive,
    undecidedShare,
    crossovers: { cells: crossoverKeys.length, identical: crossIdentical, differing: crossDiffering },
    unreliable,
    text: `${lines.join('\n')}\n`,
  };
}
