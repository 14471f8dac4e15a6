import { describe, expect, it } from 'vitest';

import { peerRows, peersThatWin } from '../benchmark/report/library.js';
import { formLabel, librarySection, readmeBlock } from '../benchmark/report/markdown.js';
import { controls, record } from './fixtures/synthetic-records.js';

const n = 16;

/** A library case where the package's function wins at 10 items and a peer wins at 10k. */
function records() {
  return [10, 10_000].map((size, i) =>
    record(
      'library/map-concurrent',
      size,
      {
        traditional: { kind: 'traditional', ns: [20_000, 2_000_000][i]!, n },
        rust_inspired: { kind: 'rust_inspired', ns: [2_000, 800_000][i]!, n },
        'p-map': { kind: 'peer', ns: [4_000, 400_000][i]!, n },
        // 5% faster than ours at 10k tasks: a real difference, but inside the equivalence band.
        'p-queue': { kind: 'peer', ns: [4_000, 760_000][i]!, n },
        rust: { kind: 'rust', ns: [100, 10_000][i]!, n },
      },
      { unit: 'tasks' },
    ),
  );
}

describe('library section', () => {
  it("compares the package's function with every other form at the smallest and largest size", () => {
    const rows = peerRows(records(), formLabel);
    expect(rows.map((r) => [r.label, r.smallest.size, r.largest.size])).toEqual([
      ['p-limit (peer)', 10, 10_000],
      ['p-map (peer)', 10, 10_000],
      ['p-queue (peer)', 10, 10_000],
    ]);
    // Ours against p-queue at 10k tasks: 0.95x, its whole interval below 1 and inside the band.
    expect(rows[2]!.largest.hi).toBeLessThan(1);
    expect(rows[2]!.largest.direction).toBe('equivalent');
    // p-limit (traditional) is 10x slower at 10 items; p-map is 2x faster at 10k items.
    expect(rows[0]!.smallest.ratio).toBeCloseTo(10, 0);
    expect(rows[1]!.largest.ratio).toBeCloseTo(0.5, 1);
  });

  it('names a peer only where ours is slower beyond the equivalence band, as the matrix reads it', () => {
    expect(peersThatWin(peerRows(records(), formLabel))).toEqual([
      { case: 'library/map-concurrent', label: 'p-map (peer)', sizes: ['10k tasks'] },
    ]);
    const text = librarySection(records()).join('\n');
    expect(text).toContain('p-map (peer) for library/map-concurrent at 10k tasks');
    expect(librarySection(records().map((r) => ({ ...r, benchmark: 'zero-copy/x' })))).toEqual([]);
    // The README block repeats the advice.
    expect(readmeBlock([...controls(), ...records()])).toContain(
      'p-map (peer) for library/map-concurrent at 10k tasks',
    );
  });
});
