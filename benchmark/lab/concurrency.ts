/**
 * Shared by the `concurrency/*` cases: the eval workers' kernels and request/reply channel, the
 * SharedArrayBuffer inputs, and the forked children of the `child-processes` forms. Workers and
 * children are started outside timing (the forked children live for the whole run and are
 * unreferenced while idle), so startup is timed only where a form is about startup.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { BLOCK, foldBlocks, reduceKernels } from '../../src/concurrency-kernels.js';
import type { ModuleKernel } from '../../src/concurrency-worker.js';
import { parallelReduce, sharedFloat64Array } from '../../src/concurrency.js';
import { labExecArgv, labScript } from './spawn.js';

/** `noop` of the plain CommonJS kernel module, which the pool's workers load by path. */
const noopKernel: ModuleKernel = { module: join(__dirname, 'concurrency-kernel.cjs'), name: 'noop' };
/** A one-element input, so that `parallelPing` sends exactly one task. */
const pingInput = sharedFloat64Array(1);

/**
 * Sends one task that does no work through the library's shared pool and waits for the reply:
 * the per-message floor that every pooled call pays (`concurrency/worker-pools`), and a way to
 * start the pool outside timing. The task is a one-element `parallelReduce` with a kernel that
 * returns 0, so the floor includes posting a one-element SharedArrayBuffer view and one
 * `require` cache hit in the worker, as every `{ module, name }` task does.
 */
export function parallelPing(): Promise<number> {
  return parallelReduce(pingInput, noopKernel, { minElements: 0, threads: 1 });
}

/**
 * Kernels for the plain (eval) workers, as source text, so that the main thread runs the very
 * same code (through `new Function`) and the forms agree bit for bit. Eval workers start without
 * tsx, so their startup is Node's own.
 */
export const KERNELS = `
function sumSquares(data, start, end) {
  const B = ${BLOCK};
  let total = 0;
  for (let i = start; i < end; i += B) {
    let acc = 0;
    const stop = Math.min(i + B, end);
    for (let j = i; j < stop; j++) { const x = data[j]; acc += x * x; }
    total += acc;
  }
  return total;
}
function blockSums(data, start, end) {
  const B = ${BLOCK};
  const out = new Float64Array(Math.ceil((end - start) / B));
  for (let b = 0, i = start; i < end; b++, i += B) out[b] = sumSquares(data, i, Math.min(i + B, end));
  return out;
}
function fill(out, start, end) {
  for (let i = start; i < end; i++) out[i] = Math.sqrt(i) * 1.5 + (i & 7);
}
`;

/** `fill` from `KERNELS`, compiled on this thread: the same code the workers run. */
export const { fill } = new Function(`${KERNELS}; return { fill };`)() as {
  fill: (out: Float64Array, start: number, end: number) => void;
};

/** Source of an eval worker: the worker_threads prelude, `KERNELS`, then `body`. */
export function workerSource(body: string): string {
  return `const { parentPort, workerData } = require('node:worker_threads');\n${KERNELS}\n${body}`;
}

/** A worker that answers each message with one reply, and the request/reply plumbing. */
export class Channel {
  readonly worker: Worker;
  private waiting: Array<(value: unknown) => void> = [];

  constructor(body: string, workerData?: unknown) {
    this.worker = new Worker(workerSource(body), { eval: true, workerData });
    this.worker.on('message', (value: unknown) => this.waiting.shift()?.(value));
  }

  request<T>(message: unknown, transfer?: ArrayBuffer[]): Promise<T> {
    return new Promise<T>((resolve) => {
      this.waiting.push(resolve as (value: unknown) => void);
      this.worker.postMessage(message, transfer);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The tail of the calls in flight on each state, shared by every `serialized` form. */
const tails = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `fn` one call at a time per state, across every form wrapped with `serialized`: forms
 * that own a moving buffer, reset a shared counter or talk to the same workers must not overlap,
 * with themselves or with each other, whatever the sampler does.
 */
export function serialized<S extends object, A extends unknown[], R>(
  fn: (s: S, ...args: A) => Promise<R>,
): (s: S, ...args: A) => Promise<R> {
  return (s, ...args) => {
    const run = (tails.get(s) ?? Promise.resolve()).then(() => fn(s, ...args));
    tails.set(
      s,
      run.catch(() => undefined),
    );
    return run;
  };
}

/** Float64 data of `bytes` bytes (at least one element) in a SharedArrayBuffer, mixed magnitudes. */
export function sharedData(bytes: number): Float64Array {
  const data = sharedFloat64Array(Math.max(1, Math.floor(bytes / 8)));
  let x = 0x2545f491;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = (x % 1000) / 7;
  }
  return data;
}

export interface Children {
  procs: ChildProcess[];
  next: number;
  pending: Map<number, (blocks: Float64Array) => void>;
}

let children: Promise<Children> | null = null;

/**
 * Two forked children, started once per run and reused by every size and case (a tsx child takes
 * about a second to start under load). They are unreferenced while idle, so they never keep the
 * runner alive, and killed when it exits.
 */
export function startChildren(count: number): Promise<Children> {
  if (children !== null) return children;
  const state: Children = { procs: [], next: 0, pending: new Map() };
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const child = fork(labScript('concurrency-child'), [], {
      execArgv: [...labExecArgv],
      serialization: 'advanced',
    });
    child.on('message', (m: { id: number; blocks: Float64Array }) => {
      state.pending.get(m.id)?.(m.blocks);
      state.pending.delete(m.id);
      if (state.pending.size === 0) for (const c of state.procs) c.channel?.unref?.();
    });
    // Unreferenced, the children let the process exit when no reduction is pending; a send refs
    // the channel again. Bun 1.4.5's channel has no ref/unref, so there the children stay
    // referenced (an unref'd child let Bun exit mid-case) and child.ts ends the process itself.
    if (typeof child.channel?.unref === 'function') {
      child.unref();
      child.channel.unref();
    }
    ready.push(new Promise((resolve) => child.once('spawn', () => resolve())));
    state.procs.push(child);
  }
  process.once('exit', () => {
    for (const child of state.procs) child.kill();
  });
  children = Promise.all(ready).then(() => state);
  return children;
}

/**
 * Sends each of the first `parts` children (default all) a block-aligned copy of its part of
 * `data` and folds the replies in order. The kernel is the sum of squares unless `kernel` names
 * a module export.
 */
export async function reduceInChildren(
  children: Children,
  data: Float64Array,
  kernel?: ModuleKernel,
  parts = children.procs.length,
): Promise<number> {
  const blocks = Math.ceil(data.length / BLOCK);
  const replies = children.procs.slice(0, parts).map((child, t) => {
    const start = Math.floor((t * blocks) / parts) * BLOCK;
    const end = Math.min(Math.floor(((t + 1) * blocks) / parts) * BLOCK, data.length);
    const id = children.next++;
    // Referenced while a reply is due, so that the runner waits for it.
    child.channel?.ref?.();
    return new Promise<Float64Array>((resolve) => {
      children.pending.set(id, resolve);
      child.send({ id, data: data.slice(start, end), kernel });
    });
  });
  const combine = reduceKernels.sumSquares.combine;
  let acc = combine.identity;
  for (const part of await Promise.all(replies)) acc = foldBlocks(combine, part, acc);
  return acc;
}
