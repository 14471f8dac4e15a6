/** Every benchmark case, in run order. Each pattern file exports `cases`. */
import { cases as accessOrder } from './access-order.js';
import { cases as boundary } from './boundary.js';
import { cases as bufferReuse } from './buffer-reuse.js';
import { cases as checksum } from './checksum.js';
import { cases as concurrency } from './concurrency.js';
import { cases as futureCreation } from './future-creation.js';
import { cases as hotCold } from './hot-cold.js';
import { cases as inPlace } from './in-place.js';
import { cases as layout } from './layout.js';
import { cases as limits } from './limits.js';
import { cases as lines } from './lines.js';
import { cases as mapConcurrent } from './map-concurrent.js';
import { cases as move } from './move.js';
import { cases as nativeOffload } from './native-offload.js';
import { cases as objectPool } from './object-pool.js';
import { cases as preallocation } from './preallocation.js';
import { cases as records } from './records.js';
import { cases as release } from './release.js';
import { cases as scheduling } from './scheduling.js';
import { cases as streamBuffering } from './stream-buffering.js';
import { cases as stringBuilding } from './string-building.js';
import { cases as typedVsArray } from './typed-vs-array.js';
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
  ...bufferReuse,
  ...objectPool,
  ...preallocation,
  ...inPlace,
  ...typedVsArray,
  ...layout,
  ...accessOrder,
  ...hotCold,
  ...scheduling,
  ...mapConcurrent,
  ...nativeOffload,
  ...futureCreation,
  ...streamBuffering,
  ...concurrency,
] as BenchCase[];
