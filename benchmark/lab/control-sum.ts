/** The work both controls time: a dependent sum over a small, L1-resident Float64Array. */
export function sumFloats(data: Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]!;
  return s;
}

/** 1,024 doubles (8 KiB): two of them stay in any L1 data cache, so the work per element is fixed. */
export function controlInput(seed: number): Float64Array {
  const out = new Float64Array(1024);
  for (let i = 0; i < out.length; i++) out[i] = ((i * 7919 + seed) % 1000) / 8;
  return out;
}
