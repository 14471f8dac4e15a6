/**
 * `ownership/move`: hand a buffer on to a new owner so that the old one can no longer change
 * it. JS code that needs that guarantee makes a defensive copy (traditional: `slice`, or
 * `structuredClone`), which costs a fixed part plus every byte. Rust's move, here `move()`,
 * transfers the memory and detaches the source instead: a fixed cost whatever the size, so the
 * sizes run from 100 bytes (where a copy is cheaper) to 1 MB (where it is not), for the
 * crossover. Passing the bare reference (`pass-reference`, no guarantee at all) and a new view of
 * the same memory (`shared-view`) price the fixed cost a move adds over doing nothing.
 *
 * A detach also has a process-wide price: V8 compiles typed-array access without a detach check
 * until any buffer in the process is detached. At one size per process, `processSamples` times a
 * typed-array loop in a fresh Node process before and after one unrelated detach
 * (`lab/detach-tax.cjs`), and in another where nothing is detached (the control), so the report
 * can bootstrap the ratio `detach_after_ns / detach_before_ns` over processes against
 * `control_after_ns / control_before_ns`.
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

/** The size at which every sampling process takes the detach tax (a quick and a full size). */
const DETACH_TAX_SIZE = 1_000_000;

export const benchCase = defineCase<State>({
  id: 'ownership/move',
  pattern: 'Move semantics (transfer)',
  mechanism:
    "A defensive copy costs a fixed part plus every byte, a move a fixed cost whatever the size (detaching makes new objects), so the move wins from the size where the copy's bytes outweigh that; the first detach in a process also invalidates V8's detach protector, after which typed-array access checks for detachment.",
  dart: { ratio: 1 / 1.66, text: 'ownership semantics +66% overhead' },
  questions: [{ question: 10, answers: ['rust_inspired_vs_traditional'] }],
  hypothesis: {
    statement:
      'Ownership semantics add overhead (confirmed if the ownership form is slower at 95% confidence; refuted if it is equivalent or faster; undecided otherwise).',
    confirmedWhen: 'slower',
    form: 'ownership form',
  },
  description:
    'Hand N bytes to a new owner that the old one cannot change: defensive copy (slice, structuredClone) vs move (transfer, source detached); passing the bare reference as the floor',
  unit: 'bytes',
  sizes: { quick: [100, 1_000, 10_000, 100_000, DETACH_TAX_SIZE], full: [16 << 20] },
  setup: (size) => {
    const source = new Uint8Array(randomBytes(size));
    return { source, current: source.slice() };
  },
  // What JS code does when the next owner must not see later changes: a defensive copy.
  traditional: (s) => s.source.slice(),
  // Each op moves the same memory on to a new owner, as a pipeline stage would.
  rustInspired: (s) => (s.current = move(s.current)),
  variants: {
    structuredClone: (s) => structuredClone(s.source),
    // No guarantee: the next owner gets the same object (the fixed-cost floor).
    'pass-reference': (s) => s.source,
    'shared-view': (s) => new Uint8Array(s.source.buffer, s.source.byteOffset, s.source.byteLength),
  },
  check: (results) => allEqual(results),
  processSamples: (s) => (s.source.length === DETACH_TAX_SIZE ? detachTax() : {}),
});

/**
 * One fresh process's loop time before and after a detach, and one control process's, in ns
 * (empty on runtimes other than Node, which cannot run the script as given).
 */
function detachTax(): Record<string, number[]> {
  if ((globalThis as { Bun?: unknown; Deno?: unknown }).Bun || (globalThis as { Deno?: unknown }).Deno)
    return {};
  const script = join(__dirname, '..', '..', 'lab', 'detach-tax.cjs');
  const run = (control: boolean): { before_ns: number; after_ns: number } => {
    const out = spawnSync(process.execPath, [script, '41', ...(control ? ['control'] : [])], {
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`detach-tax.cjs failed: ${out.stderr}`);
    return JSON.parse(out.stdout) as { before_ns: number; after_ns: number };
  };
  const tax = run(false);
  const control = run(true);
  return {
    detach_before_ns: [tax.before_ns],
    detach_after_ns: [tax.after_ns],
    control_before_ns: [control.before_ns],
    control_after_ns: [control.after_ns],
  };
}
