/**
 * `async/tokio-bridge`: what one async call into Rust costs through each of napi-rs's bridges,
 * with the same trivial work (a multiply-xorshift of a u32). The case's verdict is the
 * comparison its title names, so both sides are native: `traditional` is an `AsyncTask` on the
 * libuv thread pool (the bridge addons have long used), `rust_inspired` a future on napi-rs's
 * tokio runtime (the path of a `#[napi] async fn`). The same work in a JS async function is the
 * `js-async` variant, a floor only: it is not a rival of either bridge. `size` is the calls in
 * flight per op (all started, then joined): 1 prices one round trip alone. The two exports are
 * benchmark-only (the lab binding, crates/lab/src/tokio_bridge.rs), not in src/; without the
 * binding only the floor runs.
 */
import { native } from '../../lab/native.js';
import { defineCase } from '../../engine/case.js';

const bin = native;

/** The JS twin of `mix` in tokio_bridge.rs. */
export function mixJs(x: number): number {
  const y = Math.imul(x, 0x9e3779b9) >>> 0;
  return (y ^ (y >>> 16)) >>> 0;
}

async function mixAsync(x: number): Promise<number> {
  return mixJs(x);
}

interface State {
  n: number;
  /** The sum of `mixJs(i)` for i < n: what every form must return. */
  expected: number;
}

/** Starts `n` calls of `call` at once and resolves with the sum of their results. */
async function inFlight(n: number, call: (x: number) => Promise<number>): Promise<number> {
  if (n === 1) return call(0);
  const calls = new Array<Promise<number>>(n);
  for (let i = 0; i < n; i++) calls[i] = call(i);
  const results = await Promise.all(calls);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += results[i]!;
  return sum;
}

export const benchCase = defineCase<State>({
  id: 'async/tokio-bridge',
  pattern: 'Async bridge into Rust: libuv AsyncTask vs napi-rs tokio',
  mechanism:
    "An AsyncTask queues work on libuv's pool and completes through a libuv async handle on the loop; a future on napi-rs's tokio runtime runs on tokio's threads and completes through a thread-safe function call back into JS.",
  questions: [{ question: 2 }],
  description:
    'N async calls in flight into Rust: a future on napi-rs tokio runtime vs an AsyncTask on the libuv pool; a JS async function as the floor',
  unit: 'calls',
  sizes: { quick: [1, 1_000], full: [1, 100, 1_000, 10_000] },
  async: true,
  setup: (n) => {
    let expected = 0;
    for (let i = 0; i < n; i++) expected += mixJs(i);
    return { n, expected };
  },
  ...(bin
    ? {
        traditional: (s: State) => inFlight(s.n, bin.libuvBridgeMix),
        rustInspired: (s: State) => inFlight(s.n, bin.tokioBridgeMix),
      }
    : {}),
  variants: { 'js-async': (s) => inFlight(s.n, mixAsync) },
  check: (results, s) => {
    for (const [form, got] of Object.entries(results)) {
      if (got !== s.expected) {
        throw new Error(
          `benchmark check failed: ${form} over ${s.n} calls: got ${String(got)}, expected ${s.expected}`,
        );
      }
    }
  },
});
