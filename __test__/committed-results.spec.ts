import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { readmeBlock, renderMarkdown } from '../benchmark/report/markdown.js';
import { renderVerdicts } from '../benchmark/report/verdicts.js';

const root = join(__dirname, '..');
const read = (f: string): string => readFileSync(join(root, f), 'utf8');

// Every number in RESULTS.md, the README's matrix block and VERDICTS.json comes from the committed
// records: `npm run publish-results -- benchmark/RESULTS.json` rewrites all three (and
// RESULTS.json itself, unchanged), and nothing in them may be typed by hand.
describe('committed results', () => {
  const records = JSON.parse(read('benchmark/RESULTS.json')) as ResultRecord[];

  it('RESULTS.md is rendered from benchmark/RESULTS.json', () => {
    expect(read('RESULTS.md')).toBe(renderMarkdown(records));
  });

  it('benchmark/VERDICTS.json is rendered from benchmark/RESULTS.json', () => {
    expect(read('benchmark/VERDICTS.json')).toBe(renderVerdicts(records));
  });

  it("the README's matrix block is rendered from benchmark/RESULTS.json", () => {
    expect(read('README.md')).toContain(readmeBlock(records));
  });
});
