// Fails when `npm run build` changed the generated loaders or their types: index.d.ts and
// index.js of the library binding and of the benchmark-only lab binding (benchmark/lab/native/)
// must be byte-identical to the committed ones. Run it right after `npm run build`; a diff means
// the Rust signatures (or the napi CLI) changed and the regenerated files were not committed.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = ['index.d.ts', 'index.js', 'benchmark/lab/native/index.d.ts', 'benchmark/lab/native/index.js'];
try {
  execFileSync('git', ['diff', '--exit-code', '--stat', 'HEAD', '--', ...files], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log(`check-dts: ${files.join(' and ')} match the committed versions`);
} catch {
  execFileSync('git', ['--no-pager', 'diff', 'HEAD', '--', ...files], { cwd: root, stdio: 'inherit' });
  console.error(
    `check-dts: the build regenerated ${files.join('/')} differently from the commit; review and commit them`,
  );
  process.exit(1);
}
