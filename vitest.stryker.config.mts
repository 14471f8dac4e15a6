import { defineConfig } from 'vitest/config';

/**
 * The spec files StrykerJS runs against src/ (stryker.config.json): those that call the library
 * in this process. Files that only start child processes against src/ are left out (a child
 * loads src/ without Stryker's active mutant, so it cannot kill one and only costs time), as are
 * the benchmark, report and CLI suites, which test benchmark/ rather than src/.
 */
export default defineConfig({
  test: {
    include: [
      '__test__/async-reliability.spec.ts',
      '__test__/boundary.spec.ts',
      '__test__/buffer-pool.spec.ts',
      '__test__/checksum.spec.ts',
      '__test__/concurrency.spec.ts',
      '__test__/exports.spec.ts',
      '__test__/hostile.spec.ts',
      '__test__/lines.spec.ts',
      '__test__/map-concurrent.spec.ts',
      '__test__/move.spec.ts',
      '__test__/mutants-*.spec.ts',
      '__test__/native-offload.spec.ts',
      '__test__/native.spec.ts',
      '__test__/object-pool.spec.ts',
      '__test__/optional-args.spec.ts',
      '__test__/records.spec.ts',
      '__test__/release.spec.ts',
      '__test__/scheduling.spec.ts',
      '__test__/string-building.spec.ts',
      '__test__/thresholds.spec.ts',
      '__test__/utf8.spec.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
