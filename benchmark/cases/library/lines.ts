/**
 * `library/lines`: split a buffer of log lines and read each line's length. The package's
 * `lineViews` (offsets found natively by a newline-mask scan above its threshold, `subarray` views, no
 * strings) against `toString().split('\n')` (traditional) and split2, the npm line splitter for
 * streams (strings, through a Transform). Every form returns the line count and the total bytes
 * of the lines, so they do the same work; all are async because split2 is a stream. ASCII
 * input with no trailing newline, so string and byte lengths agree.
 */
import { Readable } from 'node:stream';

import split2 from 'split2';

import { lineViews } from '../../../src/lines.js';
import { defineCase, allEqual } from '../../engine/case.js';

interface State {
  bytes: Buffer;
}

interface Totals {
  lines: number;
  bytes: number;
}

/** ASCII log lines of varied length, `size` bytes, no trailing newline. */
function logText(size: number): Buffer {
  const out = Buffer.alloc(size);
  let o = 0;
  for (let i = 0; o < size; i++) {
    const line = `2026-11-29T12:00:00Z INFO request ${i} took ${(i * 37) % 997} ms path=/api/v1/items/${i % 113}\n`;
    o += out.write(line, o, 'latin1');
  }
  if (size > 0) out[size - 1] = 0x2e; // '.': no trailing newline, so no form sees an empty last line
  return out;
}

function viaSplit2(bytes: Buffer): Promise<Totals> {
  return new Promise((resolve, reject) => {
    const totals = { lines: 0, bytes: 0 };
    Readable.from([bytes])
      .pipe(split2())
      .on('data', (line: string) => {
        totals.lines++;
        totals.bytes += line.length;
      })
      .on('end', () => resolve(totals))
      .on('error', reject);
  });
}

export const benchCase = defineCase<State>({
  id: 'library/lines',
  pattern: 'Line splitting vs split2',
  mechanism:
    'Offsets and views make no string per line, split2 adds stream events per line, and toString().split makes strings in one C++ pass.',
  traditionalLabel: "toString().split('\\n')",
  description: "Split lines and sum their lengths: lineViews vs toString().split('\\n') vs split2",
  unit: 'bytes',
  sizes: { quick: [100, 1 << 20], full: [10_000, 16 << 20] },
  async: true,
  setup: (n) => ({ bytes: logText(n) }),
  traditional: async (s) => {
    const lines = s.bytes.toString('latin1').split('\n');
    let bytes = 0;
    for (const line of lines) bytes += line.length;
    return { lines: lines.length, bytes };
  },
  rustInspired: async (s) => {
    let lines = 0;
    let bytes = 0;
    for (const view of lineViews(s.bytes)) {
      lines++;
      bytes += view.length;
    }
    return { lines, bytes };
  },
  peers: {
    split2: (s) => viaSplit2(s.bytes),
  },
  check: (results) => allEqual(results),
});
