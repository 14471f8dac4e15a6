// Interleaved in-process races for issue 27, runnable on Node, Bun and Deno (plain ESM, no tsx):
//
//   node scripts/floor.mjs floor   [--rounds N] [--ms M]   each public function against the raw C
//                                                          Node-API reference (benchmark/lab/raw-c)
//                                                          at its smallest benchmarked size, and the
//                                                          binding's own export (`binding ...` rows)
//   node scripts/floor.mjs builtin [--rounds N] [--ms M]   the top-level isUtf8 / crc32Sync /
//                                                          countByte against the runtime's built-in,
//                                                          and a bare pass-through to the built-in
//   node scripts/floor.mjs copies                         isUtf8 of a second copy of the package
//                                                          loaded in the same process, as above
//   node scripts/floor.mjs versus --old DIR               the same, this build against an older
//                                                          dist/ copied to DIR inside this checkout
//   node scripts/floor.mjs records                        decodeRecordArraysInto against a copy
//                                                          of the same bytes (10k, 100k records)
//   node scripts/floor.mjs cutoffs                        one cut-off read: the public view's getter
//                                                          against the dispatchers' plain object
//   --clock cpu                                            time by this process's CPU time (see `now`)
//
// Under another runtime: `.runtimes/node_modules/node26/bin/node scripts/floor.mjs floor`,
// `.runtimes/node_modules/bun/bin/bun scripts/floor.mjs builtin`,
// `.runtimes/node_modules/deno/deno run -A scripts/floor.mjs builtin`.
//
// It times the compiled package (`dist/`, from `npm run build`), as users run it. Every form is
// checked against its reference before timing. Each form gets its own timing loop (made with
// `new Function`, so no two forms share a call site's type feedback), and every round runs every
// form once, in a fresh random order, for about `--ms` milliseconds each: drift hits all forms
// alike. A pair's ratio is computed per round (ours / reference time); the output gives the
// median time of each form and the median, quartiles and extremes of the
// per-round ratios. On a shared machine the extremes carry other processes' bursts; the quartiles
// are the spread to read. Below its size threshold a public function runs its JS twin, so its row
// can differ from the binding's.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const args = process.argv.slice(2);
const suite = args[0] !== undefined && !args[0].startsWith('--') ? args[0] : 'floor';
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const ROUNDS = opt('rounds', 30);
const MS = opt('ms', 4);

const lib = require(join(root, 'dist', 'index.js'));
const runtime =
  typeof globalThis.Bun !== 'undefined'
    ? `bun ${globalThis.Bun.version}`
    : typeof globalThis.Deno !== 'undefined'
      ? `deno ${globalThis.Deno.version.deno}`
      : `node ${process.version}`;

/** A timing loop of its own for `fn` (see the header): returns [ns per call, last result]. */
function makeLoop() {
  return new Function(
    'fn',
    's',
    'n',
    'now',
    'const t0 = now(); let r; for (let i = 0; i < n; i++) r = fn(s); const t1 = now(); return [t1 - t0, r];',
  );
}

/**
 * The clock, in ns. `--clock cpu` reads this process's CPU time (user + system, microsecond
 * resolution: 0.025% of a 4 ms round) instead of the wall clock: on a machine shared with other
 * jobs, a round in which the scheduler takes the core away then does not count the time it waited.
 */
const CLOCK = args.includes('--clock') ? args[args.indexOf('--clock') + 1] : 'wall';
if (CLOCK !== 'wall' && CLOCK !== 'cpu') throw new Error(`--clock must be wall or cpu, got ${CLOCK}`);
const now =
  CLOCK === 'cpu'
    ? () => {
        const u = process.cpuUsage();
        return (u.user + u.system) * 1e3;
      }
    : typeof process.hrtime?.bigint === 'function'
      ? () => Number(process.hrtime.bigint())
      : () => performance.now() * 1e6;

function same(a, b) {
  if (a instanceof Uint8Array || a instanceof Uint32Array) {
    return b instanceof a.constructor && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return Object.is(a, b);
}

/**
 * Races `pairs`: [{ name, size, ours, ref, state }] where `ours` and `ref` are (state) => result.
 * Prints one row per pair.
 */
function race(pairs) {
  const forms = [];
  for (const p of pairs) {
    const a = p.ours(p.state);
    const b = p.ref(p.state);
    if (!same(a, b)) throw new Error(`${p.name} ${p.size}: ours gave ${a}, the reference ${b}`);
    for (const side of ['ours', 'ref']) {
      forms.push({ pair: p, side, fn: p[side], loop: makeLoop(), n: 1, times: [] });
    }
  }
  // Warm up and size each batch to about MS milliseconds.
  for (const f of forms) {
    for (let k = 0; k < 3; k++) f.loop(f.fn, f.pair.state, 1000, now);
    let n = 64;
    for (;;) {
      const [dt] = f.loop(f.fn, f.pair.state, n, now);
      if (dt > MS * 1e6 || n > 1e8) {
        f.n = Math.max(1, Math.round((n * MS * 1e6) / dt));
        break;
      }
      n *= 4;
    }
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order = forms.slice();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const f of order) {
      const [dt, result] = f.loop(f.fn, f.pair.state, f.n, now);
      if (result === undefined) throw new Error(`${f.pair.name}: no result`);
      f.times.push(dt / f.n);
    }
  }
  const med = (xs) => {
    const s = xs.slice().sort((x, y) => x - y);
    return s[(s.length - 1) >> 1] * 0.5 + s[s.length >> 1] * 0.5;
  };
  console.log(`# ${suite} on ${runtime}, ${ROUNDS} rounds of ~${MS} ms per form, ${CLOCK} clock`);
  console.log('function\tsize\tref ns\tours ns\tratio median [p25-p75] (min-max), ours/ref per round');
  for (const p of pairs) {
    const [o, b] = forms.filter((f) => f.pair === p);
    const ratios = o.times.map((t, i) => t / b.times[i]);
    const sorted = ratios.slice().sort((x, y) => x - y);
    const q = (f) => sorted[Math.round(f * (sorted.length - 1))].toFixed(3);
    console.log(
      `${p.name}\t${p.size}\t${med(b.times).toFixed(1)}\t${med(o.times).toFixed(1)}\t` +
        `${med(ratios).toFixed(3)} [${q(0.25)}-${q(0.75)}] (${q(0)}-${q(1)})` +
        (p.note ? `\t${p.note}` : ''),
    );
  }
}

/** Mostly ASCII text with 2-, 3- and 4-byte sequences (as `zero-copy/utf8` builds it). */
function text(size) {
  const unit = Buffer.from('timestamp=1700000000 level=info msg="h\u00e9llo \u20ac \u{1F600}" ok\n');
  const out = Buffer.allocUnsafeSlow(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(out, i, 0, Math.min(unit.length, size - i));
  let end = size;
  while (end > 0 && (out[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && out[end - 1] >= 0xc0) end--;
  out.fill(0x20, end);
  return out;
}

function randomBytes(size) {
  const out = Buffer.allocUnsafeSlow(size);
  let x = 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * `n` records: their bytes, columns holding them, and an output buffer of their size. Both sides
 * of a record race write the same values into the same memory, so each call's result is the same.
 */
function recordState(n) {
  const columns = lib.allocColumns(n);
  const words = new Uint32Array(randomBytes(n * 8).buffer);
  for (let j = 0; j < n; j++) {
    columns.timestamp[j] = (BigInt(words[2 * j]) << 32n) | BigInt(words[2 * j + 1]);
    columns.value[j] = words[2 * j] / 7;
    columns.id[j] = words[2 * j + 1];
    columns.kind[j] = j & 0xffff;
    columns.flags[j] = (j * 7) & 0xffff;
  }
  return { bytes: lib.encodeRecords(columns), columns, out: Buffer.alloc(n * 24) };
}

/**
 * `(s) => fn(s.data)`, compiled anew for each call: one arrow literal written in a loop over sizes
 * would give every size's form the same type feedback (the header's rule), so a function with a JS
 * path for small inputs and a built-in call for large ones would be inlined with both in every row.
 */
function freshCall(fn) {
  return new Function('fn', 'return (s) => fn(s.data);')(fn);
}

/**
 * A function that only calls `fn` with its one argument: the least any JS router in front of a
 * built-in can cost. A new closure each time, so that no two pairs share its type feedback.
 */
function passThrough(fn) {
  return new Function('fn', 'return function passThrough(b) { return fn(b); };')(fn);
}

if (suite === 'builtin') {
  const { isUtf8: builtinIsUtf8 } = await import('node:buffer');
  const zlib = await import('node:zlib');
  const pairs = [];
  const { isUtf8, crc32Sync } = lib;
  for (const size of [16, 100, 1024, 10_000, 65_536, 1 << 20]) {
    pairs.push({
      name: 'isUtf8 vs buffer.isUtf8',
      size,
      state: { data: text(size) },
      ours: freshCall(isUtf8),
      ref: freshCall(builtinIsUtf8),
      note: `route ${lib.isUtf8Route?.(size) ?? '?'}`,
    });
    // The floor of routing to the built-in: no test at all, only the call.
    const state = { data: text(size) };
    pairs.push({
      name: 'pass-through vs buffer.isUtf8',
      size,
      state,
      ours: freshCall(passThrough(builtinIsUtf8)),
      ref: freshCall(builtinIsUtf8),
    });
  }
  if (typeof zlib.crc32 === 'function') {
    const zcrc = zlib.crc32;
    for (const size of [16, 64, 256, 1024, 65_536, 1 << 20]) {
      pairs.push({
        name: 'crc32Sync vs zlib.crc32',
        size,
        state: { data: randomBytes(size) },
        ours: freshCall(crc32Sync),
        ref: freshCall(zcrc),
      });
      pairs.push({
        name: 'pass-through vs zlib.crc32',
        size,
        state: { data: randomBytes(size) },
        ours: freshCall(passThrough(zcrc)),
        ref: freshCall(zcrc),
      });
    }
  } else {
    console.log(`# ${runtime}: node:zlib has no crc32`);
  }
  race(pairs);
} else if (suite === 'versus') {
  // Another build of the package (`--old DIR`, a copy of an older dist/ placed inside this
  // checkout so that it resolves the same node_modules) raced with this one and the built-ins:
  // before and after a change, in one process.
  const i = args.indexOf('--old');
  if (i === -1) throw new Error('versus needs --old DIR (an older dist/ inside this checkout)');
  const old = require(join(process.cwd(), args[i + 1], 'index.js'));
  const { isUtf8: builtinIsUtf8 } = await import('node:buffer');
  const zlib = await import('node:zlib');
  const pairs = [];
  for (const size of [16, 100, 1024]) {
    const state = { data: text(size) };
    for (const [name, fn] of [
      ['isUtf8 old vs buffer.isUtf8', old.isUtf8],
      ['isUtf8 new vs buffer.isUtf8', lib.isUtf8],
    ]) {
      pairs.push({ name, size, state, ours: freshCall(fn), ref: freshCall(builtinIsUtf8) });
    }
  }
  if (typeof zlib.crc32 === 'function') {
    for (const size of [16, 64, 256, 1024]) {
      const state = { data: randomBytes(size) };
      for (const [name, fn] of [
        ['crc32Sync old vs zlib.crc32', old.crc32Sync],
        ['crc32Sync new vs zlib.crc32', lib.crc32Sync],
      ]) {
        pairs.push({ name, size, state, ours: freshCall(fn), ref: freshCall(zlib.crc32) });
      }
    }
  }
  race(pairs);
} else if (suite === 'records') {
  // zero-copy/records' native form against a copy of the same bytes (Uint8Array#set, a memcpy):
  // the decode reads and writes as many bytes as the copy does. With 10k records both streams
  // fit in L2; 100k is the case's largest quick size. Compare with the kernel alone in Rust:
  // `cargo run --release -p rust-patterns-core --example records_decode_alone`.
  const { native } = lib;
  const decode = native.decodeRecordArraysInto;
  const pairs = [];
  for (const n of [10_000, 100_000]) {
    pairs.push({
      name: 'binding decodeRecordArraysInto vs Uint8Array#set',
      size: `${n} rec`,
      state: recordState(n),
      ours: (s) =>
        decode(s.bytes, s.columns.timestamp, s.columns.value, s.columns.id, s.columns.kind, s.columns.flags),
      ref: (s) => (s.out.set(s.bytes), s.bytes.length / 24),
    });
  }
  race(pairs);
} else if (suite === 'copies') {
  // Two copies of the package in one process (two versions, or the CJS and ESM builds): the second
  // copy's dispatchers must cost what the first's do.
  for (const key of Object.keys(require.cache))
    if (key.startsWith(join(root, 'dist'))) delete require.cache[key];
  const second = require(join(root, 'dist', 'index.js'));
  if (second.isUtf8 === lib.isUtf8) throw new Error('copies: the second require returned the first copy');
  const { isUtf8: builtinIsUtf8 } = await import('node:buffer');
  const pairs = [];
  for (const size of [100, 1024]) {
    for (const [name, copy] of [
      ['isUtf8 first copy vs buffer.isUtf8', lib],
      ['isUtf8 second copy vs buffer.isUtf8', second],
    ]) {
      pairs.push({
        name,
        size,
        state: { data: text(size) },
        ours: freshCall(copy.isUtf8),
        ref: freshCall(builtinIsUtf8),
      });
    }
  }
  race(pairs);
} else if (suite === 'route') {
  // The binding itself against the built-in: where the binding could win a route.
  const { isUtf8: builtinIsUtf8 } = await import('node:buffer');
  const zlib = await import('node:zlib');
  const { native } = lib;
  const [nUtf8, nCrc] = [native.isUtf8, native.crc32Sync];
  const pairs = [];
  // 160-400 B: between the scanner's cut-off and 1 KiB, where the crossover on Deno lies.
  for (const size of [100, 160, 256, 400, 1024, 10_000, 65_536, 1 << 20]) {
    pairs.push({
      name: 'binding isUtf8 vs buffer.isUtf8',
      size,
      state: { data: text(size) },
      ours: (s) => nUtf8(s.data),
      ref: (s) => builtinIsUtf8(s.data),
    });
  }
  if (typeof zlib.crc32 === 'function') {
    const zcrc = zlib.crc32;
    // Every power of 4 from 16 B, so that the crossover is read between neighbours 4x apart. The
    // twin's rows are the route of a process without the binding.
    const twinCrc = lib.js.crc32Sync;
    for (const size of [16, 64, 256, 1024, 4096, 16_384, 65_536, 1 << 18, 1 << 20]) {
      const state = { data: randomBytes(size) };
      // `freshCall`, not arrows written in this loop: each form of each size gets feedback of its own.
      for (const [who, fn] of [
        ['binding', nCrc],
        ['twin', twinCrc],
      ]) {
        pairs.push({
          name: `${who} crc32Sync vs zlib.crc32`,
          size,
          state,
          ours: freshCall(fn),
          ref: freshCall(zcrc),
        });
      }
    }
  }
  race(pairs);
} else if (suite === 'floor') {
  const { loadRawC } = require(join(root, 'benchmark', 'lab', 'raw-c', 'load.cjs'));
  const c = loadRawC();
  const pairs = [];
  const data16 = randomBytes(16);
  const f = (name, size, state, ours, ref) => pairs.push({ name, size, state, ours, ref });
  const { countByte, isUtf8, utf8ValidUpTo, crc32Sync, lineOffsets, native } = lib;
  // lineOffsets at the smallest size of zero-copy/lines (100 B of log text).
  f(
    'lineOffsets',
    100,
    { data: text(100) },
    (s) => lineOffsets(s.data),
    (s) => c.lineOffsets(s.data),
  );
  f(
    'countByte',
    16,
    { data: data16 },
    (s) => countByte(s.data, 7),
    (s) => c.countByte(s.data, 7),
  );
  f(
    'isUtf8',
    16,
    { data: text(16) },
    (s) => isUtf8(s.data),
    (s) => c.isUtf8(s.data),
  );
  f(
    'utf8ValidUpTo',
    16,
    { data: text(16) },
    (s) => utf8ValidUpTo(s.data),
    (s) => c.utf8ValidUpTo(s.data),
  );
  f(
    'crc32Sync',
    16,
    { data: data16 },
    (s) => crc32Sync(s.data),
    (s) => c.crc32Sync(s.data),
  );
  // The record codec at one record (limits/boundary's size) and 100 (zero-copy/records' smallest).
  const { decodeRecordsInto, encodeRecordsInto } = lib;
  // The C references take the columns as five arguments, as the binding does.
  const cDecode = (bytes, k) => c.decodeRecordArraysInto(bytes, k.timestamp, k.value, k.id, k.kind, k.flags);
  const cEncode = (k, out) => c.encodeRecordArraysInto(k.timestamp, k.value, k.id, k.kind, k.flags, out);
  const recordForms = (name, ours, ref) => {
    for (const n of [1, 100]) f(name, `${n} rec`, recordState(n), ours, ref);
  };
  recordForms(
    'decodeRecordsInto',
    (s) => decodeRecordsInto(s.bytes, s.columns),
    (s) => cDecode(s.bytes, s.columns),
  );
  recordForms(
    'encodeRecordsInto',
    (s) => encodeRecordsInto(s.columns, s.out),
    (s) => cEncode(s.columns, s.out),
  );
  // OwnedBlock at 100 B, the smallest size of ownership/release: each method on a live block, and
  // the case's whole cycle (allocate, fill, checksum, close). fill returns nothing: its forms
  // return 0 so that the race can check them.
  const { OwnedBlock } = lib;
  const blockForms = (name, Ours, Ref) => {
    const state = { ours: new Ours(100), ref: new Ref(100) };
    // Each side's form compiled on its own (new Function), so that no call site sees both classes.
    const both = (label, expr) => {
      const [ours, ref] = ['ours', 'ref'].map(
        (side) => new Function('st', `const b = st.${side}; return ${expr};`),
      );
      f(`${name} ${label}`, 100, state, ours, ref);
    };
    both('fill', '(b.fill(7), 0)');
    both('checksum', 'b.checksum()');
    both('byteLength', 'b.byteLength');
    // ownership/release's op: allocate, fill, checksum, close.
    const cycle = (Block) =>
      new Function(
        'Block',
        'return () => { const b = new Block(100); b.fill(7); const sum = b.checksum(); b.close(); return sum; };',
      )(Block);
    f(`${name} cycle`, 100, state, cycle(Ours), cycle(Ref));
  };
  blockForms('OwnedBlock', OwnedBlock, c.NativeBlock);
  if (native) blockForms('binding NativeBlock', native.NativeBlock, c.NativeBlock);
  if (native) {
    const [nDecode, nEncode] = [native.decodeRecordArraysInto, native.encodeRecordArraysInto];
    recordForms(
      'binding decodeRecordArraysInto',
      (s) =>
        nDecode(s.bytes, s.columns.timestamp, s.columns.value, s.columns.id, s.columns.kind, s.columns.flags),
      (s) => cDecode(s.bytes, s.columns),
    );
    recordForms(
      'binding encodeRecordArraysInto',
      (s) =>
        nEncode(s.columns.timestamp, s.columns.value, s.columns.id, s.columns.kind, s.columns.flags, s.out),
      (s) => cEncode(s.columns, s.out),
    );
  }
  if (native) {
    const [nCount, nUtf8, nUpTo, nCrc, nLines] = [
      native.countByte,
      native.isUtf8,
      native.utf8ValidUpTo,
      native.crc32Sync,
      native.lineOffsets,
    ];
    f(
      'binding lineOffsets',
      100,
      { data: text(100) },
      (s) => nLines(s.data),
      (s) => c.lineOffsets(s.data),
    );
    f(
      'binding countByte',
      16,
      { data: data16 },
      (s) => nCount(s.data, 7),
      (s) => c.countByte(s.data, 7),
    );
    f(
      'binding isUtf8',
      16,
      { data: text(16) },
      (s) => nUtf8(s.data),
      (s) => c.isUtf8(s.data),
    );
    f(
      'binding utf8ValidUpTo',
      16,
      { data: text(16) },
      (s) => nUpTo(s.data),
      (s) => c.utf8ValidUpTo(s.data),
    );
    f(
      'binding crc32Sync',
      16,
      { data: data16 },
      (s) => nCrc(s.data),
      (s) => c.crc32Sync(s.data),
    );
  }
  race(pairs);
} else if (suite === 'cutoffs') {
  // What one cut-off read costs a dispatcher in optimised code: a loop of 2M compares against the
  // public `thresholds` view (a getter), the package's own `cutoffs` (a plain data property) and a
  // constant, in 25 rounds of shuffled order; prints ns per iteration (median and lower quartile).
  const t = require(join(root, 'dist', 'thresholds.js'));
  const N = 2e6;
  const a = new Uint8Array(200);
  const loops = {
    'thresholds (getter)': () => {
      let s = 0;
      for (let i = 0; i < N; i++) if (a.length + (i & 7) >= t.thresholds.crc32BuiltinMinBytes) s++;
      return s;
    },
    'cutoffs (data)': () => {
      let s = 0;
      for (let i = 0; i < N; i++) if (a.length + (i & 7) >= t.cutoffs.crc32BuiltinMinBytes) s++;
      return s;
    },
    constant: () => {
      let s = 0;
      for (let i = 0; i < N; i++) if (a.length + (i & 7) >= 64) s++;
      return s;
    },
  };
  const times = Object.fromEntries(Object.keys(loops).map((k) => [k, []]));
  for (let r = 0; r < 25; r++) {
    for (const k of Object.keys(loops).sort(() => Math.random() - 0.5)) {
      const t0 = performance.now();
      if (loops[k]() !== N) throw new Error(`${k}: wrong count`);
      times[k].push(((performance.now() - t0) * 1e6) / N);
    }
  }
  console.log(`# cutoffs on ${runtime}, 25 rounds of ${N} iterations, ns per iteration`);
  for (const [k, v] of Object.entries(times)) {
    v.sort((x, y) => x - y);
    console.log(`${k}\t${v[12].toFixed(3)} (p25 ${v[6].toFixed(3)})`);
  }
} else {
  throw new Error(`unknown suite ${suite}: floor, builtin, versus, records, copies, route or cutoffs`);
}
