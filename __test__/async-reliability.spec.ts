import { spawnSync } from 'node:child_process';
import * as zlib from 'node:zlib';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { crc32, native } from '../src/index.js';

// A hang (a handle left open) would keep the child alive until spawnSync's 60 s timeout; a prompt
// exit takes 44-74 ms here, and 130-380 ms with the addon under AddressSanitizer
// (scripts/asan-addon.sh, which sets RUST_PATTERNS_ASAN), whose teardown of 10,000 settled calls
// is slower, so the bound there is 3 s.
const exitBoundMs = process.env.RUST_PATTERNS_ASAN === '1' ? 3000 : 1000;

describe.skipIf(native === null)('native async under load', () => {
  it('aborting half of 10,000 queued calls rejects exactly those, and the process then exits promptly (1 s; 3 s under ASan)', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'abort-half.ts')],
      {
        cwd: join(__dirname, '..'),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const exitedAt = Date.now();
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(child.stdout) as {
      abortedRejected: number;
      otherWrong: number;
      doneAt: number;
    };
    expect(result.abortedRejected).toBe(5000);
    expect(result.otherWrong).toBe(0);
    expect(exitedAt - result.doneAt).toBeLessThan(exitBoundMs);
  });

  it('an abort while running discards the result with an AbortError', async () => {
    const controller = new AbortController();
    const big = Buffer.alloc(64 << 20, 1);
    const pending = crc32(big, 0, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await crc32(big)).toBe(zlib.crc32(big));
  });
});
