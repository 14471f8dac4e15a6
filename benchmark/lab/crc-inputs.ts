/**
 * Shared by `async/native-offload`, `async/native-vs-js-async` and `async/batching`: many CRC-32
 * inputs at once, and the per-task forms.
 */
import { js } from '../../src/index.js';
import { packInputs } from '../../src/native-offload.js';
import type { NativeBinding } from '../../src/native.js';
import type { BenchCase } from '../engine/case.js';
import { randomBytes } from './data.js';

/** The size of one task's input in the async task cases: CRC-32 of 256 bytes (~0.3 µs natively, ~1 µs in JS). */
export const TASK_BYTES = 256;

/** The async task cases' state: the inputs, and the same inputs packed into one buffer. */
export interface TasksState {
  inputs: Uint8Array[];
  packed: { data: Uint8Array; ends: Uint32Array };
}

/** A Promise per task running the JS kernel: what JS code does with N small async jobs. */
export async function jsPerTask(inputs: Uint8Array[]): Promise<Uint32Array> {
  return Uint32Array.from(await Promise.all(inputs.map(async (d) => js.crc32Sync(d))));
}

/** `count` distinct views of `size` bytes, each at a different (often unaligned) offset. */
export function views(size: number, count: number): Uint8Array[] {
  const pool = randomBytes(viewsFootprint(size, count));
  return Array.from({ length: count }, (_, i) => pool.subarray(i * 7, i * 7 + size));
}

/** The bytes `views(size, count)` spans: its views overlap, 7 bytes apart in one pool. */
export function viewsFootprint(size: number, count: number): number {
  return size + count * 7 + 1;
}

/** One native async call (one libuv task) per input, all in flight together. */
export async function perCallAsync(b: NativeBinding, inputs: Uint8Array[]): Promise<Uint32Array> {
  return Uint32Array.from(await Promise.all(inputs.map((d) => b.crc32(d))));
}

/**
 * What `async/batching` and `async/native-vs-js-async` share: N concurrent tasks of TASK_BYTES
 * each, awaited, with event-loop delay measured; the inputs are distinct views, also packed.
 */
export const concurrentTasks: Pick<
  BenchCase<TasksState>,
  'unit' | 'sizes' | 'work' | 'async' | 'eventLoopDelay' | 'setup'
> = {
  unit: 'tasks',
  sizes: { quick: [100, 10_000], full: [100, 10_000, 100_000] },
  work: (n) => ({ items: n, bytes: n * TASK_BYTES }),
  async: true,
  eventLoopDelay: true,
  setup: (n) => {
    const inputs = views(TASK_BYTES, n);
    return { inputs, packed: packInputs(inputs) };
  },
};
