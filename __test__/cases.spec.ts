import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { allCases, loadCase } from '../benchmark/cases/index.js';
import { jsKinds } from '../benchmark/engine/case.js';
import { formsOf } from '../benchmark/engine/runner.js';
import { comparePoint } from '../benchmark/report/analyze.js';
import { formPairs } from '../benchmark/report/row-questions.js';
import { native } from '../src/native.js';
import { record } from './fixtures/synthetic-records.js';

const root = path.join(__dirname, '..');
const casesDir = path.join(root, 'benchmark', 'cases');
const labDir = path.join(root, 'benchmark', 'lab');

/** Every `.ts` file under `dir`, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(file);
    return e.name.endsWith('.ts') ? [file] : [];
  });
}

/** The names a module defines itself: `export const|let|function|class|enum x`, `export { x }`. */
function definedNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|enum)\s+(\w+)/gm,
  )) {
    names.add(m[1]!);
  }
  for (const m of source.matchAll(/^export\s+(?:const\s+)?\{([^}]*)\}\s*=/gm)) {
    for (const part of m[1]!.split(',')) names.add(part.split(':').pop()!.trim());
  }
  // `export { a, b as c };` without `from` exports local bindings (tsc emits plain properties).
  for (const m of source.matchAll(/^export\s+\{([^}]*)\}\s*;/gm)) {
    for (const part of m[1]!.split(','))
      names.add(
        part
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return names;
}

/** Value imports (not `import type`, not `type x` specifiers) of relative modules. */
function valueImports(source: string): Array<{ names: string[]; from: string }> {
  const out: Array<{ names: string[]; from: string }> = [];
  for (const m of source.matchAll(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(\.[^']+)'/gm)) {
    if (m[1]) continue;
    const names = m[2]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && !s.startsWith('type '))
      .map((s) => s.split(/\s+as\s+/)[0]!.trim());
    out.push({ names, from: m[3]! });
  }
  return out;
}

describe('benchmark cases', () => {
  it('has unique ids', () => {
    const ids = allCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allCases.map((c) => [c.id, c] as const))(
    '%s lives in benchmark/cases/<id>.ts and is that file’s benchCase',
    async (id, c) => {
      const file = path.join(casesDir, `${id}.ts`);
      expect(existsSync(file), file).toBe(true);
      const mod = (await import(file)) as { benchCase?: unknown };
      expect(mod.benchCase).toBe(c);
      // What a child process runs: the same case, loaded from its file alone.
      await expect(loadCase(id)).resolves.toBe(c);
    },
  );

  it('loads only case ids, never another path', async () => {
    for (const bad of ['../engine/runner', 'controls', 'controls/a-a/..', 'Controls/a-a', 'controls/nope']) {
      await expect(loadCase(bad)).rejects.toThrow(/not a case id|Cannot find|does not export|Failed to load/);
    }
  });

  it('registers every case file', () => {
    const registered = new Set(allCases.map((c) => c.id));
    const files = tsFiles(casesDir)
      .filter((f) => path.basename(f) !== 'index.ts')
      .map((f) => path.relative(casesDir, f).replace(/\\/g, '/').replace(/\.ts$/, ''));
    expect(files.filter((id) => !registered.has(id))).toEqual([]);
  });

  it('gives every pattern case a traditional form (limits are references)', () => {
    const missing = allCases.filter((c) => !c.id.startsWith('limits/') && !c.traditional).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('runs the controls and limits before every pattern case', () => {
    const reference = (id: string): boolean => id.startsWith('controls/') || id.startsWith('limits/');
    const firstPattern = allCases.findIndex((c) => !reference(c.id));
    expect(
      allCases
        .slice(firstPattern)
        .filter((c) => reference(c.id))
        .map((c) => c.id),
    ).toEqual([]);
  });

  // tsc compiles a re-export into a getter, which a hot loop pays for on every call.
  it('imports every value from the module that defines it, never through a re-export', () => {
    const offenders: string[] = [];
    for (const file of [...tsFiles(casesDir), ...tsFiles(labDir)]) {
      for (const { names, from } of valueImports(readFileSync(file, 'utf8'))) {
        const target = path.resolve(path.dirname(file), from.replace(/\.js$/, '.ts'));
        if (!existsSync(target)) continue;
        const defined = definedNames(readFileSync(target, 'utf8'));
        for (const name of names) {
          if (!defined.has(name)) {
            offenders.push(`${path.relative(root, file)}: ${name} from ${path.relative(root, target)}`);
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('verdicts read the case definitions as they are', () => {
  // For every case with a native form, each of its JS forms in turn is made the fastest in a
  // synthetic record: the native verdict must be computed against that form, whatever its kind.
  const withNative = allCases.filter((c) => !c.id.startsWith('limits/') && c.native !== undefined);

  it.each(withNative.map((c) => [c.id, c] as const))(
    '%s: native is judged against the fastest JS form',
    (id, c) => {
      const forms = formsOf(c);
      // A form that times another op (`otherWork`) is never the incumbent, even when fastest.
      const other = c.otherWork ?? [];
      const jsForms = forms.filter((f) => jsKinds.has(f.kind) && !other.includes(f.key));
      expect(jsForms.length, `${id} has no JS form`).toBeGreaterThan(0);
      for (const key of other) {
        const specs = Object.fromEntries(
          forms.map((f) => [
            f.key,
            { kind: f.kind, ns: f.key === key ? 100 : f.kind === 'native' ? 500 : 4000 },
          ]),
        );
        expect(
          comparePoint(record(id, 1024, specs), 'native_vs_best_js')?.incumbent,
          `${id}: ${key}`,
        ).not.toBe(key);
      }
      for (const fastest of jsForms) {
        const specs = Object.fromEntries(
          forms.map((f) => [
            f.key,
            { kind: f.kind, ns: f.key === fastest.key ? 1000 : f.kind === 'native' ? 500 : 4000 },
          ]),
        );
        const v = comparePoint(record(id, 1024, specs), 'native_vs_best_js');
        expect(v?.incumbent, `${id}: with ${fastest.key} fastest`).toBe(fastest.key);
      }
    },
  );
});

describe('questions between forms', () => {
  it.each(formPairs.map((p) => [`${p.id}: ${p.challenger} vs ${p.incumbent}`, p] as const))(
    '%s names two forms the case defines',
    (_label, p) => {
      const c = allCases.find((x) => x.id === p.id);
      expect(c, p.id).toBeDefined();
      const keys = formsOf(c!).map((f) => f.key);
      // Native forms exist only when the binding loaded.
      for (const key of [p.challenger, p.incumbent]) {
        if (native !== null || !key.startsWith('native')) expect(keys, p.id).toContain(key);
      }
    },
  );
});

describe('mechanisms', () => {
  it('gives every pattern case a one-line mechanism without numbers', () => {
    const patterns = allCases.filter((c) => !c.id.startsWith('limits/') && !c.id.startsWith('controls/'));
    expect(patterns.filter((c) => !c.mechanism).map((c) => c.id)).toEqual([]);
    // Standalone numbers only: names such as V8, Uint8Array, UTF-16 and "16-byte lanes" are fine.
    const withNumbers = allCases.filter((c) =>
      /\b\d/.test((c.mechanism ?? '').replace(/UTF-(8|16)|16-byte/g, '')),
    );
    expect(withNumbers.map((c) => c.id)).toEqual([]);
  });

  it('gives every pattern case its name, and every case at most one entry per question', () => {
    const patterns = allCases.filter((c) => !c.id.startsWith('limits/') && !c.id.startsWith('controls/'));
    expect(patterns.filter((c) => !c.pattern).map((c) => c.id)).toEqual([]);
    for (const c of allCases) {
      const qs = (c.questions ?? []).map((q) => q.question);
      expect(new Set(qs).size, c.id).toBe(qs.length);
    }
  });
});
