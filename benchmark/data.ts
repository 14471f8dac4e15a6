/** Deterministic inputs for benchmarks (a fixed-seed xorshift, so runs compare like for like). */
export function randomBytes(size: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.allocUnsafeSlow(size);
  let x = seed | 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A view of `bytes` at an odd byte offset, as callers often pass (network frames, subarrays). */
export function unaligned(bytes: Uint8Array): Uint8Array {
  const backing = new Uint8Array(bytes.length + 1);
  backing.set(bytes, 1);
  return backing.subarray(1);
}
