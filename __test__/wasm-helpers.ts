/**
 * What the two specs of the benchmark's wasm forms share (bench-wasm.spec.ts, bench-wasm-lab.spec.ts).
 * Apart from helpers.ts because it imports the case registry, and with it every case and both
 * wasm builds, which the other specs do not need.
 */
import { expect } from 'vitest';

import { loadCase } from '../benchmark/cases/index.js';
import { caseContext, type BenchCase } from '../benchmark/engine/case.js';
import { checkForms, formsOf } from '../benchmark/engine/runner.js';

/**
 * Asserts that case `id` times a `wasm` native variant and that, at its smallest quick size,
 * every form passes the check the engine runs before timing (so the wasm form's result is
 * compared with the native one's). Returns the case's form keys.
 */
export async function expectCheckedWasmForm(id: string): Promise<string[]> {
  const c = (await loadCase(id)) as BenchCase<unknown>;
  const forms = formsOf(c);
  expect(forms.find((f) => f.key === 'wasm')?.kind).toBe('native_variant');
  const state = await c.setup(c.sizes.quick[0]!, caseContext(1));
  try {
    await checkForms(c, state, 1);
  } finally {
    await c.teardown?.(state);
  }
  return forms.map((f) => f.key);
}
