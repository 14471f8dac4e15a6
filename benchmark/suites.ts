/** Every benchmark case, in run order. Each pattern file exports `cases`. */
import { cases as boundary } from './boundary.js';
import { cases as checksum } from './checksum.js';
import { cases as concurrency } from './concurrency.js';
import { cases as futureCreation } from './future-creation.js';
import { cases as limits } from './limits.js';
import { cases as mapConcurrent } from './map-concurrent.js';
import { cases as nativeOffload } from './native-offload.js';
import { cases as scheduling } from './scheduling.js';
import { cases as streamBuffering } from './stream-buffering.js';
import type { BenchCase } from './types.js';
import { cases as viewSlicing } from './view-slicing.js';

// The limits run first: every later record is reported against them.
export const allCases: BenchCase[] = [
  ...limits,
  ...boundary,
  ...checksum,
  ...viewSlicing,
  ...scheduling,
  ...mapConcurrent,
  ...nativeOffload,
  ...futureCreation,
  ...streamBuffering,
  ...concurrency,
] as BenchCase[];
