/**
 * `async/tokio-spawn`: spawn and join N tasks. Node: N async-function calls joined with
 * `Promise.all`; Rust (the `rust` forms, from crates/async-bench via suites/tokio-suite.ts):
 * N `tokio::spawn`s whose JoinHandles are awaited in order.
 */
import { defineCase } from '../../engine/case.js';
import { checkSpawn, spawnJoin, spawnJoinDeferred } from '../../lab/event-loop-vs-tokio.js';

interface State {
  n: number;
}

export const benchCase = defineCase<State>({
  id: 'async/tokio-spawn',
  pattern: 'Spawn and join tasks: Promises vs tokio',
  mechanism:
    "A tokio task is a state machine polled by the scheduler with one allocation at spawn and no GC; an async function allocates a promise and goes through V8's microtask queue (a guess).",
  questions: [{ question: 2, answers: [{ challenger: 'traditional', incumbent: 'rust' }] }],
  rustForm: 'tokio',
  description:
    'Spawn and join N tasks: async functions + Promise.all (Node) vs tokio::spawn + JoinHandle (rust: current-thread, rust-multi-thread: 2 workers)',
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [10, 1_000, 100_000] },
  async: true,
  setup: (n) => ({ n }),
  traditional: (s) => spawnJoin(s.n),
  variants: {
    // Each task body starts a microtask later, as a spawned tokio task starts when polled.
    'await-first': (s) => spawnJoinDeferred(s.n),
  },
  check: (results, s) => {
    for (const [form, got] of Object.entries(results)) checkSpawn(form, s.n, got);
  },
});
