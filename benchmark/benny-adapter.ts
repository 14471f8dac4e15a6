/**
 * benny beside the engine: one case's forms at one size, from the same case definition (setup,
 * forms, check), timed by benny (Benchmark.js underneath), which prints its own table.
 *
 * The engine does not sample through benny (engine/sampling.ts says why: benny times one form to
 * completion before the next and cannot interleave them per round). This adapter is the
 * cross-check the design names: where the engine's direction verdict is decided, benny's fastest
 * form should be the one the engine calls faster (`__test__/benny-adapter.spec.ts`).
 */
import b from 'benny';

import { caseContext, consume, type BenchCase } from './engine/case.js';
import { checkForms, formsOf } from './engine/runner.js';

/** One form's line of benny's summary. */
export interface BennyRow {
  form: string;
  opsPerSec: number;
  /** Relative margin of error, percent. */
  margin: number;
  samples: number;
}

export interface BennyRun {
  case: string;
  size: number;
  rows: BennyRow[];
  /** The form benny found fastest. */
  fastest: string;
}

export interface BennyOptions {
  /** Forms to time (default every form of the case). */
  forms?: readonly string[];
  /** Seconds benny may spend per form (benny's own default is 5). */
  maxTime?: number;
  /** Print benny's progress and table (the CLI does; tests do not). */
  print?: boolean;
}

/**
 * Times `forms` of case `c` at `size` with benny, after the case's own check of every form's
 * result (as the engine does before timing). Each op's result is consumed, as in the engine.
 */
export async function runBenny<S>(c: BenchCase<S>, size: number, o: BennyOptions = {}): Promise<BennyRun> {
  const sizes = [...(c.sizes.quick ?? []), ...(c.sizes.full ?? [])];
  if (!Number.isSafeInteger(size) || size <= 0)
    throw new RangeError(`size must be a positive integer, got ${size}`);
  if (!sizes.includes(size)) {
    throw new RangeError(`${c.id} is not defined at ${size}; its sizes: ${sizes.join(', ')}`);
  }
  const ctx = caseContext();
  const state = await c.setup(size, ctx);
  try {
    await checkForms(c, state, ctx.threads);
    const all = formsOf(c, ctx.threads);
    const wanted = o.forms ?? all.map((f) => f.key);
    const unknown = wanted.filter((k) => !all.some((f) => f.key === k));
    if (unknown.length > 0) {
      throw new RangeError(
        `${c.id} has no form ${unknown.join(', ')}; its forms: ${all.map((f) => f.key).join(', ')}`,
      );
    }
    const forms = all.filter((f) => wanted.includes(f.key));
    const options = { maxTime: o.maxTime ?? 1, minSamples: 5 };
    const tests = forms.map((f) =>
      c.async === true
        ? b.add(f.key, async () => void consume(await f.fn(state)), options)
        : b.add(f.key, () => void consume(f.fn(state)), options),
    );
    const log = console.log;
    if (o.print !== true) console.log = () => {};
    try {
      const summary = await b.suite(
        `${c.id} @ ${size}`,
        ...tests,
        ...(o.print === true ? [b.cycle(), b.complete()] : []),
      );
      return {
        case: c.id,
        size,
        rows: summary.results.map((r) => ({
          form: r.name,
          opsPerSec: r.ops,
          margin: r.margin,
          samples: r.samples,
        })),
        fastest: summary.fastest.name,
      };
    } finally {
      console.log = log;
    }
  } finally {
    await c.teardown?.(state);
  }
}
