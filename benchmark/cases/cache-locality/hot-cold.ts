/**
 * `cache-locality/hot-cold`: total `price * qty` over N records that also carry 14 rarely used
 * fields, stored inline (mixed) or split into a separate array (hot/cold split).
 */
import { js, native } from '../../lab/native.js';
import { defineCase, allEqual } from '../../engine/case.js';

/** Hot fields first, then 14 cold ones: 16 f64 = 128 bytes per flat mixed record. */
const MIXED_STRIDE = 16;
const bin = native;

interface Mixed {
  price: number;
  qty: number;
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

interface Hot {
  price: number;
  qty: number;
}

interface State {
  mixed: Mixed[];
  hot: Hot[];
  cold: Array<Omit<Mixed, 'price' | 'qty'>>;
  flatMixed: Float64Array;
  flatHot: Float64Array;
}

function setup(n: number): State {
  const mixed: Mixed[] = [];
  const hot: Hot[] = [];
  const cold: State['cold'] = [];
  const flatMixed = new Float64Array(n * MIXED_STRIDE);
  const flatHot = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const price = (i % 1000) * 0.25 + 0.5;
    const qty = (i % 7) + 1;
    const rest = {
      sku: `SKU-${i}`,
      name: `item ${i}`,
      createdAt: 1.7e12 + i,
      updatedAt: 1.7e12 + 2 * i,
      weight: i * 0.1,
      width: 1.5,
      height: 2.5,
      depth: 3.5,
      taxRate: 0.2,
      discount: 0.05,
      warehouse: i % 13,
      supplier: i % 101,
      rating: 4.5,
      reviews: i % 500,
    };
    mixed.push({ price, qty, ...rest });
    hot.push({ price, qty });
    cold.push(rest);
    flatMixed[i * MIXED_STRIDE] = price;
    flatMixed[i * MIXED_STRIDE + 1] = qty;
    for (let k = 2; k < MIXED_STRIDE; k++) flatMixed[i * MIXED_STRIDE + k] = i * k;
    flatHot[2 * i] = price;
    flatHot[2 * i + 1] = qty;
  }
  return { mixed, hot, cold, flatMixed, flatHot };
}

function totalMixed(records: Mixed[]): number {
  let sum = 0;
  for (let i = 0; i < records.length; i++) sum += records[i]!.price * records[i]!.qty;
  return sum;
}

function totalHot(records: Hot[]): number {
  let sum = 0;
  for (let i = 0; i < records.length; i++) sum += records[i]!.price * records[i]!.qty;
  return sum;
}

export const benchCase = defineCase<State>({
  id: 'cache-locality/hot-cold',
  description:
    'Sum price*qty over N records with 14 cold fields inline vs split out, as objects, flat floats and in Rust',
  unit: 'records',
  sizes: { quick: [100, 10_000, 1_000_000] },
  // The native form reads the split hot fields: two doubles per record.
  work: (n) => ({ items: n, bytes: 16 * n }),
  access: 'read',
  setup,
  traditional: (s) => totalMixed(s.mixed),
  rustInspired: (s) => totalHot(s.hot),
  ...(bin ? { native: (s: State) => bin.hotSumSync(s.flatHot, 2) } : {}),
  variants: {
    'js-flat-mixed': (s) => js.hotSumSync(s.flatMixed, MIXED_STRIDE),
    'js-flat-split': (s) => js.hotSumSync(s.flatHot, 2),
  },
  ...(bin
    ? { nativeVariants: { 'native-mixed': (s: State) => bin.hotSumSync(s.flatMixed, MIXED_STRIDE) } }
    : {}),
  check: (results) => allEqual(results),
});
