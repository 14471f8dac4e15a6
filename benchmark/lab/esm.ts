/**
 * `import()` kept as a real dynamic import in tsc's CommonJS output: tsc rewrites
 * `await import(x)` into `require(x)`, which cannot load ESM-only packages (p-limit, p-map) on
 * Node 20. A function built from source is not rewritten.
 */
export const importEsm = new Function('specifier', 'return import(specifier)') as <T>(
  specifier: string,
) => Promise<T>;
