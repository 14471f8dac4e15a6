/**
 * The wasm build of the library binding beside the native one (benchmark/lab/wasm.ts): both load
 * in one process, agree with each other, and the zero-copy cases time a checked `wasm` form.
 * Skipped without `npm run build:bench-wasm` (the wasm32 std comes from rustup, which CI may lack).
 */
import { describe, expect, it } from 'vitest';

import { wasm, wasmLoadError, wasmSimd } from '../benchmark/lab/wasm.js';
import { native } from '../src/native.js';
import { expectCheckedWasmForm } from './wasm-helpers.js';

/** The cases whose native form calls a library export that builds for wasm32. */
const wasmCases = [
  'zero-copy/checksum',
  'zero-copy/boundary-in',
  'zero-copy/utf8',
  'zero-copy/lines',
  'zero-copy/records',
  'zero-copy/records-encode',
  'zero-copy/string-building',
  'concurrency/work-distribution',
];

const built = wasm !== null;
if (!built) console.warn(`bench-wasm.spec: skipped: ${String(wasmLoadError?.message)}`);

describe.skipIf(!built)('the wasm binding beside the native one', () => {
  it('is a second binding, not the library one', () => {
    expect(native).not.toBeNull();
    expect((wasm as unknown as { __napiBindingTarget: string }).__napiBindingTarget).toBe('wasm32-wasi');
    expect((native as unknown as { __napiBindingTarget: string }).__napiBindingTarget).not.toBe(
      'wasm32-wasi',
    );
    expect(wasm!.crc32Sync).not.toBe(native!.crc32Sync);
  });

  it.each([
    ['the wasm build', wasm],
    ['the simd128 build', wasmSimd],
  ])('%s agrees with native on every export the cases time (skipped where not built)', (_, binding) => {
    if (binding === null) return;
    const n = native!;
    for (const size of [0, 1, 15, 16, 100, 4096, 1 << 20]) {
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = (i * 2654435761) >>> 24;
      expect(binding.crc32Sync(data)).toBe(n.crc32Sync(data));
      expect(binding.countByte(data, 7)).toBe(n.countByte(data, 7));
      expect(binding.isUtf8(data)).toBe(n.isUtf8(data));
      const text = Buffer.from('a\nbc\r\n\n'.repeat(size >> 3));
      expect(binding.isUtf8(text)).toBe(true);
      expect(Array.from(binding.lineOffsets(text))).toEqual(Array.from(n.lineOffsets(text)));
    }
  });

  for (const id of wasmCases) {
    it(`${id}: times a wasm native variant that passes the case's check`, async () => {
      const keys = await expectCheckedWasmForm(id);
      expect(keys.includes('wasm-simd')).toBe(wasmSimd !== null);
    });
  }
});
