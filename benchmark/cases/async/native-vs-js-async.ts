/**
 * `async/native-vs-js-async`: N small concurrent CRC-32 tasks, one async call per task: a
 * Promise each running the JS kernel (traditional) against a libuv task each running the native
 * kernel (native). Batching the N tasks into one call is a different answer to a different
 * question and has its own row, `async/batching`; the metrics here time both for latency.
 */
import { js } from '../../../src/index.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { medianMs, percentile, round } from '../../engine/event-loop.js';
import {
  concurrentTasks,
  jsPerTask,
  perCallAsync,
  TASK_BYTES,
  type TasksState,
} from '../../lab/crc-inputs.js';

const bin = native;

/** Completion time (ms after submission) of every task when each is its own Promise. */
async function promiseLatencies(
  tasks: Array<() => Promise<unknown>>,
): Promise<{ wall: number; p99: number }> {
  const done = new Float64Array(tasks.length);
  const start = performance.now();
  await Promise.all(tasks.map((task, i) => task().then(() => (done[i] = performance.now() - start))));
  return { wall: performance.now() - start, p99: percentile(done, 99) };
}

export const benchCase = defineCase<TasksState>({
  id: 'async/native-vs-js-async',
  pattern: 'Native async vs JS async (a task per call)',
  mechanism:
    'Each native async call queues libuv work and calls back into JS, which costs more than resolving a Promise when the task itself is small.',
  questions: [{ question: 2 }],
  description: `N concurrent ${TASK_BYTES}-byte CRC-32 tasks, one async call each: a Promise each (JS) vs a libuv task each (native)`,
  ...concurrentTasks,
  traditional: (s) => jsPerTask(s.inputs),
  ...(bin ? { native: (s: TasksState) => perCallAsync(bin, s.inputs) } : {}),
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
