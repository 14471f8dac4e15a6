/** Every benchmark case, in run order. Each pattern file exports `cases`. */
import { cases as boundary } from './boundary.js';
import { cases as checksum } from './checksum.js';
import { cases as concurrency } from './concurrency.js';
import type { BenchCase } from './types.js';
import { cases as viewSlicing } from './view-slicing.js';

export const allCases: BenchCase[] = [
  ...boundary,
  ...checksum,
  ...concurrency,
  ...viewSlicing,
] as BenchCase[];
