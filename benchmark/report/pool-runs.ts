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
import { formTiming, type FormResult, type ProcessSamples, type ResultRecord } from '../engine/record.js';
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
  return [...groups.values()].map((g) => (g.length === 1 ? g[0]! : poolGroup(g)));
}

/** Processes a record's samples came from: one more than the highest process number it holds. */
export function processesIn(r: ResultRecord): number {
  let n = 1;
  for (const f of Object.values(r.forms)) for (const p of f.sample_process ?? []) n = Math.max(n, p + 1);
  for (const s of Object.values(r.process_samples ?? {}))
    for (const p of s.process ?? []) n = Math.max(n, p + 1);
  return n;
}

function poolGroup(runs: readonly ResultRecord[]): ResultRecord {
  const first = runs[0]!;
  // Each run's processes follow the previous runs' ones.
  const offsets: number[] = [];
  let next = 0;
  for (const r of runs) {
    offsets.push(next);
    next += processesIn(r);
  }
  const forms: Record<string, FormResult> = {};
  for (const [key, head] of Object.entries(first.forms)) {
    const parts = runs.flatMap((r, i) => {
      const f = r.forms[key];
      return f && f.samples_ns.length > 0 ? [{ f, offset: offsets[i]! }] : [];
    });
    if (parts.length === 0) {
      forms[key] = head;
      continue;
    }
    const samples = parts.flatMap(({ f }) => f.samples_ns);
    const process = parts.flatMap(({ f, offset }) =>
      f.samples_ns.map((_, i) => offset + (f.sample_process?.[i] ?? 0)),
    );
    const looks = Math.max(...parts.map(({ f }) => f.looks ?? 1));
    forms[key] = {
      ...head,
      ...formTiming(
        head.kind,
        samples,
        parts[0]!.f.ops_per_sample,
        `${first.benchmark}|${first.size}|${key}`,
        {
          process,
          keepProcess: true,
        },
      ),
      ...(looks > 1 ? { looks } : {}),
    };
  }
  const processSamples: Record<string, ProcessSamples> = {};
  runs.forEach((r, i) => {
    for (const [name, s] of Object.entries(r.process_samples ?? {})) {
      const into = (processSamples[name] ??= { values: [], process: [] });
      into.values.push(...s.values);
      into.process!.push(...s.values.map((_, j) => offsets[i]! + (s.process?.[j] ?? 0)));
    }
  });
  return {
    ...first,
    repeats: runs.reduce((n, r) => n + r.repeats, 0),
    runs: runs.reduce((n, r) => n + (r.runs ?? 1), 0),
    forms,
    ...(Object.keys(processSamples).length > 0 ? { process_samples: processSamples } : {}),
  };
}
