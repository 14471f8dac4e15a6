/**
 * `rust-patterns`: run the benchmarks, render the reports from saved results, or recalibrate the
 * size thresholds. `npm run bench` is `rust-patterns bench` with the defaults.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

import type { Mode, ResultRecord, runBenchmarks } from './bench.js';
import { calibrations, thresholdsFromRecords, writeThresholds } from './calibrate.js';
import { renderHtml } from './report/html.js';
import { embedInReadme, readmeBlock, renderMarkdown } from './report/markdown.js';

const root = resolve(__dirname, '..');
export const defaults = {
  md: join(root, 'RESULTS.md'),
  html: join(root, 'benchmark', 'results', 'report.html'),
  thresholds: join(root, 'thresholds.json'),
  /** Written by `npm run bench:service`; folded into the default reports when present. */
  service: join(root, 'benchmark', 'results', 'service.json'),
};

/** The run's records plus the saved `service/ingest` records, when there are any. */
export function withService(records: ResultRecord[]): ResultRecord[] {
  return existsSync(defaults.service) ? [...records, ...readRecords([defaults.service])] : records;
}

export const usage = `usage:
  rust-patterns bench [--quick|--full] [--only <id or category>] [--json <file>] [--md <file>] [--html <file>]
      run the benchmarks (quick by default); write the results JSON (default
      benchmark/results/results-<date>.json and latest.json), RESULTS.md and the HTML report
      (default benchmark/results/report.html). With --only, the reports are written only where
      --md/--html ask, so a partial run never overwrites RESULTS.md.
  rust-patterns report <results.json...> [--md <file>] [--html <file>]
      render RESULTS.md and the HTML report from saved results, without running anything
  rust-patterns calibrate [--quick|--full] [--out <file>]
      measure the native crossovers and rewrite thresholds.json (default: the package's)
  rust-patterns help`;

class UsageError extends Error {}

/** A progress display: two bars on a TTY (all jobs, and the current case's sizes), else nothing. */
function progress(): {
  onProgress: NonNullable<Parameters<typeof runBenchmarks>[0]['onProgress']>;
  log: (text: string) => void;
  stop: () => void;
} {
  const enabled = process.stderr.isTTY === true && !process.env.CI;
  if (!enabled) {
    return { onProgress: () => {}, log: (t) => process.stdout.write(t), stop: () => {} };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: '{name} {bar} {value}/{total} | elapsed {duration_formatted} | ETA {eta_formatted} | {label}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let all: cliProgress.SingleBar | null = null;
  let one: cliProgress.SingleBar | null = null;
  let current = '';
  return {
    onProgress: (done, total, label, job) => {
      all ??= bars.create(total, 0, { name: 'all  ', label: '' });
      all.update(done, { label });
      if (!job) {
        one?.update(one.getTotal());
        bars.update();
        return;
      }
      if (job.caseId !== current) {
        current = job.caseId;
        if (one) bars.remove(one);
        one = bars.create(job.sizeCount, 0, {
          name: 'case ',
          label: `${job.caseIndex + 1}/${job.caseCount} ${job.caseId}`,
        });
      }
      one?.update(job.sizeIndex, { label: `${job.caseIndex + 1}/${job.caseCount} ${job.caseId}` });
      bars.update();
    },
    // Benchmarks block the event loop, so cli-progress's redraw timer rarely fires: redraw (and
    // flush logged lines) explicitly.
    log: (text) => {
      bars.log(text.endsWith('\n') ? text : `${text}\n`);
      bars.update();
    },
    stop: () => bars.stop(),
  };
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
): string[] {
  const wrote: string[] = [];
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

function readRecords(files: string[]): ResultRecord[] {
  return files.flatMap((f) => {
    const parsed: unknown = JSON.parse(readFileSync(f, 'utf8'));
    if (!Array.isArray(parsed)) throw new UsageError(`${f}: expected a JSON array of result records`);
    return parsed as ResultRecord[];
  });
}

function modeOf(values: { quick?: boolean; full?: boolean }): Mode {
  if (values.quick && values.full) throw new UsageError('--quick and --full are exclusive');
  return values.full ? 'full' : 'quick';
}

/**
 * The runner and the suites, loaded only for commands that measure: they pull in benny, the
 * binding and every case, which argument errors and `report` do not need.
 */
async function runner(): Promise<
  typeof import('./bench.js') & typeof import('./suites.js') & typeof import('./types.js')
> {
  const [bench, suites, types] = await Promise.all([
    import('./bench.js'),
    import('./suites.js'),
    import('./types.js'),
  ]);
  return { ...bench, ...suites, ...types };
}

function checkOnly(allCases: Array<{ id: string }>, only: string | undefined): void {
  if (only === undefined || allCases.some((c) => c.id === only || c.id.startsWith(`${only}/`))) return;
  const ids = allCases.map((c) => c.id);
  const categories = [...new Set(ids.map((id) => id.split('/')[0]!))];
  throw new UsageError(
    `no benchmark case matches --only ${only}; cases: ${[...categories, ...ids].join(', ')}`,
  );
}

async function run(mode: Mode, only: string | undefined, command: string): Promise<ResultRecord[]> {
  const { runBenchmarks, formatRecord } = await runner();
  const bar = progress();
  try {
    const records = await runBenchmarks({
      mode,
      only,
      onProgress: bar.onProgress,
      onRecord: (r) => bar.log(formatRecord(r)),
    });
    for (const r of records) r.command = command;
    return records;
  } finally {
    bar.stop();
  }
}

async function bench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      only: { type: 'string' },
      json: { type: 'string' },
      md: { type: 'string' },
      html: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const mode = modeOf(values);
  const { allCases, writeResults, sink } = await runner();
  checkOnly(allCases, values.only);
  const records = await run(mode, values.only, ['rust-patterns', 'bench', ...argv].join(' '));
  const file = writeResults(records, values.json);
  process.stdout.write(`\nwrote ${records.length} records to ${file} (sink ${sink.value})\n`);
  const partial = values.only !== undefined;
  const wrote = writeReports(
    partial ? records : withService(records),
    values.md ?? (partial ? undefined : defaults.md),
    values.html ?? (partial ? undefined : defaults.html),
  );
  for (const f of wrote) process.stdout.write(`wrote ${f}\n`);
  return 0;
}

function report(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { md: { type: 'string' }, html: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('report needs at least one results JSON file');
  const records = readRecords(positionals);
  if (records.length === 0) throw new UsageError('the results files hold no records');
  for (const f of writeReports(records, values.md ?? defaults.md, values.html ?? defaults.html)) {
    process.stdout.write(`wrote ${f}\n`);
  }
  return 0;
}

async function calibrate(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean' }, full: { type: 'boolean' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const mode = modeOf(values);
  const command = ['rust-patterns', 'calibrate', ...argv].join(' ');
  const records: ResultRecord[] = [];
  for (const id of [...new Set(calibrations.map((c) => c.case))]) {
    records.push(...(await run(mode, id, command)));
  }
  const body = thresholdsFromRecords(records, mode);
  const out = values.out ?? defaults.thresholds;
  writeThresholds(out, body);
  process.stdout.write(`wrote ${out}\n${JSON.stringify(body.thresholds, null, 2)}\n`);
  return 0;
}

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'bench':
        return await bench(rest);
      case 'report':
        return report(rest);
      case 'calibrate':
        return await calibrate(rest);
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${usage}\n`);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'missing command' : `unknown command: ${command}`);
    }
  } catch (e) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`rust-patterns: ${(e as Error).message}\n${usage}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
