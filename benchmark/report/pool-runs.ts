/**
 * Several runs read as one. Records of the same case, size, mode and runtime on the same machine
 * from several runs (`rust-patterns report|publish|calibrate --from a.json b.json`) are pooled
 * into one record, as the runner pools the processes of one run: every run's processes keep their
 * samples and are numbered apart, so the interval's bootstrap resamples processes across runs and
 * its width counts the spread between runs (host state, JIT and heap draws) with the rest.
 * Before, a second file of the same runtime replaced the first's records without a word.
 *
 * Why pool: on a contended host a process draws a host state that lasts seconds, and with four
 * processes a comparison near a class boundary reads undecided in one run and decided in the
 * next (see engine/sampling.ts `defaultRepeats`). Eight processes from two runs halve the
 * variance of the process level, which dominates these intervals (`rust-patterns design`).
 *
 * What is not pooled: the memory pass, GC figures and metrics come from the first run's
 * inspecting process (one pass, as in a single run), and so do the limits each record is
 * reported against; `command` and `date` are the first run's, `runs` counts the runs.
 */
import { poolRecords } from '../engine/runner.js';
import type { ResultRecord } from '../engine/record.js';
import { runtimeKey } from './runtimes.js';

/** The records of several runs with each case, size, mode and runtime pooled once. */
export function poolRuns(records: readonly ResultRecord[]): ResultRecord[] {
  const groups = new Map<string, ResultRecord[]>();
  for (const r of records) {
    const key = [runtimeKey(r), r.benchmark, r.size, r.mode].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  // The runner's pooling of processes, with each run's record standing for its processes.
  return [...groups.values()].map((g) =>
    g.length === 1 ? g[0]! : { ...poolRecords(g), runs: g.reduce((n, r) => n + (r.runs ?? 1), 0) },
  );
}
