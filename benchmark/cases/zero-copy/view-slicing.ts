/** `zero-copy/view-slicing`: taking the middle half of a buffer as a view vs as a copy. */
import { randomBytes } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';

export const benchCase = defineCase({
  id: 'zero-copy/view-slicing',
  pattern: 'Views instead of copies',
  mechanism:
    'subarray makes a small view object over the same backing store whatever the length, while slice allocates and copies every byte.',
  dart: { ratio: 7, text: 'view slicing 7x' },
  questions: [{ question: 1, answers: ['rust_inspired_vs_traditional'] }],
  description: 'Middle half of a buffer: Uint8Array#slice copy vs subarray view vs Buffer.from copy',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1 << 20, 16 << 20] },
  // The middle half: the copying forms read and write `end - start` bytes.
  work: (size) => ({ bytes: size - 2 * (size >> 2) }),
  access: 'copy',
  // A view copies nothing: at 10 kB subarray's 58 ns read as 160% of the 16 KiB copy roofline of
  // the AMD EPYC host (86.7 GB/s), and the report called the roofline wrong (quick run, 2026-12-07).
  movesNoBytes: ['rust_inspired'],
  setup: (size) => ({ data: new Uint8Array(randomBytes(size)), start: size >> 2, end: size - (size >> 2) }),
  traditional: (s) => s.data.slice(s.start, s.end),
  rustInspired: (s) => s.data.subarray(s.start, s.end),
  variants: { 'Buffer.from-copy': (s) => Buffer.from(s.data.subarray(s.start, s.end)) },
  check: (results) => allEqual(results),
});
