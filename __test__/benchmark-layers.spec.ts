import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { allCases } from '../benchmark/cases/index.js';

const root = join(__dirname, '..');
const benchmark = join(root, 'benchmark');

/** Every .ts file under `dir`, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * The files under benchmark/ that `file` imports, statically, by type only, or by `import()`
 * (TypeScript's own scanner finds them), resolved from the `.js` specifiers tsc compiles to.
 */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const target = resolve(dirname(file), fileName.replace(/\.js$/, '.ts'));
    return target.startsWith(benchmark + '/') && existsSync(target) ? [target] : [];
  });
}

/** One import cycle among `files`, as a list of paths relative to the repo, or null if none. */
export function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === 'done') return null;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      const cycle = visit(g);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of graph.keys()) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return null;
}

/** The text of every string and template literal in a TypeScript source (comments excluded). */
function stringsOf(source: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true));
  return out;
}

describe('benchmark/ layers', () => {
  const graph = new Map(tsFiles(benchmark).map((f) => [f, importsOf(f)]));

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toBeNull();
  });

  it('has no import cycle, type-only imports included', () => {
    expect(graph.size).toBeGreaterThan(50);
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => relative(root, f)) ?? null).toBeNull();
  });

  it('keeps the engine below the cases, the lab, the suites and the report', () => {
    const engine = join(benchmark, 'engine') + '/';
    const upward = [...graph.entries()].flatMap(([f, imports]) =>
      f.startsWith(engine)
        ? imports
            .filter((g) => !g.startsWith(engine))
            .map((g) => `${relative(root, f)} -> ${relative(root, g)}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it('keeps case ids out of the report: its facts live in the case files', () => {
    const categories = [...new Set(allCases.map((c) => c.id.split('/')[0]!))].join('|');
    const idLiteral = new RegExp(`(?:^|[^\\w/-])(?:${categories}|service)/[a-z0-9-]+`);
    const found = tsFiles(join(benchmark, 'report')).flatMap((f) =>
      stringsOf(readFileSync(f, 'utf8'))
        .filter((s) => idLiteral.test(s))
        .map((s) => `${relative(root, f)}: ${s}`),
    );
    expect(found).toEqual([]);
    // The check itself must catch an id, in a string or a template, and skip comments.
    const probe =
      "// `zero-copy/checksum`\nconst a = 'zero-copy/checksum'; const b = `x ${a} async/tokio-spawn`;";
    expect(stringsOf(probe).filter((s) => idLiteral.test(s))).toHaveLength(2);
  });
});
