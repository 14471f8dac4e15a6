/**
 * The tokio suite's merging (suites/tokio-suite.ts) on synthetic async-bench output, and the Node
 * workloads of the tokio-vs-event-loop cases: each returns what its check accepts, and each check
 * rejects a wrong result.
 */
import { describe, expect, it } from 'vitest';

import { mixJs } from '../benchmark/cases/async/tokio-bridge.js';
import { paired } from '../benchmark/engine/stats.js';
import {
  addTokioForms,
  asyncBenchArgs,
  mergeTokio,
  parseAsyncBench,
  type AsyncBenchOutput,
  type CargoRunner,
} from '../benchmark/suites/tokio-suite.js';
import {
  BoundedChannel,
  channelAsyncGenerator,
  channelBounded,
  channelCapacity,
  channelReadable,
  checkChannel,
  checkEcho,
  checkSpawn,
  checkTimers,
  echoLatency,
  echoRound,
  hops,
  spawnJoin,
  spawnJoinDeferred,
  startEcho,
  stopEcho,
  sumBelow,
  timerTasks,
} from '../benchmark/lab/event-loop-vs-tokio.js';
import { native } from '../benchmark/lab/native.js';
import { record } from './fixtures/synthetic-records.js';

/** What one async-bench process prints for `workload` at `sizes`, with samples around `ns`. */
function output(workload: string, sizes: number[], ns: number, metrics: Record<string, number> = {}): string {
  return JSON.stringify({
    workload,
    results: sizes.map((size) => ({
      size,
      forms: {
        rust: {
          runtime: 'current_thread',
          ops_per_sample: 3,
          samples_ns: [ns, ns * 1.01, ns * 0.99, ns, ns],
        },
        'rust-multi-thread': {
          runtime: 'multi_thread',
          ops_per_sample: 2,
          samples_ns: [2 * ns, 2 * ns, 2 * ns],
        },
      },
      metrics,
    })),
  });
}

const spawnRecords = () => [
  record('async/tokio-spawn', 100, { traditional: { kind: 'traditional', ns: 5000, n: 8 } }),
  record('async/tokio-spawn', 10_000, { traditional: { kind: 'traditional', ns: 500_000, n: 8 } }),
  record('async/scheduling', 1000, { traditional: { kind: 'traditional', ns: 1000, n: 8 } }),
];

describe('parseAsyncBench', () => {
  it('accepts async-bench output', () => {
    const doc = parseAsyncBench(output('spawn', [100], 1000, { rust_p99_us: 3 }));
    expect(doc.workload).toBe('spawn');
    expect(doc.results[0]!.forms.rust!.samples_ns).toHaveLength(5);
  });

  it.each([
    ['not JSON', 'nope'],
    ['no results', '{"workload":"spawn"}'],
    ['a size that is not an integer', '{"workload":"x","results":[{"size":1.5,"forms":{},"metrics":{}}]}'],
    [
      'no samples',
      '{"workload":"x","results":[{"size":1,"forms":{"rust":{"runtime":"c","ops_per_sample":1,"samples_ns":[]}},"metrics":{}}]}',
    ],
    [
      'a zero sample',
      '{"workload":"x","results":[{"size":1,"forms":{"rust":{"runtime":"c","ops_per_sample":1,"samples_ns":[0]}},"metrics":{}}]}',
    ],
    ['a null metric', '{"workload":"x","results":[{"size":1,"forms":{},"metrics":{"p":null}}]}'],
  ])('rejects %s', (_, text) => {
    expect(() => parseAsyncBench(text)).toThrow();
  });
});

describe('mergeTokio', () => {
  it('adds every async-bench form as a rust form, pooled over processes and never paired with Node', () => {
    const records = spawnRecords();
    const outputs: AsyncBenchOutput[] = [
      parseAsyncBench(output('spawn', [100, 10_000], 1000, { rust_p50_us: 1 })),
      parseAsyncBench(output('spawn', [100, 10_000], 1100, { rust_p50_us: 2 })),
    ];
    expect(mergeTokio(records, 'async/tokio-spawn', outputs)).toBe(2);
    const r = records[0]!;
    expect(Object.keys(r.forms)).toEqual(['traditional', 'rust', 'rust-multi-thread']);
    const rust = r.forms.rust!;
    expect(rust.kind).toBe('rust');
    expect(r.forms['rust-multi-thread']!.kind).toBe('rust');
    expect(rust.samples).toBe(10);
    expect(rust.ops_per_sample).toBe(3);
    expect(rust.memory).toBeNull();
    expect(rust.time_per_op_us).toBeGreaterThan(0.95);
    expect(rust.time_per_op_us).toBeLessThan(1.15);
    // Numbered after the Node process(es): one Node process here, so Rust's are 1 and 2.
    expect(new Set(rust.sample_process)).toEqual(new Set([1, 2]));
    expect(paired(rust, r.forms.traditional!)).toBe(false);
    // Metrics come from the first process.
    expect(r.metrics).toEqual({ rust_p50_us: 1 });
    // Other cases are untouched.
    expect(Object.keys(records[2]!.forms)).toEqual(['traditional']);
  });

  it('leaves a size that the output lacks, and refuses to overwrite a Node form', () => {
    const records = spawnRecords();
    expect(mergeTokio(records, 'async/tokio-spawn', [parseAsyncBench(output('spawn', [100], 1000))])).toBe(1);
    expect(records[1]!.forms.rust).toBeUndefined();
    expect(() =>
      mergeTokio(records, 'async/tokio-spawn', [parseAsyncBench(output('spawn', [100], 1000))]),
    ).toThrow(/already named rust/);
  });
});

describe('addTokioForms', () => {
  const fake = (
    build: string | null,
    run: (args: string[]) => string,
  ): CargoRunner & { calls: string[][] } => {
    const calls: string[][] = [];
    return {
      calls,
      build: () => build,
      run: (args) => {
        calls.push(args);
        return run(args);
      },
    };
  };

  it('runs one process per repeat with the engine settings and merges', () => {
    const records = spawnRecords();
    const runner = fake(null, (args) => output(args[0]!, args[2]!.split(',').map(Number), 800));
    const lines: string[] = [];
    addTokioForms(records, 'quick', { runner, processes: 3, log: (t) => lines.push(t) });
    expect(runner.calls).toHaveLength(3);
    expect(runner.calls[0]!.slice(0, 3)).toEqual(['spawn', '--sizes', '100,10000']);
    expect(runner.calls[0]).toEqual(asyncBenchArgs('spawn', [100, 10_000], 'quick', 3, 1));
    // Only the first process measures the echo latency.
    const latency = (args: string[]): string => args[args.indexOf('--latency-ms') + 1]!;
    expect(Number(latency(runner.calls[0]!))).toBeGreaterThan(0);
    expect(latency(runner.calls[1]!)).toBe('0');
    expect(records[0]!.forms.rust!.samples).toBe(15);
    expect(records[1]!.forms.rust).toBeDefined();
    expect(lines.join('')).toMatch(/async\/tokio-spawn @ 100: rust /);
  });

  it('goes on without a rust form when cargo is missing or the workload fails', () => {
    for (const runner of [
      fake('spawn cargo ENOENT', () => ''),
      fake(null, () => {
        throw new Error('async-bench spawn exited with 1: check failed');
      }),
    ]) {
      const records = spawnRecords();
      const lines: string[] = [];
      addTokioForms(records, 'quick', { runner, processes: 1, log: (t) => lines.push(t) });
      expect(records[0]!.forms.rust).toBeUndefined();
      expect(records[0]!.unavailable).toEqual(['rust']);
      expect(records[2]!.unavailable).toBeUndefined();
      expect(lines.join('')).toMatch(/no rust form for async\/tokio-spawn/);
    }
  });

  it('does not build when no tokio case ran', () => {
    let built = false;
    const runner: CargoRunner = {
      build: () => {
        built = true;
        return null;
      },
      run: () => '',
    };
    addTokioForms([spawnRecords()[2]!], 'quick', { runner });
    expect(built).toBe(false);
  });
});

describe('Node workloads of the tokio cases, and their checks', () => {
  it('spawn-join sums every task, and the check rejects a wrong sum', async () => {
    for (const n of [0, 1, 1000]) {
      checkSpawn('t', n, await spawnJoin(n));
      checkSpawn('t', n, await spawnJoinDeferred(n));
    }
    expect(() => checkSpawn('t', 10, sumBelow(10) - 1)).toThrow(/benchmark check failed/);
    expect(() => checkSpawn('t', 10, undefined)).toThrow(/benchmark check failed/);
  });

  it('every channel form delivers each message once, past the bound, and the check rejects a loss', async () => {
    const n = channelCapacity * 3 + 7;
    for (const form of [channelBounded, channelAsyncGenerator, channelReadable]) {
      checkChannel(form.name, n, await form(n));
      checkChannel(form.name, 0, await form(0));
    }
    expect(() => checkChannel('t', 10, { count: 9, sum: sumBelow(10) })).toThrow(/count/);
    expect(() => checkChannel('t', 10, { count: 10, sum: 0 })).toThrow(/sum/);
    expect(() => checkChannel('t', 10, null)).toThrow(/benchmark check failed/);
  });

  it('the bounded channel makes the sender wait only when full', async () => {
    const ch = new BoundedChannel<number>(2);
    expect(ch.send(1)).toBeUndefined();
    expect(ch.send(2)).toBeUndefined();
    const third = ch.send(3);
    expect(third).toBeInstanceOf(Promise);
    expect(await ch.recv()).toBe(1);
    await third;
    ch.close();
    expect([await ch.recv(), await ch.recv(), await ch.recv()]).toEqual([2, 3, undefined]);
    expect(() => ch.send(4)).toThrow(/closed/);
  });

  it('every timer hop completes every task, and the check rejects a missing one', async () => {
    for (const hop of Object.values(hops)) checkTimers('t', 50, await timerTasks(50, hop));
    expect(() => checkTimers('t', 50, 49)).toThrow(/benchmark check failed/);
  });

  it('the TCP echo returns every byte intact, and the check rejects a short echo', async () => {
    const bench = await startEcho(3);
    try {
      for (let i = 0; i < 3; i++) checkEcho('t', 3, await echoRound(bench));
      const { rtts, wallMs } = await echoLatency(bench, 20);
      expect(rtts.length).toBeGreaterThan(0);
      expect(wallMs).toBeGreaterThanOrEqual(19);
    } finally {
      await stopEcho(bench);
    }
    expect(() => checkEcho('t', 3, 3 * 8 * 64 - 64)).toThrow(/benchmark check failed/);
  });
});

describe.skipIf(native === null)('the tokio and libuv bridges', () => {
  it('resolve to the JS twin’s value and reject bad input with the package’s errors', async () => {
    const bin = native as unknown as Record<string, (x: unknown) => Promise<number>>;
    for (const x of [0, 1, 12345, 0xffffffff]) {
      expect(await bin.tokioBridgeMix!(x)).toBe(mixJs(x));
      expect(await bin.libuvBridgeMix!(x)).toBe(mixJs(x));
    }
    expect(() => bin.tokioBridgeMix!('1')).toThrow(TypeError);
    expect(() => bin.libuvBridgeMix!(-1)).toThrow(RangeError);
  });
});
