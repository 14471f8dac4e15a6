/** Argument checks that only the lab kernels need, with the binding's messages. */
import { assertNumber, rangeError } from '../../../src/validate.js';

/** A required finite number, with the messages of the binding's `args::finite_f64`. */
export function finiteNumber(value: unknown, name: string): number {
  assertNumber(value, name);
  if (!Number.isFinite(value)) throw rangeError(`${name} must be a finite number`);
  return value;
}
