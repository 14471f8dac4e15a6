/**
 * The child process of `concurrency/work-distribution`'s `child-processes` form: receives a
 * block-aligned slice of the input over IPC (V8 serialization, so the Float64Array is copied,
 * not shared) and replies with its block sums, which the parent folds in order.
 */
import { blockResults, sumSquaresBlock } from '../src/concurrency-kernels.js';

process.on('message', (message: { id: number; data: Float64Array }) => {
  const blocks = blockResults(sumSquaresBlock, message.data, 0, message.data.length);
  process.send!({ id: message.id, blocks });
});
