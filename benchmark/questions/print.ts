/** Prints the ten answers rendered from a results file: `npx tsx benchmark/questions/print.ts benchmark/RESULTS.json`. */
import { readFileSync } from 'node:fs';
import type { ResultRecord } from '../engine/record.js';
import { renderAnswers } from './index.js';

const file = process.argv[2] ?? 'benchmark/RESULTS.json';
const records = JSON.parse(readFileSync(file, 'utf8')) as ResultRecord[];
console.log(renderAnswers(records).join('\n'));
