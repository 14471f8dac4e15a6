/** Shared by `async/native-offload` and `async/native-vs-js-async`: many CRC-32 inputs at once. */
import type { NativeBinding } from '../../src/native.js';
import { randomBytes } from './data.js';

/** `count` distinct views of `size` bytes, each at a different (often unaligned) offset. */
export function views(size: number, count: number): Uint8Array[] {
  const pool = randomBytes(size + count * 7 + 1);
  return Array.from({ length: count }, (_, i) => pool.subarray(i * 7, i * 7 + size));
}

/** One native async call (one libuv task) per input, all in flight together. */
export async function perCallAsync(b: NativeBinding, inputs: Uint8Array[]): Promise<Uint32Array> {
  return Uint32Array.from(await Promise.all(inputs.map((d) => b.crc32(d))));
}
