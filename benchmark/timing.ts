/** Benny sampling per form and mode, shared by the runner and the report's Method section. */
export type Mode = 'quick' | 'full';

/** At least `minSamples` samples and `maxTime` seconds per form. */
export const timingOptions: Record<Mode, { minSamples: number; maxTime: number }> = {
  quick: { minSamples: 3, maxTime: 0.1 },
  full: { minSamples: 5, maxTime: 1 },
};
