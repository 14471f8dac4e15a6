// Checks that an installed package carries the library and nothing else: every name the `.node`
// registers and every export of every dist/ file must belong to the public type surface, or be
// used by another shipped file. A benchmark-only export (`boundaryRaw`, a `parallelPing`) has
// neither, so it is reported, whatever it is called.
//
//   node scripts/package-surface.mjs <installed package dir> [<.node file>]
//
// Prints one problem per line and exits 1 when there are any. Used by scripts/test-install.mjs on
// the installed tarballs and by __test__/package-surface.spec.ts on fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(join(root, 'package.json'))('typescript');

/** The names a declaration file exports as values (functions, classes, consts, enums); not types. */
export function valueExports(dtsFile) {
  const program = ts.createProgram([dtsFile], {
    noEmit: true,
    skipLibCheck: true,
    // Only the export symbols are read, never types: no default library to load and check.
    noLib: true,
    types: [],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(dtsFile);
  if (!source) throw new Error(`cannot read ${dtsFile}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return new Set();
  const names = new Set();
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const typeOnly = (symbol.declarations ?? []).some(
      (d) =>
        ts.isTypeOnlyImportOrExportDeclaration?.(d) ??
        (ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)),
    );
    if (typeOnly) continue;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & ts.SymbolFlags.Value) names.add(symbol.name);
  }
  return names;
}

const runtimeKeys = (exports) => Object.keys(exports).filter((k) => k !== '__esModule');

/** Problems with the names a `.node` file registers, against the generated `index.d.ts`. */
export function bindingProblems(nodeFile, dtsFile) {
  const declared = valueExports(dtsFile);
  const registered = runtimeKeys(createRequire(nodeFile)(nodeFile));
  const problems = registered
    .filter((k) => !declared.has(k))
    .map((k) => `${basename(nodeFile)} registers ${k}, which ${basename(dtsFile)} does not declare`);
  for (const k of declared) {
    // The generated loader (index.js) sets `__napiBindingTarget` itself; the .node does not.
    if (!registered.includes(k) && !k.startsWith('__napi'))
      problems.push(`${basename(dtsFile)} declares ${k}, which ${basename(nodeFile)} lacks`);
  }
  return problems;
}

/**
 * Whether tsc's CommonJS output `text` uses its export `name` beyond declaring and exporting it:
 * library code that tests or the benchmark also import is used by the library itself; code that
 * exists only for the benchmark is not.
 */
function usedInOwnFile(text, name) {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(?:exports\.\w+ = )+void 0;/g, '')
    .replace(new RegExp(`exports\\.${name} = ${name};`, 'g'), '')
    .replace(
      new RegExp(`^(?:async )?function\\*? ${name}\\b|^class ${name}\\b|^exports\\.${name} =`, 'gm'),
      '',
    );
  return new RegExp(`\\b${name}\\b`).test(code);
}

/**
 * Problems with the JavaScript of the package in `pkgDir`: the entry's runtime exports must be
 * the value exports of its types; every other dist/ file must be required by a shipped file, and
 * each of its exports must be public or used by another shipped file (read from tsc's CommonJS
 * output: `const x_js_1 = require("./x.js")` then `x_js_1.name`). A file loaded by path (the
 * piscina worker) counts as used when another file names it; its `default` export is then used.
 */
export function distProblems(pkgDir) {
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const dist = join(pkgDir, dirname(manifest.main));
  const entry = join(pkgDir, manifest.main);
  const req = createRequire(entry);
  const problems = [];
  const types = entry.replace(/\.js$/, '.d.ts');
  const publicNames = valueExports(types);
  const entryKeys = runtimeKeys(req(entry));
  for (const k of entryKeys) {
    if (!publicNames.has(k))
      problems.push(`${basename(entry)} exports ${k}, which ${basename(types)} does not declare`);
  }
  for (const k of publicNames) {
    if (!entryKeys.includes(k))
      problems.push(`${basename(types)} declares ${k}, which ${basename(entry)} lacks`);
  }
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const sources = new Map(files.map((f) => [f, readFileSync(join(dist, f), 'utf8')]));
  for (const file of files) {
    if (join(dist, file) === entry) continue;
    const others = files.filter((f) => f !== file).map((f) => sources.get(f));
    const aliases = others.flatMap((text) =>
      [...text.matchAll(/(?:const|var|let) (\w+) = (?:__importStar\()?require\("\.\/([\w.-]+)"\)/g)]
        .filter((m) => m[2] === file)
        .map((m) => [m[1], text]),
    );
    const byPath = others.some((text) => text.includes(`'${file}'`) || text.includes(`"${file}"`));
    if (aliases.length === 0 && !byPath) {
      problems.push(`dist/${file} is required by no shipped file`);
      continue;
    }
    for (const k of runtimeKeys(req(join(dist, file)))) {
      const used =
        publicNames.has(k) ||
        usedInOwnFile(sources.get(file), k) ||
        (k === 'default' && byPath) ||
        aliases.some(([alias, text]) => new RegExp(`\\b${alias}\\.${k}\\b`).test(text));
      if (!used)
        problems.push(`dist/${file} exports ${k}, which is neither public nor used by a shipped file`);
    }
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [pkgDir, nodeFile] = process.argv.slice(2).map((p) => resolve(p));
  if (!pkgDir) {
    console.error('usage: node scripts/package-surface.mjs <package dir> [<.node file>]');
    process.exit(2);
  }
  const problems = distProblems(pkgDir);
  if (nodeFile) problems.push(...bindingProblems(nodeFile, join(pkgDir, 'index.d.ts')));
  for (const p of problems) console.log(p);
  process.exit(problems.length === 0 ? 0 : 1);
}
