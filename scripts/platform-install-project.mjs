// Lays out an empty project as npm would install the release on another platform: the main
// tarball plus the platform package's, unpacked into node_modules (npm itself refuses a package
// for another cpu or libc here: EBADPLATFORM), the runtime dependencies copied from this checkout,
// and a check.cjs that the emulated runtime runs there.
//
//   node scripts/platform-install-project.mjs <tarballs> <platform> <project>
//
// <tarballs> is the JSON line scripts/release.mjs prints (main package first); prints the platform
// tarball's path. Then `<runtime> check.cjs <platform>` in <project> asserts that the package
// loads natively and that the one .node file the process mapped (/proc/self/maps, which qemu
// emulates for its guest) is the platform package's: the loader chose that package itself.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [tarballsJson, platform, project] = process.argv.slice(2);
if (!project) throw new Error('usage: platform-install-project.mjs <tarballs> <platform> <project>');

const tarballs = JSON.parse(tarballsJson);
const platformPackage = `@rust-patterns/binding-${platform}`;
const platformTarball = tarballs.find((t) => t.name === platformPackage);
if (!platformTarball) throw new Error(`no ${platformPackage} among ${tarballs.map((t) => t.name)}`);

rmSync(project, { recursive: true, force: true });
const unpack = (file, name) => {
  const dir = join(project, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', file, '-C', dir, '--strip-components=1']);
};
unpack(tarballs[0].file, tarballs[0].name);
unpack(platformTarball.file, platformPackage);
for (const dep of ['piscina', 'node-gyp-build']) {
  cpSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep), { recursive: true });
}
// Its own package.json: without one the checkout's (named rust-patterns) is the nearest, and
// require('rust-patterns') would resolve to the checkout itself (a package's self-reference).
writeFileSync(join(project, 'package.json'), '{ "name": "platform-install-test", "private": true }\n');
writeFileSync(
  join(project, 'check.cjs'),
  `const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const rp = require('rust-patterns');
assert.equal(rp.implementation, 'native', String(rp.loadError?.stack));
assert.equal(rp.crc32Sync(Buffer.from('123456789')), 0xcbf43926);
const mapped = [
  ...new Set(
    readFileSync('/proc/self/maps', 'utf8')
      .split('\\n')
      .map((line) => line.split(/\\s+/).slice(5).join(' '))
      .filter((file) => file.endsWith('.node')),
  ),
];
const want = \`/node_modules/${platformPackage}/rust-patterns.${platform}.node\`;
assert.deepEqual(mapped.map((file) => file.endsWith(want)), [true], mapped.join());
console.log(\`\${process.arch}: implementation=\${rp.implementation} loaded=\${mapped}\`);
`,
);
console.log(platformTarball.file);
