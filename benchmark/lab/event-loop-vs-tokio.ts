/**
 * The Node side of the tokio-vs-event-loop workloads (question 2: can Promises and the event loop
 * match Rust's async?). Each function is what a competent Node developer writes for the job; the
 * tokio twins are in `crates/async-bench/src/workloads.rs`, and `benchmark/cases/async/tokio-*.ts`
 * time both. Every workload returns what its `check*` function verifies before timing.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { setImmediate as immediate, setTimeout as sleep } from 'node:timers/promises';

/** Sum of `0..n`: what the spawn and channel workloads must return. */
export function sumBelow(n: number): number {
  return (n * (n - 1)) / 2;
}

function fail(what: string, got: unknown, want: unknown): never {
  throw new Error(`benchmark check failed: ${what}: got ${String(got)}, expected ${String(want)}`);
}

// ---------------------------------------------------------------------------------------------
// spawn and join N tasks

async function task(i: number): Promise<number> {
  return i;
}

async function taskAfterHop(i: number): Promise<number> {
  // Starts its body a microtask later, as a spawned tokio task starts when the scheduler polls it.
  await undefined;
  return i;
}

/** N async-function calls joined with `Promise.all`; resolves with the sum of their results. */
export async function spawnJoin(n: number, body: (i: number) => Promise<number> = task): Promise<number> {
  const tasks = new Array<Promise<number>>(n);
  for (let i = 0; i < n; i++) tasks[i] = body(i);
  const results = await Promise.all(tasks);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += results[i]!;
  return sum;
}

/** `spawnJoin` with task bodies that first yield a microtask. */
export function spawnJoinDeferred(n: number): Promise<number> {
  return spawnJoin(n, taskAfterHop);
}

export function checkSpawn(form: string, n: number, got: unknown): void {
  if (got !== sumBelow(n)) fail(`${form} spawn-join of ${n} tasks`, got, sumBelow(n));
}

// ---------------------------------------------------------------------------------------------
// a channel passing N messages

/** The bound of every bounded channel here; tokio's `mpsc::channel` gets the same capacity. */
export const channelCapacity = 1024;

/** What the consumer of a channel saw. */
export interface Received {
  count: number;
  sum: number;
}

/**
 * A bounded single-consumer channel in the manner of tokio's `mpsc`: `send` returns `undefined`
 * when the value went straight into the buffer or to a waiting receiver, and a Promise only when
 * the buffer is full (the sender must wait), so a producer pays for an `await` only under
 * backpressure. Iterating it receives until `close` and the buffer is drained.
 */
export class BoundedChannel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private head = 0;
  private closed = false;
  private receiver: ((r: IteratorResult<T>) => void) | null = null;
  private readonly senders: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  send(value: T): Promise<void> | undefined {
    if (this.closed) throw new Error('send on a closed channel');
    const receiver = this.receiver;
    if (receiver) {
      this.receiver = null;
      receiver({ value, done: false });
      return undefined;
    }
    if (this.buffer.length - this.head < this.capacity) {
      this.buffer.push(value);
      return undefined;
    }
    // Woken when the consumer takes a value: the retry then finds room (one producer).
    return new Promise<void>((resolve) => this.senders.push(resolve)).then(() => this.send(value));
  }

  close(): void {
    this.closed = true;
    const receiver = this.receiver;
    if (receiver && this.head === this.buffer.length) {
      this.receiver = null;
      receiver({ value: undefined, done: true });
    }
  }

  private next(): Promise<IteratorResult<T>> | IteratorResult<T> {
    if (this.head < this.buffer.length) {
      const value = this.buffer[this.head++]!;
      if (this.head === this.buffer.length) {
        this.buffer.length = 0;
        this.head = 0;
      }
      this.senders.shift()?.();
      return { value, done: false };
    }
    if (this.closed) return { value: undefined, done: true };
    return new Promise((resolve) => {
      this.receiver = resolve;
    });
  }

  /** Receives one value: the value, or `undefined` once closed and drained. */
  async recv(): Promise<T | undefined> {
    const r = await this.next();
    return r.done ? undefined : r.value;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return { next: async () => this.next() };
  }
}

/** A producer task sends `0..n` through a `BoundedChannel`; this task receives them all. */
export async function channelBounded(n: number): Promise<Received> {
  const ch = new BoundedChannel<number>(channelCapacity);
  const producer = (async () => {
    for (let i = 0; i < n; i++) {
      const wait = ch.send(i);
      if (wait) await wait;
    }
    ch.close();
  })();
  const got: Received = { count: 0, sum: 0 };
  for await (const v of ch) {
    got.count++;
    got.sum += v;
  }
  await producer;
  return got;
}

/** An async generator as the producer and `for await` as the consumer: one value per handoff. */
export async function channelAsyncGenerator(n: number): Promise<Received> {
  async function* produce(): AsyncGenerator<number> {
    for (let i = 0; i < n; i++) yield i;
  }
  const got: Received = { count: 0, sum: 0 };
  for await (const v of produce()) {
    got.count++;
    got.sum += v;
  }
  return got;
}

/**
 * Node's own stream: an object-mode `Readable` whose `read` pushes until the buffer is full
 * (`highWaterMark` = the channel capacity), consumed with `for await`.
 */
export async function channelReadable(n: number): Promise<Received> {
  let i = 0;
  const stream = new Readable({
    objectMode: true,
    highWaterMark: channelCapacity,
    read() {
      while (i < n) {
        if (!this.push(i++)) return;
      }
      this.push(null);
    },
  });
  const got: Received = { count: 0, sum: 0 };
  for await (const v of stream as AsyncIterable<number>) {
    got.count++;
    got.sum += v;
  }
  return got;
}

export function checkChannel(form: string, n: number, got: unknown): void {
  const r = got as Partial<Received> | null;
  if (r?.count !== n) fail(`${form} channel of ${n} messages: count`, r?.count, n);
  if (r.sum !== sumBelow(n)) fail(`${form} channel of ${n} messages: sum`, r.sum, sumBelow(n));
}

// ---------------------------------------------------------------------------------------------
// timers: N tasks that each hop once through the scheduler

/** The zero-delay hops a task can take, each awaited once. */
export const hops = {
  /** Through the timers phase: at least 1 ms (Node clamps 0 to 1). */
  'setTimeout(0)': () => sleep(0),
  /** The check phase of the next loop turn: the `yield_now` analogue. */
  setImmediate: () => immediate(),
  /** The microtask queue: runs before the loop turns at all. */
  queueMicrotask: () => new Promise<void>((resolve) => queueMicrotask(resolve)),
} satisfies Record<string, () => Promise<unknown>>;

/** N async tasks that each await one `hop`, joined with `Promise.all`: the count that finished. */
export async function timerTasks(n: number, hop: () => Promise<unknown>): Promise<number> {
  const one = async (): Promise<number> => {
    await hop();
    return 1;
  };
  const tasks = new Array<Promise<number>>(n);
  for (let i = 0; i < n; i++) tasks[i] = one();
  const done = await Promise.all(tasks);
  let count = 0;
  for (let i = 0; i < n; i++) count += done[i]!;
  return count;
}

export function checkTimers(form: string, n: number, got: unknown): void {
  if (got !== n) fail(`${form} ${n} timer tasks`, got, n);
}

// ---------------------------------------------------------------------------------------------
// TCP echo on loopback

/** How long the free-running latency measurement runs per form, ms (both sides, by mode). */
export const echoLatencyMs: Record<'quick' | 'full', number> = { quick: 200, full: 1000 };

/** Bytes per echo message and messages each client sends per op (as the tokio side). */
export const messageBytes = 64;
export const messagesPerOp = 8;

/** The message client `client` sends as its `seq`-th: both numbers, then a fixed pattern. */
export function message(client: number, seq: number): Buffer {
  const m = Buffer.alloc(messageBytes);
  m.writeBigUInt64LE(BigInt(client), 0);
  m.writeBigUInt64LE(BigInt(seq), 8);
  for (let i = 16; i < messageBytes; i++) m[i] = ((i - 16) * 31 + client) & 0xff;
  return m;
}

/** One connection as a request/response client: `request` resolves with the next 64 bytes. */
class EchoClient {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private waiter: ((reply: Buffer) => void) | null = null;

  constructor(
    readonly id: number,
    readonly socket: Socket,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes >= messageBytes && this.waiter) {
        const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
        const reply = all.subarray(0, messageBytes);
        const rest = all.subarray(messageBytes);
        this.pending = rest.length > 0 ? [rest] : [];
        this.pendingBytes = rest.length;
        const w = this.waiter;
        this.waiter = null;
        w(reply);
      }
    });
  }

  request(m: Buffer): Promise<Buffer> {
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.socket.write(m);
    });
  }
}

/** An echo server on 127.0.0.1 and `clients` connected clients (Nagle off on both ends). */
export interface EchoBench {
  server: Server;
  clients: EchoClient[];
  seq: number;
}

export async function startEcho(clients: number): Promise<EchoBench> {
  const server = createServer({ noDelay: true }, (sock) => {
    sock.on('data', (d) => sock.write(d));
    // A client closing mid-write resets the connection; that ends this connection only.
    sock.on('error', () => sock.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const conns: EchoClient[] = [];
  for (let id = 0; id < clients; id++) {
    const socket = createConnection({ port, host: '127.0.0.1', noDelay: true });
    await once(socket, 'connect');
    conns.push(new EchoClient(id, socket));
  }
  return { server, clients: conns, seq: 0 };
}

export async function stopEcho(b: EchoBench): Promise<void> {
  for (const c of b.clients) c.socket.destroy();
  await new Promise((resolve) => b.server.close(resolve));
}

async function clientRound(c: EchoClient, first: number, k: number, rtts?: number[]): Promise<number> {
  let ok = 0;
  for (let j = 0; j < k; j++) {
    const m = message(c.id, first + j);
    const t0 = rtts ? process.hrtime.bigint() : 0n;
    const reply = await c.request(m);
    if (rtts) rtts.push(Number(process.hrtime.bigint() - t0));
    if (reply.equals(m)) ok += messageBytes;
  }
  return ok;
}

/** One op: every client sends `messagesPerOp` messages one after another, all at once. */
export async function echoRound(b: EchoBench): Promise<number> {
  const first = b.seq;
  b.seq += messagesPerOp;
  const bytes = await Promise.all(b.clients.map((c) => clientRound(c, first, messagesPerOp)));
  return bytes.reduce((a, x) => a + x, 0);
}

/** Free-running clients for `ms`: every round-trip time (ns) and the wall time (ms). */
export async function echoLatency(b: EchoBench, ms: number): Promise<{ rtts: number[]; wallMs: number }> {
  const rtts: number[] = [];
  const start = performance.now();
  const deadline = start + ms;
  const first = b.seq;
  b.seq += 2 ** 32;
  await Promise.all(
    b.clients.map(async (c) => {
      for (let seq = first; performance.now() < deadline; seq++) {
        if ((await clientRound(c, seq, 1, rtts)) !== messageBytes) {
          throw new Error(`benchmark check failed: echo of client ${c.id} differs from the message sent`);
        }
      }
    }),
  );
  return { rtts, wallMs: performance.now() - start };
}

export function checkEcho(form: string, clients: number, got: unknown): void {
  const want = clients * messagesPerOp * messageBytes;
  if (got !== want) fail(`${form} echo with ${clients} clients: bytes echoed intact`, got, want);
}
