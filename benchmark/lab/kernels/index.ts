/**
 * The JS twins of the lab binding's kernels (`crates/lab`), with its exact signatures (checked
 * in benchmark/lab/native.ts). Benchmark only: the package exports none of them.
 */
import { accessOrderJs } from './access-order.js';
import { boundaryLabJs } from './boundary.js';
import { bufferReuseJs } from './buffer-reuse.js';
import { countersJs } from './concurrency.js';
import { hotColdJs } from './hot-cold.js';
import { inPlaceJs } from './in-place.js';
import { layoutJs } from './layout.js';
import { limitsJs } from './limits.js';
import { objectPoolJs } from './object-pool.js';
import { preallocationJs } from './preallocation.js';
import { typedVsArrayJs } from './typed-vs-array.js';

export const labTwins = {
  ...accessOrderJs,
  ...boundaryLabJs,
  ...bufferReuseJs,
  ...countersJs,
  ...hotColdJs,
  ...inPlaceJs,
  ...layoutJs,
  ...limitsJs,
  ...objectPoolJs,
  ...preallocationJs,
  ...typedVsArrayJs,
};
