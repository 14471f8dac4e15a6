/**
 * `library/map-concurrent`: the package's `mapConcurrent` against the npm packages people use
 * for bounded concurrency instead, on the same work: N tasks, at most 16 in flight, each an async
 * function that resolves at once. With no I/O in the way this prices each library's own
 * overhead per item (the Promise and bookkeeping it adds around a task): per call at 10 items,
 * throughput at 10,000.
 *
 * Traditional is p-limit, the most used (`Promise.all(items.map((x) => limit(() => fn(x))))`);
 * p-map is the other common choice, and an unbounded `Promise.all` is the floor any bounded
 * map pays on top of.
 */
import { mapConcurrent } from '../../../src/map-concurrent.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { importEsm } from '../../lab/esm.js';

const LIMIT = 16;

type Task = (item: number) => Promise<number>;
type Limit = <R>(fn: () => Promise<R>) => Promise<R>;

interface State {
  items: number[];
  limit: Limit;
  pMap: (items: Iterable<number>, fn: Task, options: { concurrency: number }) => Promise<number[]>;
}

/** The task: async, no I/O, so only the library's own cost is left. */
const task: Task = async (item) => item * 3 + 1;

export const benchCase = defineCase<State>({
  id: 'library/map-concurrent',
  pattern: 'Bounded async map vs p-limit and p-map',
  mechanism:
    'The package keeps a counter and an index per call and starts the next item from the previous completion; p-limit and p-map add a queue entry, extra promises and async-context bookkeeping per item (a guess).',
  traditionalLabel: 'p-limit (peer)',
  description: `N async tasks (no I/O) with at most ${LIMIT} in flight: mapConcurrent vs p-limit vs p-map`,
  unit: 'tasks',
  sizes: { quick: [10, 10_000], full: [100, 1000, 100_000] },
  async: true,
  setup: async (n) => {
    const { default: pLimit } = await importEsm<{ default: (n: number) => Limit }>('p-limit');
    const { default: pMap } = await importEsm<{ default: State['pMap'] }>('p-map');
    return { items: Array.from({ length: n }, (_, i) => i), limit: pLimit(LIMIT), pMap };
  },
  traditional: (s) => Promise.all(s.items.map((x) => s.limit(() => task(x)))),
  rustInspired: (s) => mapConcurrent(s.items, LIMIT, task),
  peers: {
    'p-map': (s) => s.pMap(s.items, task, { concurrency: LIMIT }),
  },
  variants: {
    'Promise.all (unbounded)': (s) => Promise.all(s.items.map(task)),
  },
  check: (results, s) => {
    allEqual(results);
    const first = Object.values(results)[0] as number[];
    if (first.length !== s.items.length || first.some((v, i) => v !== i * 3 + 1)) {
      throw new Error('benchmark check failed: wrong results');
    }
  },
});
