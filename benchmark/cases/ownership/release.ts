/**
 * `ownership/release`: allocate/use/drop cycles of a block, freed by the GC vs deterministically.
 * Peak RSS and external memory over 1M cycles come from `__test__/fixtures/release-soak.cjs`
 * (the runner's memory pass reports JS heap bytes only).
 */
import { crc32Sync } from '../../../src/checksum.js';
import { native } from '../../../src/native.js';
import { OwnedBlock } from '../../../src/release.js';
import { defineCase } from '../../engine/case.js';

const bin = native;

export const benchCase = defineCase({
  id: 'ownership/release',
  description:
    'Allocate a block, fill, checksum, drop: JS Buffer + GC vs `using` (close at scope end) vs native finalizer, reported or not',
  unit: 'bytes',
  sizes: { quick: [100, 10_000, 1_000_000] },
  setup: (size) => ({ size }),
  traditional: (s) => {
    // Same work as the other forms: crc32Sync runs natively above its threshold.
    const b = Buffer.alloc(s.size, 7);
    return crc32Sync(b);
  },
  rustInspired: (s) => {
    using block = new OwnedBlock(s.size);
    block.fill(7);
    return block.checksum();
  },
  ...(bin
    ? {
        native: (s: { size: number }) => {
          const block = new bin.NativeBlock(s.size, true);
          block.fill(7);
          const sum = block.checksum();
          block.close();
          return sum;
        },
      }
    : {}),
  nativeVariants: bin
    ? {
        'native-gc-reported': (s) => {
          const block = new bin.NativeBlock(s.size, true);
          block.fill(7);
          return block.checksum();
        },
        'native-gc-unreported': (s) => {
          const block = new bin.NativeBlock(s.size, false);
          block.fill(7);
          return block.checksum();
        },
      }
    : {},
  check: (results) => {
    const values = new Set(Object.values(results));
    if (values.size !== 1) throw new Error('benchmark check failed: checksums differ');
  },
});
