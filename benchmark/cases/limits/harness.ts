/**
 * `limits/harness`: what the timed loop itself adds to every op. The forms do no work (V8 inlines
 * them into the loop), so their time per op is the loop's counter, its call and the one store into
 * the form's sink (engine/sampling.ts `timedLoop`): the floor under every form's time. Two kinds
 * of result, since a number goes to a Float64Array sink and anything else to an object field.
 */
import { defineCase } from '../../engine/case.js';

interface State {
  value: number;
  object: { id: number };
}

export const benchCase = defineCase<State>({
  id: 'limits/harness',
  pattern: 'Harness floor',
  description: 'The timed loop alone: a form that returns undefined, a number or an object',
  unit: 'calls',
  sizes: { quick: [1] },
  setup: () => ({ value: 7, object: { id: 7 } }),
  variants: {
    empty: () => undefined,
    number: (s) => s.value,
    object: (s) => s.object,
  },
  check: (results, s) => {
    if (results.empty !== undefined) throw new Error('limits/harness: the empty form returned a value');
    if (results.number !== s.value) throw new Error('limits/harness: the number form returned another value');
    const o = results.object as { id?: number } | undefined;
    if (o?.id !== s.object.id) throw new Error('limits/harness: the object form returned another object');
  },
});
