/**
 * `async/batched-concurrency`: N requests to a contended resource that is real, a local
 * `node:http` server in a child process doing a fixed amount of CPU work per request, through a
 * keep-alive agent (one per form, so no form warms another's sockets). Unbounded `Promise.all`
 * opens a socket per request in flight (the agent keeps at most 256 idle ones between ops, so
 * above that every op opens and closes connections again) and queues all of them on the
 * server's one thread; `mapConcurrent` and p-limit keep a few requests in flight on a few reused
 * sockets. The server is started in setup and killed in teardown, outside timing.
 */
import type { Agent } from 'node:http';

import { mapConcurrent } from '../../../src/map-concurrent.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { quantile } from '../../engine/stats.js';
import { importEsm } from '../../lab/esm.js';
import {
  fetchWork,
  keepAliveAgent,
  requestWork,
  startWorkServer,
  type WorkServer,
} from '../../lab/http-work.js';

/**
 * The limits compared. The server has one thread and the client another core, so a handful of
 * requests in flight keep both busy; 8 is the Rust-inspired form's (`buffered(8)`), 2 and 32
 * bracket it.
 */
const LIMIT = 8;
const LOW = 2;
const HIGH = 32;

type Limit = <R>(fn: () => Promise<R>) => Promise<R>;

interface State {
  items: number[];
  server: WorkServer;
  /** One keep-alive agent per form name. */
  agents: Map<string, Agent>;
  pLimit: (concurrency: number) => Limit;
}

type Fetch = (i: number) => Promise<number>;

/** Each form as a function of its request function, so the metrics pass can time each request. */
const strategies: Record<string, (s: State, fetch: Fetch) => Promise<number[]>> = {
  'Promise.all': (s, fetch) => Promise.all(s.items.map(fetch)),
  [`mapConcurrent(${LIMIT})`]: (s, fetch) => mapConcurrent(s.items, LIMIT, fetch),
  [`mapConcurrent(${LOW})`]: (s, fetch) => mapConcurrent(s.items, LOW, fetch),
  [`mapConcurrent(${HIGH})`]: (s, fetch) => mapConcurrent(s.items, HIGH, fetch),
  [`p-limit(${LIMIT})`]: (s, fetch) => {
    const limit = s.pLimit(LIMIT);
    return Promise.all(s.items.map((i) => limit(() => fetch(i))));
  },
};

/** The timed form of strategy `name`: its own agent, no latency recording. */
function form(name: string): (s: State) => Promise<number[]> {
  const run = strategies[name]!;
  return (s) => {
    const agent = s.agents.get(name)!;
    return run(s, (i) => fetchWork(s.server.port, agent, i));
  };
}

/** Ops per form in the metrics pass: enough requests for a p99 at the smallest size. */
const METRIC_OPS = 5;

export const benchCase = defineCase<State>({
  id: 'async/batched-concurrency',
  pattern: 'Batched concurrency',
  mechanism:
    "The server's one thread does the same work however many requests wait, so a limit cannot add throughput there; unbounded requests open a socket each beyond the agent's idle pool and queue behind each other, which a limit avoids by keeping a few reused sockets busy (a guess).",
  dart: { ratio: 3.2, text: 'batched concurrency 3.2x' },
  questions: [{ question: 3 }],
  description: `N GETs to a local HTTP server (child process, fixed CPU work per request, keep-alive): unbounded Promise.all vs mapConcurrent(${LOW}/${LIMIT}/${HIGH}) vs p-limit(${LIMIT})`,
  unit: 'tasks',
  // 300 is past the agent's 256 idle sockets, so every unbounded op opens at least 44 anew;
  // at 1000 it opens 744 (57 s of a quick run's processes: full mode only).
  sizes: { quick: [100, 300], full: [1000] },
  async: true,
  eventLoopDelay: true,
  setup: async (n) => {
    const { default: pLimit } = await importEsm<{ default: State['pLimit'] }>('p-limit');
    const server = await startWorkServer();
    const agents = new Map(Object.keys(strategies).map((name) => [name, keepAliveAgent()]));
    return { items: Array.from({ length: n }, (_, i) => i), server, agents, pLimit };
  },
  teardown: async (s) => {
    for (const agent of s.agents.values()) agent.destroy();
    await s.server.stop();
  },
  traditional: form('Promise.all'),
  rustInspired: form(`mapConcurrent(${LIMIT})`),
  variants: {
    [`mapConcurrent(${LOW})`]: form(`mapConcurrent(${LOW})`),
    [`mapConcurrent(${HIGH})`]: form(`mapConcurrent(${HIGH})`),
  },
  peers: { [`p-limit(${LIMIT})`]: form(`p-limit(${LIMIT})`) },
  check: (results, s) => {
    allEqual(results);
    const first = Object.values(results)[0] as number[];
    if (first.length !== s.items.length || s.items.some((i) => first[i] !== requestWork(i))) {
      throw new Error('benchmark check failed: wrong responses');
    }
  },
  // Per form: request latency (from the request's start, after any limiter let it through) p50
  // and p99, and TCP connections the server accepted per op (sockets opened, not reused).
  metrics: async (s) => {
    const out: Record<string, number> = {};
    for (const [name, run] of Object.entries(strategies)) {
      const agent = keepAliveAgent();
      const latencies: number[] = [];
      try {
        await run(s, (i) => fetchWork(s.server.port, agent, i));
        const before = await s.server.connections();
        for (let op = 0; op < METRIC_OPS; op++)
          await run(s, (i) => fetchWork(s.server.port, agent, i, latencies));
        const opened = (await s.server.connections()) - before;
        out[`${name}_request_p50_ms`] = Number(quantile(latencies, 0.5).toFixed(3));
        out[`${name}_request_p99_ms`] = Number(quantile(latencies, 0.99).toFixed(3));
        out[`${name}_connections_per_op`] = opened / METRIC_OPS;
      } finally {
        agent.destroy();
      }
    }
    return out;
  },
});
