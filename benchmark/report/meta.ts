/**
 * Static facts about the cases the report knows: the pattern's name, the Dart arm's published
 * figure where the program has one, and which research questions each case informs. Numbers
 * measured here never live in this file; cases missing from it still get a matrix row.
 */

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
    pattern: 'Lock-free synchronization',
    dart: { ratio: 1 / 184, text: 'lock-free up to 184x slower' },
  },
  { id: 'concurrency/sab-parallelism', pattern: 'SharedArrayBuffer parallelism' },
  { id: 'library/map-concurrent', pattern: 'Bounded async map vs p-limit and p-map' },
  { id: 'library/parallel-map', pattern: 'Parallel map vs piscina and tinypool' },
  { id: 'library/utf8', pattern: 'UTF-8 validation vs buffer.isUtf8 and utf-8-validate' },
  { id: 'library/lines', pattern: 'Line splitting vs split2' },
  { id: 'service/ingest', pattern: 'End-to-end ingest service' },
];

/** One of the program's research questions and the cases whose numbers answer it. */
export interface Question {
  title: string;
  cases: string[];
}

export const questions: Question[] = [
  {
    title: 'Views vs copies',
    cases: ['zero-copy/view-slicing', 'zero-copy/records', 'zero-copy/lines', 'zero-copy/utf8'],
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
  },
  {
    title: 'When does parallelism overcome its overhead?',
    cases: [
      'concurrency/work-distribution',
      'concurrency/cpu-bound',
      'concurrency/sab-parallelism',
      'async/batched-concurrency',
    ],
  },
  {
    title: 'Object pooling in modern V8',
    cases: ['allocation/object-pooling', 'allocation/buffer-reuse'],
  },
  {
    title: 'Rust-like zero-copy across Node-API',
    cases: ['limits/call-floor', 'zero-copy/boundary-in', 'zero-copy/boundary-out', 'zero-copy/checksum'],
  },
  {
    title: 'TypedArray vs Array',
    cases: ['allocation/typed-vs-array', 'cache-locality/layout'],
  },
  {
    title: 'Microtask vs macrotask',
    cases: ['async/scheduling'],
  },
  {
    title: 'When do workers overcome serialization?',
    cases: ['concurrency/message-passing', 'concurrency/worker-pools'],
  },
  {
    title: 'Can SharedArrayBuffer enable true parallelism?',
    cases: ['concurrency/sab-parallelism', 'concurrency/synchronization'],
  },
  {
    title: 'Do ownership semantics pay in a GC language?',
    cases: ['ownership/move', 'ownership/release'],
  },
];

/** The metadata of a case id, if the report knows it. */
export function metaOf(id: string): CaseMeta | undefined {
  return caseMeta.find((m) => m.id === id);
}
