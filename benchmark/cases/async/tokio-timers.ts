/**
 * `async/tokio-timers`: N tasks that each take one zero-delay hop through the scheduler, joined.
 * Node: `setTimeout(0)` (traditional), `setImmediate` and a `queueMicrotask` hop, promise forms
 * from `node:timers/promises`; Rust: `tokio::task::yield_now` (`rust`) and
 * `sleep(Duration::ZERO)` (`rust-sleep-zero`) on the current-thread runtime.
 */
import { defineCase } from '../../engine/case.js';
import { checkTimers, hops, timerTasks } from '../../lab/event-loop-vs-tokio.js';

interface State {
  n: number;
}

export const benchCase = defineCase<State>({
  id: 'async/tokio-timers',
  pattern: 'Zero-delay hops: event loop vs tokio',
  mechanism:
    "A yield in tokio re-queues the task in the scheduler's run queue; a JS zero-delay hop goes through the microtask queue or a libuv phase (a guess).",
  questions: [{ question: 2 }],
  rustForm: 'tokio',
  description:
    'N tasks each awaiting one zero-delay hop: setTimeout(0), setImmediate, queueMicrotask (Node) vs yield_now, sleep(ZERO) (rust)',
  unit: 'hops',
  sizes: { quick: [100, 10_000], full: [10, 1_000, 100_000] },
  async: true,
  setup: (n) => ({ n }),
  traditional: (s) => timerTasks(s.n, hops['setTimeout(0)']),
  variants: {
    setImmediate: (s) => timerTasks(s.n, hops.setImmediate),
    queueMicrotask: (s) => timerTasks(s.n, hops.queueMicrotask),
  },
  check: (results, s) => {
    for (const [form, got] of Object.entries(results)) checkTimers(form, s.n, got);
  },
});
