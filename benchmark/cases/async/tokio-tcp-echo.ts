/**
 * `async/tokio-tcp-echo`: a TCP echo server and C concurrent clients on loopback, in one process
 * and one event loop. Node: `node:net`; Rust: tokio's `TcpListener`/`TcpStream`, on the
 * current-thread runtime (`rust`) and on 2 workers (`rust-multi-thread`). One op: every client
 * sends 8 messages of 64 bytes one after another (each awaits its echo), all clients at once.
 * The metrics add free-running latency (p50/p99 round trip) and messages per second per form.
 */
import { defineCase } from '../../engine/case.js';
import { percentile, round } from '../../engine/event-loop.js';
import {
  checkEcho,
  echoLatency,
  echoLatencyMs,
  echoRound,
  messagesPerOp,
  startEcho,
  stopEcho,
  type EchoBench,
} from '../../lab/event-loop-vs-tokio.js';

interface State {
  clients: number;
  bench: EchoBench;
}

export const benchCase = defineCase<State>({
  id: 'async/tokio-tcp-echo',
  pattern: 'TCP echo: node:net vs tokio',
  mechanism:
    'Both sit on epoll; tokio polls sockets in Rust futures while node:net wraps every read in a stream event and a Buffer (a guess).',
  questions: [{ question: 2, answers: [{ challenger: 'traditional', incumbent: 'rust' }] }],
  rustForm: 'tokio',
  description:
    'TCP echo on loopback, C concurrent clients x 8 round trips of 64 bytes: node:net vs tokio (rust); latency p50/p99 in metrics',
  unit: 'tasks',
  sizes: { quick: [1, 32], full: [1, 8, 32, 128] },
  // `size` is the number of clients; one op is 8 messages from each.
  work: (clients) => ({ items: clients * messagesPerOp, bytes: clients * messagesPerOp * 64 }),
  async: true,
  setup: async (clients) => ({ clients, bench: await startEcho(clients) }),
  teardown: (s) => stopEcho(s.bench),
  traditional: (s) => echoRound(s.bench),
  check: (results, s) => {
    for (const [form, got] of Object.entries(results)) checkEcho(form, s.clients, got);
  },
  metrics: async (s, mode) => {
    const { rtts, wallMs } = await echoLatency(s.bench, echoLatencyMs[mode]);
    return {
      traditional_p50_us: round(percentile(rtts, 50) / 1e3),
      traditional_p99_us: round(percentile(rtts, 99) / 1e3),
      traditional_msgs_per_s: Math.round((rtts.length * 1e3) / wallMs),
    };
  },
});
