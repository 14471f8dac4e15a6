/**
 * The AddressSanitizer run bites: the instrumented build of the addon with its test-only exports
 * (`--features test-exports`, built by scripts/asan-addon.sh) has a deliberate heap
 * use-after-free, and calling it must end the process with ASan's report. Runs only inside
 * scripts/asan-addon.sh, which sets RUST_PATTERNS_ASAN_TEST_ADDON and preloads the runtime.
 */
import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

const addon = process.env.RUST_PATTERNS_ASAN_TEST_ADDON;

/** ASAN_OPTIONS with the report sent to stderr, where this test reads it, not to the log files. */
const options = (process.env.ASAN_OPTIONS ?? '')
  .split(':')
  .filter((o) => !o.startsWith('log_path='))
  .join(':');

const call = (expression: string) =>
  spawnSync(process.execPath, ['-e', `const b = require(${JSON.stringify(addon)}); ${expression}`], {
    encoding: 'utf8',
    env: { ...process.env, ASAN_OPTIONS: options },
    timeout: 60_000,
  });

describe.skipIf(addon === undefined)('the addon under AddressSanitizer', () => {
  it('the instrumented test build runs clean when the planted bug is not called', () => {
    const r = call(`process.stdout.write(String(b.crc32Sync(Buffer.from('123456789'))))`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(String(0xcbf43926));
    expect(r.status).toBe(0);
  });

  it('reports the planted heap use-after-free and fails the process', () => {
    const r = call('b.useAfterFreeForTest(64)');
    expect(r.stderr).toMatch(/ERROR: AddressSanitizer: heap-use-after-free on address/);
    expect(r.stderr).toMatch(/READ of size 1 /);
    // The report names the export's frame (the addon carries its symbols).
    expect(r.stderr).toMatch(/use_after_free_for_test/);
    expect(r.status).toBe(66);
  });
});
