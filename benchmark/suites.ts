/** Every benchmark case, in run order. Each pattern file exports `cases`. */
import { cases as boundary } from './boundary.js';
import { cases as checksum } from './checksum.js';
import { cases as limits } from './limits.js';
import type { BenchCase } from './types.js';
import { cases as viewSlicing } from './view-slicing.js';

// The limits run first: every later record is reported against them.
export const allCases: BenchCase[] = [...limits, ...boundary, ...checksum, ...viewSlicing] as BenchCase[];
