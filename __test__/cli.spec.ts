import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { extraProcesses } from '../benchmark/engine/sampling.js';
import { speedRatio } from '../benchmark/engine/stats.js';
import { readmeBlock } from '../benchmark/report/markdown.js';
import { defaults, published } from '../benchmark/report/outputs.js';

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
  // The shipped values come from saved results only.
  ['calibrate --source without --from', ['calibrate', '--source', 'src/thresholds.ts']],
  // Publishing rewrites the committed results: a whole run only.
  ['--publish with --only', ['bench', '--publish', '--only', 'controls/a-a']],
  ['an unknown publish option', ['publish', '--md']],
];

/** The files only `publish` may write, and a digest of each, to show that nothing else did. */
const committed = ['RESULTS.md', 'README.md', 'benchmark/RESULTS.json', 'benchmark/VERDICTS.json'];
const digest = (): string[] =>
  committed.map((f) =>
    createHash('sha256')
      .update(readFileSync(join(root, f)))
      .digest('hex'),
  );

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
    // Every placeholder of the usage is filled in: the defaults it states are the engine's own.
    expect(r.stdout).not.toContain('${');
    expect(r.stdout).toContain(`(default ${extraProcesses.quick}\n      quick, ${extraProcesses.full} full;`);
  });

  it('a run writes under benchmark/results/ only, which git ignores', () => {
    for (const f of [defaults.md, defaults.html, defaults.verdicts, defaults.latest, defaults.service]) {
      expect(relative(root, f).startsWith(`benchmark${sep}results${sep}`), f).toBe(true);
    }
    const ignored = spawnSync('git', ['check-ignore', '-q', 'benchmark/results/RESULTS.md'], { cwd: root });
    expect(ignored.status).toBe(0);
    for (const f of Object.values(published)) expect(Object.values(defaults)).not.toContain(f);
  });

  // A real run of the controls and one case: 12 + 12 + 4 processes and the compile, about 30 s
  // alone on two cores; vitest runs other files beside it.
  it(
    'report on the saved results reproduces the RESULTS.md and HTML that bench wrote, byte for byte; publish writes the four committed files from them',
    { timeout: 180_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'rp-cli-'));
      const f = (name: string): string => join(dir, name);
      const before = digest();
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
      expect(digest()).toEqual(before);

      writeFileSync(f('README.md'), '# x\n\n<!-- matrix:start -->\nold\n<!-- matrix:end -->\n');
      const pub = cli(
        'publish',
        f('r.json'),
        '--md',
        f('P.md'),
        '--readme',
        f('README.md'),
        '--results',
        f('R.json'),
        '--verdicts',
        f('V.json'),
      );
      expect(pub.stderr).toBe('');
      expect(pub.status).toBe(0);
      expect(digest()).toEqual(before);
      expect(readFileSync(f('R.json'), 'utf8')).toBe(readFileSync(f('r.json'), 'utf8'));
      expect(readFileSync(f('P.md'), 'utf8')).toBe(a);
      expect(readFileSync(f('V.json'), 'utf8')).toBe(readFileSync(f('verdicts.json'), 'utf8'));
      const records = JSON.parse(readFileSync(f('r.json'), 'utf8')) as ResultRecord[];
      const readme = readFileSync(f('README.md'), 'utf8');
      expect(readme).toContain(readmeBlock(records));
      expect(readme).not.toContain('\nold\n');
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
