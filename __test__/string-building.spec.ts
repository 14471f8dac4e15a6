import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { csvLines, csvString } from '../benchmark/lab/kernels/string-building.js';
import { allocColumns, loadError, native, recordsToCsv, type RecordColumns } from '../src/index.js';
import { implementations, notBytes } from './helpers.js';

const columnsArb = fc
  .array(
    fc.record({
      t: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      v: fc.oneof(
        fc.double(),
        fc.integer().map((x) => x / 1000),
        fc.constantFrom(-0, 1e21, 1.5e-7, 0.1, NaN),
      ),
      id: fc.integer({ min: 0, max: 0xffffffff }),
      k: fc.integer({ min: 0, max: 0xffff }),
      f: fc.integer({ min: 0, max: 0xffff }),
    }),
    { maxLength: 30 },
  )
  .map((rows) => {
    const c = allocColumns(rows.length);
    rows.forEach((r, j) => {
      c.timestamp[j] = r.t;
      c.value[j] = r.v;
      c.id[j] = r.id;
      c.kind[j] = r.k;
      c.flags[j] = r.f;
    });
    return c;
  });

/** The definition: `String()` of every field, one line per record. */
function reference(c: RecordColumns): string {
  let s = '';
  for (let j = 0; j < c.id.length; j++) {
    s += `${String(c.timestamp[j])},${String(c.value[j])},${c.id[j]},${c.kind[j]},${c.flags[j]}\n`;
  }
  return s;
}

describe.each(implementations)('recordArraysToCsv (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }
  const cols = (c: RecordColumns) => [c.timestamp, c.value, c.id, c.kind, c.flags] as const;

  it('formats every field exactly as JS String() does (byte-identical to the definition)', () => {
    fc.assert(
      fc.property(columnsArb, (c) => {
        expect(impl.recordArraysToCsv(...cols(c)).toString('latin1')).toBe(reference(c));
      }),
      { numRuns: 1000 },
    );
  });

  it('equals the native builder (parity)', () => {
    if (native === null) return;
    fc.assert(
      fc.property(columnsArb, (c) => {
        expect(impl.recordArraysToCsv(...cols(c)).equals(native!.recordArraysToCsv(...cols(c)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('honours count and refuses short columns and bad arguments', () => {
    const c = allocColumns(3);
    expect(impl.recordArraysToCsv(...cols(c), 0).length).toBe(0);
    expect(impl.recordArraysToCsv(...cols(c), 1).toString()).toBe('0,0,0,0,0\n');
    expect(() => impl.recordArraysToCsv(...cols(c), 4)).toThrow(/timestamp is too short/);
    expect(() => impl.recordArraysToCsv(...cols(c), 1.5)).toThrow(RangeError);
    for (const [label, bad] of notBytes()) {
      if (bad instanceof Float64Array) continue;
      expect(
        () => impl.recordArraysToCsv(c.timestamp, bad as Float64Array, c.id, c.kind, c.flags),
        label,
      ).toThrow(TypeError);
    }
  });
});

describe('string builders agree', () => {
  it('+=, join, encodeInto and the top-level recordsToCsv give the same bytes', () => {
    fc.assert(
      fc.property(columnsArb, (c) => {
        const expected = reference(c);
        expect(csvString(c)).toBe(expected);
        expect(csvLines(c).join('')).toBe(expected);
        expect(recordsToCsv(c).toString('latin1')).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('csvString and csvLines validate like recordsToCsv', () => {
  it("throw the project's TypeError naming columns, and the column and count errors of recordsToCsv", () => {
    for (const [bad, received] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [3, 'a number'],
    ] as const) {
      const columns = bad as unknown as RecordColumns;
      const want = `columns must be an object, received ${received}`;
      for (const build of [csvString, csvLines, recordsToCsv]) {
        expect(() => build(columns)).toThrow(TypeError);
        expect(() => build(columns)).toThrow(want);
      }
    }
    const c = allocColumns(2);
    for (const build of [csvString, csvLines, recordsToCsv]) {
      expect(() => build({ ...c, id: new Float64Array(2) as unknown as Uint32Array })).toThrow(/^id must be/);
      expect(() => build(c, 3)).toThrow(/timestamp is too short/);
      expect(() => build(c, -1)).toThrow(RangeError);
    }
    expect(csvString(c, 1)).toBe('0,0,0,0,0\n');
  });
});
