/**
 * Leak soak (`npm run test:soak`, run by .ci/run): long create/drop loops over the native
 * boundary under --expose-gc, checking that RSS after GC stays within a bound.
 *
 *   node --expose-gc --import tsx scripts/soak.ts [--scale 1]
 *
 * Each phase warms up, records RSS after GC, runs its cycles (yielding to the event loop every
 * 1,000 so Node-API finalizers can run, as they would between requests), and records RSS after
 * GC again. A phase fails if RSS grew by 64 MB or more.
 */
import { parseArgs } from 'node:util';

import { boundaryLabJs } from '../benchmark/lab/kernels/boundary.js';
import { labBinding } from '../benchmark/lab/native-binding.js';
import { BufferPool, crc32, crc32Sync, implementation, native } from '../src/index.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
const LIMIT = 64 * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await turn();
  }
  return process.memoryUsage().rss;
}

interface Phase {
  name: string;
  cycles: number;
  run: (cycles: number) => Promise<number>;
}

const data = Buffer.alloc(1024, 0x5a);
const key = Buffer.from([1, 2, 3]);
// The lab binding's xorIntoNew moves its Buffer out of Rust (external memory with a finalizer).
const xorIntoNew = labBinding?.xorIntoNew ?? boundaryLabJs.xorIntoNew;

const phases: Phase[] = [
  {
    name: 'external Buffers moved out of Rust (xorIntoNew, 1 KiB)',
    cycles: 1_000_000 * scale,
    async run(cycles) {
      let sum = 0;
      for (let i = 0; i < cycles; i++) {
        sum += xorIntoNew(data, key)[i & 1023]!;
        if (i % 1000 === 999) await turn();
      }
      return sum;
    },
  },
  {
    name: 'async native calls (crc32 on the libuv pool), a third aborted before and a third during',
    cycles: 100_000 * scale,
    async run(cycles) {
      const expected = crc32Sync(data);
      let ok = 0;
      for (let start = 0; start < cycles; start += 1000) {
        const batch = [];
        const controllers: AbortController[] = [];
        for (let i = start; i < Math.min(cycles, start + 1000); i++) {
          const c = new AbortController();
          if (i % 3 === 0) c.abort();
          controllers.push(c);
          batch.push(crc32(data, 0, i % 3 === 2 ? undefined : c.signal));
        }
        controllers.forEach((c, j) => (start + j) % 3 === 1 && c.abort());
        for (const r of await Promise.allSettled(batch)) {
          if (r.status === 'fulfilled' ? r.value === expected : (r.reason as Error).name === 'AbortError')
            ok++;
        }
      }
      if (ok !== cycles) throw new Error(`${cycles - ok} async calls settled wrongly`);
      return ok;
    },
  },
  {
    name: 'BufferPool acquire/release (sizes 1 B to 64 KiB)',
    cycles: 100_000 * scale,
    async run(cycles) {
      const pool = new BufferPool({ maxPooledBytes: 4 << 20 });
      let sum = 0;
      for (let i = 0; i < cycles; i++) {
        const size = 1 + ((i * 7919) % 65536);
        const lease = pool.acquire(size);
        lease.buffer[size - 1] = i & 0xff;
        sum += lease.buffer[size - 1]!;
        lease.release();
        if (i % 1000 === 999) await turn();
      }
      if (pool.stats.leased !== 0) throw new Error(`${pool.stats.leased} leases still out`);
      return sum;
    },
  },
];

async function main(): Promise<void> {
  process.stdout.write(`soak: implementation ${implementation}, scale ${scale}\n`);
  if (native === null) process.stdout.write('soak: native binding not loaded; the phases run the JS twins\n');
  let passed = 0;
  let failed = 0;
  for (const phase of phases) {
    await phase.run(Math.min(phase.cycles, 10_000));
    const before = await settle();
    const started = Date.now();
    await phase.run(phase.cycles);
    const after = await settle();
    const growth = after - before;
    const ok = growth < LIMIT;
    if (ok) passed++;
    else failed++;
    process.stdout.write(
      `${ok ? 'ok  ' : 'FAIL'} ${phase.name}: ${phase.cycles} cycles in ${Date.now() - started} ms, ` +
        `RSS ${(before / 2 ** 20).toFixed(1)} -> ${(after / 2 ** 20).toFixed(1)} MiB ` +
        `(growth ${(growth / 2 ** 20).toFixed(1)} MiB, limit 64)\n`,
    );
  }
  process.stdout.write(`soak: ${passed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
