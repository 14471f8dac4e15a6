import { execFileSync } from 'node:child_process';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type * as RawCLoader from '../benchmark/lab/raw-c/load.cjs';
import { allocColumns, js, type RecordColumns } from '../src/index.js';
import { byteViews, detachedView, notBytes } from './helpers.js';

/** The floor reference is only as good as its agreement with the functions it stands for. */
const hasCc = ((): boolean => {
  try {
    execFileSync(process.env.CC ?? 'cc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasCc)('raw C Node-API reference (benchmark/lab/raw-c)', () => {
  const c = (require('../benchmark/lab/raw-c/load.cjs') as typeof RawCLoader).loadRawC();

  it("gives the JS twins' results on random views, including empty, odd and unaligned ones", () => {
    fc.assert(
      fc.property(
        byteViews(300),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(0xffffffff),
        (data, byte, init) => {
          expect(c.countByte(data, byte)).toBe(js.countByte(data, byte));
          expect(c.isUtf8(data)).toBe(js.isUtf8(data));
          expect(c.utf8ValidUpTo(data)).toBe(js.utf8ValidUpTo(data));
          expect(c.crc32Sync(data)).toBe(js.crc32Sync(data));
          expect(c.crc32Sync(data, init)).toBe(js.crc32Sync(data, init));
          expect(Array.from(c.lineOffsets(data))).toEqual(Array.from(js.lineOffsets(data)));
        },
      ),
      { numRuns: 300 },
    );
  });

  /** The class of the error `f` throws, or 'no error'. */
  const kind = (f: () => unknown): string => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return (e as Error).constructor.name;
    }
  };
  /** Each case's mine and twin throw the same class of error, and do throw. */
  const sameErrors = (cases: Array<[string, () => unknown, () => unknown]>): void => {
    for (const [label, mine, twin] of cases) {
      const want = kind(twin);
      expect(want, label).not.toBe('no error');
      expect(kind(mine), label).toBe(want);
    }
  };
  /** The five columns of `c` in argument order. */
  const cols = (k: RecordColumns) => [k.timestamp, k.value, k.id, k.kind, k.flags] as const;
  /** Every column's bits, comparable with toEqual (NaN payloads and -0 included). */
  const bits = (k: RecordColumns): number[][] =>
    cols(k).map((column) => Array.from(new Uint8Array(column.buffer, column.byteOffset, column.byteLength)));

  it('decodes and encodes records as the JS twins do, at any byte offset and with spare slots', () => {
    fc.assert(
      fc.property(
        // A fixed length: fast-check's default size would keep a free-length array under 24 bytes.
        fc.uint8Array({ minLength: 24 * 12, maxLength: 24 * 12 }),
        fc.nat(12),
        fc.nat(7),
        fc.nat(3),
        fc.option(fc.nat(14), { nil: undefined }),
        (raw, n, shift, spare, count) => {
          const backing = new Uint8Array(raw.length + shift);
          backing.set(raw, shift);
          const whole = backing.subarray(shift, shift + n * 24);
          const [mine, want] = [allocColumns(n + spare), allocColumns(n + spare)];
          expect(c.decodeRecordArraysInto(whole, ...cols(mine))).toBe(n);
          expect(js.decodeRecordArraysInto(whole, ...cols(want))).toBe(n);
          expect(bits(mine)).toEqual(bits(want));
          const [out, outWant] = [new Uint8Array(24 * 15 + shift), new Uint8Array(24 * 15 + shift)];
          const encode = (f: typeof c.encodeRecordArraysInto, o: Uint8Array): number | string => {
            try {
              return f(...cols(mine), o.subarray(shift), count);
            } catch (e) {
              return (e as Error).constructor.name;
            }
          };
          expect(encode(c.encodeRecordArraysInto, out)).toBe(encode(js.encodeRecordArraysInto, outWant));
          expect(out).toEqual(outWant);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses bad record arguments with the same kinds of error as the twins, writing nothing', () => {
    const k = allocColumns(2);
    const data = new Uint8Array(48).fill(1);
    const out = new Uint8Array(48);
    const cases: Array<[string, () => unknown, () => unknown]> = [
      [
        'truncated',
        () => c.decodeRecordArraysInto(data.subarray(1), ...cols(k)),
        () => js.decodeRecordArraysInto(data.subarray(1), ...cols(k)),
      ],
      [
        'short column',
        () => c.decodeRecordArraysInto(new Uint8Array(72), ...cols(k)),
        () => js.decodeRecordArraysInto(new Uint8Array(72), ...cols(k)),
      ],
    ];
    const wrongKind = [
      new Float64Array(2),
      new BigUint64Array(2),
      new Uint16Array(2),
      new Uint32Array(2),
      new Uint32Array(2),
    ];
    for (let j = 0; j < 5; j++) {
      const bad: unknown[] = [...cols(k)];
      bad[j] = wrongKind[j];
      const args = bad as unknown as ReturnType<typeof cols>;
      cases.push([
        `column ${j} of another kind`,
        () => c.decodeRecordArraysInto(data, ...args),
        () => js.decodeRecordArraysInto(data, ...args),
      ]);
    }
    // `data` written into through a column that views the same memory.
    const shared = new ArrayBuffer(96);
    const aliased = { ...allocColumns(2), value: new Float64Array(shared, 0, 2) };
    cases.push([
      'aliasing',
      () => c.decodeRecordArraysInto(new Uint8Array(shared, 0, 48), ...cols(aliased)),
      () => js.decodeRecordArraysInto(new Uint8Array(shared, 0, 48), ...cols(aliased)),
    ]);
    cases.push([
      'out aliasing a column',
      () => c.encodeRecordArraysInto(...cols(k), new Uint8Array(k.id.buffer)),
      () => js.encodeRecordArraysInto(...cols(k), new Uint8Array(k.id.buffer)),
    ]);
    for (const count of [null, '1', -1, 1.5, 2 ** 32, Number.NaN, 3]) {
      const n = count as unknown as number;
      cases.push([
        `count ${String(count)}`,
        () => c.encodeRecordArraysInto(...cols(k), out, n),
        () => js.encodeRecordArraysInto(...cols(k), out, n),
      ]);
    }
    cases.push([
      'short out',
      () => c.encodeRecordArraysInto(...cols(k), out.subarray(0, 47)),
      () => js.encodeRecordArraysInto(...cols(k), out.subarray(0, 47)),
    ]);
    cases.push([
      'out of another kind',
      () => c.encodeRecordArraysInto(...cols(k), new Uint16Array(24) as unknown as Uint8Array),
      () => js.encodeRecordArraysInto(...cols(k), new Uint16Array(24) as unknown as Uint8Array),
    ]);
    sameErrors(cases);
    expect(bits(k)).toEqual(bits(allocColumns(2)));
    expect(out).toEqual(new Uint8Array(48));
  });

  it('NativeBlock fills and checksums as the JS twin does, and refuses what the twin refuses', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(255), fc.boolean(), (size, byte, report) => {
        const [mine, twin] = [new c.NativeBlock(size, report), new js.NativeBlock(size, report)];
        expect(mine.checksum()).toBe(twin.checksum());
        mine.fill(byte);
        twin.fill(byte);
        expect([mine.byteLength, mine.closed, mine.checksum()]).toEqual([size, false, twin.checksum()]);
        mine.close();
        mine.close();
        expect([mine.byteLength, mine.closed]).toEqual([0, true]);
      }),
      { numRuns: 200 },
    );
    const [closed, closedTwin] = [new c.NativeBlock(4), new js.NativeBlock(4)];
    closed.close();
    closedTwin.close();
    const bad: Array<[string, () => unknown, () => unknown]> = [
      ['fill when closed', () => closed.fill(1), () => closedTwin.fill(1)],
      ['checksum when closed', () => closed.checksum(), () => closedTwin.checksum()],
    ];
    for (const [label, args] of [
      ['size -1', [-1]],
      ['size 2^32', [2 ** 32]],
      ['size 1.5', [1.5]],
      ['size "1"', ['1']],
      ['reportExternal null', [1, null]],
      ['reportExternal 1', [1, 1]],
    ] as Array<[string, unknown[]]>) {
      const make = (K: new (...a: unknown[]) => unknown) => () => new K(...args);
      bad.push([label, make(c.NativeBlock as never), make(js.NativeBlock as never)]);
    }
    for (const byte of [-1, 256, 0.5, Number.NaN, '7']) {
      bad.push([
        `fill(${String(byte)})`,
        () => new c.NativeBlock(2).fill(byte as number),
        () => new js.NativeBlock(2).fill(byte as number),
      ]);
    }
    // A receiver of another class: Node refuses it before the callback, Bun leaves it to the tag.
    bad.push([
      'another receiver',
      () => c.NativeBlock.prototype.checksum.call({}),
      () => js.NativeBlock.prototype.checksum.call({} as never),
    ]);
    sameErrors(bad);
  });

  it('line endings follow str::lines, as the twin does', () => {
    for (const text of ['', '\n', 'a', 'a\n', 'a\r\nb\r\n', '\r\n', 'a\rb', 'a\r', 'x\n\ny']) {
      const b = Buffer.from(text);
      expect(Array.from(c.lineOffsets(b)), JSON.stringify(text)).toEqual(Array.from(js.lineOffsets(b)));
    }
  });

  it('throws the same kinds of error as the package for bad arguments', () => {
    const data = Buffer.alloc(4);
    for (const [label, bad] of notBytes()) {
      expect(() => c.countByte(bad as Uint8Array, 1), label).toThrow(TypeError);
      expect(() => c.isUtf8(bad as Uint8Array), label).toThrow(TypeError);
      expect(() => c.crc32Sync(bad as Uint8Array), label).toThrow(TypeError);
    }
    expect(() => c.isUtf8(detachedView())).toThrow(TypeError);
    for (const byte of [-1, 256, 1.5, Number.NaN]) expect(() => c.countByte(data, byte)).toThrow(RangeError);
    expect(() => c.countByte(data, '1' as unknown as number)).toThrow(TypeError);
    for (const init of [-1, 2 ** 32, 0.5]) expect(() => c.crc32Sync(data, init)).toThrow(RangeError);
    expect(c.crc32Sync(data, undefined)).toBe(js.crc32Sync(data));
  });
});
