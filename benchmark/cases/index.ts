/**
 * Every benchmark case, in run order. Each case lives in `cases/<category>/<name>.ts`, named after
 * its id, and exports it as `benchCase`.
 */
import { extname, join } from 'node:path';

import type { BenchCase } from '../engine/case.js';
import { loadCaseFile } from '../engine/runner.js';
import { benchCase as allocationBufferReuse } from './allocation/buffer-reuse.js';
import { benchCase as allocationInPlace } from './allocation/in-place.js';
import { benchCase as allocationObjectPooling } from './allocation/object-pooling.js';
import { benchCase as allocationPreallocation } from './allocation/preallocation.js';
import { benchCase as allocationTypedVsArray } from './allocation/typed-vs-array.js';
import { benchCase as asyncBatchedConcurrency } from './async/batched-concurrency.js';
import { benchCase as asyncBatching } from './async/batching.js';
import { benchCase as asyncFutureCreation } from './async/future-creation.js';
import { benchCase as asyncNativeOffload } from './async/native-offload.js';
import { benchCase as asyncNativeVsJsAsync } from './async/native-vs-js-async.js';
import { benchCase as asyncScheduling } from './async/scheduling.js';
import { benchCase as asyncStreamBuffering } from './async/stream-buffering.js';
import { benchCase as asyncTokioBridge } from './async/tokio-bridge.js';
import { benchCase as asyncTokioChannel } from './async/tokio-channel.js';
import { benchCase as asyncTokioSpawn } from './async/tokio-spawn.js';
import { benchCase as asyncTokioTcpEcho } from './async/tokio-tcp-echo.js';
import { benchCase as asyncTokioTimers } from './async/tokio-timers.js';
import { benchCase as cacheLocalityAccessOrder } from './cache-locality/access-order.js';
import { benchCase as cacheLocalityHotCold } from './cache-locality/hot-cold.js';
import { benchCase as cacheLocalityLayout } from './cache-locality/layout.js';
import { benchCase as concurrencyCpuBound } from './concurrency/cpu-bound.js';
import { benchCase as concurrencyMessagePassing } from './concurrency/message-passing.js';
import { benchCase as concurrencySabParallelism } from './concurrency/sab-parallelism.js';
import { benchCase as concurrencySynchronization } from './concurrency/synchronization.js';
import { benchCase as concurrencyWorkDistribution } from './concurrency/work-distribution.js';
import { benchCase as concurrencyWorkerPools } from './concurrency/worker-pools.js';
import { benchCase as controlsAA } from './controls/a-a.js';
import { benchCase as controlsImportTax } from './controls/import-tax.js';
import { benchCase as controlsKnownRatio } from './controls/known-ratio.js';
import { benchCase as libraryLines } from './library/lines.js';
import { benchCase as libraryMapConcurrent } from './library/map-concurrent.js';
import { benchCase as libraryParallelMap } from './library/parallel-map.js';
import { benchCase as libraryUtf8 } from './library/utf8.js';
import { benchCase as limitsBandwidth } from './limits/bandwidth.js';
import { benchCase as limitsBoundary } from './limits/boundary.js';
import { benchCase as limitsCallFloor } from './limits/call-floor.js';
import { benchCase as limitsHarness } from './limits/harness.js';
import { benchCase as ownershipMove } from './ownership/move.js';
import { benchCase as ownershipRelease } from './ownership/release.js';
import { benchCase as zeroCopyBoundaryIn } from './zero-copy/boundary-in.js';
import { benchCase as zeroCopyBoundaryOut } from './zero-copy/boundary-out.js';
import { benchCase as zeroCopyChecksum } from './zero-copy/checksum.js';
import { benchCase as zeroCopyLines } from './zero-copy/lines.js';
import { benchCase as zeroCopyRecords } from './zero-copy/records.js';
import { benchCase as zeroCopyRecordsEncode } from './zero-copy/records-encode.js';
import { benchCase as zeroCopyStringBuilding } from './zero-copy/string-building.js';
import { benchCase as zeroCopyUtf8 } from './zero-copy/utf8.js';
import { benchCase as zeroCopyViewSlicing } from './zero-copy/view-slicing.js';

// Run order is matrix order: the report's rows follow this list. The controls run first, in
// every run (see engine/runner.ts selectCases); the limits run next, since every later record is
// reported against them.
export const allCases: BenchCase[] = [
  controlsAA,
  controlsKnownRatio,
  controlsImportTax,
  limitsBandwidth,
  limitsHarness,
  limitsCallFloor,
  limitsBoundary,
  zeroCopyChecksum,
  zeroCopyBoundaryIn,
  zeroCopyBoundaryOut,
  zeroCopyViewSlicing,
  zeroCopyRecords,
  zeroCopyRecordsEncode,
  zeroCopyStringBuilding,
  zeroCopyUtf8,
  zeroCopyLines,
  allocationBufferReuse,
  allocationObjectPooling,
  allocationPreallocation,
  allocationInPlace,
  allocationTypedVsArray,
  cacheLocalityLayout,
  cacheLocalityAccessOrder,
  cacheLocalityHotCold,
  ownershipRelease,
  ownershipMove,
  asyncFutureCreation,
  asyncStreamBuffering,
  asyncBatchedConcurrency,
  asyncScheduling,
  asyncNativeOffload,
  asyncTokioSpawn,
  asyncTokioChannel,
  asyncTokioTimers,
  asyncTokioTcpEcho,
  asyncTokioBridge,
  asyncNativeVsJsAsync,
  asyncBatching,
  concurrencyWorkDistribution,
  concurrencyCpuBound,
  concurrencyWorkerPools,
  concurrencyMessagePassing,
  concurrencySynchronization,
  concurrencySabParallelism,
  libraryMapConcurrent,
  libraryParallelMap,
  libraryUtf8,
  libraryLines,
] as BenchCase[];

/**
 * The file of case `id`: `cases/<category>/<name>.ts` (`.js` when compiled). A child process
 * loads only that file (engine/runner.ts `loadCaseFile`).
 */
export function caseFile(id: string): string {
  if (!/^[a-z]+(?:-[a-z]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new Error(`not a case id: ${id}`);
  return join(__dirname, `${id}${extname(__filename)}`);
}

/** Case `id` loaded from its own file, as a child process loads it. */
export function loadCase(id: string): Promise<BenchCase> {
  return Promise.resolve().then(() => loadCaseFile(caseFile(id), id));
}

/** The case of `id`, if the registry has one (records may come from elsewhere, e.g. the service). */
export function caseOf(id: string): BenchCase | undefined {
  return allCases.find((c) => c.id === id);
}
