/** Benny sampling per form and mode, shared by the runner and the report's Method section. */
export type Mode = 'quick' | 'full';

/**
 * Sampling stops once a form has `minSamples` samples and has run `maxTime` seconds; each sample
 * runs the form for at least `minTime` seconds. Quick mode's 25 ms samples (Benchmark.js would
 * pick 50 ms) keep `npm run bench` under its 5-minute budget on a 2-core machine: 94 records took
 * 4m35s with 50 ms samples and 3m40s with 25 ms ones; 5 samples instead of 3 took 4m36s again
 * for margins only modestly narrower (p90 31% instead of 38%).
 */
export const timingOptions: Record<Mode, { minSamples: number; maxTime: number; minTime: number }> = {
  quick: { minSamples: 3, maxTime: 0.1, minTime: 0.025 },
  full: { minSamples: 5, maxTime: 1, minTime: 0.05 },
};
