/**
 * `async/scheduling`: microtask against macrotask, per hop. Each op is a chain of N hops where
 * every callback schedules the next, so hops cannot overlap: traditional Node code hops through
 * the event loop with `setImmediate` (a macrotask); the Rust-inspired form continues as a
 * future does, on the microtask queue (`queueMicrotask`). `Promise.then`, `process.nextTick` and
 * MessageChannel chains, and fan-outs (N callbacks scheduled at once), are variants.
 * `setTimeout(0)` is in the metrics only: its 1 ms clamp makes a chain of a thousand hops last a
 * second.
 *
 * The price of the microtask queue is starvation: nothing else runs until it drains. The metrics
 * time a timer, an immediate and a file read started together with a long microtask chain, and
 * with the same chain through `setImmediate`, plus the throughput vs event-loop delay trade-off
 * of `runChunked`.
 */
import { readFile } from 'node:fs/promises';
import { MessageChannel } from 'node:worker_threads';

import { runChunked } from '../../../src/scheduling.js';
import { eventLoopDelayDuring, medianMs, round } from '../../engine/event-loop.js';
import { allEqual, defineCase } from '../../engine/case.js';

type Schedule = (cb: () => void) => void;

interface State {
  n: number;
  channel: MessageChannel;
  onMessage: (() => void) | null;
}

/** A MessageChannel as a one-at-a-time scheduler (enough for a chain of hops). */
function channelScheduler(): { post: Schedule; close: () => void } {
  const channel = new MessageChannel();
  let next: (() => void) | null = null;
  channel.port1.on('message', () => next?.());
  return {
    post: (cb) => {
      next = cb;
      channel.port2.postMessage(null);
    },
    close: () => channel.port1.close(),
  };
}

const schedulers: Record<string, Schedule> = {
  queueMicrotask: (cb) => queueMicrotask(cb),
  'process.nextTick': (cb) => process.nextTick(cb),
  'Promise.then': (cb) => void Promise.resolve().then(cb),
  setImmediate: (cb) => setImmediate(cb),
  'setTimeout(0)': (cb) => setTimeout(cb, 0),
};

/** Schedules `n` callbacks at once and resolves with `n` when the last has run. */
function fanOut(schedule: Schedule, n: number): Promise<number> {
  return new Promise((resolve) => {
    let ran = 0;
    const cb = (): void => {
      if (++ran === n) resolve(ran);
    };
    for (let i = 0; i < n; i++) schedule(cb);
  });
}

/** Runs `n` hops one after another (each callback schedules the next); resolves with `n`. */
function chain(schedule: Schedule, n: number): Promise<number> {
  return new Promise((resolve) => {
    let left = n;
    const hop = (): void => {
      if (--left === 0) resolve(n);
      else schedule(hop);
    };
    schedule(hop);
  });
}

/** A chain of `n` MessageChannel hops (each message posts the next); resolves with `n`. */
function channelChain(s: State): Promise<number> {
  return new Promise((resolve) => {
    let left = s.n;
    s.onMessage = () => {
      if (--left === 0) resolve(s.n);
      else s.channel.port2.postMessage(null);
    };
    s.channel.port2.postMessage(null);
  });
}

/**
 * How long a timer, an immediate and a small file read started at the same moment as a chain of
 * `hops` hops through `schedule` wait before their callbacks run, and how long the chain takes.
 */
async function starvation(schedule: Schedule, hops: number): Promise<Record<string, number>> {
  const t0 = performance.now();
  const since = (): number => performance.now() - t0;
  const timer = new Promise<number>((resolve) => setTimeout(() => resolve(since()), 0));
  const immediate = new Promise<number>((resolve) => setImmediate(() => resolve(since())));
  const io = readFile(__filename).then(() => since());
  const done = chain(schedule, hops).then(() => since());
  const [timerMs, immediateMs, ioMs, chainMs] = await Promise.all([timer, immediate, io, done]);
  return { timer_ms: timerMs, immediate_ms: immediateMs, io_ms: ioMs, chain_ms: chainMs };
}

/** MessageChannel fan-out: `n` messages posted at once, resolves when all arrived. */
function channelFanOut(s: State): Promise<number> {
  return new Promise((resolve) => {
    let ran = 0;
    s.onMessage = () => {
      if (++ran === s.n) resolve(ran);
    };
    for (let i = 0; i < s.n; i++) s.channel.port2.postMessage(null);
  });
}

/** A CPU loop body: xorshift mixing, ~1 ns per index, folded into `acc`. */
function work(acc: { x: number }, start: number, end: number): void {
  let x = acc.x;
  for (let i = start; i < end; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= (x << 5) + i;
  }
  acc.x = x;
}

export const benchCase = defineCase<State>({
  id: 'async/scheduling',
  pattern: 'Microtask vs macrotask scheduling',
  mechanism:
    "Microtasks run to completion in a loop inside V8 without returning to libuv; a setImmediate hop goes through libuv's check phase, which is also what lets timers and I/O run in between.",
  dart: { ratio: 14, text: 'async microtasks 14x' },
  questions: [{ question: 7, answers: ['rust_inspired_vs_traditional'] }],
  description:
    'A chain of N hops through setImmediate (macrotask) vs queueMicrotask (microtask), Promise.then, nextTick, MessageChannel; fan-outs; starvation',
  unit: 'hops',
  sizes: { quick: [1000], full: [10_000] },
  async: true,
  eventLoopDelay: true,
  // With 3–6 samples the setImmediate fan-out's margin reached ±138% (npm run bench,
  // 2026-11-24): one sample that straddles a timers phase is enough, and the matrix row then
  // said "no real difference" for a 17x gap. With 12 samples, three runs gave ±7.7–9.3%.
  minSamples: 12,
  setup: (n) => {
    const channel = new MessageChannel();
    const state: State = { n, channel, onMessage: null };
    channel.port1.on('message', () => state.onMessage?.());
    return state;
  },
  teardown: (s) => s.channel.port1.close(),
  traditional: (s) => chain(schedulers.setImmediate!, s.n),
  rustInspired: (s) => chain(schedulers.queueMicrotask!, s.n),
  variants: {
    'Promise.then': (s) => chain(schedulers['Promise.then']!, s.n),
    'process.nextTick': (s) => chain(schedulers['process.nextTick']!, s.n),
    MessageChannel: (s) => channelChain(s),
    'fan-out setImmediate': (s) => fanOut(schedulers.setImmediate!, s.n),
    'fan-out queueMicrotask': (s) => fanOut(schedulers.queueMicrotask!, s.n),
    'fan-out MessageChannel': (s) => channelFanOut(s),
  },
  check: (results) => allEqual(results),
  metrics: async (_s, mode) => {
    const out: Record<string, number> = {};
    // Per-hop cost: a chain where each callback schedules the next, so hops cannot overlap.
    const channel = channelScheduler();
    const chained: Record<string, [Schedule, number]> = {
      queueMicrotask: [schedulers.queueMicrotask!, 50_000],
      'process.nextTick': [schedulers['process.nextTick']!, 50_000],
      'Promise.then': [schedulers['Promise.then']!, 50_000],
      setImmediate: [schedulers.setImmediate!, 20_000],
      MessageChannel: [channel.post, 20_000],
      'setTimeout(0)': [schedulers['setTimeout(0)']!, mode === 'full' ? 200 : 20],
    };
    for (const [name, [schedule, hops]] of Object.entries(chained)) {
      const ms = await medianMs(() => chain(schedule, hops), mode === 'full' ? 7 : 3);
      out[`hop_${name}_ns`] = Math.round((ms * 1e6) / hops);
    }
    channel.close();
    // Starvation: what waits while a long chain runs, microtask against macrotask.
    const hops = mode === 'full' ? 1_000_000 : 200_000;
    for (const [name, schedule] of [
      ['queueMicrotask', schedulers.queueMicrotask!],
      ['setImmediate', schedulers.setImmediate!],
    ] as const) {
      const waits = await starvation(schedule, hops);
      for (const [k, v] of Object.entries(waits)) out[`starve_${name}_${k}`] = round(v);
    }
    // runChunked: throughput vs event-loop delay as the chunk size varies.
    const total = mode === 'full' ? 200_000_000 : 20_000_000;
    for (const chunk of [total, 1_000, 10_000, 100_000, 1_000_000]) {
      // Best of two runs (three in full): the first also warms up the JIT for `work`.
      let best: Awaited<ReturnType<typeof eventLoopDelayDuring>> | null = null;
      for (let run = 0; run < (mode === 'full' ? 3 : 2); run++) {
        const acc = { x: 1 };
        const eld = await eventLoopDelayDuring(() => runChunked(total, chunk, (a, b) => work(acc, a, b)));
        if (best === null || eld.wall_ms < best.wall_ms) best = eld;
      }
      const label = chunk === total ? 'blocking' : `chunk_${chunk}`;
      out[`${label}_Mitems_per_s`] = round(total / 1e3 / best!.wall_ms);
      out[`${label}_eld_p50_ms`] = best!.p50;
      out[`${label}_eld_p99_ms`] = best!.p99;
    }
    return out;
  },
});
