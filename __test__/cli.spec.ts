import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { speedRatio } from '../benchmark/engine/stats.js';

const root = join(__dirname, '..');
// The tool runs compiled (scripts/rust-patterns.mjs builds build/bench with tsc); the tests build
// it once and call the compiled CLI, so that no two tsc runs write build/bench at once.
const bin = join(root, 'build', 'bench', 'benchmark', 'cli.js');

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'rust-patterns.mjs'), 'help'], {
    encoding: 'utf8',
  });
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
}, 120_000);

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI run asynchronously, so that the argument-error cases start their processes together. */
function cliAsync(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--expose-gc', bin, ...args],
      { env: { ...process.env, CI: '1' } },
      (error, _stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr });
      },
    );
  });
}

const badArgs: Array<[string, string[]]> = [
  ['no command', []],
  ['an unknown command', ['benchmark']],
  ['an unknown option', ['bench', '--fast']],
  ['a missing option value', ['bench', '--only']],
  ['both modes', ['bench', '--quick', '--full']],
  ['report without files', ['report']],
  ['a positional to bench', ['bench', 'zero-copy']],
  ['an unknown malloc regime', ['bench', '--malloc', 'jemalloc']],
  // A calibration belongs to the caller: no default path, and never into an installed package.
  ['calibrate without --out', ['calibrate', '--quick']],
  ['calibrate into node_modules', ['calibrate', '--out', 'node_modules/rust-patterns/thresholds.json']],
];

describe('rust-patterns CLI', () => {
  it('exits 2 with the usage on bad arguments', async () => {
    const runs = await Promise.all(badArgs.map(([, args]) => cliAsync(...args)));
    runs.forEach((r, i) => {
      expect(r.status, badArgs[i]![0]).toBe(2);
      expect(r.stderr, badArgs[i]![0]).toContain('usage:');
      expect(r.stderr, badArgs[i]![0]).toContain('rust-patterns bench [--quick|--full]');
    });
  });

  it('help prints the usage and exits 0', () => {
    const r = cli('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('rust-patterns report <results.json...>');
  });

  // A real run of the controls and one case: 12 + 12 + 6 processes and the compile, about 30 s
  // alone on two cores; vitest runs other files beside it.
  it(
    'report on the saved results reproduces the RESULTS.md and HTML that bench wrote, byte for byte',
    {
      timeout: 180_000,
    },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'rp-cli-'));
      const f = (name: string): string => join(dir, name);
      const ran = cli(
        'bench',
        '--only',
        'limits/call-floor',
        '--json',
        f('r.json'),
        '--md',
        f('a.md'),
        '--html',
        f('a.html'),
      );
      expect(ran.stderr).toBe('');
      expect(ran.status).toBe(0);
      const again = cli('report', f('r.json'), '--md', f('b.md'), '--html', f('b.html'));
      expect(again.status).toBe(0);
      const a = readFileSync(f('a.md'), 'utf8');
      // Limits are references with no verdict: their own section, not a matrix row.
      expect(a).toContain('**Node-API call floor:**');
      expect(a).toContain('| `limits/call-floor` |');
      expect(readFileSync(f('b.md'), 'utf8')).toBe(a);
      expect(readFileSync(f('b.html'), 'utf8')).toBe(readFileSync(f('a.html'), 'utf8'));
    },
  );

  // Issue 14 asks for this one timed assertion. The paired interval cancels load that hits both
  // forms alike, but vitest runs other files beside it on a 2-core machine: two retries.
  it(
    'times the compiled build: an imported helper in a hot loop costs what a local copy does (within 5%)',
    { retry: 2 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'rp-import-tax-'));
      const run = cli('bench', '--only', 'controls/import-tax', '--json', join(dir, 'r.json'));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const records = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ResultRecord[];
      const r = records.find((x) => x.benchmark === 'controls/import-tax')!;
      const iv = speedRatio(r.forms.rust_inspired!, r.forms.traditional!, 'import-tax');
      expect(iv.lo).toBeGreaterThanOrEqual(1 / 1.05);
      expect(iv.hi).toBeLessThanOrEqual(1.05);
    },
  );
});
