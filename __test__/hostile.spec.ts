/**
 * Hostile input on every native export: each export is called with random bad values in every
 * argument position (and with too few and too many arguments), in a child process so that a
 * crash is reported as a failure rather than killing the runner. Every call must return a value
 * or throw (or reject with) a TypeError, RangeError or AbortError; and the JS twin, called with
 * the same argument list, must end the same way (an equal value and equal arguments after the
 * call, or the same error class naming the same parameter). The lists include `null` and
 * `undefined` in every position, so optional parameters are held to the twins' treatment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { labBinding } from '../benchmark/lab/native-binding.js';
import { native } from '../src/index.js';

const root = join(__dirname, '..');
const arity = (params: string): number => (params.trim() === '' ? 0 : params.split(',').length);

/** One binding to sweep: its generated loader and types, and the module of its JS twins. */
interface Target {
  label: string;
  binding: object | null;
  dts: string;
  loader: string;
  twins: string;
}

/** The library binding, and the benchmark-only lab binding (`npm run build:lab`). */
const targets: Target[] = [
  {
    label: 'library',
    binding: native,
    dts: join(root, 'index.d.ts'),
    // The file the library loaded when RUST_PATTERNS_NATIVE_PATH names one (as it does for the
    // mutation runs of crates/napi-args), else the generated loader.
    loader: process.env.RUST_PATTERNS_NATIVE_PATH || join(root, 'index.js'),
    twins: join(root, 'src', 'index.ts'),
  },
  {
    label: 'lab',
    binding: labBinding,
    dts: join(root, 'benchmark', 'lab', 'native', 'index.d.ts'),
    loader: process.env.RUST_PATTERNS_LAB_NATIVE_PATH || join(root, 'benchmark', 'lab', 'native', 'index.js'),
    twins: join(root, 'benchmark', 'lab', 'native.ts'),
  },
];

/**
 * Every native function of a binding and its number of parameters, read from its generated
 * `index.d.ts`, so a new export is covered without editing this file.
 */
export function nativeArity(dts: string): Record<string, number> {
  const declarations = readFileSync(dts, 'utf8');
  return Object.fromEntries(
    [...declarations.matchAll(/export declare function (\w+)\(([^)]*)\)/g)].map(([, name, params]) => [
      name!,
      arity(params!),
    ]),
  );
}

/** Every native class of a binding and its constructor's number of parameters (called with `new`). */
export function nativeClasses(dts: string): Record<string, number> {
  const declarations = readFileSync(dts, 'utf8');
  return Object.fromEntries(
    [...declarations.matchAll(/export declare class (\w+) \{[^]*?constructor\(([^)]*)\)/g)].map(
      ([, name, params]) => [name!, arity(params!)],
    ),
  );
}

const runs = Number(process.env.HOSTILE_RUNS ?? 1000);

/**
 * Exports the parity sweep leaves out: `simdLevel`, `utf8SimdLevel` and `bandwidthVectorBits` name
 * the implementation by design ("js" or 0 for the twin), and the tokio/libuv bridge exports exist
 * only to be timed and have no twin.
 */
const notCompared = new Set([
  'simdLevel',
  'utf8SimdLevel',
  'bandwidthVectorBits',
  'tokioBridgeMix',
  'libuvBridgeMix',
]);

interface ParityReport {
  calls: number;
  disagreements: number;
  missingTwin?: boolean;
  examples: Array<{ args: string; native: string; js: string }>;
}

describe.each(targets)('hostile input on every native export ($label binding)', (target) => {
  if (target.binding === null) {
    it.skip(`the ${target.label} binding is not built`, () => {});
    return;
  }
  const functions = nativeArity(target.dts);
  const classes = nativeClasses(target.dts);

  it('index.d.ts declares exactly the binding’s exports', () => {
    const exported = Object.keys(target.binding ?? {})
      .filter((k) => typeof (target.binding as Record<string, unknown>)[k] === 'function')
      .sort();
    expect(exported).toEqual([...Object.keys(functions), ...Object.keys(classes)].sort());
  });

  it(`${runs} hostile calls per export end in a value, TypeError, RangeError or AbortError`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-hostile-'));
    const specFile = join(dir, 'spec.json');
    writeFileSync(
      specFile,
      JSON.stringify({
        loader: target.loader,
        seed: 20261124,
        runs,
        exports: { ...functions, ...classes },
        classes: Object.keys(classes),
      }),
    );
    const out = execFileSync(process.execPath, [join(__dirname, 'fixtures', 'hostile-run.cjs'), specFile], {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: join(__dirname, '..'),
    });
    const outcomes = JSON.parse(out) as Record<string, Record<string, number>>;
    for (const [name, kinds] of Object.entries(outcomes)) {
      const bad = Object.keys(kinds).filter((k) => k.startsWith('BAD:'));
      expect(bad, name).toEqual([]);
      const total = Object.values(kinds).reduce((a, b) => a + b, 0);
      expect(total, name).toBe(runs);
    }
    expect(Object.keys(outcomes).sort()).toEqual([...Object.keys(functions), ...Object.keys(classes)].sort());
  });

  it(`${runs} hostile argument lists per export end the same way natively and in the JS twin`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-parity-'));
    const specFile = join(dir, 'spec.json');
    const compared = Object.keys(functions).filter((name) => !notCompared.has(name));
    writeFileSync(
      specFile,
      JSON.stringify({
        loader: target.loader,
        twins: target.twins,
        seed: 20261129,
        runs,
        exports: Object.fromEntries(compared.map((name) => [name, functions[name]])),
        skip: [],
      }),
    );
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'hostile-parity.cjs'), specFile],
      { encoding: 'utf8', timeout: 600_000, cwd: join(__dirname, '..'), maxBuffer: 1 << 26 },
    );
    const report = JSON.parse(out) as Record<string, ParityReport>;
    expect(Object.keys(report).sort()).toEqual([...compared].sort());
    for (const [name, r] of Object.entries(report)) {
      expect(r.missingTwin ?? false, `${name} has no JS twin`).toBe(false);
      expect(r.calls, name).toBe(runs);
      expect(r.examples, `${name}: ${r.disagreements} disagreements`).toEqual([]);
    }
  }, 660_000);
});
