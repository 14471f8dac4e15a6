/**
 * Static facts about the cases the report knows: the pattern's name, the Dart arm's published
 * figure where the program has one, and which research questions each case informs. Numbers
 * measured here never live in this file; cases missing from it still get a matrix row.
 */
import type { AnswerSpec } from './answers.js';

/** The Dart arm's figure for a pattern, as the program published it. */
export interface DartFigure {
  /** Pattern form over traditional, as a speed ratio (0.25 = 4x slower). */
  ratio: number;
  /** How the program stated it. */
  text: string;
}

export interface CaseMeta {
  id: string;
  pattern: string;
  dart?: DartFigure;
}

/** Cited beside every Dart number. */
export const dartSource = "Dart arm, program's published figures";

const ownershipDart: DartFigure = { ratio: 1 / 1.66, text: 'ownership semantics +66% overhead' };

/** Every known case, in matrix order. */
export const caseMeta: CaseMeta[] = [
  { id: 'limits/call-floor', pattern: 'Node-API call floor' },
  { id: 'limits/memcpy', pattern: 'memcpy ceiling' },
  { id: 'zero-copy/checksum', pattern: 'Native kernel vs JS (CRC-32)' },
  { id: 'zero-copy/boundary-in', pattern: 'Borrow bytes into native (no copy-in)' },
  { id: 'zero-copy/boundary-out', pattern: 'Move a Vec out as a Buffer (no copy-out)' },
  {
    id: 'zero-copy/view-slicing',
    pattern: 'Views instead of copies',
    dart: { ratio: 7, text: 'view slicing 7x' },
  },
  {
    id: 'zero-copy/records',
    pattern: 'Typed views over records',
    dart: { ratio: 15, text: 'zero-copy type punning 15x' },
  },
  { id: 'zero-copy/string-building', pattern: 'String building' },
  { id: 'zero-copy/utf8', pattern: 'UTF-8 validation and decoding' },
  { id: 'zero-copy/lines', pattern: 'Line splitting over views' },
  {
    id: 'allocation/buffer-reuse',
    pattern: 'Buffer reuse',
    dart: { ratio: 2.4, text: 'buffer reuse 2.4x' },
  },
  {
    id: 'allocation/object-pooling',
    pattern: 'Object pooling',
    dart: { ratio: 2.7, text: 'object pooling 2.7x' },
  },
  { id: 'allocation/preallocation', pattern: 'Preallocation (with_capacity)' },
  { id: 'allocation/in-place', pattern: 'In-place mutation' },
  { id: 'allocation/typed-vs-array', pattern: 'TypedArray vs Array' },
  {
    id: 'cache-locality/layout',
    pattern: 'Cache-friendly layout',
    dart: { ratio: 1.38, text: 'cache-friendly layout 1.38x' },
  },
  { id: 'cache-locality/access-order', pattern: 'Sequential access order' },
  { id: 'cache-locality/hot-cold', pattern: 'Hot/cold field splitting' },
  { id: 'ownership/release', pattern: 'Explicit release (drop)', dart: ownershipDart },
  { id: 'ownership/move', pattern: 'Move semantics (transfer)', dart: ownershipDart },
  {
    id: 'async/future-creation',
    pattern: 'Lazy futures',
    dart: { ratio: 1.57, text: 'lazy futures 1.57x' },
  },
  {
    id: 'async/stream-buffering',
    pattern: 'Buffered streams',
    dart: { ratio: 5, text: 'buffered streams 5x' },
  },
  {
    id: 'async/batched-concurrency',
    pattern: 'Batched concurrency',
    dart: { ratio: 3.2, text: 'batched concurrency 3.2x' },
  },
  {
    id: 'async/scheduling',
    pattern: 'Microtask vs macrotask scheduling',
    dart: { ratio: 14, text: 'async microtasks 14x' },
  },
  { id: 'async/native-offload', pattern: 'Offload to the libuv pool' },
  { id: 'async/tokio-spawn', pattern: 'Spawn and join tasks: Promises vs tokio' },
  { id: 'async/tokio-channel', pattern: 'Channels: async queues vs tokio mpsc' },
  { id: 'async/tokio-timers', pattern: 'Zero-delay hops: event loop vs tokio' },
  { id: 'async/tokio-tcp-echo', pattern: 'TCP echo: node:net vs tokio' },
  { id: 'async/tokio-bridge', pattern: 'Async bridge into Rust: libuv AsyncTask vs napi-rs tokio' },
  { id: 'async/native-vs-js-async', pattern: 'Native async vs JS async (a task per call)' },
  { id: 'async/batching', pattern: 'Batching async work into one call' },
  {
    id: 'concurrency/work-distribution',
    pattern: 'Parallel map across workers',
    dart: { ratio: 1 / 27, text: 'parallel map 27x slower' },
  },
  { id: 'concurrency/cpu-bound', pattern: 'Parallel CPU-bound work (by task length)' },
  {
    id: 'concurrency/worker-pools',
    pattern: 'Worker pool',
    dart: { ratio: 0.25, text: 'worker pool 4x slower; new isolates 6x slower' },
  },
  { id: 'concurrency/message-passing', pattern: 'Message passing (transfer vs clone)' },
  {
    id: 'concurrency/synchronization',
    pattern: 'Synchronization: local counts, atomics, a mutex',
    dart: { ratio: 1 / 184, text: 'lock-free up to 184x slower' },
  },
  { id: 'concurrency/sab-parallelism', pattern: 'SharedArrayBuffer parallelism' },
  { id: 'library/map-concurrent', pattern: 'Bounded async map vs p-limit and p-map' },
  { id: 'library/parallel-map', pattern: 'Parallel map vs piscina and tinypool' },
  { id: 'library/utf8', pattern: 'UTF-8 validation vs buffer.isUtf8 and utf-8-validate' },
  { id: 'library/lines', pattern: 'Line splitting vs split2' },
  { id: 'service/ingest', pattern: 'End-to-end ingest service' },
];

/**
 * One of the program's research questions, the cases whose numbers inform it, and the rows its
 * one-line answer is generated from (answers.ts).
 */
export interface Question {
  title: string;
  cases: string[];
  answer: AnswerSpec;
}

const rustVsTraditional = 'rust_inspired_vs_traditional' as const;

/** Rows that read Rust-inspired against traditional in each case. */
const rustRows = (...ids: string[]): AnswerSpec['rows'] =>
  ids.map((id) => ({ case: id, compare: rustVsTraditional }));

export const questions: Question[] = [
  {
    title: 'Views vs copies',
    cases: ['zero-copy/view-slicing', 'zero-copy/records', 'zero-copy/lines', 'zero-copy/utf8'],
    answer: {
      rows: rustRows('zero-copy/view-slicing', 'zero-copy/records'),
      yesWhen: 'faster',
      yes: 'views beat copies',
      no: 'views do not beat copies',
    },
  },
  {
    title: "Can async match Rust's async?",
    cases: [
      'async/tokio-spawn',
      'async/tokio-channel',
      'async/tokio-timers',
      'async/tokio-tcp-echo',
      'async/tokio-bridge',
      'async/native-vs-js-async',
      'async/batching',
      'async/native-offload',
      'async/future-creation',
    ],
    answer: {
      rows: [
        { case: 'async/tokio-spawn', compare: { challenger: 'traditional', incumbent: 'rust' } },
        { case: 'async/tokio-channel', compare: { challenger: 'traditional', incumbent: 'rust' } },
        { case: 'async/tokio-tcp-echo', compare: { challenger: 'traditional', incumbent: 'rust' } },
      ],
      yesWhen: 'not-slower',
      yes: "JS async is at least as fast as tokio's current-thread runtime",
      no: "JS async is slower than tokio's current-thread runtime",
    },
  },
  {
    title: 'When does parallelism overcome its overhead?',
    cases: [
      'concurrency/work-distribution',
      'concurrency/cpu-bound',
      'concurrency/sab-parallelism',
      'async/batched-concurrency',
    ],
    answer: {
      rows: rustRows('concurrency/cpu-bound', 'concurrency/work-distribution'),
      yesWhen: 'faster',
      yes: 'a warm worker pool beats one thread at the largest sizes, from the size each row gives',
      no: 'a warm worker pool does not beat one thread even at the largest sizes',
    },
  },
  {
    title: 'Object pooling in modern V8',
    cases: ['allocation/object-pooling', 'allocation/buffer-reuse'],
    answer: {
      rows: [
        { case: 'allocation/object-pooling', compare: rustVsTraditional },
        {
          case: 'allocation/object-pooling',
          compare: { challenger: 'short-lived pool', incumbent: 'short-lived new' },
        },
      ],
      yesWhen: 'faster',
      yes: 'pooling pays for long-lived and short-lived objects alike',
      no: 'pooling does not pay',
    },
  },
  {
    title: 'Rust-like zero-copy across Node-API',
    cases: ['limits/call-floor', 'zero-copy/boundary-in', 'zero-copy/boundary-out', 'zero-copy/checksum'],
    answer: {
      rows: [
        { case: 'zero-copy/boundary-in', compare: 'native_vs_best_js' },
        { case: 'zero-copy/checksum', compare: 'native_vs_best_js' },
      ],
      yesWhen: 'faster',
      yes: 'native code on borrowed bytes beats the fastest JS, built-ins included',
      no: 'native code on borrowed bytes does not beat the fastest JS, built-ins included',
    },
  },
  {
    title: 'TypedArray vs Array',
    cases: ['allocation/typed-vs-array', 'cache-locality/layout'],
    answer: {
      rows: rustRows('allocation/typed-vs-array', 'cache-locality/layout'),
      yesWhen: 'faster',
      yes: 'typed arrays beat JS arrays',
      no: 'typed arrays do not beat JS arrays',
    },
  },
  {
    title: 'Microtask vs macrotask',
    cases: ['async/scheduling'],
    answer: {
      rows: rustRows('async/scheduling'),
      yesWhen: 'faster',
      yes: 'a microtask hop is cheaper than a macrotask hop',
      no: 'a microtask hop is not cheaper than a macrotask hop',
    },
  },
  {
    title: 'When do workers overcome serialization?',
    cases: ['concurrency/message-passing', 'concurrency/worker-pools'],
    answer: {
      rows: rustRows('concurrency/message-passing', 'concurrency/worker-pools'),
      yesWhen: 'faster',
      yes: 'transferring beats cloning and a warm pool beats the main thread at the largest sizes',
      no: 'neither transferring nor a warm pool beats the copy or the main thread',
    },
  },
  {
    title: 'Can SharedArrayBuffer enable true parallelism?',
    cases: ['concurrency/sab-parallelism', 'concurrency/synchronization'],
    answer: {
      rows: rustRows('concurrency/sab-parallelism', 'concurrency/synchronization'),
      yesWhen: 'faster',
      yes: 'workers sharing one SharedArrayBuffer beat one thread and beat counting apart',
      no: 'workers sharing one SharedArrayBuffer do not beat one thread or counting apart',
    },
  },
  {
    title: 'Do ownership semantics pay in a GC language?',
    cases: ['ownership/move', 'ownership/release'],
    answer: {
      rows: rustRows('ownership/move', 'ownership/release'),
      yesWhen: 'faster',
      yes: 'moves and explicit release beat the GC-managed forms',
      no: 'moves and explicit release do not beat the GC-managed forms',
    },
  },
];

/**
 * Why each row comes out as it does: one sentence in V8/Node terms, without numbers (the numbers
 * come from the data), ending with "(a guess)" where the mechanism was not verified.
 */
export const mechanisms: Record<string, string> = {
  'zero-copy/checksum':
    'The native kernel folds 16-byte lanes with carry-less multiplication, which JS cannot express, while the JS table lookup makes one dependent load per byte; on tiny inputs the Node-API call costs more than the work.',
  'zero-copy/boundary-in':
    'A borrowed Uint8Array reaches Rust as a pointer and a length without a copy, so a call costs the boundary plus a SIMD scan; Buffer#indexOf is already a C++ scan without the boundary.',
  'zero-copy/boundary-out':
    'Both native forms run the same memory-speed kernel and differ only on the way out: a move wraps the Vec as an external backing store with a finalizer and external-memory accounting, a fixed cost, while a copy allocates a V8 Buffer and copies every byte, a cost that grows with size (a guess).',
  'zero-copy/view-slicing':
    'subarray makes a small view object over the same backing store whatever the length, while slice allocates and copies every byte.',
  'zero-copy/records':
    'Step by step: a u64 read as a BigInt allocates a heap BigInt per record, which two u32 reads avoid; columns replace an object per record (an allocation and property stores each) with stores into typed arrays; one Uint32Array alias replaces a bounds-checked Buffer#readXxx call per field with plain element loads; reused columns skip allocating and zero-filling five backing stores per call.',
  'zero-copy/records-encode':
    'Writing fields through typed views or natively stores bytes in place, where per-record objects and DataView calls add work per field.',
  'zero-copy/string-building':
    'V8 keeps += results as ropes and flattens them once, so concatenation and join end up doing similar work; the native form writes bytes and never builds UTF-16 strings.',
  'zero-copy/utf8':
    'Validating without decoding reads each byte once and allocates nothing, where a TextDecoder builds a string it then drops; buffer.isUtf8 and the native path are SIMD validators.',
  'zero-copy/lines':
    'Offsets and views avoid a string per line; toString().split is one C++ pass that makes strings, which is hard to beat when every line is wanted as a string.',
  'allocation/buffer-reuse':
    'A reused Buffer skips the allocation and zero-fill of a new backing store per op and the GC work of freeing it; where glibc returns freed memory to the kernel (its own thresholds, `--malloc default`), a new backing store also faults its pages in again, which reuse avoids too.',
  'allocation/object-pooling':
    "V8's young generation makes short-lived allocation a pointer bump and dead objects free to collect, so a pool only pays when objects live long enough to be promoted and traced by full collections.",
  'allocation/preallocation':
    'A typed array of known length is allocated once, where push grows a JS array by reallocating and copying its elements store.',
  'allocation/in-place':
    "Step by step: a counted loop into new Array(n) instead of Array#map drops the closure call per element and map's generic construction of its result; writing back skips allocating and filling a new array, whose cost grows with its size once it outgrows the young generation; a packed number[] of doubles already stores raw doubles as a Float64Array does, so the last step, the container, should buy little (a guess).",
  'allocation/typed-vs-array':
    'A packed JS array of small integers is read through the same fast element paths as a typed array, and its builtins are just as optimised; typed arrays save memory more than time (a guess).',
  'cache-locality/layout':
    'Columns keep each field contiguous, so a loop over one field streams cache lines; an array of objects spreads fields over separate heap objects with headers and pointers.',
  'cache-locality/access-order':
    'In memory order the hardware prefetcher streams the data; a shuffled index misses the caches and the TLB on most accesses, and sorting the index first costs a comparison sort.',
  'cache-locality/hot-cold':
    'Step by step: splitting the fields alone changes little while each hot object still sits beside its cold half, since every record still costs a cache line; laying the hot objects out together is the step that pays, because then several records share a line and the prefetcher streams them; flat floats drop the object headers and the pointer chase. In V8 the layout, not the split, is what a program controls only indirectly: a scavenge copies objects in the order it reaches them, so the case fixes the layout by construction.',
  'ownership/release':
    "Deterministic release returns memory at once (to a pool or to the allocator) instead of when V8 next collects and runs finalizers; with the engine's fixed malloc thresholds the GC-freed block is reused warm, while with glibc's own (`--malloc default`) it may go back to the kernel and the next one faults its pages in, a cost the released forms never pay and that widened their lead several-fold.",
  'ownership/move':
    "Passing a reference is free in a GC language; a move must detach the ArrayBuffer, which makes new objects and invalidates V8's process-wide detach protector, after which every typed-array access checks for detachment.",
  'async/future-creation':
    'An async function starts and allocates its promise when called; a thunk defers both and costs one closure more when every result is used anyway.',
  'async/stream-buffering':
    'Step by step: one await per chunk instead of per record removes a promise resolution and a microtask hop per record, which is most of the cost; a plain loop instead of a generator per chunk removes the iterator protocol; reading fields straight from the bytes removes the object per record, which V8 may already have elided by escape analysis in the plain loop (a guess).',
  'async/batched-concurrency':
    "The server's one thread does the same work however many requests wait, so a limit cannot add throughput there; unbounded requests open a socket each beyond the agent's idle pool and queue behind each other, which a limit avoids by keeping a few reused sockets busy (a guess).",
  'async/scheduling':
    "Microtasks run to completion in a loop inside V8 without returning to libuv; a setImmediate hop goes through libuv's check phase, which is also what lets timers and I/O run in between.",
  'async/native-offload':
    'An offloaded call pays a trip through the libuv queue and a completion callback on the main thread; it buys a responsive event loop when the work is long, not throughput on short work.',
  'async/native-vs-js-async':
    'Each native async call queues libuv work and calls back into JS, which costs more than resolving a Promise when the task itself is small.',
  'async/batching':
    'One call for all tasks pays the boundary and the scheduling once instead of once per task.',
  'async/tokio-spawn':
    "A tokio task is a state machine polled by the scheduler with one allocation at spawn and no GC; an async function allocates a promise and goes through V8's microtask queue (a guess).",
  'async/tokio-channel':
    'tokio mpsc hands values between tasks through a preallocated block list without waking the OS; JS queues pay promise resolutions per message (a guess).',
  'async/tokio-timers':
    "A yield in tokio re-queues the task in the scheduler's run queue; a JS zero-delay hop goes through the microtask queue or a libuv phase (a guess).",
  'async/tokio-tcp-echo':
    'Both sit on epoll; tokio polls sockets in Rust futures while node:net wraps every read in a stream event and a Buffer (a guess).',
  'async/tokio-bridge':
    "An AsyncTask queues work on libuv's pool and completes through a libuv async handle; a future on napi-rs's tokio runtime completes through a thread-safe function call back into JS (a guess).",
  'concurrency/work-distribution':
    'A memory-bound kernel is limited by the memory bandwidth all cores share, so more threads add coordination cost without more bandwidth.',
  'concurrency/cpu-bound':
    'CPU-bound work scales with the cores once a task is long enough to amortise the round trip of a message to a worker and back.',
  'concurrency/worker-pools':
    'A warm pool costs a message round trip per task and new Workers a V8 isolate each, while the main thread costs nothing extra but blocks the event loop meanwhile.',
  'concurrency/message-passing':
    'Transferring an ArrayBuffer moves its backing store without a copy, cloning copies every byte, and a SharedArrayBuffer is shared without either.',
  'concurrency/synchronization':
    'Counting locally needs no synchronization; an atomic add makes two cores contend for one cache line, and a mutex adds lock traffic and futex sleeps; with threads and workers started before timing, a round costs one hand-off to each and one reply.',
  'concurrency/sab-parallelism':
    'Workers reading one SharedArrayBuffer work on the same memory without copies, so the speed-up is bounded by the cores and the memory bandwidth.',
  'library/map-concurrent':
    'The package keeps a counter and an index per call and starts the next item from the previous completion; p-limit and p-map add a queue entry, extra promises and async-context bookkeeping per item (a guess).',
  'library/parallel-map':
    'Every pool pays a message to a worker and back per slice; the differences are each pool’s dispatch path and whether it allocates the output per call (a guess).',
  'library/utf8':
    'All of them are SIMD scans over the bytes, so at large sizes they meet at memory speed and at tiny sizes the cost of the call itself decides.',
  'library/lines':
    'Offsets and views make no string per line, split2 adds stream events per line, and toString().split makes strings in one C++ pass.',
};

/** The metadata of a case id, if the report knows it. */
export function metaOf(id: string): CaseMeta | undefined {
  return caseMeta.find((m) => m.id === id);
}
