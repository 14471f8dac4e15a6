// `TypedArray#set` of 8 KiB (the known-ratio control's copy) by the distance between the two
// arrays' bytes, for glibc bug 30994: `rep movsb`, which glibc uses for copies of this size, runs
// far slower on AMD Zen 3/4 when `(dst - src) mod 4096` is small. Both arrays are views of one
// ArrayBuffer, so the distance is known; `separate` allocates them one after the other, as
// `new Float64Array(1024)` twice does.
//
//   node scripts/copy-distance.mjs [--rounds N]
//
// Prints the ns per copy of each placement in every round (rounds interleave the placements).
const i = process.argv.indexOf('--rounds');
const ROUNDS = i === -1 ? 5 : Number(process.argv[i + 1]);
const ELEMENTS = 1024;
const BYTES = ELEMENTS * Float64Array.BYTES_PER_ELEMENT;

function nsPerCopy(dst, src, n = 20000) {
  for (let k = 0; k < 2000; k++) dst.set(src);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < n; k++) dst.set(src);
  return Number(process.hrtime.bigint() - t0) / n;
}

function filled(view) {
  for (let k = 0; k < view.length; k++) view[k] = k / 8;
  return view;
}

const times = {};
for (let round = 0; round < ROUNDS; round++) {
  const placements = { separate: [new Float64Array(ELEMENTS), filled(new Float64Array(ELEMENTS))] };
  for (const gap of [0, 16, 64, 1024, 2048, 3072]) {
    const buffer = new ArrayBuffer(2 * BYTES + gap);
    const src = filled(new Float64Array(buffer, 0, ELEMENTS));
    placements[`distance ${BYTES + gap}`] = [new Float64Array(buffer, BYTES + gap, ELEMENTS), src];
  }
  for (const [name, [dst, src]] of Object.entries(placements)) {
    (times[name] ??= []).push(nsPerCopy(dst, src).toFixed(0));
  }
}
console.log(`# TypedArray#set of ${BYTES} B, ns per copy, ${ROUNDS} rounds (${process.version})`);
for (const [name, row] of Object.entries(times)) console.log(`${name.padEnd(16)} ${row.join(' ')}`);
