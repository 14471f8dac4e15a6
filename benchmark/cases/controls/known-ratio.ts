/**
 * `controls/known-ratio`: the same work done twice (`traditional`) and once (`rust_inspired`):
 * copying one L1-resident 8 KiB Float64Array into another with `TypedArray#set`. The speed
 * ratio's interval must contain 2.0, else the run's intervals are not to be trusted.
 *
 * The work is a built-in (the runtime's memmove) rather than a JIT-compiled loop so that both
 * forms run the same machine code on the same bytes, and the truth is 2.0 by construction. With
 * a JS sum (`sumFloats`, four accumulators) each form's compiled copy landed at its own speed per
 * process (one sum took about 315 ns or about 540 ns), so a process read anywhere from 1.96 to
 * 5.73 even when the traditional form summed the same array twice, and the control failed in the
 * first run after a fresh install twice (2.24x [2.03-2.58], 2.23x [2.03-2.56]). With the copy,
 * per-process ratios read 1.97-2.04 in 21 of 22 processes (one 1.85 while other work ran): five
 * runs each of `npm run bench -- --only controls/known-ratio`, stop 31.
 *
 * Both arrays are views of one ArrayBuffer, `dst` 10 KiB after `src`. Allocated one after the
 * other, the two 8 KiB stores sat 8 KiB plus one 16-byte malloc header apart, so `(dst - src) mod
 * 4096` was 16, and glibc 2.36 copies such a pair with `rep movsb`, which on AMD Zen 3 runs about
 * 20 times slower at that distance (glibc bug 30994; `limits/bandwidth` has the measurement). The
 * control then timed that slow path: 2.9 µs a copy instead of 0.11 µs, and in a full run (stop 37,
 * AMD EPYC) its four processes read 2.007-2.033 and the interval 2.02x [2.00-2.05] missed 2.0.
 * At a distance of 2 KiB mod 4096 the same copy takes 101-173 ns, at 16 B mod 4096 2.7-3.3 µs
 * (`node scripts/copy-distance.mjs`, five rounds each on Node 20 and 26).
 */
import { defineCase } from '../../engine/case.js';
import { controlInput } from '../../lab/control-sum.js';

/** Where `dst` starts in the shared ArrayBuffer: 10 KiB, 2 KiB past a page multiple (see above). */
const DST_OFFSET = 10 * 1024;

/** Copies `src` into `dst` and returns the last element copied, so the result depends on the copy. */
function copyInto(dst: Float64Array, src: Float64Array): number {
  dst.set(src);
  return dst[dst.length - 1]!;
}

export const benchCase = defineCase({
  id: 'controls/known-ratio',
  description: 'Known-ratio control: one 8 KiB TypedArray#set against two; the ratio must be 2.0',
  unit: 'elements',
  sizes: { quick: [1024] },
  setup: () => {
    const bytes = 1024 * Float64Array.BYTES_PER_ELEMENT;
    const buffer = new ArrayBuffer(DST_OFFSET + bytes);
    const src = new Float64Array(buffer, 0, 1024);
    src.set(controlInput(1));
    return { src, dst: new Float64Array(buffer, DST_OFFSET, 1024) };
  },
  traditional: (s) => copyInto(s.dst, s.src) + copyInto(s.dst, s.src),
  rustInspired: (s) => copyInto(s.dst, s.src),
  check: (results, s) => {
    const last = s.src[s.src.length - 1]!;
    if (s.dst.some((x, i) => x !== s.src[i])) throw new Error('controls/known-ratio: the copy differs');
    if (results.traditional !== 2 * last) throw new Error('controls/known-ratio: twice');
    if (results.rust_inspired !== last) throw new Error('controls/known-ratio: once');
  },
});
