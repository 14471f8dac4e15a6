/**
 * The record layouts of `cache-locality/hot-cold`, built so that V8's heap layout is the same in
 * every process. Every field is a small integer (a Smi, stored in the object itself) or one of
 * 64 shared strings, so a record owns no other heap object: where a scavenge copies a record's
 * children apart from it and where pretenuring keeps them beside it, the records land in
 * different layouts from run to run. Each layout is then allocated in its own pass in the order
 * it is read, and collected into the old generation before the next pass starts, so the order in
 * memory is the allocation order whether V8 pretenures the objects or copies them.
 */

/** The two fields the sum reads. */
export interface Hot {
  price: number;
  qty: number;
}

/** The fourteen fields it never reads. */
export interface Cold {
  sku: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  weight: number;
  width: number;
  height: number;
  depth: number;
  taxRate: number;
  discount: number;
  warehouse: number;
  supplier: number;
  rating: number;
  reviews: number;
}

/** All sixteen fields in one object, hot ones first. */
export type Mixed = Hot & Cold;

/** Fields per flat mixed record (16 f64 = 128 bytes), hot ones first. */
export const MIXED_STRIDE = 16;

const NAMES = Array.from({ length: 64 }, (_, k) => `SKU-${k}`);

/** Price in cents and quantity of record `i`: integers, so every sum is exact in any order. */
const price = (i: number): number => (i % 1000) * 25 + 50;
const qty = (i: number): number => (i % 7) + 1;

const hotOf = (i: number): Hot => ({ price: price(i), qty: qty(i) });

const coldOf = (i: number): Cold => ({
  sku: NAMES[i & 63]!,
  name: NAMES[(i >> 6) & 63]!,
  createdAt: i,
  updatedAt: 2 * i,
  weight: i % 977,
  width: 15,
  height: 25,
  depth: 35,
  taxRate: 20,
  discount: 5,
  warehouse: i % 13,
  supplier: i % 101,
  rating: 45,
  reviews: i % 500,
});

// One literal naming all sixteen fields, not `{ ...hotOf(i), ...coldOf(i) }`: a spread leaves
// most fields in a separate property array, which would split the record by itself.
const mixedOf = (i: number): Mixed => ({
  price: price(i),
  qty: qty(i),
  sku: NAMES[i & 63]!,
  name: NAMES[(i >> 6) & 63]!,
  createdAt: i,
  updatedAt: 2 * i,
  weight: i % 977,
  width: 15,
  height: 25,
  depth: 35,
  taxRate: 20,
  discount: 5,
  warehouse: i % 13,
  supplier: i % 101,
  rating: 45,
  reviews: i % 500,
});

export interface Layouts {
  /** One object per record, all sixteen fields, consecutive in memory. */
  mixed: Mixed[];
  /** Hot objects allocated each beside its cold half (hot, cold, hot, cold, ...). */
  hotInterleaved: Hot[];
  coldInterleaved: Cold[];
  /** Hot objects consecutive in memory; their cold halves in a run of their own after them. */
  hot: Hot[];
  cold: Cold[];
  /** Flat floats: 16 per record (hot first), and the hot pair alone. */
  flatMixed: Float64Array;
  flatHot: Float64Array;
}

/**
 * Builds every layout of `n` records. `settle` moves what exists into the old generation (two
 * full collections); without one (no `--expose-gc`) the layouts are built the same way but a
 * scavenge may reorder them.
 */
export function buildLayouts(n: number, settle: () => void): Layouts {
  settle();
  const mixed = new Array<Mixed>(n);
  for (let i = 0; i < n; i++) mixed[i] = mixedOf(i);
  settle();
  // One array holds both halves in allocation order, so a copying collection keeps the order.
  const pairs = new Array<Hot | Cold>(2 * n);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = hotOf(i);
    pairs[2 * i + 1] = coldOf(i);
  }
  settle();
  const hotInterleaved = new Array<Hot>(n);
  const coldInterleaved = new Array<Cold>(n);
  for (let i = 0; i < n; i++) {
    hotInterleaved[i] = pairs[2 * i] as Hot;
    coldInterleaved[i] = pairs[2 * i + 1] as Cold;
  }
  const hot = new Array<Hot>(n);
  for (let i = 0; i < n; i++) hot[i] = hotOf(i);
  settle();
  const cold = new Array<Cold>(n);
  for (let i = 0; i < n; i++) cold[i] = coldOf(i);
  settle();
  const flatMixed = new Float64Array(n * MIXED_STRIDE);
  const flatHot = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    flatMixed[i * MIXED_STRIDE] = price(i);
    flatMixed[i * MIXED_STRIDE + 1] = qty(i);
    for (let k = 2; k < MIXED_STRIDE; k++) flatMixed[i * MIXED_STRIDE + k] = i * k;
    flatHot[2 * i] = price(i);
    flatHot[2 * i + 1] = qty(i);
  }
  return { mixed, hotInterleaved, coldInterleaved, hot, cold, flatMixed, flatHot };
}

/** Σ price × qty over sixteen-field records. */
export function totalMixed(records: readonly Mixed[]): number {
  let sum = 0;
  for (let i = 0; i < records.length; i++) sum += records[i]!.price * records[i]!.qty;
  return sum;
}

/** Σ price × qty over hot records (both split layouts run this same function). */
export function totalHot(records: readonly Hot[]): number {
  let sum = 0;
  for (let i = 0; i < records.length; i++) sum += records[i]!.price * records[i]!.qty;
  return sum;
}

/** The expected total of `n` records, from the formula rather than from any layout. */
export function expectedTotal(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += price(i) * qty(i);
  return sum;
}
