/**
 * `async/batched-concurrency`: N operations with simulated I/O latency (1 ms timers) and real
 * I/O (small temp files): unbounded `Promise.all`, sequential `await`, and `mapConcurrent`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mapConcurrent } from '../../../src/map-concurrent.js';
import { allEqual, defineCase } from '../../engine/case.js';

/** In-flight operations for `mapConcurrent`: enough to hide a 1 ms latency, few enough to bound memory/handles. */
const LIMIT = 16;
/** The simulated I/O latency; tiny so the quick run stays fast. */
const LATENCY_MS = 1;

interface State {
  items: number[];
  dir: string;
  files: string[];
}

const simulated = (i: number): Promise<number> =>
  new Promise((resolve) => setTimeout(() => resolve(i * 3), LATENCY_MS));

const readNumber = async (file: string): Promise<number> => Number(await readFile(file, 'latin1'));

async function sequential<T>(items: T[], fn: (item: T) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

export const benchCase = defineCase<State>({
  id: 'async/batched-concurrency',
  description: `N ops of simulated I/O (${LATENCY_MS} ms timers) and N small-file reads: Promise.all vs sequential vs mapConcurrent(${LIMIT})`,
  unit: 'tasks',
  sizes: { quick: [100], full: [100, 1000] },
  async: true,
  eventLoopDelay: true,
  setup: (n) => {
    const dir = mkdtempSync(join(tmpdir(), 'rust-patterns-batched-'));
    const items = Array.from({ length: n }, (_, i) => i);
    const files = items.map((i) => {
      const file = join(dir, `${i}.txt`);
      writeFileSync(file, String(i * 3));
      return file;
    });
    return { items, dir, files };
  },
  teardown: (s) => rmSync(s.dir, { recursive: true, force: true }),
  traditional: (s) => Promise.all(s.items.map(simulated)),
  rustInspired: (s) => mapConcurrent(s.items, LIMIT, simulated),
  variants: {
    sequential: (s) => sequential(s.items, simulated),
    'files:Promise.all': (s) => Promise.all(s.files.map(readNumber)),
    'files:sequential': (s) => sequential(s.files, readNumber),
    [`files:mapConcurrent(${LIMIT})`]: (s) => mapConcurrent(s.files, LIMIT, readNumber),
  },
  check: (results) => allEqual(results),
});
