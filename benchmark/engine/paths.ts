import { join, resolve } from 'node:path';

/**
 * The repository root, from the sources (`benchmark/engine/`) or from the compiled tree
 * (`build/bench/benchmark/engine/`, where `npm run bench` runs the tool).
 */
export const repoRoot: string = __dirname.includes(join('build', 'bench'))
  ? resolve(__dirname, '..', '..', '..', '..')
  : resolve(__dirname, '..', '..');
