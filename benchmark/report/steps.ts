/**
 * "Which step buys what": for a case whose records carry a decomposition ladder (`steps`, form
 * names in order, each differing from the one before in one variable; see `BenchCase.steps`),
 * the speed ratio of each form over the one before it, with its interval and class, at every
 * size. Forms missing from a record leave their two steps out at that size rather than bridging
 * them, since a step over a missing form would change two things at once.
 */
import { compareForms, formatSize, formatVerdict, type CaseSummary, type PointVerdict } from './analyze.js';

/** One step of a ladder: `to` over `from` (ratio above 1: `to` is faster) at each size measured. */
export interface Step {
  from: string;
  to: string;
  bySize: PointVerdict[];
}

/** The steps of one case, from its largest record's ladder; empty when it has none. */
export function stepsOf(c: Pick<CaseSummary, 'points' | 'headline'>): Step[] {
  const ladder = c.headline.steps ?? [];
  return ladder.slice(1).map((to, i) => {
    const from = ladder[i]!;
    return { from, to, bySize: compareForms(c.points, to, from) };
  });
}

/** The Markdown section: one row per step of every case with a ladder; nothing when none has one. */
export function stepsSection(
  cases: CaseSummary[],
  table: (header: string[], rows: string[][]) => string,
): string[] {
  const rows = cases.flatMap((c) =>
    stepsOf(c).map((s) => [
      `\`${c.id}\``,
      `\`${s.from}\` → \`${s.to}\``,
      s.bySize.length === 0
        ? 'not measured'
        : s.bySize.map((v) => `${formatSize(v.size, c.unit)}: ${formatVerdict(v)}`).join('; '),
    ]),
  );
  if (rows.length === 0) return [];
  return [
    '## Which step buys what',
    '',
    "Cases whose traditional and Rust-inspired forms differ in more than one way are timed as a ladder of forms, each changing one thing (the case file says what). Each row is one step: the later form's speed over the earlier one's, with its interval and class, at every size.",
    '',
    table(['Case', 'Step', 'Later form over earlier, by size'], rows),
    '',
  ];
}
