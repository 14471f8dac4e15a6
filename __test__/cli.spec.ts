import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '..', 'bin', 'rust-patterns.js');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
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
      [bin, ...args],
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

  it('report on the saved results reproduces the RESULTS.md and HTML that bench wrote, byte for byte', () => {
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
    expect(a).toContain('| Node-API call floor | limits/call-floor |');
    expect(readFileSync(f('b.md'), 'utf8')).toBe(a);
    expect(readFileSync(f('b.html'), 'utf8')).toBe(readFileSync(f('a.html'), 'utf8'));
  });
});
