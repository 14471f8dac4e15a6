/**
 * Every public export has a type test: the real exports of the package root (values at run time,
 * values and types through the TypeScript compiler) against the top-level `describe` blocks of
 * `types.test-d.ts`, which are titled by export name (`js.<name>` for the members of `js`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import * as root from '../src/index.js';

const repo = path.resolve(__dirname, '..');
const typeTests = path.join(repo, '__test__', 'types.test-d.ts');

/** Every export name of a module, values and types, as the compiler sees them. */
function declaredExports(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: ['node'],
  });
  const source = program.getSourceFile(file);
  const checker = program.getTypeChecker();
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${file} is not a module`);
  return checker.getExportsOfModule(symbol).map((s) => s.name);
}

/** The top-level `describe('<title>', ...)` blocks of the type tests, with their source text. */
function typeTestBlocks(): Map<string, string> {
  const text = readFileSync(typeTests, 'utf8');
  const source = ts.createSourceFile(typeTests, text, ts.ScriptTarget.ES2022, true);
  const blocks = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement)) continue;
    const call = statement.expression;
    if (
      !ts.isCallExpression(call) ||
      !ts.isIdentifier(call.expression) ||
      call.expression.text !== 'describe'
    )
      continue;
    const [title, body] = call.arguments;
    if (title === undefined || body === undefined || !ts.isStringLiteral(title)) continue;
    if (blocks.has(title.text)) throw new Error(`two describe blocks named ${title.text}`);
    blocks.set(title.text, body.getText(source));
  }
  return blocks;
}

const runtime = Object.keys(root).filter((k) => k !== 'default');
const declared = declaredExports(path.join(repo, 'src', 'index.ts'));
const jsMembers = Object.keys(root.js).map((k) => `js.${k}`);
const blocks = typeTestBlocks();

describe('the export list', () => {
  it('is found: the runtime and the compiler agree on the value exports', () => {
    expect(runtime.length).toBeGreaterThan(30);
    // Every runtime export is declared; the declared names beyond them are types.
    expect(runtime.filter((k) => !declared.includes(k))).toEqual([]);
    expect(declared.length).toBeGreaterThan(runtime.length);
  });

  it.skipIf(!existsSync(path.join(repo, 'dist', 'index.js')))(
    'the built entries (CommonJS, ESM and their types) export the same names as src/index.ts',
    async () => {
      const requireDist = createRequire(path.join(repo, 'dist', 'index.js'));
      const cjs = Object.keys(requireDist('./index.js') as object).filter((k) => k !== '__esModule');
      expect(cjs.sort(), 'dist/ is stale: npm run build:ts').toEqual([...runtime].sort());
      const esm = (await import(path.join(repo, 'dist', 'index.mjs'))) as object;
      expect(
        Object.keys(esm)
          .filter((k) => k !== 'default')
          .sort(),
      ).toEqual([...runtime].sort());
      expect(declaredExports(path.join(repo, 'dist', 'index.d.ts')).sort()).toEqual([...declared].sort());
      expect(declaredExports(path.join(repo, 'dist', 'index.d.mts')).sort()).toEqual([...declared].sort());
    },
  );

  it.skipIf(!existsSync(path.join(repo, 'dist', 'index.js')))(
    'the CommonJS entry keeps its exports as fast data properties, the same values as the modules',
    () => {
      // A child with V8's probe: tsc's getters over properties first set to undefined left the
      // exports object a dictionary, and `rp.isUtf8(b)` paid ~15 ns a call (src/index.ts, the end).
      const probe = `
        const m = require(${JSON.stringify(path.join(repo, 'dist', 'index.js'))});
        const d = Object.getOwnPropertyDescriptor(m, 'isUtf8');
        const same = m.isUtf8 === require(${JSON.stringify(path.join(repo, 'dist', 'utf8.js'))}).isUtf8
          && m.BufferPool === require(${JSON.stringify(path.join(repo, 'dist', 'buffer-pool.js'))}).BufferPool;
        console.log(JSON.stringify({ fast: %HasFastProperties(m), data: 'value' in d, esModule: m.__esModule, same }));`;
      const out = execFileSync(process.execPath, ['--allow-natives-syntax', '-e', probe], {
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual({ fast: true, data: true, esModule: true, same: true });
    },
  );
});

describe('types.test-d.ts', () => {
  it('has a block for every export and every member of js', () => {
    const missing = [...declared, ...jsMembers].filter((name) => !blocks.has(name));
    expect(missing, 'exports without a type test').toEqual([]);
  });

  it('has no block for a name that is not exported', () => {
    const known = new Set([...declared, ...jsMembers]);
    expect([...blocks.keys()].filter((title) => !known.has(title))).toEqual([]);
  });

  it('each block uses the export it is named after', () => {
    const unused = [...blocks].filter(([title, body]) => {
      const pattern = title.startsWith('js.')
        ? new RegExp(`\\bjs\\.${title.slice(3)}\\b`)
        : new RegExp(`(?<![.\\w])${title}\\b`);
      return !pattern.test(body);
    });
    expect(unused.map(([title]) => title)).toEqual([]);
  });
});
