/**
 * The wasm build of the lab binding beside the native one (benchmark/lab/wasm-lab.ts): every lab
 * kernel a case times as `wasm` gives the native kernel's results, including the ones that write
 * into the caller's typed arrays (which reach JS on wasm only through `sync_written`), and each
 * case's `wasm` form goes through the check the engine runs before timing. Skipped without
 * `npm run build:bench-wasm-lab` (the wasm32 std comes from rustup, which CI may lack).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { loadCase } from '../benchmark/cases/index.js';
import { caseContext, type BenchCase } from '../benchmark/engine/case.js';
import { checkForms, formsOf } from '../benchmark/engine/runner.js';
import { labBinding, type LabBinding } from '../benchmark/lab/native-binding.js';
import { labWasm, labWasmLoadError } from '../benchmark/lab/wasm-lab.js';
import { wasm } from '../benchmark/lab/wasm.js';
import { byteViews, float64Views } from './helpers.js';
import { expectCheckedWasmForm } from './wasm-helpers.js';

/** The cases with a `wasm` form from the lab's wasm build (ownership/release's is the library's). */
const labWasmCases = [
  'allocation/buffer-reuse',
  'allocation/in-place',
  'allocation/object-pooling',
  'allocation/preallocation',
  'allocation/typed-vs-array',
  'cache-locality/access-order',
  'cache-locality/hot-cold',
  'cache-locality/layout',
  'zero-copy/boundary-out',
  'limits/call-floor',
];

const built = labWasm !== null;
if (!built) console.warn(`bench-wasm-lab.spec: skipped: ${String(labWasmLoadError?.message)}`);

/** A copy of `view` at the same element offset of a buffer of the same length. */
function copyView(view: Float64Array): Float64Array {
  return new Float64Array(view.buffer.slice(0), view.byteOffset, view.length);
}

/**
 * Runs `op` on the native lab binding and on the wasm one, each on its own copies of `inputs`,
 * and expects the same result and the same arrays afterwards (what the in-place kernels wrote).
 * Throws from both or from neither: a kernel's RangeError must be the same on wasm.
 */
function expectAgree(inputs: Float64Array[], op: (b: LabBinding, arrays: Float64Array[]) => unknown): void {
  const [nat, wa] = [labBinding!, labWasm!].map((b) => {
    const arrays = inputs.map(copyView);
    let outcome: unknown;
    try {
      outcome = op(b, arrays);
      if (ArrayBuffer.isView(outcome)) outcome = Array.from(outcome as Float64Array);
    } catch (e) {
      outcome = { threw: (e as Error).constructor.name };
    }
    return { outcome, arrays: arrays.map((a) => Array.from(a)) };
  });
  expect(wa).toEqual(nat);
}

describe.skipIf(!built)('the lab wasm binding beside the native one', () => {
  it('is a second binding, not the native lab one', () => {
    expect(labBinding).not.toBeNull();
    expect((labWasm as unknown as { __napiBindingTarget: string }).__napiBindingTarget).toBe('wasm32-wasi');
    expect(labWasm!.noop).not.toBe(labBinding!.noop);
  });

  it('agrees with native on the Float64Array kernels, in place too (empty, odd, offset views)', () => {
    fc.assert(
      fc.property(float64Views(), float64Views(), (a, b) => {
        // Four columns of one length for the SoA step (each its own buffer, so none alias).
        const cols = [a, a, b.subarray(0, a.length), b.subarray(0, a.length)];
        expectAgree([a], (w, [x]) => w.affineInPlaceSync(x!, -1, 0.5));
        expectAgree([a], (w, [x]) => w.scaleF64Sync(x!, 0.75));
        expectAgree([a, b], (w, [x, y]) => w.sumF64Sync(x!) + w.dotF64Sync(x!, y!));
        expectAgree(cols, (w, [x, y, vx, vy]) => w.particlesSoaStepSync(x!, y!, vx!, vy!, 1 / 64));
        expectAgree([a], (w, [x]) => w.particlesAosStepSync(x!, 1 / 64));
        expectAgree([a], (w, [x]) => w.prefixSumSync(x!));
        expectAgree([a], (w, [x]) => w.hotSumSync(x!, 2));
        expectAgree([a], (w, [x]) => w.particleFrameSync(x!, 4));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with native on the byte and index kernels', () => {
    const key = Buffer.from([0x5a, 0xa5, 0x3c]);
    fc.assert(
      fc.property(byteViews(), (bytes) => {
        expect(labWasm!.frameHexDigestSync(bytes, 64)).toBe(labBinding!.frameHexDigestSync(bytes, 64));
        expect(Buffer.from(labWasm!.xorIntoNew(bytes, key))).toEqual(
          Buffer.from(labBinding!.xorIntoNew(bytes, key)),
        );
        const n = bytes.length;
        const data = Float64Array.from(bytes, (x) => x / 7);
        const index = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % n);
        expect(labWasm!.sortedGatherSumSync(data, index)).toBe(labBinding!.sortedGatherSumSync(data, index));
      }),
      { numRuns: 150 },
    );
  });

  for (const id of labWasmCases) {
    it(`${id}: times a wasm native variant that passes the case's check`, async () => {
      await expectCheckedWasmForm(id);
    });
  }

  it('the check before timing fails when a wasm form does not write back', async () => {
    const c = (await loadCase('allocation/in-place')) as BenchCase<{ forWasm: Float64Array }>;
    // What the in-place form returned before the lab called `sync_written`: its input unchanged.
    const broken = { ...c, nativeVariants: { wasm: (s: { forWasm: Float64Array }) => s.forWasm } };
    const state = await c.setup(c.sizes.quick[0]!, caseContext(1));
    await expect(checkForms(broken, state, 1)).rejects.toThrow(/benchmark check failed: wasm/);
  });
});

describe.skipIf(wasm === null)('ownership/release on the library wasm build', () => {
  it('times a wasm native variant that passes the case check at every quick size', async () => {
    const c = (await loadCase('ownership/release')) as BenchCase<unknown>;
    expect(formsOf(c).find((f) => f.key === 'wasm')?.kind).toBe('native_variant');
    for (const size of c.sizes.quick) await checkForms(c, await c.setup(size, caseContext(1)), 1);
  });
});
