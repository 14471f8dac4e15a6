/**
 * Runs one form of one benchmark case in a plain loop, for profilers (perf, callgrind) that
 * want a steady workload rather than the engine's sampling.
 *
 *   node --import tsx benchmark/lab/profile-driver.ts <case id> <size> <form> <iterations>
 *
 * `form` is traditional, rust_inspired, native, or the name of a variant, native variant, peer or
 * built-in.
 */
import { allCases } from '../cases/index.js';
import { caseContext, consume, sink } from '../engine/case.js';

async function main(): Promise<void> {
  const [id, sizeArg, form = 'native', iterationsArg = '1000'] = process.argv.slice(2);
  const c = allCases.find((x) => x.id === id);
  if (!c || !sizeArg) {
    process.stderr.write(
      `usage: profile-driver <case id> <size> [form] [iterations]\ncases: ${allCases.map((x) => x.id).join(', ')}\n`,
    );
    process.exit(2);
  }
  const forms: Record<string, ((s: unknown) => unknown) | undefined> = {
    traditional: c.traditional,
    rust_inspired: c.rustInspired,
    native: c.native,
    ...c.variants,
    ...c.nativeVariants,
    ...c.peers,
    ...c.builtins,
  };
  const fn = forms[form];
  if (!fn) {
    process.stderr.write(
      `case ${id} has no form ${form}; forms: ${Object.keys(forms)
        .filter((k) => forms[k])
        .join(', ')}\n`,
    );
    process.exit(2);
  }
  const state = await c.setup(Number(sizeArg), caseContext());
  const iterations = Number(iterationsArg);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) consume(c.async ? await fn(state) : fn(state));
  const ns = Number(process.hrtime.bigint() - started) / iterations;
  await c.teardown?.(state);
  process.stdout.write(
    `${id} @ ${sizeArg} ${form}: ${iterations} iterations, ${(ns / 1000).toFixed(3)} µs/op (sink ${sink.value})\n`,
  );
}

void main();
