/** `ownership/move`: hand a buffer to a new owner by transfer vs clone vs shared view. */
import { move } from '../../../src/move.js';
import { randomBytes } from '../../lab/data.js';
import { allEqual, defineCase } from '../../engine/case.js';

interface State {
  current: Uint8Array;
  source: Uint8Array;
}

export const benchCase = defineCase<State>({
  id: 'ownership/move',
  description:
    'Pass ownership of N bytes: structuredClone copy vs move (transfer, O(1), source detached) vs shared view',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000], full: [64 << 20] },
  setup: (size) => {
    const source = new Uint8Array(randomBytes(size));
    return { source, current: source.slice() };
  },
  traditional: (s) => structuredClone(s.source),
  // Each op moves the same memory on to a new owner, as a pipeline stage would.
  rustInspired: (s) => (s.current = move(s.current)),
  variants: {
    'slice-copy': (s) => s.source.slice(),
    'shared-view': (s) => new Uint8Array(s.source.buffer, s.source.byteOffset, s.source.byteLength),
  },
  check: (results) => allEqual(results),
});
