/**
 * Renders the HTML report in a real headless Chromium (Debian's, driven by playwright-core) and
 * checks what a reader sees: no console errors, every chart drawn, one matrix row per pattern,
 * verdict badges visible with readable text (no emoji font is installed here), and the
 * UNRELIABLE banner when a control fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/engine/record.js';
import { summarize } from '../benchmark/report/analyze.js';
import { renderHtml } from '../benchmark/report/html.js';
import { fixtureRecords } from './fixtures/make-results-fixture.js';
import { controls } from './fixtures/synthetic-records.js';

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
const resultsDir = join(__dirname, '..', 'benchmark', 'results');

describe.skipIf(!hasChromium)(`HTML report in headless Chromium (needs ${executablePath})`, () => {
  const committed = join(__dirname, '..', 'benchmark', 'RESULTS.json');
  const load = (file: string) => (): ResultRecord[] =>
    JSON.parse(readFileSync(file, 'utf8')) as ResultRecord[];
  /** The committed results, once they are in the current record format (forms with raw samples). */
  const committedIsCurrent =
    existsSync(committed) &&
    (JSON.parse(readFileSync(committed, 'utf8')) as Array<{ forms?: unknown }>)[0]?.forms;
  const failedControls = (): ResultRecord[] => [
    ...controls(1.3),
    ...fixtureRecords().filter((r) => !r.benchmark.startsWith('controls/')),
  ];
  const sources: Array<[string, () => ResultRecord[], string, boolean]> = [
    [
      'a small fixture',
      load(join(__dirname, 'fixtures', 'results-verdicts.json')),
      'report-browser-test',
      false,
    ],
    ['a run whose A/A control failed', failedControls, 'report-browser-unreliable', true],
    ...(committedIsCurrent
      ? [
          [
            'the committed results of the last quick run',
            load(committed),
            'report-browser-results',
            false,
          ] as [string, () => ResultRecord[], string, boolean],
        ]
      : []),
  ];

  it.each(sources)(
    'draws every chart, the matrix and visible badges for %s',
    async (_what, source, name, unreliable) => {
      const records = source();
      const cases = summarize(records);
      mkdirSync(resultsDir, { recursive: true });
      const page = join(resultsDir, `${name}.html`);
      writeFileSync(page, renderHtml(records));

      const profile = mkdtempSync(join(tmpdir(), 'rp-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1280, height: 900 },
      });
      try {
        const tab = context.pages()[0] ?? (await context.newPage());
        const errors: string[] = [];
        tab.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(msg.text());
        });
        tab.on('pageerror', (e) => errors.push(e.message));
        const requests: string[] = [];
        tab.on('request', (r) => {
          if (!r.url().startsWith('file:')) requests.push(r.url());
        });
        await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
        await tab.waitForFunction(
          () => (globalThis as { __chartsDrawn?: number }).__chartsDrawn !== undefined,
        );

        // Runs in the page; the project's tsconfig has no DOM lib, so describe what is used.
        interface Canvas {
          width: number;
          height: number;
          dataset: Record<string, string | undefined>;
          getContext(kind: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
          };
        }
        const drawn = await tab.evaluate(() => {
          const doc = (
            globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<Canvas> } }
          ).document;
          return [...doc.querySelectorAll('canvas')].map((canvas) => {
            const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
            return { id: `${canvas.dataset.case} ${canvas.dataset.chart}`, width: canvas.width, painted };
          });
        });
        // Every pattern case has a ratio chart; the report counts what it drew.
        for (const c of cases) expect(drawn.map((d) => d.id)).toContain(`${c.id} ratio`);
        expect(drawn.some((d) => d.id.endsWith(' throughput'))).toBe(true);
        expect(await tab.evaluate(() => (globalThis as { __chartsDrawn?: number }).__chartsDrawn)).toBe(
          drawn.length,
        );
        for (const d of drawn) {
          expect(d.width, d.id).toBeGreaterThan(0);
          expect(d.painted, `${d.id} has no drawn pixels`).toBeGreaterThan(1000);
        }

        const badges = await tab.$$eval('.badge', (els) =>
          els.map((el) => {
            const box = el.getBoundingClientRect();
            const css = (
              globalThis as unknown as {
                getComputedStyle(e: unknown): { color: string; backgroundColor: string };
              }
            ).getComputedStyle(el);
            return {
              text: el.textContent ?? '',
              width: box.width,
              height: box.height,
              color: css.color,
              bg: css.backgroundColor,
            };
          }),
        );
        expect(badges.length).toBeGreaterThan(0);
        for (const b of badges) {
          expect(b.text).toMatch(
            /^(?:(much faster|faster|slightly faster|equivalent|slightly slower|slower|much slower)(?: to (faster|much faster|slightly faster|equivalent|slightly slower|slower|much slower))?|(?:faster|slower) \(by how much: undecided\)|undecided)$/,
          );
          expect(b.width, b.text).toBeGreaterThan(20);
          expect(b.height, b.text).toBeGreaterThan(8);
          expect(b.color, b.text).not.toBe(b.bg);
        }
        const banner = await tab.$$eval('#reliability', (els) => els.map((el) => el.textContent ?? ''));
        if (unreliable) expect(banner[0]).toMatch(/^UNRELIABLE RUN/);
        else expect(banner).toEqual([]);

        const rows = await tab.$$eval('#matrix tbody tr', (trs) =>
          trs.map((tr) => tr.getAttribute('data-case')),
        );
        expect(rows).toEqual(cases.map((c) => c.id));
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);

        await tab.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true });
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  );
});
