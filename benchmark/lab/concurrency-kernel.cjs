'use strict';
/**
 * The CPU-bound kernel of `concurrency/cpu-bound`, as plain CommonJS (the build copies it as is)
 * so that the main thread, the piscina workers (`parallelReduce` with `{ module, name }`) and the
 * forked children all load the very same code and agree bit for bit. Each element costs `ROUNDS`
 * dependent multiply-adds, so the work grows with the element count while the data stays small.
 */
const ROUNDS = 32;

/** One block's result: the sum over `data[start..end)` of a 32-round chaotic map of each element. */
function churn(data, start, end) {
  let acc = 0;
  for (let i = start; i < end; i++) {
    let y = data[i] / 1024;
    for (let k = 0; k < ROUNDS; k++) {
      y = y * y * 3.5 + 0.25;
      y -= Math.floor(y);
    }
    acc += y;
  }
  return acc;
}

/** Does nothing: the kernel of `parallelPing` (`concurrency.ts`), whose task is all message. */
function noop() {
  return 0;
}

module.exports = { churn, noop, ROUNDS };
