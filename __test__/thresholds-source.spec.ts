import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { verdict } from '../benchmark/engine/stats.js';
import { formatInterval, formatSize } from '../benchmark/report/analyze.js';
import {
  calibrations,
  thresholdsFromRecords,
  thresholdsSourceBlock,
  writeThresholdsSource,
} from '../benchmark/report/calibrate.js';
import { defaultThresholds } from '../src/thresholds.js';

const root = join(__dirname, '..');
const source = readFileSync(join(root, 'src', 'thresholds.ts'), 'utf8');
const committed = JSON.parse(readFileSync(join(root, 'benchmark', 'RESULTS.json'), 'utf8')) as ResultRecord[];
// The runtime the shipped values are calibrated on: Node 20, the oldest the package supports.
const node20 = committed.filter((r) => r.runtime.name === 'node' && r.runtime.version.startsWith('v20.'));

describe('shipped thresholds (src/thresholds.ts)', () => {
  it('are the block `calibrate --source` writes from the committed Node 20 records', () => {
    expect(node20.length).toBeGreaterThan(0);
    const file = thresholdsFromRecords(node20, node20[0]!.mode);
    const label = `${node20[0]!.runtime.name} ${node20[0]!.runtime.version}`;
    expect(source).toBe(writeThresholdsSource(source, thresholdsSourceBlock(file, label)));
    expect(defaultThresholds).toEqual(file.thresholds);
  });

  it('each cite a committed record whose interval, recomputed from its samples, is the one cited', () => {
    // Comment lines joined, so a citation wrapped over two lines reads as one.
    const text = source.replace(/\n\s*\/\/ /g, ' ');
    const cited = [
      ...text.matchAll(
        /([a-z-]+\/[a-z0-9-]+) \((node v[\d.]+)\): (\S+) over (.+?) ([\d.]+× \[[\d.]+–[\d.]+\]) at ([^;]+);/g,
      ),
    ];
    // Every threshold a case file calibrates; the per-runtime built-in cut-offs after the block
    // cite their own measurements.
    expect(cited).toHaveLength(calibrations.length);
    for (const [, id, runtime, challenger, incumbent, interval, size] of cited) {
      const r = committed.find(
        (x) =>
          x.benchmark === id &&
          `${x.runtime.name} ${x.runtime.version}` === runtime &&
          formatSize(x.size, x.unit) === size,
      );
      expect(r, `${id} at ${size} on ${runtime}`).toBeDefined();
      const c = r!.forms[challenger!];
      const i = r!.forms[incumbent!];
      expect(c && i, `${id}: ${challenger} and ${incumbent}`).toBeTruthy();
      // The calibration's seed (calibrate.ts calibrationSeries): the same bootstrap, redone here.
      const v = verdict(c!, i!, `${r!.benchmark}|${r!.size}|calibrate|${challenger}|${incumbent}`);
      expect(formatInterval(v), `${id} ${challenger} over ${incumbent}`).toBe(interval);
    }
  });
});
