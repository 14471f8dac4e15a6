/**
 * `scripts/package-surface.mjs`, the check that the package carries the library only (issue 26):
 * on small fixture packages it must pass a clean one and name each kind of leak; on the library's
 * own source it must pass, so adding a benchmark-only export back to src/ fails here; and on the
 * benchmark's build of the addon it must name exactly the two benchmark objects, which the release
 * build leaves out (`npm run test:install` runs the same check on the installed release binary).
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, relative } from 'node:path';

import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

import { platformArchAbi } from '../src/native.js';

const root = join(__dirname, '..');
const script = join(root, 'scripts', 'package-surface.mjs');
// Inside the checkout, so that the fixtures' `require('piscina')` resolves to its node_modules.
mkdirSync(join(root, 'target'), { recursive: true });
const work = mkdtempSync(join(root, 'target', 'package-surface-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The problems the script prints for `args` (none: it exits 0). */
function problems(...args: string[]): string[] {
  try {
    execFileSync('node', [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    if (e.status !== 1) throw new Error(`package-surface.mjs exited ${e.status}: ${e.stderr}`);
    return e.stdout.trim().split('\n');
  }
}

/** A package with `dist/` files given as CommonJS text, its entry typed by `types`. */
function fixture(name: string, files: Record<string, string>, types: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, main: './dist/index.js' }));
  writeFileSync(join(dir, 'dist', 'index.d.ts'), types);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, 'dist', file), text);
  return dir;
}

// tsc's CommonJS shapes: `exports.x = x;` for a function, `exports.X = ...` for a const, and
// `util_js_1.name` where another module uses it.
const util = (extra = ''): string => `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIMIT = exports.helper = void 0;
exports.check = check;
exports.LIMIT = 8;
function check(n) { if (n > exports.LIMIT) throw new RangeError('too big'); return n; }
exports.helper = (n) => check(n) * 2;
${extra}`;
const entry = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.double = double;
const util_js_1 = require("./util.js");
function double(n) { return (0, util_js_1.helper)(n); }
`;
const types = `export declare function double(n: number): number;
export type Options = { n: number };
`;

describe('package surface (scripts/package-surface.mjs)', () => {
  it('passes a package whose exports are public, used by another file, or used by their own', () => {
    expect(problems(fixture('clean', { 'index.js': entry, 'util.js': util() }, types))).toEqual([]);
  });

  it('names a benchmark-only export: used by no shipped file, not even its own', () => {
    const extra = `exports.parallelPing = parallelPing;\nfunction parallelPing() { return Promise.resolve(0); }\n`;
    const dir = fixture('ping', { 'index.js': entry, 'util.js': util(extra) }, types);
    expect(problems(dir)).toEqual([
      'dist/util.js exports parallelPing, which is neither public nor used by a shipped file',
    ]);
  });

  it('names an entry export that the types leave out, and a declared one that is missing', () => {
    const dir = fixture(
      'entry',
      { 'index.js': `${entry}exports.boundaryRaw = {};\n`, 'util.js': util() },
      `${types}export declare const triple: (n: number) => number;\n`,
    );
    expect(problems(dir).sort()).toEqual([
      'index.d.ts declares triple, which index.js lacks',
      'index.js exports boundaryRaw, which index.d.ts does not declare',
    ]);
  });

  it('names a dist/ file that no shipped file requires', () => {
    const dir = fixture('orphan', { 'index.js': entry, 'util.js': util(), 'lab.js': util() }, types);
    expect(problems(dir)).toEqual(['dist/lab.js is required by no shipped file']);
  });

  it("passes the library's own source: no benchmark-only export in src/", () => {
    // src/ compiled file by file as tsc does (tsconfig.json's CommonJS settings), typed by
    // src/index.ts itself.
    const { options } = ts.convertCompilerOptionsFromJson(
      (JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: object })
        .compilerOptions,
      root,
    );
    const files: Record<string, string> = {};
    for (const file of readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(root, 'src', file), 'utf8');
      files[basename(file, '.ts') + '.js'] = ts.transpileModule(source, {
        compilerOptions: { ...options, sourceMap: false, declaration: false },
      }).outputText;
    }
    const dir = join(work, 'src-build');
    const typesPath = relative(join(dir, 'dist'), join(root, 'src', 'index.js'));
    fixture('src-build', files, `export * from '${typesPath}';\n`);
    expect(Object.keys(files)).toContain('concurrency.js');
    expect(problems(dir)).toEqual([]);
  }, 60_000);

  const localBuild = join(root, `rust-patterns.${platformArchAbi()}.node`);
  it.skipIf(!existsSync(localBuild))(
    "the benchmark's build registers exactly boundaryNapi and boundaryRaw beyond index.d.ts",
    () => {
      // `npm run build` turns on crates/node's `bench-exports`; the release build does not.
      const dir = fixture('binding', { 'index.js': entry, 'util.js': util() }, types);
      writeFileSync(join(dir, 'index.d.ts'), readFileSync(join(root, 'index.d.ts')));
      expect(problems(dir, localBuild).sort()).toEqual([
        `${basename(localBuild)} registers boundaryNapi, which index.d.ts does not declare`,
        `${basename(localBuild)} registers boundaryRaw, which index.d.ts does not declare`,
      ]);
    },
  );
});
