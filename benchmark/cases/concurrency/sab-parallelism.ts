/**
 * `concurrency/sab-parallelism`: fill a Float64Array in a SharedArrayBuffer on this thread, with
 * the run's `--threads` workers writing disjoint parts, or with one worker. Each form fills its
 * own array.
 *
 * A request carries the SharedArrayBuffer itself, not a view of it, and the worker makes the view.
 * Deno 2.9.6's node:worker_threads walks every message it delivers (`patchMessagePortIfFound`, a
 * `for...in` over each object, looking for MessagePorts to wrap), and a typed array's `for...in`
 * enumerates each index: posting the view cost 37-91 µs per KiB there in two runs (0.6-1.5 s at
 * 16 MiB), while a bare SharedArrayBuffer has no indices and arrived in 0.02-0.16 ms at every size
 * (benchmark/lab/repro/sab-postmessage-cost.mjs). With the view in the message, the worker forms
 * took 192-290 ms at 16 MiB on Deno against 3.3-6.6 ms elsewhere, and the fill was 2-3% of it
 * (benchmark/lab/repro/sab-fill-workers.mjs): the case measured Deno's message walk, not the
 * parallel fill. Node and Bun post either in O(1).
 *
 * On Node 24.22 (V8 13.6) the traditional form is 3-4x slower than on Node 20, 22 and 26 (20.5 ms
 * against about 6 ms at 16 MiB in the committed quick runs of 2845bff), and its workers are not.
 * There the code that runs this thread's `fill` is Maglev's, inlined into the form, and it
 * allocates 16 bytes per element (a boxed double, with Math.sqrt; the kernel without Math.sqrt
 * allocates nothing): the case's memory column read 15.9 B per element at 64 KiB, 1 MiB and 16 MiB
 * in four of six Node 24 runs, and under 0.01 B with `--no-maglev-inlining`. It depends on the
 * process's call history: at 1 MiB, 23 of 29 Node 24 processes in six runs took 0.8-3.6 ms and
 * the other six 0.32-0.41 ms; with `--no-maglev-inlining`, 15 of 15 took 0.26-0.42 ms.
 * benchmark/lab/repro/maglev-sqrt-fill.mjs reproduces it outside the engine: 6.7-19.9 ns and
 * 15.9 B per element on Node 24, 2.1-2.9 ns and none on Node 20, 22 and 26 and on Node 24 without
 * Maglev inlining. So on Node 24 the workers' lead over this thread is partly the JIT's, not the
 * cores'.
 */
import { sharedFloat64Array } from '../../../src/concurrency.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { Channel, fill, serialized } from '../../lab/concurrency.js';

const KiB = 1024;
const MiB = 1024 * KiB;

const FILLER = `
parentPort.on('message', ({ buffer, start, end }) => {
  fill(new Float64Array(buffer), start, end);
  parentPort.postMessage(end - start);
});
`;

interface State {
  single: Float64Array;
  one: Float64Array;
  all: Float64Array;
  /** One output per thread count of the scaling form, so no form reads another's array. */
  scaled: Float64Array[];
  /** The run's `--threads` workers, started in setup. */
  workers: Channel[];
}

/**
 * Fills `out` (a view of a whole SharedArrayBuffer, as `sharedFloat64Array` makes) with the first
 * `t` workers, each writing its own contiguous part. Each request posts the buffer, not the view
 * (see the file's comment).
 */
async function fillWith(workers: Channel[], t: number, out: Float64Array): Promise<Float64Array> {
  const n = out.length;
  const { buffer } = out;
  await Promise.all(
    workers
      .slice(0, t)
      .map((w, i) =>
        w.request({ buffer, start: Math.floor((i * n) / t), end: Math.floor(((i + 1) * n) / t) }),
      ),
  );
  return out;
}

export const benchCase = defineCase<State>({
  id: 'concurrency/sab-parallelism',
  pattern: 'SharedArrayBuffer parallelism',
  mechanism:
    'Workers reading one SharedArrayBuffer work on the same memory without copies, so the speed-up is bounded by the cores and the memory bandwidth.',
  questions: [{ question: 3 }, { question: 9, answers: ['rust_inspired_vs_traditional'] }],
  description:
    'Fill a Float64Array in a SharedArrayBuffer with sqrt(i)*1.5+(i&7): this thread vs --threads workers writing disjoint parts vs one worker; the workers also at 1..--threads',
  unit: 'bytes',
  sizes: { quick: [KiB, 64 * KiB, MiB, 16 * MiB], full: [16 * KiB, 256 * KiB, 4 * MiB, 64 * MiB] },
  setup: (size, { threads }) => ({
    single: sharedFloat64Array(size / 8),
    one: sharedFloat64Array(size / 8),
    all: sharedFloat64Array(size / 8),
    scaled: Array.from({ length: threads }, () => sharedFloat64Array(size / 8)),
    workers: Array.from({ length: threads }, () => new Channel(FILLER)),
  }),
  teardown: async (s) => {
    await Promise.all(s.workers.map((w) => w.close()));
  },
  async: true,
  traditional: (s) => {
    fill(s.single, 0, s.single.length);
    return s.single;
  },
  rustInspired: serialized((s) => fillWith(s.workers, s.workers.length, s.all)),
  variants: {
    'one-worker': serialized((s) => fillWith(s.workers, 1, s.one)),
  },
  scaling: {
    workers: serialized((s: State, t: number) => fillWith(s.workers, t, s.scaled[t - 1]!)),
  },
  // Bit for bit: deepEqual compares the bytes of the arrays.
  check: (results) => allEqual(results),
});
