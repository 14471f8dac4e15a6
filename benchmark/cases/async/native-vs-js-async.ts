/**
 * `async/native-vs-js-async`: N small concurrent CRC-32 tasks as a Promise each (JS), a libuv task
 * each (native), one batched task, or one call spread over rayon's threads.
 */
import { js } from '../../../src/index.js';
import { packInputs } from '../../../src/native-offload.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { medianMs, percentile, round } from '../../engine/event-loop.js';
import { perCallAsync, views } from '../../lab/crc-inputs.js';

const bin = native;

interface TasksState {
  inputs: Uint8Array[];
  packed: { data: Uint8Array; ends: Uint32Array };
}

/** Completion time (ms after submission) of every task when each is its own Promise. */
async function promiseLatencies(
  tasks: Array<() => Promise<unknown>>,
): Promise<{ wall: number; p99: number }> {
  const done = new Float64Array(tasks.length);
  const start = performance.now();
  await Promise.all(tasks.map((task, i) => task().then(() => (done[i] = performance.now() - start))));
  return { wall: performance.now() - start, p99: percentile(done, 99) };
}

/** The task of `async/native-vs-js-async`: CRC-32 of 256 bytes (~0.3 µs natively, ~1 µs in JS). */
const TASK_BYTES = 256;

export const benchCase = defineCase<TasksState>({
  id: 'async/native-vs-js-async',
  description: `N concurrent ${TASK_BYTES}-byte CRC-32 tasks: a Promise each (JS), a libuv task each (native), one call on rayon threads`,
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [100, 10_000, 100_000] },
  work: (n) => ({ items: n, bytes: n * TASK_BYTES }),
  async: true,
  eventLoopDelay: true,
  setup: (n) => {
    const inputs = views(TASK_BYTES, n);
    return { inputs, packed: packInputs(inputs) };
  },
  traditional: async (s) => Uint32Array.from(await Promise.all(s.inputs.map(async (d) => js.crc32Sync(d)))),
  rustInspired: (s) => js.crc32Batch(s.inputs),
  ...(bin
    ? {
        native: (s: TasksState) => bin.crc32BatchParallel(s.inputs),
        nativeVariants: {
          'native-async-tasks': (s: TasksState) => perCallAsync(bin, s.inputs),
          'native-batch-one-task': (s: TasksState) => bin.crc32Batch(s.inputs),
          'native-packed-one-task': (s: TasksState) => bin.crc32Packed(s.packed.data, s.packed.ends),
        },
      }
    : {}),
  check: (results) => allEqual(results),
  metrics: async (s) => {
    const out: Record<string, number> = {};
    const n = s.inputs.length;
    const record = (name: string, wall: number, p99: number): void => {
      out[`${name}_tasks_per_s`] = Math.round((n * 1000) / wall);
      out[`${name}_p99_latency_ms`] = round(p99);
    };
    // Warm every path once, then measure one run each.
    await promiseLatencies(s.inputs.map((d) => async () => js.crc32Sync(d)));
    const jsPromises = await promiseLatencies(s.inputs.map((d) => async () => js.crc32Sync(d)));
    record('js_promises', jsPromises.wall, jsPromises.p99);
    if (!bin) return out;
    await promiseLatencies(s.inputs.map((d) => () => bin.crc32(d)));
    const nativeTasks = await promiseLatencies(s.inputs.map((d) => () => bin.crc32(d)));
    record('native_async_tasks', nativeTasks.wall, nativeTasks.p99);
    // One call: every task completes when the call resolves, so p99 latency = the call's time.
    for (const [name, fn] of [
      ['native_batch_one_task', () => bin.crc32Batch(s.inputs)],
      ['native_rayon_one_call', () => bin.crc32BatchParallel(s.inputs)],
      ['native_packed_one_task', () => bin.crc32Packed(s.packed.data, s.packed.ends)],
    ] as const) {
      const ms = await medianMs(fn, 5);
      record(name, ms, ms);
    }
    return out;
  },
});
