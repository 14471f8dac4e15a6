/**
 * `async/future-creation`: eager promises (all work starts when the promise is made) vs lazy
 * thunks started on demand (Rust's futures do nothing until polled). The headline uses every
 * result, so both do the same work and the ratio is the cost or gain of laziness itself; forms
 * that use only the first tenth show where laziness pays by skipping work, as variants.
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
  /** How many results the partial-use forms use (the first tenth). */
  tenth: number;
}

async function* lazySteps(items: number[]): AsyncGenerator<number> {
  for (const i of items) yield await step(i);
}

/** Eager: every promise is made (and its work started) at once; the first `used` are awaited. */
async function eager(items: number[], used: number): Promise<number> {
  const promises = items.map(step);
  let sum = 0;
  for (let i = 0; i < used; i++) sum += await promises[i]!;
  return sum;
}

/** Lazy: a thunk per step, started only when its result is wanted. */
async function lazy(items: number[], used: number): Promise<number> {
  const thunks = items.map((i) => () => step(i));
  let sum = 0;
  for (let i = 0; i < used; i++) sum += await thunks[i]!();
  return sum;
}

/** Forms that use a tenth of the results (the rest use them all). */
const partial = [
  'eager, tenth used',
  'lazy, tenth used',
  'lazy-async-generator, tenth used',
  'lazy-thunks-concurrent, tenth used',
];

export const benchCase = defineCase<State>({
  id: 'async/future-creation',
  pattern: 'Lazy futures',
  mechanism:
    'An async function starts and allocates its promise when called; a thunk defers both and costs one closure more when every result is used anyway.',
  dart: { ratio: 1.57, text: 'lazy futures 1.57x' },
  questions: [{ question: 2 }],
  description:
    'N async steps, every result used: eager promises vs lazy thunks; partial use (a tenth) as variants',
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [100_000] },
  async: true,
  eventLoopDelay: true,
  setup: (n) => ({ items: Array.from({ length: n }, (_, i) => i), tenth: Math.max(1, n / 10) }),
  // The headline: the same work either way, so it prices laziness itself (a closure per step and
  // steps run one after another instead of interleaved).
  traditional: (s) => eager(s.items, s.items.length),
  rustInspired: (s) => lazy(s.items, s.items.length),
  variants: {
    'eager-Promise.all': async (s) => {
      const all = await Promise.all(s.items.map(step));
      let sum = 0;
      for (const v of all) sum += v;
      return sum;
    },
    // Where laziness pays: the consumer stops early, and the lazy forms never run the rest.
    'eager, tenth used': (s) => eager(s.items, s.tenth),
    'lazy, tenth used': (s) => lazy(s.items, s.tenth),
    'lazy-async-generator, tenth used': async (s) => {
      let sum = 0;
      let taken = 0;
      for await (const value of lazySteps(s.items)) {
        sum += value;
        if (++taken === s.tenth) break;
      }
      return sum;
    },
    'lazy-thunks-concurrent, tenth used': async (s) => {
      // Lazy, but the used ones still run together: start exactly the needed thunks at once.
      const thunks = s.items.map((i) => () => step(i));
      const started = thunks.slice(0, s.tenth).map((t) => t());
      let sum = 0;
      for (const value of await Promise.all(started)) sum += value;
      return sum;
    },
  },
  check: (results) => {
    const pick = (usedTenth: boolean): Record<string, unknown> =>
      Object.fromEntries(Object.entries(results).filter(([k]) => partial.includes(k) === usedTenth));
    allEqual(pick(false));
    allEqual(pick(true));
  },
});
