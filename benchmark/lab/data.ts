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

/**
 * `n` deterministic doubles: small integers (`-512..511`) scaled by `scale`. With `scale = 1`
 * every sum is exact in any order; with a power of two the values stay exact in binary.
 */
export function randomFloats(n: number, scale = 1 / 8, seed = 0x2545f491): Float64Array {
  const out = new Float64Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = ((x >> 8) % 512) * scale;
  }
  return out;
}

/** A deterministic shuffle of `0..n-1` (Fisher-Yates over a fixed-seed xorshift). */
export function shuffledIndex(n: number, seed = 0x1b873593): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  let x = seed | 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/** Elements of `a` (typed array or number[]) as a plain array, so results of any container compare. */
export function asNumbers(a: unknown): number[] {
  return Array.from(a as ArrayLike<number>);
}
