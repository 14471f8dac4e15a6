import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { BufferPool, type BufferLease } from '../src/index.js';

/** The size class a request lands in: the next power of two, at least `min`. */
const classOf = (size: number, min: number): number =>
  Math.max(min, 2 ** Math.ceil(Math.log2(Math.max(size, 1))));

describe('BufferPool', () => {
  it('leases exactly the requested size, reuses released slabs and counts it', () => {
    const pool = new BufferPool({ minClassBytes: 64, maxClassBytes: 1024 });
    const a = pool.acquire(100);
    expect(a.buffer.length).toBe(100);
    expect(a.buffer.buffer.byteLength).toBe(128);
    const slab = a.buffer.buffer;
    a.release();
    expect(pool.stats).toEqual({ hits: 0, misses: 1, bytesHeld: 128, leased: 0, dropped: 0 });
    const b = pool.acquire(65);
    expect(b.buffer.buffer).toBe(slab);
    expect(b.buffer.length).toBe(65);
    expect(pool.stats).toMatchObject({ hits: 1, misses: 1, bytesHeld: 0, leased: 1 });
    expect(pool.acquire(0).buffer.length).toBe(0);
  });

  it('keeps a lease exclusive until it is released', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 40 }), (sizes) => {
        const pool = new BufferPool({ minClassBytes: 16, maxClassBytes: 2048, maxPooledBytes: 1 << 20 });
        const first = sizes.map((s) => pool.acquire(s));
        first.forEach((l, i) => l.buffer.fill(i & 0xff));
        for (const l of first.filter((_, i) => i % 2 === 0)) l.release();
        const second = sizes.map((s) => pool.acquire(s));
        const live = [...first.filter((l) => !l.released), ...second];
        const slabs = new Set(live.map((l) => l.buffer.buffer));
        expect(slabs.size).toBe(live.length);
        first.forEach((l, i) => {
          if (!l.released) expect(l.buffer.every((b) => b === (i & 0xff))).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('throws on a second release, through either release() or Symbol.dispose', () => {
    const pool = new BufferPool();
    const a = pool.acquire(10);
    a.release();
    expect(() => a.release()).toThrow(/already released/);
    expect(() => a[Symbol.dispose]()).toThrow(/already released/);
    const b = pool.acquire(10);
    b[Symbol.dispose]();
    expect(() => b.release()).toThrow(expect.objectContaining({ code: 'ERR_INVALID_STATE' }));
    expect(pool.stats).toMatchObject({ leased: 0, bytesHeld: 64 });
  });

  it('refuses the buffer of a released lease; detachOnRelease also empties saved references', () => {
    const loose = new BufferPool();
    const a = loose.acquire(32);
    const kept = a.buffer;
    a.release();
    expect(() => a.buffer).toThrow(/released/);
    expect(kept.length).toBe(32); // not enforceable without detachOnRelease: documented
    const strict = new BufferPool({ detachOnRelease: true });
    const b = strict.acquire(32);
    const saved = b.buffer;
    saved.fill(7);
    b.release();
    expect(saved.length).toBe(0);
    const c = strict.acquire(32);
    expect(c.buffer.length).toBe(32);
    expect(c.buffer[0]).toBe(7); // same memory, moved (not copied) to the new lease
    expect(strict.stats.hits).toBe(1);
  });

  it('`using` releases the lease at the end of the block', () => {
    const pool = new BufferPool();
    let lease: BufferLease;
    {
      using held = pool.acquire(100);
      lease = held;
      expect(pool.stats.leased).toBe(1);
    }
    expect(lease.released).toBe(true);
    expect(pool.stats).toMatchObject({ leased: 0, bytesHeld: 128 });
    expect(() => {
      using failing = pool.acquire(100);
      failing.buffer[0] = 1;
      throw new Error('boom');
    }).toThrow('boom');
    expect(pool.stats).toMatchObject({ leased: 0, hits: 1 });
  });

  it('never pools more than maxPooledBytes under random acquire/release sequences (model test)', () => {
    interface Model {
      free: Map<number, number>;
      live: BufferLease[];
      hits: number;
      misses: number;
      dropped: number;
    }
    const cap = 4096;
    const min = 64;
    const maxClass = 2048;
    const held = (m: Model): number => [...m.free].reduce((s, [size, count]) => s + size * count, 0);
    class Acquire implements fc.Command<Model, BufferPool> {
      constructor(readonly size: number) {}
      check = (): boolean => true;
      run(m: Model, pool: BufferPool): void {
        const lease = pool.acquire(this.size);
        const cls = classOf(this.size, min);
        if (this.size <= maxClass && (m.free.get(cls) ?? 0) > 0) {
          m.free.set(cls, m.free.get(cls)! - 1);
          m.hits++;
        } else m.misses++;
        for (const other of m.live) expect(other.buffer.buffer).not.toBe(lease.buffer.buffer);
        m.live.push(lease);
        expect(pool.stats).toEqual({
          hits: m.hits,
          misses: m.misses,
          bytesHeld: held(m),
          leased: m.live.length,
          dropped: m.dropped,
        });
      }
      toString = (): string => `acquire(${this.size})`;
    }
    class Release implements fc.Command<Model, BufferPool> {
      constructor(
        readonly pick: number,
        readonly dispose: boolean,
      ) {}
      check = (m: Readonly<Model>): boolean => m.live.length > 0;
      run(m: Model, pool: BufferPool): void {
        const [lease] = m.live.splice(this.pick % m.live.length, 1);
        const size = lease!.buffer.length;
        const cls = classOf(size, min);
        if (this.dispose) lease![Symbol.dispose]();
        else lease!.release();
        if (size > maxClass || held(m) + cls > cap) m.dropped++;
        else m.free.set(cls, (m.free.get(cls) ?? 0) + 1);
        expect(pool.stats.bytesHeld).toBeLessThanOrEqual(cap);
        expect(pool.stats).toEqual({
          hits: m.hits,
          misses: m.misses,
          bytesHeld: held(m),
          leased: m.live.length,
          dropped: m.dropped,
        });
      }
      toString = (): string => `release(${this.pick}, ${this.dispose})`;
    }
    fc.assert(
      fc.property(
        fc.commands(
          [
            fc.integer({ min: 0, max: 3000 }).map((s) => new Acquire(s)),
            fc.tuple(fc.nat(), fc.boolean()).map(([p, d]) => new Release(p, d)),
          ],
          { maxCommands: 120 },
        ),
        (cmds) => {
          const model: Model = { free: new Map(), live: [], hits: 0, misses: 0, dropped: 0 };
          const pool = new BufferPool({ maxPooledBytes: cap, minClassBytes: min, maxClassBytes: maxClass });
          fc.modelRun(() => ({ model, real: pool }), cmds);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws TypeError for a non-number size and RangeError for a bad one', () => {
    const pool = new BufferPool();
    for (const bad of ['1', undefined, null, 1n, {}]) {
      expect(() => pool.acquire(bad as unknown as number), String(bad)).toThrow(TypeError);
    }
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 53, Number.MAX_VALUE]) {
      expect(() => pool.acquire(bad), String(bad)).toThrow(RangeError);
    }
    expect(pool.stats).toMatchObject({ hits: 0, misses: 0, leased: 0 });
  });

  it('rejects bad options', () => {
    expect(() => new BufferPool(null as unknown as object)).toThrow(TypeError);
    expect(() => new BufferPool({ minClassBytes: 48 })).toThrow(RangeError);
    expect(() => new BufferPool({ minClassBytes: 256, maxClassBytes: 128 })).toThrow(RangeError);
    expect(() => new BufferPool({ maxPooledBytes: -1 })).toThrow(RangeError);
    expect(() => new BufferPool({ maxClassBytes: 2 ** 31 })).toThrow(RangeError);
  });

  it('allocates requests above the largest class fresh and drops them on release', () => {
    const pool = new BufferPool({ maxClassBytes: 1024 });
    const big = pool.acquire(5000);
    expect(big.buffer.length).toBe(5000);
    big.release();
    expect(pool.stats).toMatchObject({ misses: 1, bytesHeld: 0, dropped: 1 });
  });
});
