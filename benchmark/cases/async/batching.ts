/**
 * `async/batching`: N small CRC-32 tasks handed over as one call instead of N. Traditional JS
 * makes a Promise per task; the Rust habit is to batch the work into one unit (one future over
 * a Vec, one rayon call): in JS one `crc32Batch` call, natively one libuv task for all N inputs,
 * the inputs packed into one buffer first, or one call spread over rayon's threads.
 */
import { js } from '../../../src/index.js';
import { native } from '../../../src/native.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { concurrentTasks, jsPerTask, TASK_BYTES, type TasksState } from '../../lab/crc-inputs.js';

const bin = native;

export const benchCase = defineCase<TasksState>({
  id: 'async/batching',
  pattern: 'Batching async work into one call',
  mechanism: 'One call for all tasks pays the boundary and the scheduling once instead of once per task.',
  questions: [{ question: 2 }],
  description: `N ${TASK_BYTES}-byte CRC-32 tasks: a Promise each (JS) vs one batched call (JS, one libuv task, packed, rayon)`,
  ...concurrentTasks,
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
