/**
 * How lab code starts a sibling script in a child process. The cases run from TypeScript sources
 * (tsx, vitest) and from tsc's CommonJS output in another directory; a child must load the
 * sibling in the same form as its parent, and needs tsx's loader only for `.ts`.
 */
import { extname, join } from 'node:path';

/** This build's extension: `.ts` when running from sources, `.js` when compiled. */
const ext = extname(__filename);

/** The path of the lab script `name` (no extension) in this build. */
export function labScript(name: string): string {
  return join(__dirname, `${name}${ext}`);
}

/** Node flags a child needs to run a lab script: tsx's loader only when running from sources. */
export const labExecArgv: readonly string[] = ext === '.ts' ? ['--import', 'tsx'] : [];
