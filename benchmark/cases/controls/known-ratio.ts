/**
 * `controls/known-ratio`: the same work done twice (`traditional`) and once (`rust_inspired`),
 * on two equal L1-resident arrays. The speed ratio's interval must contain 2.0, else the run's
 * intervals are not to be trusted.
 */
import { defineCase } from '../../engine/case.js';
import { controlInput, sumFloats } from '../../lab/control-sum.js';

export const benchCase = defineCase({
  id: 'controls/known-ratio',
  description: 'Known-ratio control: one 1,024-element sum against two; the ratio must be 2.0',
  unit: 'elements',
  sizes: { quick: [1024] },
  setup: () => ({ a: controlInput(1), b: controlInput(2) }),
  traditional: (s) => sumFloats(s.a) + sumFloats(s.b),
  rustInspired: (s) => sumFloats(s.a),
  check: (results, s) => {
    if (results.traditional !== sumFloats(s.a) + sumFloats(s.b))
      throw new Error('controls/known-ratio: twice');
    if (results.rust_inspired !== sumFloats(s.a)) throw new Error('controls/known-ratio: once');
  },
});
