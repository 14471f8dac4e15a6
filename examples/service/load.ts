/**
 * Load test for the ingest service (autocannon on 127.0.0.1 only).
 *
 *   npm run bench:service [-- --duration 20 --connections 10 --sizes 1024,65536,1048576 --paths js,native,native-async,auto]
 *   npm run test:service                 (the reliability check: --check mode)
 *
 * Bench mode starts one service process per hot path, loads it with valid bodies of each size
 * for a bounded duration, reads the service's own event-loop delay from /metrics, and writes
 * `service/ingest` records (the benchmark JSON schema) to benchmark/results/service.json, so
 * the report's matrix gets a service row. Note: the load generator shares this machine's cores
 * with the service.
 *
 * Check mode runs 100 connections for 30 s on a mix of valid and invalid bodies against one
 * service and fails unless: no connection errors, no 5xx, every invalid body got its 4xx, the
 * service is healthy afterwards and its RSS stayed bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import { machineInfo } from '../../benchmark/engine/machine.js';
import type { FormResult, ResultRecord } from '../../benchmark/engine/record.js';
import { runtimeInfo } from '../../benchmark/engine/runner.js';
import { defaults, withService, writeReports } from '../../benchmark/report/outputs.js';
import { invalidBodies, makeBody } from './body.js';
import type { HotPath } from './server.js';

const root = join(__dirname, '..', '..');
const MAX_BODY = 8 * 1024 * 1024;

interface Service {
  child: ChildProcess;
  url: string;
}

async function startService(path: HotPath): Promise<Service> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'server.ts'),
      '--path',
      path,
      '--port',
      '0',
      '--max-body',
      String(MAX_BODY),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`service exited early with ${code}`)));
  });
  const { listening } = JSON.parse(line) as { listening: number };
  return { child, url: `http://127.0.0.1:${listening}` };
}

async function stopService(service: Service): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));
  service.child.kill('SIGTERM');
  return exited;
}

interface Metrics {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  memory: { rss: number };
  serverErrors: number;
}

async function metrics(url: string): Promise<Metrics> {
  return (await (await fetch(`${url}/metrics`)).json()) as Metrics;
}

/** Runs autocannon; also returns the requests completed in each second (the raw samples). */
function run(opts: autocannon.Options): Promise<autocannon.Result & { perSecond: number[] }> {
  return new Promise((resolve, reject) => {
    const perSecond: number[] = [];
    const instance = autocannon(opts, (err, result) =>
      err ? reject(err) : resolve({ ...result, perSecond }),
    );
    // autocannon emits each second's counts with 'tick' (its typings omit the argument).
    (instance as unknown as NodeJS.EventEmitter).on('tick', (tick: { counter: number }) =>
      perSecond.push(tick.counter),
    );
  });
}

async function bench(args: {
  duration: number;
  connections: number;
  sizes: number[];
  paths: HotPath[];
}): Promise<void> {
  const machine = machineInfo();
  const records: ResultRecord[] = [];
  const bySize = new Map<number, Record<string, FormResult>>();
  for (const path of args.paths) {
    const service = await startService(path);
    try {
      for (const size of args.sizes) {
        const body = makeBody(size);
        const result = await run({
          url: `${service.url}/ingest`,
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body,
          connections: args.connections,
          duration: args.duration,
        });
        const m = await metrics(service.url);
        // One sample per second of load: time per request at that second's throughput.
        const perSecond = result.perSecond.filter((n) => n > 0);
        const samples =
          perSecond.length > 0
            ? perSecond.map((n) => 1e9 / n)
            : [1e9 / Math.max(result.requests.average, 1e-9)];
        const form = {
          kind: path === 'js' ? 'traditional' : path === 'native' ? 'native' : 'native_variant',
          samples_ns: samples,
          ops_per_sample: Math.round(result.requests.average),
          ops_per_sec: result.requests.average,
          time_per_op_us: 1e6 / Math.max(result.requests.average, 1e-9),
          margin_pct: result.requests.average ? (100 * result.requests.stddev) / result.requests.average : 0,
          samples: samples.length,
          memory: null,
          gc: null,
          latency_ms: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          errors: result.errors + result.timeouts,
          non_2xx: result.non2xx,
          service_event_loop_delay_ms: m.eventLoopDelayMs,
        } satisfies FormResult & Record<string, unknown>;
        bySize.set(size, { ...(bySize.get(size) ?? {}), [path]: form });
        process.stdout.write(
          `${path.padEnd(13)} ${String(size).padStart(8)} B  ${result.requests.average.toFixed(0).padStart(7)} req/s  ` +
            `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  ` +
            `errors ${form.errors}  non-2xx ${result.non2xx}  service eld p99 ${m.eventLoopDelayMs.p99.toFixed(2)} ms\n`,
        );
      }
    } finally {
      await stopService(service);
    }
  }
  for (const [size, forms] of bySize) {
    records.push({
      benchmark: 'service/ingest',
      description: 'HTTP POST /ingest: checksum + zero-copy decode + aggregate, under autocannon load',
      size,
      unit: 'bytes',
      items_per_op: 1,
      bytes_per_op: size,
      access: null,
      language: 'typescript',
      runtime: runtimeInfo(),
      version: { node: machine.node, v8: machine.v8, rust: machine.rust, package: '0.1.0' },
      platform: `${process.platform}-${process.arch}`,
      machine,
      mode: 'quick',
      repeats: 1,
      date: new Date().toISOString(),
      forms: Object.fromEntries(Object.entries(forms).map(([k, f]) => [k === 'js' ? 'traditional' : k, f])),
    });
  }
  const dir = join(root, 'benchmark', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'service.json'), `${JSON.stringify(records, null, 2)}\n`);
  process.stdout.write(`wrote ${records.length} service/ingest records to benchmark/results/service.json\n`);
  // Refresh the run's reports under benchmark/results/ (RESULTS.md, the HTML report) with the
  // service row; `npm run publish-results` publishes them.
  const latest = join(dir, 'latest.json');
  if (existsSync(latest)) {
    const all = withService(JSON.parse(readFileSync(latest, 'utf8')) as ResultRecord[]);
    for (const f of writeReports(all, defaults.md, defaults.html)) process.stdout.write(`wrote ${f}\n`);
  }
}

async function check(args: { duration: number; connections: number }): Promise<void> {
  const service = await startService('auto');
  const valid = makeBody(16 * 1024);
  const invalid = invalidBodies(valid, MAX_BODY).filter((b) => b.name !== 'oversized');
  // The oversized body is sent less often: it is large, and the service drains it.
  const oversized = invalidBodies(valid, MAX_BODY).find((b) => b.name === 'oversized')!;
  const wrongStatus: string[] = [];
  const seen = new Map<string, number>();
  const expect = (name: string, status: number) => (code: number) => {
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (code !== status && wrongStatus.length < 20) wrongStatus.push(`${name}: got ${code}, want ${status}`);
  };
  const request = (name: string, body: Buffer, type: string, status: number): autocannon.Request => ({
    method: 'POST',
    path: '/ingest',
    headers: { 'content-type': type },
    body,
    onResponse: expect(name, status),
  });
  const requests = [
    request('valid', valid, 'application/octet-stream', 200),
    ...invalid.map((b) => request(b.name, b.body, b.type, b.status)),
    request('valid', valid, 'application/octet-stream', 200),
  ];
  const before = await metrics(service.url);
  const result = await run({
    url: service.url,
    connections: args.connections,
    duration: args.duration,
    requests,
  });
  const bigResult = await run({
    url: service.url,
    connections: 2,
    amount: 4,
    requests: [request(oversized.name, oversized.body, oversized.type, oversized.status)],
  });
  const after = await metrics(service.url);
  const health = await fetch(`${service.url}/health`);
  const exitCode = await stopService(service);
  const checks: Array<[string, boolean, string]> = [
    [
      'no connection errors or timeouts',
      result.errors + result.timeouts + bigResult.errors === 0,
      `${result.errors} errors, ${result.timeouts} timeouts`,
    ],
    ['no 5xx', result['5xx'] === 0 && after.serverErrors === 0, `${result['5xx']} 5xx`],
    [
      'every body got its expected status',
      wrongStatus.length === 0,
      wrongStatus.join('; ') || `${result.requests.total} requests`,
    ],
    [
      'every kind of body was sent',
      ['valid', ...invalid.map((b) => b.name), 'oversized'].every((n) => (seen.get(n) ?? 0) > 0),
      JSON.stringify(Object.fromEntries(seen)),
    ],
    ['healthy afterwards', health.status === 200, `GET /health ${health.status}`],
    [
      'RSS bounded (growth < 256 MB)',
      after.memory.rss - before.memory.rss < 256 * 2 ** 20,
      `${((after.memory.rss - before.memory.rss) / 2 ** 20).toFixed(1)} MB growth`,
    ],
    ['graceful shutdown exits 0', exitCode === 0, `exit ${exitCode}`],
  ];
  let passed = 0;
  for (const [name, ok, detail] of checks) {
    if (ok) passed++;
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name} (${detail})\n`);
  }
  process.stdout.write(
    `service check: ${result.requests.total} requests in ${args.duration} s, ${result.requests.average.toFixed(0)} req/s, ` +
      `p99 ${result.latency.p99} ms, event-loop delay p99 ${after.eventLoopDelayMs.p99.toFixed(2)} ms\n`,
  );
  process.stdout.write(`${passed} passed, ${checks.length - passed} failed\n`);
  process.exitCode = passed === checks.length ? 0 : 1;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      duration: { type: 'string' },
      connections: { type: 'string' },
      sizes: { type: 'string', default: '1024,65536,1048576' },
      paths: { type: 'string', default: 'js,native,native-async,auto' },
    },
  });
  if (values.check) {
    await check({ duration: Number(values.duration ?? 30), connections: Number(values.connections ?? 100) });
  } else {
    await bench({
      duration: Number(values.duration ?? 20),
      connections: Number(values.connections ?? 10),
      sizes: values.sizes.split(',').map(Number),
      paths: values.paths.split(',') as HotPath[],
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
