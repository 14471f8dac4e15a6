import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { lineOffsets, lineViews, loadError, native } from '../src/index.js';
import { detachedView, implementations, notBytes } from './helpers.js';

/** The definition: Rust's `str::lines` (split on \n, drop a \r before it, no empty last line). */
function reference(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((p, i) => (i < parts.length - 1 || text.endsWith('\n') ? p.replace(/\r$/, '') : p));
}

const textArb = fc
  .array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\u00e9', ' '), { maxLength: 60 })
  .map((parts) => parts.join(''));

const slices = (bytes: Buffer, offsets: Uint32Array): string[] => {
  const out: string[] = [];
  for (let k = 0; k < offsets.length; k += 2) out.push(bytes.toString('utf8', offsets[k], offsets[k + 1]));
  return out;
};

describe.each(implementations)('lineOffsets (%s)', (_name, impl) => {
  if (impl === null) {
    it.skip(`native binding not loaded: ${loadError?.message ?? ''}`, () => {});
    return;
  }

  it('follows the documented CRLF and trailing-newline rules', () => {
    const cases: Array<[string, string[]]> = [
      ['', []],
      ['\n', ['']],
      ['a', ['a']],
      ['a\n', ['a']],
      ['a\n\nb', ['a', '', 'b']],
      ['a\r\nb\r\n', ['a', 'b']],
      ['a\rb', ['a\rb']],
      ['a\r', ['a\r']],
      ['\n\n', ['', '']],
      ['x\r\r\n', ['x\r']],
    ];
    for (const [text, lines] of cases) {
      expect(slices(Buffer.from(text), impl.lineOffsets(Buffer.from(text))), JSON.stringify(text)).toEqual(
        lines,
      );
    }
  });

  it('matches the split-based definition on random text at unaligned offsets', () => {
    fc.assert(
      fc.property(textArb, fc.nat(5), (text, shift) => {
        const bytes = Buffer.concat([Buffer.alloc(shift, 0x0a), Buffer.from(text)]).subarray(shift);
        expect(slices(bytes, impl.lineOffsets(bytes))).toEqual(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('equals native on random bytes (parity)', () => {
    if (native === null) return;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }).map((b) => b.map((x) => (x < 40 ? [10, 13][x & 1]! : x))),
        (b) => {
          expect(Array.from(impl.lineOffsets(b))).toEqual(Array.from(native!.lineOffsets(b)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('throws TypeError for wrong types and detached buffers', () => {
    for (const [label, bad] of notBytes())
      expect(() => impl.lineOffsets(bad as Uint8Array), label).toThrow(TypeError);
    expect(() => impl.lineOffsets(detachedView())).toThrow(/detached/);
  });
});

describe('lineViews', () => {
  it('yields subarray views that alias the input', () => {
    const text = Buffer.from('one\r\ntwo\n\nthree'.repeat(30));
    const views = [...lineViews(text)];
    expect(views.map((v) => Buffer.from(v).toString())).toEqual(reference(text.toString()));
    expect(views[0]!.buffer).toBe(text.buffer);
    expect(Array.from(lineOffsets(text))).toEqual(Array.from(lineOffsets(Buffer.from(text))));
  });
});
