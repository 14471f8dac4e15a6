/**
 * `cache-locality/layout`: one particle step over an array of structs (AoS) or a struct of
 * arrays (SoA). The step touches `x, y, vx, vy`; the AoS record also carries `mass, charge, id,
 * flags`, so AoS drags twice the bytes through the cache that SoA does.
 */
import { assertTypedArray, assertViewsDisjoint, rangeError } from '../../../src/validate.js';

const NAMES = ['x', 'y', 'vx', 'vy'];
import { finiteNumber } from './args.js';

/** f64 fields per AoS record: `x, y, vx, vy, mass, charge, id, flags` (one 64-byte line). */
export const RECORD_FIELDS = 8;

/** The SoA form: one Float64Array per field the step uses. */
export interface ParticleFields {
  x: Float64Array;
  y: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
}

function jsParticlesAosStepSync(records: Float64Array, dt: number): number {
  const d = finiteNumber(dt, 'dt');
  assertTypedArray(records, 'Float64Array', 'records');
  if (records.length % RECORD_FIELDS !== 0) {
    throw rangeError(`records length must be a multiple of ${RECORD_FIELDS}, received ${records.length}`);
  }
  let sum = 0;
  for (let i = 0, n = records.length; i < n; i += RECORD_FIELDS) {
    const x = records[i]! + records[i + 2]! * d;
    const y = records[i + 1]! + records[i + 3]! * d;
    records[i] = x;
    records[i + 1] = y;
    sum += x + y;
  }
  return sum;
}

function jsParticlesSoaStepSync(
  x: Float64Array,
  y: Float64Array,
  vx: Float64Array,
  vy: Float64Array,
  dt: number,
): number {
  const d = finiteNumber(dt, 'dt');
  assertTypedArray(x, 'Float64Array', 'x');
  assertTypedArray(y, 'Float64Array', 'y');
  assertTypedArray(vx, 'Float64Array', 'vx');
  assertTypedArray(vy, 'Float64Array', 'vy');
  // The outputs x and y may share memory with no other argument; the inputs vx and vy may
  // alias each other. The binding's message names the rule rather than one pair.
  try {
    assertViewsDisjoint([x, y, vx, vy], NAMES, true);
    assertViewsDisjoint([y, vx, vy], NAMES.slice(1), true);
  } catch {
    throw rangeError('x and y must not overlap each other, vx or vy');
  }
  const n = x.length;
  if (y.length !== n || vx.length !== n || vy.length !== n) {
    throw rangeError('x, y, vx and vy must have the same length');
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const nx = x[i]! + vx[i]! * d;
    const ny = y[i]! + vy[i]! * d;
    x[i] = nx;
    y[i] = ny;
    sum += nx + ny;
  }
  return sum;
}

/** The JS twins of the layout pattern's native functions. */
export const layoutJs = {
  particlesAosStepSync: jsParticlesAosStepSync,
  particlesSoaStepSync: jsParticlesSoaStepSync,
};
