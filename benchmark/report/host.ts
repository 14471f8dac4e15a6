/**
 * How much of a run the host spent in a slow spell: each sampling round's host canary reading
 * (engine/sampling.ts `hostCanary`) against the quickest reading of the same records. The canary
 * is one JS loop, so its quickest reading is the core's speed when nothing else ran on it.
 */
import { HOST_CANARY, type ResultRecord } from '../engine/record.js';

/**
 * A reading above this multiple of the quickest counts as a slow spell. Quiet processes agree
 * within 4% (`node scripts/host-probe.mjs`: JS over native 1.00-1.04 in 12 processes), and a
 * spell slows JIT-compiled loops by 1.3-1.9x (the same probe: 1.31-1.85 in 5 of 12 processes,
 * AMD EPYC, 2026-12-07).
 */
export const CONTENDED_FACTOR = 1.3;

export interface HostContention {
  /** Sampling rounds with a canary reading. */
  rounds: number;
  /** Rounds whose reading exceeded `CONTENDED_FACTOR` times the quickest. */
  contended: number;
  /** `contended / rounds`. */
  share: number;
  /** The quickest reading, nanoseconds. */
  quickest_ns: number;
}

const readings = (r: ResultRecord): readonly number[] => r.process_samples?.[HOST_CANARY]?.values ?? [];

/** Rounds of `records`, and how many of them read over `CONTENDED_FACTOR` times `quickest`. */
function tally(records: readonly ResultRecord[], quickest: number): { rounds: number; contended: number } {
  let rounds = 0;
  let contended = 0;
  for (const r of records) {
    for (const v of readings(r)) {
      rounds++;
      if (v > CONTENDED_FACTOR * quickest) contended++;
    }
  }
  return { rounds, contended };
}

/** The contention of these records (one runtime's: the canary's speed differs by engine), or null without readings. */
export function hostContention(records: readonly ResultRecord[]): HostContention | null {
  const quickest = records.reduce((m, r) => readings(r).reduce((a, v) => Math.min(a, v), m), Infinity);
  const { rounds, contended } = tally(records, quickest);
  return rounds === 0 ? null : { rounds, contended, share: contended / rounds, quickest_ns: quickest };
}

/**
 * Per case, the share of its sampling rounds that began in a slow spell, against the quickest
 * reading of all `records` (a case whose rounds all ran in one spell has no quiet reading of
 * its own).
 */
export function contendedShareByCase(records: readonly ResultRecord[]): Map<string, number> {
  const run = hostContention(records);
  const out = new Map<string, number>();
  if (!run) return out;
  for (const id of new Set(records.map((r) => r.benchmark))) {
    const { rounds, contended } = tally(
      records.filter((r) => r.benchmark === id),
      run.quickest_ns,
    );
    if (rounds > 0) out.set(id, contended / rounds);
  }
  return out;
}

/** One sentence for the report's method section. */
export function contentionText(h: HostContention | null): string {
  if (!h) return 'not measured (results from before the engine timed a canary each round).';
  const pct = (h.share * 100).toFixed(1);
  return `${h.contended} of ${h.rounds} sampling rounds (${pct}%) began while a JS canary loop took over ${CONTENDED_FACTOR}× its quickest time (${(h.quickest_ns / 1e3).toFixed(1)} µs): a slow spell of the host, in which JIT-compiled code slows by up to 1.9× and latency-bound native code hardly at all, so JS-to-native ratios move with it (\`scripts/host-probe.mjs\`).`;
}
