/**
 * `async/future-creation`: eager promises (all work starts when the promise is made) vs lazy
 * thunks started on demand (Rust's futures do nothing until polled), for a pipeline that only
 * uses the first tenth of its results.
 */
import { allEqual, defineCase } from '../../engine/case.js';

/** A small async step: an await (as any I/O-shaped function has) and ~100 ns of mixing. */
async function step(i: number): Promise<number> {
  await null;
  let x = i + 1;
  for (let k = 0; k < 16; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x & 0xffff;
}

interface State {
  items: number[];
  /** How many results the consumer uses (the first tenth). */
  used: number;
}

async function* lazySteps(items: number[]): AsyncGenerator<number> {
  for (const i of items) yield await step(i);
}

export const benchCase = defineCase<State>({
  id: 'async/future-creation',
  description:
    'N async steps of which the first N/10 are used: eager promises vs lazy thunks vs async generator',
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [100, 10_000, 1_000_000] },
  async: true,
  eventLoopDelay: true,
  setup: (n) => ({ items: Array.from({ length: n }, (_, i) => i), used: Math.max(1, n / 10) }),
  traditional: async (s) => {
    const promises = s.items.map(step);
    let sum = 0;
    for (let i = 0; i < s.used; i++) sum += await promises[i]!;
    return sum;
  },
  rustInspired: async (s) => {
    const thunks = s.items.map((i) => () => step(i));
    let sum = 0;
    for (let i = 0; i < s.used; i++) sum += await thunks[i]!();
    return sum;
  },
  variants: {
    'eager-Promise.all': async (s) => {
      const all = await Promise.all(s.items.map(step));
      let sum = 0;
      for (let i = 0; i < s.used; i++) sum += all[i]!;
      return sum;
    },
    'lazy-async-generator': async (s) => {
      let sum = 0;
      let taken = 0;
      for await (const value of lazySteps(s.items)) {
        sum += value;
        if (++taken === s.used) break;
      }
      return sum;
    },
    'lazy-thunks-concurrent': async (s) => {
      // Lazy, but the used ones still run together: start exactly the needed thunks at once.
      const thunks = s.items.map((i) => () => step(i));
      const started = thunks.slice(0, s.used).map((t) => t());
      let sum = 0;
      for (const value of await Promise.all(started)) sum += value;
      return sum;
    },
  },
  check: (results) => allEqual(results),
});
