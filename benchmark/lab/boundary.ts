/**
 * `limits/boundary`: the benchmark-only objects of the addon (`crates/node/src/raw.rs`), which
 * the generated loader leaves out: `boundaryNapi` (each layer of a call through napi-rs) and
 * `boundaryRaw` (the same layers as raw Node-API callbacks on napi-sys). They are read from the
 * `.node` module itself, the same module the loader loaded.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import { native, type NativeBinding, platformArchAbi } from '../../src/native.js';
import { repoRoot } from '../engine/paths.js';
import type { ResultRecord } from '../engine/record.js';
import { median, speedRatio } from '../engine/stats.js';

/**
 * The forms both objects have: one per layer of a call, and the hot entry points with the
 * public signatures.
 */
export interface BoundaryLayers extends Pick<
  NativeBinding,
  'crc32Sync' | 'countByte' | 'isUtf8' | 'decodeRecordArraysInto' | 'encodeRecordArraysInto'
> {
  /** Does nothing (the public `noop` is the lab binding's raw callback). */
  noop(): void;
  /** Takes one number and returns it. */
  number(value: number): number;
  /** Borrows a Uint8Array and returns its length. */
  borrow(data: Uint8Array): number;
  /** Checks `data` and `byte` as `countByte` does (same errors) and returns `data.length`. */
  validate(data: Uint8Array, byte: number): number;
  /** A new 16-byte Buffer moved out of Rust (external, freed by a finalizer). */
  externalBuffer(): Buffer;
  /** Resolves to 1 after one hop to the libuv pool and back. */
  asyncNoop(): Promise<number>;
}

export interface BoundaryForms {
  /** Through napi-rs: the `#[napi]` functions as napi-rs generated them. */
  napi: BoundaryLayers;
  /** Raw Node-API callbacks (the public hot entry points are these callbacks too). */
  raw: BoundaryLayers;
}

/** The `.node` file the loader uses: the explicit override, else the local build. */
export function addonFile(): string {
  return (
    process.env.RUST_PATTERNS_NATIVE_PATH ?? path.join(repoRoot, `rust-patterns.${platformArchAbi()}.node`)
  );
}

/**
 * The two objects, or null when the binding did not load or the loaded build predates them (a
 * prebuild or platform package, which the benchmark does not look inside).
 */
export function loadBoundaryForms(): BoundaryForms | null {
  if (native === null) return null;
  const file = addonFile();
  if (!fs.existsSync(file)) return null;
  const addon = createRequire(path.join(repoRoot, 'package.json'))(file) as {
    boundaryNapi?: BoundaryLayers;
    boundaryRaw?: BoundaryLayers;
  };
  return addon.boundaryNapi && addon.boundaryRaw
    ? { napi: addon.boundaryNapi, raw: addon.boundaryRaw }
    : null;
}

/** The layers compared, in report order, with the `nativeVariants` keys of each side. */
export const boundaryPairs: ReadonlyArray<{ layer: string; napi: string; raw: string }> = [
  { layer: 'no-op', napi: 'napi-noop', raw: 'raw-noop' },
  { layer: 'one number in and out', napi: 'napi-number', raw: 'raw-number' },
  { layer: 'borrow a 16-byte Uint8Array', napi: 'napi-borrow-16B', raw: 'raw-borrow-16B' },
  { layer: 'validate (data, byte) as countByte', napi: 'napi-validate-16B', raw: 'raw-validate-16B' },
  { layer: 'throw a TypeError and catch it', napi: 'napi-throw', raw: 'raw-throw' },
  { layer: 'return a 16-byte external Buffer', napi: 'napi-external-16B', raw: 'raw-external-16B' },
  { layer: 'crc32Sync, 16 bytes', napi: 'napi-crc32Sync-16B', raw: 'raw-crc32Sync-16B' },
  { layer: 'countByte, 16 bytes', napi: 'napi-countByte-16B', raw: 'raw-countByte-16B' },
  { layer: 'isUtf8, 16 bytes', napi: 'napi-isUtf8-16B', raw: 'raw-isUtf8-16B' },
  {
    layer: 'decodeRecordArraysInto, one 24-byte record',
    napi: 'napi-decodeRecordsInto-24B',
    raw: 'raw-decodeRecordsInto-24B',
  },
];

/** The public hot entry points against their raw twins: the 1.15x target of issue 16. */
export const publicPairs: ReadonlyArray<{ name: string; pub: string; raw: string }> = [
  { name: 'noop', pub: 'native', raw: 'raw-noop' },
  { name: 'crc32Sync', pub: 'public-crc32Sync-16B', raw: 'raw-crc32Sync-16B' },
  { name: 'countByte', pub: 'public-countByte-16B', raw: 'raw-countByte-16B' },
  { name: 'isUtf8', pub: 'public-isUtf8-16B', raw: 'raw-isUtf8-16B' },
  { name: 'decodeRecordArraysInto', pub: 'public-decodeRecordsInto-24B', raw: 'raw-decodeRecordsInto-24B' },
];

/**
 * Time per call of `n` awaited calls of `f` in a row: the round trip of one async call (libuv
 * queue, worker, completion, promise settlement).
 */
async function asyncBatch(f: () => Promise<number>, n: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await f();
  const ns = Number(process.hrtime.bigint() - t0) / n;
  if (sum !== n) throw new Error(`asyncNoop resolved to ${sum / n}, not 1`);
  return ns;
}

/**
 * The async layer, as `metrics`: napi-rs's `AsyncTask` and raw `napi_create_async_work` timed
 * in alternating batches (the order flips every round), so drift hits both alike. Returns the
 * medians per call and the median of the per-round ratios.
 */
export async function asyncRoundTrip(
  f: BoundaryForms,
  rounds: number,
  perBatch: number,
): Promise<Record<string, number>> {
  const napi: number[] = [];
  const raw: number[] = [];
  const ratio: number[] = [];
  await asyncBatch(() => f.napi.asyncNoop(), perBatch);
  await asyncBatch(() => f.raw.asyncNoop(), perBatch);
  for (let r = 0; r < rounds; r++) {
    // The order flips every round.
    const order = r % 2 === 0 ? (['napi', 'raw'] as const) : (['raw', 'napi'] as const);
    const t = { napi: 0, raw: 0 };
    for (const side of order) t[side] = await asyncBatch(() => f[side].asyncNoop(), perBatch);
    napi.push(t.napi);
    raw.push(t.raw);
    ratio.push(t.napi / t.raw);
  }
  return {
    async_roundtrip_napi_us: Math.round(median(napi)) / 1e3,
    async_roundtrip_raw_us: Math.round(median(raw)) / 1e3,
    async_roundtrip_napi_over_raw: Math.round(median(ratio) * 1000) / 1000,
  };
}

/** One comparison of a `limits/boundary` record: `slow` over `fast` time, with its interval. */
export interface BoundaryRatio {
  label: string;
  /** Median ns per call of each side. */
  slowNs: number;
  fastNs: number;
  /** Time of `slow` over time of `fast` (above 1: `slow` is slower), 95% interval. */
  ratio: number;
  lo: number;
  hi: number;
}

/**
 * The layer ratios (napi-rs over raw) and the public-over-raw ratios of a `limits/boundary`
 * record, with the engine's paired interval (per-round log ratios, bootstrapped by process).
 */
export function boundaryRatios(record: ResultRecord): { layers: BoundaryRatio[]; public: BoundaryRatio[] } {
  const compare = (label: string, slow: string, fast: string): BoundaryRatio | null => {
    const a = record.forms[slow];
    const b = record.forms[fast];
    if (!a || !b) return null;
    // speedRatio(challenger, incumbent) is incumbent time over challenger time.
    const iv = speedRatio(b, a, `${record.benchmark}|${slow}|${fast}`);
    return {
      label,
      slowNs: Math.round(median(a.samples_ns) * 10) / 10,
      fastNs: Math.round(median(b.samples_ns) * 10) / 10,
      ratio: Math.round(iv.ratio * 1000) / 1000,
      lo: Math.round(iv.lo * 1000) / 1000,
      hi: Math.round(iv.hi * 1000) / 1000,
    };
  };
  const keep = (r: BoundaryRatio | null): r is BoundaryRatio => r !== null;
  return {
    layers: boundaryPairs.map((p) => compare(p.layer, p.napi, p.raw)).filter(keep),
    public: publicPairs.map((p) => compare(p.name, p.pub, p.raw)).filter(keep),
  };
}

/** Prints the ratios of every `limits/boundary` record in a results file (for the closing note). */
export function printBoundaryRatios(file: string): void {
  const records = JSON.parse(fs.readFileSync(file, 'utf8')) as ResultRecord[];
  for (const r of records.filter((x) => x.benchmark === 'limits/boundary')) {
    const { layers, public: pub } = boundaryRatios(r);
    const line = (x: BoundaryRatio): string =>
      `  ${x.label.padEnd(40)} ${String(x.slowNs).padStart(8)} ns / ${String(x.fastNs).padStart(8)} ns = ${x.ratio.toFixed(3)} [${x.lo.toFixed(3)}, ${x.hi.toFixed(3)}]`;
    console.log(`${r.runtime.name} ${r.runtime.version} (${file}): napi-rs over raw`);
    layers.forEach((x) => console.log(line(x)));
    console.log('public export over raw twin');
    pub.forEach((x) => console.log(line(x)));
    if (r.metrics) console.log('async round trip', JSON.stringify(r.metrics));
  }
}
