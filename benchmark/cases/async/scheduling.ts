/**
 * `async/scheduling`: what one hop through each scheduling primitive costs, how many callbacks
 * each runs per second, and the throughput vs event-loop delay trade-off of `runChunked`.
 */
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
  description:
    'N callbacks scheduled at once through setTimeout(0), setImmediate, queueMicrotask, nextTick, Promise.then, MessageChannel',
  unit: 'calls',
  sizes: { quick: [1000], full: [1000, 100_000] },
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
  traditional: (s) => fanOut(schedulers['setTimeout(0)']!, s.n),
  rustInspired: (s) => fanOut(schedulers.setImmediate!, s.n),
  variants: {
    queueMicrotask: (s) => fanOut(schedulers.queueMicrotask!, s.n),
    'process.nextTick': (s) => fanOut(schedulers['process.nextTick']!, s.n),
    'Promise.then': (s) => fanOut(schedulers['Promise.then']!, s.n),
    MessageChannel: (s) => channelFanOut(s),
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
