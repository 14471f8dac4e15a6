/**
 * `ownership/move`: hand a buffer on to a new owner. In JS that is passing the reference
 * (traditional): free, and both sides keep access. Rust's move, here `move()`, transfers the
 * memory and detaches the source, so the old owner cannot touch it again; that guarantee has a
 * price per call, compared here with passing the reference and with the copies a defensive
 * hand-off makes (`structuredClone`, `slice`).
 *
 * A detach also has a process-wide price: V8 compiles typed-array access without a detach check
 * until any buffer in the process is detached. The metrics time a typed-array loop in a fresh
 * process before and after one unrelated detach (`lab/detach-tax.cjs`), and again with nothing
 * detached as the control.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { move } from '../../../src/move.js';
import { randomBytes } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';

interface State {
  current: Uint8Array;
  source: Uint8Array;
}

export const benchCase = defineCase<State>({
  id: 'ownership/move',
  pattern: 'Move semantics (transfer)',
  mechanism:
    "Passing a reference is free in a GC language; a move must detach the ArrayBuffer, which makes new objects and invalidates V8's process-wide detach protector, after which every typed-array access checks for detachment.",
  dart: { ratio: 1 / 1.66, text: 'ownership semantics +66% overhead' },
  questions: [{ question: 10, answers: ['rust_inspired_vs_traditional'] }],
  hypothesis: {
    statement:
      'Ownership semantics add overhead (confirmed if the ownership form is slower at 95% confidence; refuted if it is equivalent or faster; undecided otherwise).',
    confirmedWhen: 'slower',
    form: 'ownership form',
  },
  description:
    'Hand N bytes to a new owner: pass the reference vs move (transfer, source detached) vs structuredClone and slice copies',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000], full: [16 << 20] },
  setup: (size) => {
    const source = new Uint8Array(randomBytes(size));
    return { source, current: source.slice() };
  },
  // What JS code does: the next owner gets the same object.
  traditional: (s) => s.source,
  // Each op moves the same memory on to a new owner, as a pipeline stage would.
  rustInspired: (s) => (s.current = move(s.current)),
  variants: {
    structuredClone: (s) => structuredClone(s.source),
    'slice-copy': (s) => s.source.slice(),
    'shared-view': (s) => new Uint8Array(s.source.buffer, s.source.byteOffset, s.source.byteLength),
  },
  check: (results) => allEqual(results),
  metrics: (_s, mode) => detachTax(mode === 'full' ? 7 : 3),
});

/** Median over `runs` fresh processes of the loop's slowdown after one detach, and the control's. */
function detachTax(runs: number): Record<string, number> {
  // Only a Node executable runs the script as given; other runtimes report nothing here.
  if ((globalThis as { Bun?: unknown; Deno?: unknown }).Bun || (globalThis as { Deno?: unknown }).Deno)
    return {};
  const script = join(__dirname, '..', '..', 'lab', 'detach-tax.cjs');
  const ratio = (control: boolean): number => {
    const ratios: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = spawnSync(process.execPath, [script, '41', ...(control ? ['control'] : [])], {
        encoding: 'utf8',
      });
      if (out.status !== 0) throw new Error(`detach-tax.cjs failed: ${out.stderr}`);
      const { before_ns: before, after_ns: after } = JSON.parse(out.stdout) as Record<string, number>;
      ratios.push(after! / before!);
    }
    ratios.sort((a, b) => a - b);
    return Math.round(ratios[ratios.length >> 1]! * 1000) / 1000;
  };
  return { detach_tax_ratio: ratio(false), detach_tax_control_ratio: ratio(true) };
}
