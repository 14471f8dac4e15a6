import { readFileSync } from 'node:fs';
import { speedRatio } from './benchmark/engine/stats';
const [file, bench, ch, inc] = process.argv.slice(2);
const recs = JSON.parse(readFileSync(file!, 'utf8'));
for (const rec of recs.records ?? recs) {
  if (rec.benchmark !== bench) continue;
  const a = rec.forms[ch!], b = rec.forms[inc!];
  if (!a || !b) { console.log(rec.size, 'missing', Object.keys(rec.forms)); continue; }
  const iv = speedRatio(a, b, `${bench}|${rec.size}`);
  console.log(bench, rec.size, `${ch} vs ${inc}`, iv.ratio.toFixed(3), `[${iv.lo.toFixed(3)}-${iv.hi.toFixed(3)}]`);
}
