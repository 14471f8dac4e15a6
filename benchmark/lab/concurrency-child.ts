/**
 * The child process of the `child-processes` forms in `concurrency/*`: receives a block-aligned
 * slice of the input over IPC (V8 serialization, so the Float64Array is copied, not shared) and
 * replies with its block sums, which the parent folds in order. The kernel is the sum of squares
 * unless the message names a CommonJS module export (as `parallelReduce` kernels do).
 */
import { blockResults, sumSquaresBlock, type BlockFn } from '../../src/concurrency-kernels.js';
import { loadModuleKernel, type ModuleKernel } from '../../src/concurrency-worker.js';

process.on('message', (message: { id: number; data: Float64Array; kernel?: ModuleKernel }) => {
  const block = message.kernel ? loadModuleKernel<BlockFn>(message.kernel) : sumSquaresBlock;
  const blocks = blockResults(block, message.data, 0, message.data.length);
  process.send!({ id: message.id, blocks });
});
