/**
 * Prints the ten answers rendered from a results file, and with `--checks` every check the
 * questions judge (seed hypotheses and questions between forms):
 * `npx tsx benchmark/questions/print.ts benchmark/RESULTS.json [--checks]`.
 */
import { readFileSync } from 'node:fs';
import type { ResultRecord } from '../engine/record.js';
import { questionChecks, renderAnswers } from './index.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'benchmark/RESULTS.json';
const records = JSON.parse(readFileSync(file, 'utf8')) as ResultRecord[];
console.log(renderAnswers(records).join('\n'));
if (args.includes('--checks')) {
  console.log('');
  for (const c of questionChecks(records)) {
    console.log(
      `- Q${c.question} ${c.kind}: ${c.statement}: ${c.status}${c.evidence ? ` (${c.evidence})` : ''}`,
    );
  }
}
