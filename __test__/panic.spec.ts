/**
 * A Rust panic must become a JS error, never an abort. The panicking exports exist only in a
 * test build of the addon (`--features test-exports`), which this suite compiles once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const targetDir = join(root, 'target', 'test-exports');
const addon = join(targetDir, 'rust-patterns-test.node');
const hasCargo = spawnSync('cargo', ['--version']).status === 0;

interface TestAddon {
  panicForTest(message: string): number;
  panicInTaskForTest(): Promise<number>;
  crc32Sync(data: Uint8Array): number;
}

describe.skipIf(!hasCargo)('Rust panics', () => {
  let binding: TestAddon;

  beforeAll(() => {
    execFileSync(
      'cargo',
      ['build', '-p', 'rust-patterns-node', '--features', 'test-exports', '--target-dir', targetDir],
      { cwd: root, stdio: 'ignore', timeout: 600_000 },
    );
    mkdirSync(targetDir, { recursive: true });
    copyFileSync(join(targetDir, 'debug', 'librust_patterns_node.so'), addon);
    expect(existsSync(addon)).toBe(true);
    binding = require(addon) as TestAddon;
  }, 600_000);

  it('a panic on the JS thread throws a JS Error and the addon keeps working', () => {
    expect(() => binding.panicForTest('boom 42')).toThrow(/boom 42/);
    expect(binding.crc32Sync(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('a panic on a libuv worker thread rejects the Promise', async () => {
    await expect(binding.panicInTaskForTest()).rejects.toThrow(/panic on a libuv worker thread/);
    expect(binding.crc32Sync(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
