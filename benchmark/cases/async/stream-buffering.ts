/**
 * `async/stream-buffering`: processing N generated 24-byte binary records that arrive in
 * 64 KiB chunks: one `await` per record vs a chunked async iterator vs a Node stream (with a
 * 64 KiB highWaterMark) vs materialising every record into an array first.
 *
 * The per-record async iterator and the chunked fold differ in three ways, so the case times a
 * ladder that changes one at a time (`steps`): one await per chunk instead of per record (records
 * still come out of an iterator as objects), a plain loop instead of the per-chunk iterator
 * (objects still made), and fields read straight from the bytes instead of an object per record.
 *
 * Record layout (little-endian): u32 id, u32 quantity, f64 price, f64 weight.
 */
import { Readable } from 'node:stream';

import { allEqual, defineCase, type BenchCase } from '../../engine/case.js';

const RECORD = 24;
/** Records per chunk: 2,730 × 24 B = 65,520 B, the largest record-aligned chunk under 64 KiB. */
const PER_CHUNK = Math.floor(65536 / RECORD);

interface Rec {
  id: number;
  quantity: number;
  price: number;
  weight: number;
}

interface State {
  data: Uint8Array;
  count: number;
  /** Set by the peak-memory measurement only: called once per chunk. */
  probe: (() => void) | null;
}

function generate(count: number): Uint8Array {
  const data = new Uint8Array(count * RECORD);
  const view = new DataView(data.buffer);
  for (let i = 0; i < count; i++) {
    const at = i * RECORD;
    view.setUint32(at, i, true);
    view.setUint32(at + 4, (i * 7) % 100, true);
    view.setFloat64(at + 8, (i % 1000) / 8, true);
    view.setFloat64(at + 16, (i % 13) / 4, true);
  }
  return data;
}

/** What folding `generate(count)` must give, computed from the formulas in record order. */
function expectedTotals(count: number): Totals {
  const totals: Totals = [count, 0, 0];
  for (let i = 0; i < count; i++) {
    totals[1] += (i * 7) % 100;
    totals[2] += ((i % 1000) / 8) * ((i % 13) / 4);
  }
  return totals;
}

/** The "I/O": yields the data in record-aligned chunks, one await each, like a file stream. */
async function* chunks(s: State): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < s.data.length; at += PER_CHUNK * RECORD) {
    await null;
    s.probe?.();
    yield s.data.subarray(at, Math.min(s.data.length, at + PER_CHUNK * RECORD));
  }
}

function decode(view: DataView, at: number): Rec {
  return {
    id: view.getUint32(at, true),
    quantity: view.getUint32(at + 4, true),
    price: view.getFloat64(at + 8, true),
    weight: view.getFloat64(at + 16, true),
  };
}

const dataView = (chunk: Uint8Array): DataView =>
  new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/** The consumer's fold: [records, Σ quantity, Σ price × weight]. */
type Totals = [number, number, number];

async function* recordByRecord(s: State): AsyncGenerator<Rec> {
  for await (const chunk of chunks(s)) {
    const view = dataView(chunk);
    for (let at = 0; at < chunk.length; at += RECORD) yield decode(view, at);
  }
}

/** The records of one chunk through a synchronous iterator: no await, one object each. */
function* recordsOf(chunk: Uint8Array): Generator<Rec> {
  const view = dataView(chunk);
  for (let at = 0; at < chunk.length; at += RECORD) yield decode(view, at);
}

/** Sums a chunk in place: fields are read straight from the bytes, no object per record. */
function foldChunk(chunk: Uint8Array, totals: Totals): void {
  const view = dataView(chunk);
  for (let at = 0; at < chunk.length; at += RECORD) {
    totals[0]++;
    totals[1] += view.getUint32(at + 4, true);
    totals[2] += view.getFloat64(at + 8, true) * view.getFloat64(at + 16, true);
  }
}

function stream(s: State): Readable {
  const source = chunks(s);
  return new Readable({
    highWaterMark: 65536,
    read() {
      source.next().then(
        (r) => this.push(r.done ? null : r.value),
        (e: Error) => this.destroy(e),
      );
    },
  });
}

export const benchCase: BenchCase<State> = defineCase<State>({
  id: 'async/stream-buffering',
  pattern: 'Buffered streams',
  mechanism:
    'Step by step: one await per chunk instead of per record removes a promise resolution and a microtask hop per record, which is most of the cost; a plain loop instead of a generator per chunk removes the iterator protocol; reading fields straight from the bytes removes the object per record, which V8 may already have elided by escape analysis in the plain loop (a guess).',
  dart: { ratio: 5, text: 'buffered streams 5x' },
  description:
    '24-byte records in 64 KiB chunks, one change per step: an await and an object per record, one await per chunk with records from a sync iterator, a plain loop making an object per record, fields read from the bytes; beside them a Node stream and a materialised array',
  unit: 'records',
  sizes: { quick: [10_000, 100_000], full: [10_000, 100_000, 1_000_000] },
  work: (count) => ({ items: count, bytes: count * RECORD }),
  async: true,
  eventLoopDelay: true,
  setup: (count) => ({ data: generate(count), count, probe: null }),
  traditional: async (s) => {
    const totals: Totals = [0, 0, 0];
    for await (const r of recordByRecord(s)) {
      totals[0]++;
      totals[1] += r.quantity;
      totals[2] += r.price * r.weight;
    }
    return totals;
  },
  steps: ['traditional', 'chunked-sync-iterator', 'chunked-loop-objects', 'rust_inspired'],
  rustInspired: async (s) => {
    const totals: Totals = [0, 0, 0];
    for await (const chunk of chunks(s)) foldChunk(chunk, totals);
    return totals;
  },
  variants: {
    'chunked-sync-iterator': async (s) => {
      const totals: Totals = [0, 0, 0];
      for await (const chunk of chunks(s)) {
        for (const r of recordsOf(chunk)) {
          totals[0]++;
          totals[1] += r.quantity;
          totals[2] += r.price * r.weight;
        }
      }
      return totals;
    },
    'chunked-loop-objects': async (s) => {
      // Whether the object costs anything here is up to V8's escape analysis.
      const totals: Totals = [0, 0, 0];
      for await (const chunk of chunks(s)) {
        const view = dataView(chunk);
        for (let at = 0; at < chunk.length; at += RECORD) {
          const r = decode(view, at);
          totals[0]++;
          totals[1] += r.quantity;
          totals[2] += r.price * r.weight;
        }
      }
      return totals;
    },
    'node-stream-hwm64k': async (s) => {
      const totals: Totals = [0, 0, 0];
      for await (const chunk of stream(s)) foldChunk(chunk as Uint8Array, totals);
      return totals;
    },
    'materialise-array': async (s) => {
      const all: Rec[] = [];
      for await (const chunk of chunks(s)) {
        const view = dataView(chunk);
        for (let at = 0; at < chunk.length; at += RECORD) all.push(decode(view, at));
      }
      s.probe?.();
      const totals: Totals = [0, 0, 0];
      for (const r of all) {
        totals[0]++;
        totals[1] += r.quantity;
        totals[2] += r.price * r.weight;
      }
      return totals;
    },
  },
  // Every form against the totals of the formulas the records were generated from.
  check: (results, s) => allEqual({ expected: expectedTotals(s.count), ...results }),
  metrics: async (s) => {
    // Peak heap above the starting point, sampled once per chunk (and after materialising).
    const gc = (globalThis as { gc?: () => void }).gc;
    const out: Record<string, number> = {};
    for (const [name, form] of Object.entries(benchCase.variants ?? {}).concat([
      ['traditional', benchCase.traditional!],
      ['rust_inspired', benchCase.rustInspired!],
    ])) {
      gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      s.probe = () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      };
      await form(s);
      s.probe = null;
      out[`${name}_peak_heap_kib`] = Math.round((peak - base) / 1024);
    }
    return out;
  },
});
