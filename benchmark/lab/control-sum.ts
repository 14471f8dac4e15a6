/**
 * The A/A control's work: a sum over a small, L1-resident Float64Array, in four independent
 * accumulators so that it is bound by loads, not by the latency of one chain of adds. (The
 * known-ratio control copies with a built-in instead: see `controls/known-ratio`.)
 *
 * A single dependent chain (`s += data[i]`) ran at one of two speeds per process on an Intel
 * Xeon with AVX-512 (1 024 elements in about 1.4 us or about 2.2 us; some processes 0.73 us),
 * fixed by how each compiled copy of the loop landed: the A/A control read 0.63-0.68 in one
 * process of twelve in two of three runs, and the known-ratio control read 2.0 in some processes
 * and 3.0 in others (intervals [2.37-3.00], [1.77-3.73], [1.88-3.06]), so its truth was not 2.
 * `npm run bench -- --only controls`, three runs, stop 29.
 */
export function sumFloats(data: Float64Array): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const n = data.length & ~3;
  for (let i = 0; i < n; i += 4) {
    a += data[i]!;
    b += data[i + 1]!;
    c += data[i + 2]!;
    d += data[i + 3]!;
  }
  for (let i = n; i < data.length; i++) a += data[i]!;
  return a + b + (c + d);
}

/** 1,024 doubles (8 KiB): two of them stay in any L1 data cache, so the work per element is fixed. */
export function controlInput(seed: number): Float64Array {
  const out = new Float64Array(1024);
  for (let i = 0; i < out.length; i++) out[i] = ((i * 7919 + seed) % 1000) / 8;
  return out;
}
