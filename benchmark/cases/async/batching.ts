/**
 * `async/batching`: N small CRC-32 tasks handed over as one call instead of N. Traditional JS
 * makes a Promise per task; the Rust habit is to batch the work into one unit (one future over
 * a Vec, one rayon call): in JS one `crc32Batch` call, natively one libuv task for all N inputs,
 * the inputs packed into one buffer first, or one call spread over rayon's threads.
 */
import { js } from '../../../src/index.js';
import { packInputs } from '../../../src/native-offload.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { jsPerTask, TASK_BYTES, views, type TasksState } from '../../lab/crc-inputs.js';

const bin = native;

export const benchCase = defineCase<TasksState>({
  id: 'async/batching',
  description: `N ${TASK_BYTES}-byte CRC-32 tasks: a Promise each (JS) vs one batched call (JS, one libuv task, packed, rayon)`,
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [100, 10_000, 100_000] },
  work: (n) => ({ items: n, bytes: n * TASK_BYTES }),
  async: true,
  eventLoopDelay: true,
  setup: (n) => {
    const inputs = views(TASK_BYTES, n);
    return { inputs, packed: packInputs(inputs) };
  },
  traditional: (s) => jsPerTask(s.inputs),
  rustInspired: (s) => js.crc32Batch(s.inputs),
  ...(bin
    ? {
        native: (s: TasksState) => bin.crc32Batch(s.inputs),
        nativeVariants: {
          'native-packed-one-task': (s: TasksState) => bin.crc32Packed(s.packed.data, s.packed.ends),
          'native-rayon-one-call': (s: TasksState) => bin.crc32BatchParallel(s.inputs),
        },
      }
    : {}),
  check: (results) => allEqual(results),
});
