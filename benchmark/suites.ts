/** Every benchmark case, in run order. Each pattern file exports `cases`. */
import { cases as boundary } from './boundary.js';
import { cases as checksum } from './checksum.js';
import { cases as limits } from './limits.js';
import { cases as lines } from './lines.js';
import { cases as move } from './move.js';
import { cases as records } from './records.js';
import { cases as release } from './release.js';
import { cases as stringBuilding } from './string-building.js';
import type { BenchCase } from './types.js';
import { cases as utf8 } from './utf8.js';
import { cases as viewSlicing } from './view-slicing.js';

// The limits run first: every later record is reported against them.
export const allCases: BenchCase[] = [
  ...limits,
  ...boundary,
  ...checksum,
  ...viewSlicing,
  ...records,
  ...stringBuilding,
  ...utf8,
  ...lines,
  ...release,
  ...move,
] as BenchCase[];
