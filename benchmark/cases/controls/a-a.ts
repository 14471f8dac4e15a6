/**
 * `controls/a-a`: one function timed as two forms. Any class but "equivalent" means the engine
 * (or the machine during the run) cannot tell identical code apart, and the run is unreliable.
 */
import { allEqual, defineCase } from '../../engine/case.js';
import { controlProcesses, controlSamples } from '../../engine/sampling.js';
import { controlInput, sumFloats } from '../../lab/control-sum.js';

export const benchCase = defineCase({
  id: 'controls/a-a',
  description: 'A/A control: the same 1,024-element sum timed as two forms; must be equivalent',
  unit: 'elements',
  sizes: { quick: [1024] },
  minProcesses: controlProcesses,
  minSamples: controlSamples,
  setup: () => ({ data: controlInput(1) }),
  traditional: (s) => sumFloats(s.data),
  rustInspired: (s) => sumFloats(s.data),
  check: (results) => allEqual(results),
});
