/**
 * `rust-patterns`: run the benchmarks, render the reports from saved results, compare the
 * verdicts of several runs, or recalibrate the size thresholds. `npm run bench` is
 * `rust-patterns bench` with the defaults; `scripts/rust-patterns.mjs` compiles this tool and runs
 * it (the package never ships it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

import type { FormResult, Mode, ResultRecord } from './engine/record.js';
import type { runBenchmarks, TimingLine } from './engine/runner.js';
import { mallocRegimes } from './engine/allocator.js';
import { controlProcesses, extraProcesses } from './engine/sampling.js';
import {
  calibrations,
  thresholdsFromRecords,
  thresholdsSourceBlock,
  writeThresholds,
  writeThresholdsSource,
} from './report/calibrate.js';
import { compareVerdicts } from './report/compare.js';
import { designText, samplingDesign } from './report/design.js';
import { readmeBlock } from './report/markdown.js';
import {
  defaults,
  published,
  publishResults,
  readRecords,
  withService,
  writeReports,
} from './report/outputs.js';
import { mainRecords } from './report/runtimes.js';
import type { VerdictsFile } from './report/verdicts.js';

export const usage = `usage:
  rust-patterns bench [--quick|--full] [--only <id or category>] [--repeat <k>] [--extra <k>]
                      [--threads <n>]
                      [--runtime <name> | --runtimes <a,b,...>]
                      [--json <file>] [--md <file>] [--html <file>] [--verdicts <file>] [--no-rust]
                      [--malloc fixed|default] [--publish]
      run the benchmarks (quick by default; the controls run in every run); each case runs in
      <k> fresh processes whose samples are pooled (default 4), in passes over the suite, after one
      more process that checks every form's result and takes the memory pass and the metrics
      (with k above 1 the A/A and import-tax controls always take ${controlProcesses} sampling processes,
      spread over the passes);
      while a verdict is undecided with a wide interval, one more sampling process runs the case
      again, and up to --extra in all while its headline direction is (default ${extraProcesses.quick}
      quick, ${extraProcesses.full} full; 0 for none), within a time budget. --threads caps the
      threads of the concurrency cases' parallel forms (default: every core) and times their
      scaling forms at 1 to <n> threads, for the report's speed-up curves. Writes under
      benchmark/results/ only (git ignores it): the results JSON (results-<date>.json and
      latest.json), verdicts.json, RESULTS.md and report.html, and prints the matrix. With --only,
      RESULTS.md and report.html are written only where --md/--html ask. --publish (a whole run
      only) then publishes the run as \`rust-patterns publish\` does.
      --runtime runs the cases' child processes on a runtime installed by \`npm run runtimes\`
      (node22, node24, node26, bun, deno; node20 or whichever major this Node is means this Node);
      --runtimes runs them on each in turn into one results file, whose report reads its matrix
      from the newest Node LTS present and compares the runtimes in "Across runtimes".
      Afterwards the pure-Rust suite (cargo bench, crates/core/benches/rust_suite.rs) times the
      native kernels without Node-API on the same inputs and adds \`rust\` forms; --no-rust skips it.
      Every measuring process runs with fixed glibc malloc thresholds, so freed memory stays with
      the allocator (--malloc fixed); --malloc default leaves glibc's own, which return memory to
      the kernel, and allocating forms then pay its page faults (benchmark/engine/allocator.ts).
  rust-patterns report <results.json...> [--md <file>] [--html <file>] [--verdicts <file>]
      render RESULTS.md, the HTML report and verdicts.json from saved results, without running
      (default: into benchmark/results/). Several files of one runtime's runs (same machine and
      mode) are read as one run: each case and size pools every run's processes (here, in
      publish and in calibrate --from)
  rust-patterns publish [<results.json...>] [--md <file>] [--readme <file>] [--results <file>]
                        [--verdicts <file>]
      the one command that rewrites the committed results, together and from the same records:
      benchmark/RESULTS.json (the records of the files given, default benchmark/results/latest.json),
      RESULTS.md, the README's matrix block and benchmark/VERDICTS.json (npm run publish-results)
  rust-patterns benny <case id> [--size <n>] [--forms <a,b,...>] [--max-time <s>]
      one case's forms at one size (default its largest quick size) timed by benny from the same
      case definition, after the case's own check; prints benny's table (npm run bench:benny --)
  rust-patterns compare <verdicts.json> <verdicts.json> [...]
      how many verdict cells of several runs agree, and which differ (run-to-run stability)
  rust-patterns design <results.json...> [--timings <file>]
      processes or rounds: each paired comparison's variance between processes and between rounds,
      and the rounds per process that give the narrowest interval at the same cost (Kalibera &
      Jones); --timings reads the costs from a RUST_PATTERNS_TIMINGS file of the same run
  rust-patterns calibrate [--quick|--full] [--from <results.json>... [--runtime <name>]]
                          (--out <file> | --source <thresholds.ts>)
      measure the crossovers behind the size thresholds and write them, with the machine, date
      and interval at each crossover, to <file> (required; never a path inside node_modules).
      --from computes them from saved runs instead, for the runtime the report's matrix reads or
      the one --runtime names (node20, node22, ..., bun, deno). --source (with --from) writes the
      values and the record each comes from into the calibrate block of that file: the shipped
      defaults are written so, by \`npm run calibrate -- --from benchmark/RESULTS.json --runtime
      node20 --source src/thresholds.ts\`. A service applies an --out file with
      configureThresholds(JSON.parse(text).thresholds)
  rust-patterns help`;

class UsageError extends Error {}

function modeOf(values: { quick?: boolean; full?: boolean }): Mode {
  if (values.quick && values.full) throw new UsageError('--quick and --full are exclusive');
  return values.full ? 'full' : 'quick';
}

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

/**
 * The runner and the cases, loaded only for commands that measure: they pull in the binding and
 * every case, which argument errors, `report` and `compare` do not need.
 */
async function runner(): Promise<typeof import('./engine/runner.js') & typeof import('./cases/index.js')> {
  const [engine, cases] = await Promise.all([import('./engine/runner.js'), import('./cases/index.js')]);
  return { ...engine, ...cases };
}

function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(n >= 10 ? 0 : 2);
}

/** One record as a compact table (the console output of `rust-patterns bench`). */
export function formatRecord(r: ResultRecord): string {
  const rows = Object.entries(r.forms).map(([name, f]: [string, FormResult]) => {
    // Heap plus ArrayBuffer bytes; "partial" where the runtime could not measure one of them.
    const known = f.memory
      ? [f.memory.heap_bytes_per_op, f.memory.array_buffer_bytes_per_op].filter((b) => b !== null)
      : [];
    const mem = f.memory
      ? `${String(known.reduce((a, b) => a + b, 0)).padStart(10)} B/op${known.length < 2 ? ' (partial)' : ''}`
      : '';
    const eld = f.event_loop_delay_ms ? `  eld p99 ${f.event_loop_delay_ms.p99}ms` : '';
    return (
      `  ${name.padEnd(26)} ${fmt(f.ops_per_sec).padStart(9)} ops/s  ${f.time_per_op_us.toFixed(3).padStart(12)} µs/op ` +
      `±${f.margin_pct.toFixed(1).padStart(4)}% n=${String(f.samples).padStart(3)} ${mem}${eld}`
    );
  });
  for (const [k, v] of Object.entries(r.metrics ?? {})) rows.push(`  metric ${k} = ${v}`);
  if (r.unavailable) rows.push(`  unavailable on ${r.runtime.name}: ${r.unavailable.join(', ')}`);
  return `${r.benchmark} @ ${r.size} ${r.unit} (${r.runtime.name} ${r.runtime.version}, ${r.repeats} process${r.repeats > 1 ? 'es' : ''})\n${rows.join('\n')}\n`;
}

/**
 * Runtime name -> executable. `node`, `current` and `node<major>` of this process's own major
 * (`node20` on this machine) are this Node; the others come from `.runtimes/manifest.json`
 * (`npm run runtimes`: `{ runtimes: { node22: { bin, ... } } }`, `bin` relative to the repository).
 * The flags each runtime's child needs are the runner's (`childExecArgv`), not the manifest's.
 */
export function runtimeExec(name: string, manifestFile = defaults.runtimes): string {
  const major = process.versions.node.split('.')[0];
  if (name === 'node' || name === 'current' || name === `node${major}`) return process.execPath;
  if (!existsSync(manifestFile)) {
    throw new UsageError(`--runtime ${name}: no runtimes installed; run \`npm run runtimes\` first`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    runtimes?: Record<string, { bin?: string }>;
  };
  const installed = manifest.runtimes ?? {};
  const bin = installed[name]?.bin;
  if (!bin) {
    const have = [`node${major} (this Node)`, ...Object.keys(installed)].join(', ');
    throw new UsageError(`--runtime ${name}: not installed (have: ${have}); see \`npm run runtimes\``);
  }
  // The manifest's paths are relative to the repository root, where .runtimes/ sits.
  return resolve(dirname(manifestFile), '..', bin);
}

function checkOnly(allCases: Array<{ id: string }>, only: string | undefined): void {
  if (only === undefined || allCases.some((c) => c.id === only || c.id.startsWith(`${only}/`))) return;
  const ids = allCases.map((c) => c.id);
  const categories = [...new Set(ids.map((id) => id.split('/')[0]!))];
  throw new UsageError(
    `no benchmark case matches --only ${only}; cases: ${[...categories, ...ids].join(', ')}`,
  );
}

async function run(
  mode: Mode,
  only: string | undefined,
  command: string,
  repeat?: number,
  execPath?: string,
  extra?: number,
  threads?: number,
): Promise<ResultRecord[]> {
  const { runBenchmarks, allCases, caseFile } = await runner();
  const { needsMoreProcesses } = await import('./report/sequential.js');
  const bar = progress();
  try {
    const records = await runBenchmarks({
      mode,
      cases: allCases,
      caseFile,
      needsMore: needsMoreProcesses,
      only,
      repeat,
      extra,
      execPath,
      threads,
      onProgress: bar.onProgress,
      onRecord: (r) => bar.log(formatRecord(r)),
    });
    // The tokio workloads' rust forms (crates/async-bench), merged into the async/tokio-* records.
    (await import('./suites/tokio-suite.js')).addTokioForms(records, mode, { log: bar.log });
    for (const r of records) r.command = command;
    return records;
  } finally {
    bar.stop();
  }
}

function positiveInt(text: string | undefined, flag: string, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > 100)
    throw new UsageError(`${flag} takes a whole number from ${min} to 100`);
  return n;
}

async function bench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      only: { type: 'string' },
      repeat: { type: 'string' },
      extra: { type: 'string' },
      threads: { type: 'string' },
      runtime: { type: 'string' },
      runtimes: { type: 'string' },
      json: { type: 'string' },
      md: { type: 'string' },
      html: { type: 'string' },
      verdicts: { type: 'string' },
      'no-rust': { type: 'boolean' },
      malloc: { type: 'string' },
      publish: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const mode = modeOf(values);
  const repeat = positiveInt(values.repeat, '--repeat');
  const extra = positiveInt(values.extra, '--extra', 0);
  const threads = positiveInt(values.threads, '--threads');
  if (values.malloc !== undefined) {
    if (!(mallocRegimes as readonly string[]).includes(values.malloc)) {
      throw new UsageError(`--malloc must be one of ${mallocRegimes.join(', ')}`);
    }
    // Read by allocatorEnv wherever a measuring process is started (children, cargo, tokio).
    process.env.RUST_PATTERNS_MALLOC = values.malloc;
  }
  if (values.runtime && values.runtimes) throw new UsageError('--runtime and --runtimes are exclusive');
  if (values.publish && values.only !== undefined) {
    throw new UsageError('--publish publishes a whole run: it does not go with --only');
  }
  const runtimes =
    values.runtimes?.split(',').filter(Boolean) ?? (values.runtime ? [values.runtime] : [undefined]);
  const execs = runtimes.map((name) => (name === undefined ? undefined : runtimeExec(name)));
  const { allCases, writeResults } = await runner();
  checkOnly(allCases, values.only);
  const { sink } = await import('./engine/case.js');
  const runStarted = Date.now();
  const seconds = (from: number): string => ((Date.now() - from) / 1000).toFixed(1);
  const records: ResultRecord[] = [];
  const failed: string[] = [];
  for (const [i, execPath] of execs.entries()) {
    const name = runtimes[i] ?? 'node';
    const started = Date.now();
    try {
      const got = await run(
        mode,
        values.only,
        ['rust-patterns', 'bench', ...argv].join(' '),
        repeat,
        execPath,
        extra,
        threads,
      );
      records.push(...got);
      if (runtimes.length > 1) {
        process.stdout.write(
          `${name}: ${got.length} records in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }
    } catch (e) {
      // One runtime failing (a crash, an API it lacks) must not lose the others' records.
      if (runtimes.length === 1) throw e;
      failed.push(name);
      process.stderr.write(`rust-patterns: ${name} failed: ${(e as Error).message}\n`);
    }
  }
  if (records.length === 0) throw new Error(`no runtime produced records (failed: ${failed.join(', ')})`);
  const casesSeconds = seconds(runStarted);
  const rustStarted = Date.now();
  if (!values['no-rust']) {
    // After the Node processes, so criterion runs on an otherwise idle machine.
    const { addRustForms } = await import('./suites/rust-suite.js');
    try {
      const rust = await addRustForms(records, mode);
      process.stdout.write(`rust suite: ${rust.added} forms in ${rust.seconds} s\n`);
    } catch (e) {
      // The Node records are minutes of measurement: a failing suite must not lose them.
      process.exitCode = 1;
      process.stderr.write(
        `rust-patterns: the Rust suite failed, records written without it: ${(e as Error).stack}\n`,
      );
    }
  }
  const rustSeconds = seconds(rustStarted);
  const reportsStarted = Date.now();
  const file = writeResults(records, values.json);
  process.stdout.write(`\nwrote ${records.length} records to ${file} (sink ${sink.value})\n`);
  const partial = values.only !== undefined;
  const wrote = writeReports(
    partial ? records : withService(records),
    values.md ?? (partial ? undefined : defaults.md),
    values.html ?? (partial ? undefined : defaults.html),
    values.verdicts ?? (values.json ? join(dirname(values.json), 'verdicts.json') : defaults.verdicts),
  );
  for (const f of wrote) process.stdout.write(`wrote ${f}\n`);
  if (!partial) process.stdout.write(`\n${readmeBlock(withService(records))}\n\n`);
  if (values.publish) {
    for (const f of publishResults(withService(records))) process.stdout.write(`published ${f}\n`);
  } else if (!partial) {
    process.stdout.write(
      `the committed results are unchanged; \`npm run publish-results -- ${file}\` publishes this run\n`,
    );
  }
  // Where the run's wall time went (the quick-mode budget is checked against the total).
  process.stdout.write(
    `bench took ${seconds(runStarted)} s: cases ${casesSeconds} s, rust suite ${rustSeconds} s, reports ${seconds(reportsStarted)} s\n`,
  );
  if (failed.length > 0) process.stderr.write(`rust-patterns: no records from ${failed.join(', ')}\n`);
  return failed.length > 0 ? 1 : 0;
}

async function benny(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    options: { size: { type: 'string' }, forms: { type: 'string' }, 'max-time': { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('benny needs one case id');
  const { caseOf } = await import('./cases/index.js');
  const c = caseOf(positionals[0]!);
  if (!c) throw new UsageError(`unknown case: ${positionals[0]}`);
  const number = (name: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0)
      throw new UsageError(`--${name} must be a positive number, got ${text}`);
    return n;
  };
  const { runBenny } = await import('./benny-adapter.js');
  try {
    await runBenny(c, number('size', values.size) ?? c.sizes.quick[c.sizes.quick.length - 1]!, {
      ...(values.forms === undefined ? {} : { forms: values.forms.split(',') }),
      ...(values['max-time'] === undefined ? {} : { maxTime: number('max-time', values['max-time'])! }),
      print: true,
    });
  } catch (e) {
    // A size or form the case does not define is a usage error, not a crash.
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  return 0;
}

function compare(argv: string[]): number {
  const { positionals } = parseArgs({ args: argv, options: {}, strict: true, allowPositionals: true });
  if (positionals.length < 2) throw new UsageError('compare needs at least two verdicts.json files');
  const files = positionals.map((f) => JSON.parse(readFileSync(f, 'utf8')) as VerdictsFile);
  process.stdout.write(`${compareVerdicts(files, positionals).text}\n`);
  return 0;
}

function design(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { timings: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('design needs at least one results JSON file');
  const records = mainRecords(readRecords(positionals));
  const timings = values.timings
    ? readFileSync(values.timings, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as TimingLine)
    : [];
  process.stdout.write(designText(samplingDesign(records, timings)));
  return 0;
}

function report(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { md: { type: 'string' }, html: { type: 'string' }, verdicts: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('report needs at least one results JSON file');
  const records = readRecords(positionals);
  if (records.length === 0) throw new UsageError('the results files hold no records');
  for (const f of writeReports(
    records,
    values.md ?? defaults.md,
    values.html ?? defaults.html,
    values.verdicts ?? defaults.verdicts,
  )) {
    process.stdout.write(`wrote ${f}\n`);
  }
  return 0;
}

function publish(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      md: { type: 'string' },
      readme: { type: 'string' },
      results: { type: 'string' },
      verdicts: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const files = positionals.length > 0 ? positionals : [defaults.latest];
  if (positionals.length === 0 && !existsSync(defaults.latest)) {
    throw new UsageError(`publish needs a results file: no ${defaults.latest} yet (run npm run bench)`);
  }
  const records = readRecords(files);
  if (records.length === 0) throw new UsageError('the results files hold no records');
  const to = {
    md: values.md ?? published.md,
    readme: values.readme ?? published.readme,
    results: values.results ?? published.results,
    verdicts: values.verdicts ?? published.verdicts,
  };
  for (const f of publishResults(records, to)) process.stdout.write(`published ${f}\n`);
  return 0;
}

async function calibrate(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      out: { type: 'string' },
      from: { type: 'string', multiple: true },
      runtime: { type: 'string' },
      source: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const mode = modeOf(values);
  if (values.out === undefined && values.source === undefined) {
    throw new UsageError('calibrate needs --out <file> or --source <thresholds.ts>');
  }
  if (values.source !== undefined && values.from === undefined) {
    throw new UsageError('calibrate --source writes shipped values: it needs --from <results.json>');
  }
  const out = resolve(values.out ?? values.source!);
  // An installed package is read-only to its users; a calibration belongs to the caller.
  if (out.split(sep).includes('node_modules')) {
    throw new UsageError(`calibrate writes to a path the caller owns, not into node_modules: ${out}`);
  }
  const command = ['rust-patterns', 'calibrate', ...argv].join(' ');
  const records: ResultRecord[] = [];
  if (values.from) {
    // Saved runs: the runtime named by --runtime (node20, bun, ...), else the one the report's
    // matrix reads.
    const saved = readRecords(values.from);
    const want = values.runtime;
    const runtimeOf = (r: ResultRecord): string =>
      r.runtime.name === 'node' ? `node${r.runtime.version.replace(/^v/, '').split('.')[0]}` : r.runtime.name;
    records.push(...(want === undefined ? mainRecords(saved) : saved.filter((r) => runtimeOf(r) === want)));
    if (records.length === 0) throw new UsageError('the results files hold no records');
  } else {
    for (const id of [...new Set(calibrations.map((c) => c.case))]) {
      records.push(...(await run(mode, id, command)));
    }
  }
  const body = thresholdsFromRecords(records, values.from ? records[0]!.mode : mode);
  body.generator = command;
  if (values.source !== undefined) {
    const label = `${records[0]!.runtime.name} ${records[0]!.runtime.version}`;
    const before = readFileSync(out, 'utf8');
    writeFileSync(out, writeThresholdsSource(before, thresholdsSourceBlock(body, label)));
  } else writeThresholds(out, body);
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
      case 'design':
        return design(rest);
      case 'compare':
        return compare(rest);
      case 'benny':
        return await benny(rest);
      case 'calibrate':
        return await calibrate(rest);
      case 'publish':
        return publish(rest);
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
