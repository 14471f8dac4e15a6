'use strict';
/**
 * The element-wise kernel of `library/parallel-map`, as plain CommonJS (the build copies it as
 * is) so that the main thread, `parallelMap`'s piscina workers (`{ module, name }`), a piscina
 * pool used directly and a tinypool all run the very same code and agree bit for bit. Each
 * element costs `ROUNDS` dependent multiply-adds, so the map is CPU-bound, the case where
 * spreading it over threads can pay.
 */
const ROUNDS = 32;

/** `output[i]` = a 32-round chaotic map of `input[i]`, for `i` in `[start, end)`. */
function churnMap(input, output, start, end) {
  for (let i = start; i < end; i++) {
    let y = input[i] / 1024;
    for (let k = 0; k < ROUNDS; k++) {
      y = y * y * 3.5 + 0.25;
      y -= Math.floor(y);
    }
    output[i] = y;
  }
}

/** One pool task: a slice of a SharedArrayBuffer-backed input and output; returns its length. */
function task({ input, output, start, end }) {
  churnMap(input, output, start, end);
  return end - start;
}

module.exports = { churnMap, task, ROUNDS };
