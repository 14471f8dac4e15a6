/**
 * Where the benchmark tool's outputs go and how they are written: results JSON, verdicts.json,
 * RESULTS.md and the HTML report. A run writes under `benchmark/results/` only (git ignores it), so
 * running the benchmark on a clone changes no tracked file; `publishResults` alone rewrites the
 * committed files (RESULTS.md, the README block, benchmark/RESULTS.json, benchmark/VERDICTS.json)
 * together, from one set of records. Shared by the CLI and the example service's load test, which
 * adds its `service/ingest` records; imports no runner.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { repoRoot } from '../engine/paths.js';
import { recordsJson, type ResultRecord } from '../engine/record.js';
import { rooflineWarnings } from './analyze.js';
import { renderHtml } from './html.js';
import { poolRuns } from './pool-runs.js';
import { embedInReadme, readmeBlock, renderMarkdown } from './markdown.js';
import { renderVerdicts } from './verdicts.js';

const root = repoRoot;
const results = join(root, 'benchmark', 'results');

/** Where a run's outputs go: all under `benchmark/results/`. */
export const defaults = {
  md: join(results, 'RESULTS.md'),
  html: join(results, 'report.html'),
  /** The machine-readable verdicts written beside the results of every run. */
  verdicts: join(results, 'verdicts.json'),
  /** The results file a run writes last (`writeResults`), which `publish` reads by default. */
  latest: join(results, 'latest.json'),
  /** Where runtimes installed by `npm run runtimes` are listed. */
  runtimes: join(root, '.runtimes', 'manifest.json'),
  /** Written by `npm run bench:service`; folded into the default reports when present. */
  service: join(results, 'service.json'),
};

/** The committed files `publishResults` writes, and nothing else does. */
export interface PublishTargets {
  /** RESULTS.md at the repository root. */
  md: string;
  /** README.md, whose block between the `matrix` markers is replaced. */
  readme: string;
  /** The records RESULTS.md is rendered from (benchmark/RESULTS.json). */
  results: string;
  /** The verdicts of those records (benchmark/VERDICTS.json). */
  verdicts: string;
}

export const published: PublishTargets = {
  md: join(root, 'RESULTS.md'),
  readme: join(root, 'README.md'),
  results: join(root, 'benchmark', 'RESULTS.json'),
  verdicts: join(root, 'benchmark', 'VERDICTS.json'),
};

/** The run's records plus the saved `service/ingest` records, when there are any. */
export function withService(records: ResultRecord[]): ResultRecord[] {
  return existsSync(defaults.service) ? [...records, ...readRecords([defaults.service])] : records;
}

function write(file: string, body: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
}

/** Writes verdicts.json, RESULTS.md and the HTML report where asked; returns what it wrote. */
export function writeReports(
  records: ResultRecord[],
  md: string | undefined,
  html: string | undefined,
  verdicts?: string | undefined,
): string[] {
  const wrote: string[] = [];
  // A form faster than its roofline means the roofline is not a limit; RESULTS.md says so too.
  for (const w of rooflineWarnings(records)) process.stderr.write(`rust-patterns: warning: ${w}\n`);
  if (verdicts) {
    write(verdicts, renderVerdicts(records));
    wrote.push(verdicts);
  }
  if (md) {
    write(md, renderMarkdown(records));
    wrote.push(md);
  }
  if (html) {
    write(html, renderHtml(records));
    wrote.push(html);
  }
  return wrote;
}

/**
 * Publishes `records` as the repository's results: benchmark/RESULTS.json holds them (in the
 * format of a run's results file), and RESULTS.md, the README's matrix block and
 * benchmark/VERDICTS.json are rendered from them, so the committed files always agree with each
 * other (__test__/committed-results.spec.ts). Returns what it wrote.
 */
export function publishResults(records: ResultRecord[], to: PublishTargets = published): string[] {
  if (records.length === 0) throw new Error('publish needs at least one record');
  write(to.results, recordsJson(records));
  write(to.verdicts, renderVerdicts(records));
  write(to.md, renderMarkdown(records));
  const wrote = [to.results, to.verdicts, to.md];
  const before = readFileSync(to.readme, 'utf8');
  const after = embedInReadme(before, readmeBlock(records));
  if (after === before && !before.includes(readmeBlock(records))) {
    throw new Error(`${to.readme} has no <!-- matrix:start --> ... <!-- matrix:end --> block to fill`);
  }
  if (after !== before) {
    writeFileSync(to.readme, after);
    wrote.push(to.readme);
  }
  return wrote;
}

/**
 * The records of results files, with the runs of one runtime pooled (pool-runs.ts): two files of
 * the same runtime's runs give one record per case and size, from both runs' processes.
 */
export function readRecords(files: string[]): ResultRecord[] {
  return poolRuns(readFiles(files));
}

function readFiles(files: string[]): ResultRecord[] {
  return files.flatMap((f) => {
    const parsed: unknown = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(parsed)) throw new TypeError(`${f}: expected a JSON array of result records`);
    return parsed as ResultRecord[];
  });
}
