/**
 * Where the benchmark tool's outputs go and how they are written: results JSON, verdicts.json,
 * RESULTS.md (plus the README block) and the HTML report. Shared by the CLI and the example
 * service's load test, which adds its `service/ingest` records; imports no runner.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { repoRoot } from '../engine/paths.js';
import type { ResultRecord } from '../engine/record.js';
import { rooflineWarnings } from './analyze.js';
import { renderHtml } from './html.js';
import { embedInReadme, readmeBlock, renderMarkdown } from './markdown.js';
import { renderVerdicts } from './verdicts.js';

const root = repoRoot;
export const defaults = {
  md: join(root, 'RESULTS.md'),
  html: join(root, 'benchmark', 'results', 'report.html'),
  /** The machine-readable verdicts written beside the results of every run. */
  verdicts: join(root, 'benchmark', 'results', 'verdicts.json'),
  /** Where runtimes installed by `npm run runtimes` are listed. */
  runtimes: join(root, '.runtimes', 'manifest.json'),
  /** Written by `npm run bench:service`; folded into the default reports when present. */
  service: join(root, 'benchmark', 'results', 'service.json'),
};

/** The run's records plus the saved `service/ingest` records, when there are any. */
export function withService(records: ResultRecord[]): ResultRecord[] {
  return existsSync(defaults.service) ? [...records, ...readRecords([defaults.service])] : records;
}

function write(file: string, body: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
}

/** Writes RESULTS.md and the HTML report where asked; returns what it wrote. */
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
    // The repo's own RESULTS.md also refreshes the README's matrix block and JS-wins advice.
    const readme = join(root, 'README.md');
    if (md === defaults.md && existsSync(readme)) {
      const before = readFileSync(readme, 'utf8');
      const after = embedInReadme(before, readmeBlock(records));
      if (after !== before) {
        writeFileSync(readme, after);
        wrote.push(readme);
      }
    }
  }
  if (html) {
    write(html, renderHtml(records));
    wrote.push(html);
  }
  return wrote;
}

export function readRecords(files: string[]): ResultRecord[] {
  return files.flatMap((f) => {
    const parsed: unknown = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(parsed)) throw new TypeError(`${f}: expected a JSON array of result records`);
    return parsed as ResultRecord[];
  });
}
