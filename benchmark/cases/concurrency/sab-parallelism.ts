/**
 * `concurrency/sab-parallelism`: fill a Float64Array in a SharedArrayBuffer on this thread, with
 * two workers writing disjoint halves, or with one worker. Each form fills its own array.
 */
import { sharedFloat64Array } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { Channel, fill, serialized } from '../../lab/concurrency.js';

const KiB = 1024;
const MiB = 1024 * KiB;

const FILLER = `
parentPort.on('message', ({ out, start, end }) => {
  fill(out, start, end);
  parentPort.postMessage(end - start);
});
`;

interface State {
  one: Float64Array;
  two: Float64Array;
  single: Float64Array;
  workers: Channel[];
}

export const benchCase = defineCase<State>({
  id: 'concurrency/sab-parallelism',
  description:
    'Fill a Float64Array in a SharedArrayBuffer with sqrt(i)*1.5+(i&7): this thread vs two workers writing disjoint halves vs one worker',
  unit: 'bytes',
  sizes: { quick: [KiB, 64 * KiB, MiB, 16 * MiB], full: [16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  setup: (size) => ({
    single: sharedFloat64Array(size / 8),
    two: sharedFloat64Array(size / 8),
    one: sharedFloat64Array(size / 8),
    workers: [new Channel(FILLER), new Channel(FILLER)],
  }),
  teardown: async (s) => {
    await Promise.all(s.workers.map((w) => w.close()));
  },
  async: true,
  traditional: (s) => {
    fill(s.single, 0, s.single.length);
    return s.single;
  },
  rustInspired: serialized(async (s) => {
    const half = s.two.length >>> 1;
    await Promise.all([
      s.workers[0]!.request({ out: s.two, start: 0, end: half }),
      s.workers[1]!.request({ out: s.two, start: half, end: s.two.length }),
    ]);
    return s.two;
  }),
  variants: {
    'one-worker': serialized(async (s) => {
      await s.workers[0]!.request({ out: s.one, start: 0, end: s.one.length });
      return s.one;
    }),
  },
  // Bit for bit: deepEqual compares the bytes of the three arrays.
  check: (results) => allEqual(results),
});
