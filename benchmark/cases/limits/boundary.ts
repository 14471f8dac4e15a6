/**
 * `limits/boundary`: each layer of one Node-API call, through napi-rs and as a raw Node-API
 * callback (napi-sys) side by side, as forms of one record so they are sampled in the same
 * interleaved rounds: a no-op, one number in and out, borrowing a typed array, validating
 * arguments, a throw on bad input, an external-buffer return with its finalizer, and the hot
 * entry points on a 16-byte input (`decodeRecordArraysInto` on one 24-byte record, its smallest
 * valid input). The `public-*` forms are the package's exports as users call them. The form
 * keys keep the name `decodeRecordsInto` so that they match the committed results
 * (benchmark/RESULTS.json). The async round trip goes in `metrics` (its forms return Promises,
 * which the sync forms cannot share a record with). A reference without verdict, like every
 * `limits/*` case. The `c-*` forms are the floor: a raw C Node-API function with the same
 * argument contract and result as each public one (`benchmark/lab/raw-c/floor.c`, built with cc
 * and node-api-headers; left out when no C compiler is found), so `public-X` over `c-X` is how far
 * a public call is above what C reaches.
 */
import * as path from 'node:path';

import { js, native } from '../../lab/native.js';
import { allocColumns, type RecordColumns } from '../../../src/records.js';
import { allEqual, defineCase, deepEqual } from '../../engine/case.js';
import { repoRoot } from '../../engine/paths.js';
import { asyncRoundTrip, type BoundaryForms, loadBoundaryForms } from '../../lab/boundary.js';
import { randomBytes } from '../../lab/data.js';
import { recordStream } from '../../lab/records.js';
import type * as RawCLoader from '../../lab/raw-c/load.cjs';
import type { RawC } from '../../lab/raw-c/load.cjs';

const bin = native;
const forms: BoundaryForms | null = loadBoundaryForms();

/** The raw C reference, or null without a C compiler (the `c-*` forms are then left out). */
function tryRawC(): RawC | null {
  try {
    // A plain CommonJS file shared with scripts/floor.mjs (which Bun and Deno run without tsx),
    // read from the sources: `npm run bench` runs the compiled tree, which does not copy it.
    const loader = path.join(repoRoot, 'benchmark', 'lab', 'raw-c', 'load.cjs');
    return (require(loader) as typeof RawCLoader).loadRawC();
  } catch {
    return null;
  }
}
const rawC = tryRawC();

/** The C reference's forms, each its own function literal (see `variants`). */
function cForms(c: RawC): Record<string, (s: State) => unknown> {
  const [cCrc, cCount, cUtf8, cDecode] = [c.crc32Sync, c.countByte, c.isUtf8, c.decodeRecordArraysInto];
  return {
    'c-crc32Sync-16B': (s) => cCrc(s.data),
    'c-countByte-16B': (s) => cCount(s.data, 7),
    'c-isUtf8-16B': (s) => cUtf8(s.data),
    'c-decodeRecordsInto-24B': ({ record, columns: { c: k } }) =>
      cDecode(record, k.timestamp, k.value, k.id, k.kind, k.flags),
  };
}

interface State {
  data: Buffer;
  record: Buffer;
  /** One set of output columns per form, so every form's writes can be checked. */
  columns: { napi: RecordColumns; raw: RecordColumns; pub: RecordColumns; c: RecordColumns };
}

/** The message of the error `f` throws (the throw forms' result), or '' when it returns. */
function thrown(f: () => unknown): string {
  try {
    f();
    return '';
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

const BAD_BYTE = 'x' as unknown as number;

/**
 * The napi-rs, raw and public forms of every layer. Each function is read off its object once,
 * so every form makes the same kind of call (a function held in a constant), and each form is
 * its own function literal: closures made from one literal share their type feedback, which
 * would make a call site polymorphic across sides.
 */
function variants(pub: NonNullable<typeof bin>, f: BoundaryForms): Record<string, (s: State) => unknown> {
  const [n, r] = [f.napi, f.raw];
  const [nNoop, rNoop, nNumber, rNumber, nBorrow, rBorrow] = [
    n.noop,
    r.noop,
    n.number,
    r.number,
    n.borrow,
    r.borrow,
  ];
  const [nValidate, rValidate, nExternal, rExternal] = [
    n.validate,
    r.validate,
    n.externalBuffer,
    r.externalBuffer,
  ];
  const [nCrc, rCrc, pCrc] = [n.crc32Sync, r.crc32Sync, pub.crc32Sync];
  const [nCount, rCount, pCount] = [n.countByte, r.countByte, pub.countByte];
  const [nUtf8, rUtf8, pUtf8] = [n.isUtf8, r.isUtf8, pub.isUtf8];
  const [nDecode, rDecode, pDecode] = [
    n.decodeRecordArraysInto,
    r.decodeRecordArraysInto,
    pub.decodeRecordArraysInto,
  ];
  return {
    'napi-noop': () => nNoop(),
    'raw-noop': () => rNoop(),
    'napi-number': () => nNumber(3.5),
    'raw-number': () => rNumber(3.5),
    'napi-borrow-16B': (s) => nBorrow(s.data),
    'raw-borrow-16B': (s) => rBorrow(s.data),
    'napi-validate-16B': (s) => nValidate(s.data, 7),
    'raw-validate-16B': (s) => rValidate(s.data, 7),
    'napi-throw': (s) => thrown(() => nValidate(s.data, BAD_BYTE)),
    'raw-throw': (s) => thrown(() => rValidate(s.data, BAD_BYTE)),
    'napi-external-16B': () => nExternal(),
    'raw-external-16B': () => rExternal(),
    'napi-crc32Sync-16B': (s) => nCrc(s.data),
    'raw-crc32Sync-16B': (s) => rCrc(s.data),
    'public-crc32Sync-16B': (s) => pCrc(s.data),
    'napi-countByte-16B': (s) => nCount(s.data, 7),
    'raw-countByte-16B': (s) => rCount(s.data, 7),
    'public-countByte-16B': (s) => pCount(s.data, 7),
    'napi-isUtf8-16B': (s) => nUtf8(s.data),
    'raw-isUtf8-16B': (s) => rUtf8(s.data),
    'public-isUtf8-16B': (s) => pUtf8(s.data),
    'napi-decodeRecordsInto-24B': ({ record, columns: { napi: c } }) =>
      nDecode(record, c.timestamp, c.value, c.id, c.kind, c.flags),
    'raw-decodeRecordsInto-24B': ({ record, columns: { raw: c } }) =>
      rDecode(record, c.timestamp, c.value, c.id, c.kind, c.flags),
    'public-decodeRecordsInto-24B': ({ record, columns: { pub: c } }) =>
      pDecode(record, c.timestamp, c.value, c.id, c.kind, c.flags),
  };
}

/** The public no-op, read once like the other forms' functions. */
const publicNoop = bin ? bin.noop : js.noop;

export const benchCase = defineCase<State>({
  id: 'limits/boundary',
  description:
    'Each layer of one Node-API call through napi-rs vs a raw Node-API callback; hot entry points on 16 bytes',
  unit: 'calls',
  sizes: { quick: [1] },
  setup: () => ({
    data: randomBytes(16),
    record: recordStream(1).bytes,
    columns: { napi: allocColumns(1), raw: allocColumns(1), pub: allocColumns(1), c: allocColumns(1) },
  }),
  traditional: () => js.noop(),
  ...(bin && forms
    ? {
        native: () => publicNoop(),
        nativeVariants: { ...variants(bin, forms), ...(rawC ? cForms(rawC) : {}) },
      }
    : {}),
  check: (results, s) => {
    const group = (keys: string[], expected: unknown): void => {
      const picked = Object.fromEntries(keys.filter((k) => k in results).map((k) => [k, results[k]]));
      allEqual({ expected, ...picked });
    };
    group(['traditional', 'native', 'napi-noop', 'raw-noop'], undefined);
    if (!forms || !bin) return;
    group(['napi-number', 'raw-number'], 3.5);
    group(['napi-borrow-16B', 'raw-borrow-16B', 'napi-validate-16B', 'raw-validate-16B'], 16);
    group(
      ['napi-throw', 'raw-throw'],
      thrown(() => js.countByte(s.data, BAD_BYTE)),
    );
    group(['napi-external-16B', 'raw-external-16B'], Buffer.alloc(16, 0x2a));
    const suffixed = (name: string, size: string): string[] =>
      ['napi', 'raw', 'public', 'c'].map((side) => `${side}-${name}-${size}`);
    group(suffixed('crc32Sync', '16B'), js.crc32Sync(s.data));
    group(suffixed('countByte', '16B'), js.countByte(s.data, 7));
    group(suffixed('isUtf8', '16B'), js.isUtf8(s.data));
    group(suffixed('decodeRecordsInto', '24B'), 1);
    const want = allocColumns(1);
    js.decodeRecordArraysInto(s.record, want.timestamp, want.value, want.id, want.kind, want.flags);
    for (const [side, c] of Object.entries(s.columns)) {
      // The C side's columns are written only when its form ran (a C compiler was found).
      if (side === 'c' && !('c-decodeRecordsInto-24B' in results)) continue;
      if (!deepEqual(c, want))
        throw new Error(`limits/boundary: ${side} decodeRecordArraysInto wrote other columns`);
    }
  },
  metrics: async (_s, mode) =>
    forms ? asyncRoundTrip(forms, mode === 'quick' ? 10 : 30, mode === 'quick' ? 1000 : 4000) : {},
});
