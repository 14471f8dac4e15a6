import { describe, expect, it } from 'vitest';

import { allocColumns, isMoved, move, native } from '../src/index.js';

describe('move', () => {
  it('transfers without copying: the source is detached (byteLength 0), the bytes arrive', () => {
    const source = new Uint8Array([1, 2, 3, 4]);
    const moved = move(source);
    expect(source.byteLength).toBe(0);
    expect(isMoved(source)).toBe(true);
    expect(Array.from(moved)).toEqual([1, 2, 3, 4]);
    expect(moved).toBeInstanceOf(Uint8Array);
  });

  it('isMoved: empty views that were never moved are not moved-from, shared ones included', () => {
    expect(isMoved(new Uint8Array(0))).toBe(false);
    expect(isMoved(new Uint8Array(new ArrayBuffer(8), 8))).toBe(false);
    // V8 throws on slicing an empty SharedArrayBuffer, which a bare slice probe took for detached.
    expect(isMoved(new Uint8Array(new SharedArrayBuffer(0)))).toBe(false);
  });

  it('keeps the view kind: Buffer stays Buffer, Float64Array, DataView', () => {
    const buf = Buffer.allocUnsafeSlow(16).fill(9);
    const movedBuf = move(buf);
    expect(Buffer.isBuffer(movedBuf)).toBe(true);
    expect(buf.byteLength).toBe(0);
    const f = move(new Float64Array([1.5, -0]));
    expect(f).toBeInstanceOf(Float64Array);
    expect(Object.is(f[1], -0)).toBe(true);
    const dv = move(new DataView(new ArrayBuffer(8)));
    expect(dv).toBeInstanceOf(DataView);
  });

  it('refuses a pooled Buffer with a TypeError and leaves it intact', () => {
    const pooled = Buffer.from('hello');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    expect(() => move(pooled)).toThrow(TypeError);
    expect(() => move(Buffer.allocUnsafe(10))).toThrow(/shared pool/);
    expect(pooled.toString()).toBe('hello');
  });

  it.skipIf(native === null)('refuses an external buffer created by the addon instead of copying it', () => {
    // recordArraysToCsv moves Rust's String out as the Buffer's backing store (no copy).
    const c = allocColumns(5);
    const external = native!.recordArraysToCsv(c.timestamp, c.value, c.id, c.kind, c.flags);
    expect(external.byteOffset).toBe(0);
    expect(external.buffer.byteLength).toBe(50);
    expect(() => move(external)).toThrow(/untransferable/);
    expect(external.byteLength).toBe(50);
    expect(external.toString('latin1')).toBe('0,0,0,0,0\n'.repeat(5));
  });

  it('refuses shared, detached and non-view values', () => {
    expect(() => move(new Uint8Array(new SharedArrayBuffer(8)))).toThrow(TypeError);
    const gone = new Uint8Array(4);
    move(gone);
    expect(() => move(gone)).toThrow(/already moved|detached|offset/);
    expect(() => move({} as Uint8Array)).toThrow(TypeError);
    expect(() => move(new Uint8Array(8).subarray(2))).toThrow(TypeError);
  });
});
