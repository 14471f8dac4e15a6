/**
 * Records grouped by the runtime (and machine) that measured them. A results file from
 * `--runtimes`, or several files merged by `rust-patterns report`, holds the same case and size
 * once per runtime: the matrix reads one runtime (`mainRecords`), and the "Across runtimes"
 * section (across.ts) reads each group on its own. Pure functions of the records.
 */
import type { ResultRecord } from '../engine/record.js';

/** The records of one runtime on one machine. */
export interface RuntimeGroup {
  /** Unique among the groups: runtime, version and machine. */
  key: string;
  /** `node 26.12.1`, `bun 1.4.5`, `deno 2.9.6`; with the CPU when the records span machines. */
  label: string;
  name: ResultRecord['runtime']['name'];
  version: string;
  engine: string;
  records: ResultRecord[];
}

/** A runtime's version without Node's leading `v`. */
export function bareVersion(r: ResultRecord): string {
  return (r.runtime?.version ?? r.version.node).replace(/^v/, '');
}

function runtimeOf(r: ResultRecord): ResultRecord['runtime'] {
  return r.runtime ?? { name: 'node', version: r.version.node, engine: `V8 ${r.version.v8}` };
}

function machineOf(r: ResultRecord): string {
  const m = r.machine;
  return `${m.cpu_model}|${m.cores}|${m.memory_gib}|${m.os}`;
}

/** The group key of one record: runtime, version and machine. */
export function runtimeKey(r: ResultRecord): string {
  const rt = runtimeOf(r);
  return `${rt.name} ${bareVersion(r)}\u0000${machineOf(r)}`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

const nameOrder = { node: 0, bun: 1, deno: 2 } as const;

/** The groups in reading order: Node by version, then Bun, then Deno; machines in order of appearance. */
export function groupByRuntime(records: ResultRecord[]): RuntimeGroup[] {
  const groups = new Map<string, RuntimeGroup>();
  const machines = new Set(records.map(machineOf));
  for (const r of records) {
    const key = runtimeKey(r);
    let g = groups.get(key);
    if (!g) {
      const rt = runtimeOf(r);
      const version = bareVersion(r);
      g = {
        key,
        label: `${rt.name} ${version}${machines.size > 1 ? ` on ${r.machine.cpu_model}` : ''}`,
        name: rt.name,
        version,
        engine: rt.engine,
        records: [],
      };
      groups.set(key, g);
    }
    g.records.push(r);
  }
  return [...groups.values()].sort(
    (a, b) => nameOrder[a.name] - nameOrder[b.name] || compareVersions(a.version, b.version),
  );
}

/** A Node release line that is or was LTS: the even majors. */
function isNodeLts(g: RuntimeGroup): boolean {
  return g.name === 'node' && Number(g.version.split('.')[0]) % 2 === 0;
}

/**
 * The group the matrix reads: the newest Node LTS present, else the newest Node, else the first
 * group; among machines with that runtime, the one with the most records.
 */
export function mainGroup(records: ResultRecord[]): RuntimeGroup | null {
  const groups = groupByRuntime(records);
  const pool = groups.filter(isNodeLts).length
    ? groups.filter(isNodeLts)
    : groups.some((g) => g.name === 'node')
      ? groups.filter((g) => g.name === 'node')
      : groups.slice(0, 1);
  let best: RuntimeGroup | null = null;
  for (const g of pool) {
    const newer = best ? compareVersions(g.version, best.version) : 1;
    if (!best || newer > 0 || (newer === 0 && g.records.length > best.records.length)) best = g;
  }
  return best;
}

/** The records the matrix reads: all of them when one runtime measured them, else the main group's. */
export function mainRecords(records: ResultRecord[]): ResultRecord[] {
  const groups = groupByRuntime(records);
  return groups.length <= 1 ? records : mainGroup(records)!.records;
}

/** The sentence the reports' headers carry when the records span several runtimes; null otherwise. */
/** The runtimes the project measures besides the one a single-runtime run used. */
const otherRuntimes: Record<ResultRecord['runtime']['name'], string> = {
  node: 'Other Node versions, Bun and Deno',
  bun: 'Node and Deno',
  deno: 'Node and Bun',
};

export function mainRuntimeNote(records: ResultRecord[]): string | null {
  const groups = groupByRuntime(records);
  if (groups.length === 0) return null;
  if (groups.length === 1) {
    // Say what is absent, so a reader does not take one runtime's results for all of them.
    const only = groups[0]!;
    return `These results hold one runtime, ${only.label} (${only.engine}). ${otherRuntimes[only.name]} are measured by \`npm run bench -- --runtimes <list>\` (after \`npm run runtimes\`) and are not in them, so the answers say nothing about those runtimes.`;
  }
  const main = mainGroup(records)!;
  const why = isNodeLts(main)
    ? 'the newest Node LTS'
    : main.name === 'node'
      ? 'the newest Node'
      : 'the first runtime';
  return `The matrix reads ${main.label} (${main.engine}), ${why} of the ${groups.length} runtimes in these results (${groups.map((g) => g.label).join(', ')}); "Across runtimes" compares them.`;
}
