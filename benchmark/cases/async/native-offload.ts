/**
 * `async/native-offload`: CRC-32 of many inputs as the CPU kernel. The row's question is the
 * offload itself: `native` is one libuv task per call, all in flight together, against the
 * fastest JS. Native on the main thread (`native-sync`, the SIMD kernel without the offload) and
 * batched offloads (many inputs in one task, optionally spread over rayon's threads) are
 * variants. Offloading buys event-loop responsiveness more than throughput, so the row has two
 * verdicts: throughput (the timed forms) and event-loop delay. For the second, every process
 * measures the p99 event-loop delay of each of JS sync, JS chunked, native sync, native async
 * per call and native async batched while N calls are in flight (`processSamples`, 1,000 calls,
 * 64 at 16 MiB), in interleaved rounds; the report bootstraps the ratio of those p99s across
 * processes (`report/row-questions.ts`).
 */
import { js } from '../../../src/index.js';
import { packInputs } from '../../../src/native-offload.js';
import { native } from '../../../src/native.js';
import { runChunked } from '../../../src/scheduling.js';
import { allEqual, defineCase } from '../../engine/case.js';
import { eventLoopDelayDuring, medianMs, round } from '../../engine/event-loop.js';
import { perCallAsync, views, viewsFootprint } from '../../lab/crc-inputs.js';
import { threadpoolSweep } from '../../lab/native-offload-threadpool.js';

const bin = native;

/** Inputs per op: 1,000 for small sizes (the "1,000 tiny items" comparison), fewer for large. */
function countFor(size: number): number {
  if (size <= 1024) return 1000;
  if (size <= 65536) return 64;
  return 4;
}

interface OffloadState {
  size: number;
  inputs: Uint8Array[];
  /** The same inputs packed into one buffer + end offsets (for `crc32Packed`). */
  packed: { data: Uint8Array; ends: Uint32Array };
}

function jsLoop(inputs: Uint8Array[]): Uint32Array {
  const out = new Uint32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = js.crc32Sync(inputs[i]!);
  return out;
}

/**
 * Bytes of input per slice of `jsChunked`: about 1 ms of the JS kernel, the chunk `runChunked`'s
 * documentation recommends (the twin checksums 1 MiB in 0.90 ms on Node 20: `zero-copy/checksum`,
 * rust_inspired at 1 MiB, committed results). 64 KiB slices (56 µs of work) cost 15 event-loop
 * hops per op at 1 KiB and 63 at 64 KiB, and the form read 0.85x [0.73-0.94] and 0.90x
 * [0.84-0.92] of JS sync there; with 1 MiB slices 0.96-0.97x and 0.97-0.98x [0.94-1.03] (`npm run
 * bench -- --only async/native-offload`, one run before and two after, stop 38). At 16 B neither
 * yields: what is left there is the fixed cost of an async op.
 */
const SLICE_BYTES = 1 << 20;

/** JS on the main thread, in slices of about 1 ms with a yield between them (see `runChunked`). */
async function jsChunked(inputs: Uint8Array[], size: number): Promise<Uint32Array> {
  const out = new Uint32Array(inputs.length);
  const perChunk = Math.max(1, Math.floor(SLICE_BYTES / Math.max(1, size)));
  await runChunked(inputs.length, perChunk, (start, end) => {
    for (let i = start; i < end; i++) out[i] = js.crc32Sync(inputs[i]!);
  });
  return out;
}

function nativeLoop(b: NonNullable<typeof bin>, inputs: Uint8Array[]): Uint32Array {
  const out = new Uint32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = b.crc32Sync(inputs[i]!);
  return out;
}

/** Calls in flight for the event-loop delay figures: 1,000, or 64 of the 16 MiB inputs. */
function inflightCalls(size: number): number {
  return size > 65536 ? 64 : 1000;
}

/** Rounds of the event-loop delay figures per process (each round measures every form once). */
const ELD_ROUNDS = { quick: 3, full: 5 } as const;

/**
 * The p99 event-loop delay (ms) of each offload form while `inflightCalls(size)` calls are in
 * flight, `rounds` times each, the forms in a rotated order per round so that drift within a
 * process hits them alike. Keys: `eld_p99_ms:<form>`, with the form's record key.
 */
async function inflightDelay(
  b: NonNullable<typeof bin>,
  s: OffloadState,
  rounds: number,
): Promise<Record<string, number[]>> {
  const calls = inflightCalls(s.size);
  const list = Array.from({ length: calls }, (_, i) => s.inputs[i % s.inputs.length]!);
  const packed = packInputs(list);
  const forms: Array<[string, () => unknown]> = [
    ['traditional', () => jsLoop(list)],
    ['rust_inspired', () => jsChunked(list, s.size)],
    ['native-sync', () => nativeLoop(b, list)],
    ['native', () => perCallAsync(b, list)],
    ['native-async-batch', () => b.crc32Batch(list)],
    ['native-async-packed', () => b.crc32Packed(packed.data, packed.ends)],
  ];
  const out: Record<string, number[]> = {};
  for (const [key] of forms) out[`eld_p99_ms:${key}`] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < forms.length; i++) {
      const [key, run] = forms[(i + round) % forms.length]!;
      out[`eld_p99_ms:${key}`]!.push((await eventLoopDelayDuring(run)).p99);
    }
  }
  return out;
}

export const benchCase = defineCase<OffloadState>({
  id: 'async/native-offload',
  pattern: 'Offload to the libuv pool',
  mechanism:
    'An offloaded call pays a trip through the libuv queue and a completion callback on the main thread; it buys a responsive event loop when the work is long, not throughput on short work.',
  questions: [{ question: 2 }],
  formPairs: [
    {
      challenger: 'native',
      incumbent: 'native-sync',
      question: 'Throughput: native async, one libuv task per call, vs native sync on the main thread',
    },
    {
      challenger: 'native-async-batch',
      incumbent: 'native-sync',
      question: 'Throughput: native async batched (one task) vs native sync on the main thread',
    },
    {
      challenger: 'native-async-batch',
      incumbent: 'traditional',
      question: 'Throughput: native async batched vs JS sync',
    },
  ],
  description:
    'CRC-32 of N inputs: JS main thread, JS chunked, native sync, native async one task per call, native async batched; event-loop delay p99 of each with 1,000 calls in flight (64 at 16 MiB)',
  unit: 'bytes',
  sizes: { quick: [16, 1024, 65536], full: [1 << 20] },
  // `size` is the length of one input; one op checksums `countFor(size)` of them. The inputs are
  // views 7 bytes apart into one pool (`views`), so the op's working set is about one input: at
  // 64 KiB, 64 inputs stream 4 MiB out of 64.4 KiB, which had held the forms to the 4 MiB read
  // roofline (25 GB/s) and shown the pure-Rust kernel at 203% of it. Only `native-async-packed`
  // reads a packed copy of the inputs (the whole 4 MiB), so its share of the roofline reads low.
  work: (size) => ({
    bytes: countFor(size) * size,
    items: countFor(size),
    footprint: viewsFootprint(size, countFor(size)),
  }),
  access: 'read',
  belowRoofline:
    'Each input is its own libuv task: a queue trip, a thread hand-off and a Promise resolved on the main thread per input, and the CRC-32 kernel itself runs below read bandwidth; the two-core roofline assumes both cores stream the whole time (a guess).',
  // One libuv task per input (the pool has four threads) and rayon's pool use every core.
  parallelForms: ['native', 'native-async-batch-rayon'],
  async: true,
  eventLoopDelay: true,
  setup: (size) => {
    const inputs = views(size, countFor(size));
    return { size, inputs, packed: packInputs(inputs) };
  },
  traditional: (s) => jsLoop(s.inputs),
  rustInspired: (s) => jsChunked(s.inputs, s.size),
  ...(bin
    ? {
        native: (s: OffloadState) => perCallAsync(bin, s.inputs),
        nativeVariants: {
          'native-sync': (s: OffloadState) => nativeLoop(bin, s.inputs),
          'native-async-batch': (s: OffloadState) => bin.crc32Batch(s.inputs),
          'native-async-batch-rayon': (s: OffloadState) => bin.crc32BatchParallel(s.inputs),
          'native-async-packed': (s: OffloadState) => bin.crc32Packed(s.packed.data, s.packed.ends),
          'native-batch-sync': (s: OffloadState) => bin.crc32BatchSync(s.inputs),
        },
      }
    : {}),
  check: (results) => allEqual(results),
  ...(bin
    ? { processSamples: (s: OffloadState, mode: 'quick' | 'full') => inflightDelay(bin, s, ELD_ROUNDS[mode]) }
    : {}),
  metrics: async (s, mode) => {
    if (!bin) return {};
    const out: Record<string, number> = {};
    const n = s.inputs.length;
    const runs = mode === 'full' ? 15 : 3;
    // Per-item cost of each way, from the median of `runs` whole-list runs.
    const perItem = async (fn: () => unknown): Promise<number> =>
      round(((await medianMs(fn, runs)) * 1000) / n);
    out.js_sync_us_per_item = await perItem(() => jsLoop(s.inputs));
    out.native_sync_us_per_item = await perItem(() => nativeLoop(bin, s.inputs));
    out.native_async_per_call_us_per_item = await perItem(() => perCallAsync(bin, s.inputs));
    out.native_async_batch_us_per_item = await perItem(() => bin.crc32Batch(s.inputs));
    out.native_async_packed_us_per_item = await perItem(() => bin.crc32Packed(s.packed.data, s.packed.ends));
    out.batching_gain_x = round(out.native_async_per_call_us_per_item / out.native_async_batch_us_per_item);
    out.packed_gain_x = round(out.native_async_per_call_us_per_item / out.native_async_packed_us_per_item);
    // A single call in isolation: the round trip to the pool and back, no overlap.
    const one = s.inputs[0]!;
    out.native_async_single_call_latency_us = round((await medianMs(() => bin.crc32(one), 200)) * 1000);
    // Event-loop delay while 1,000 calls (64 for 16 MiB) are in flight, vs the same work in JS.
    const calls = inflightCalls(s.size);
    const list = Array.from({ length: calls }, (_, i) => s.inputs[i % n]!);
    const nativeEld = await eventLoopDelayDuring(() => Promise.all(list.map((d) => bin.crc32(d))));
    const jsEld = await eventLoopDelayDuring(() => jsLoop(list));
    out[`inflight_${calls}_native_async_eld_p99_ms`] = nativeEld.p99;
    out[`inflight_${calls}_native_async_eld_max_ms`] = nativeEld.max;
    out[`inflight_${calls}_native_async_wall_ms`] = nativeEld.wall_ms;
    out[`inflight_${calls}_js_main_eld_max_ms`] = jsEld.max;
    out[`inflight_${calls}_js_main_wall_ms`] = jsEld.wall_ms;
    if (mode === 'full' && s.size === 65536) Object.assign(out, threadpoolSweep());
    return out;
  },
});
