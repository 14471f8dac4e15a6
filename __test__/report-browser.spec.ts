/**
 * Renders the HTML report in a real headless Chromium (Debian's, driven by playwright-core) and
 * checks what a reader sees: no console errors, every chart drawn, one matrix row per pattern.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import type { ResultRecord } from '../benchmark/bench.js';
import { summarize } from '../benchmark/report/analyze.js';
import { renderHtml } from '../benchmark/report/html.js';

const executablePath = '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
const resultsDir = join(__dirname, '..', 'benchmark', 'results');

describe.skipIf(!hasChromium)(`HTML report in headless Chromium (needs ${executablePath})`, () => {
  it.each([
    ['a small fixture', join(__dirname, 'fixtures', 'results-foundation.json'), 'report-browser-test'],
    [
      'the committed results of the last quick run',
      join(__dirname, '..', 'benchmark', 'RESULTS.json'),
      'report-browser-results',
    ],
  ])('draws every chart and the matrix of %s without console errors', async (_what, source, name) => {
    const records = JSON.parse(readFileSync(source, 'utf8')) as ResultRecord[];
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
      await tab.waitForFunction(() => (globalThis as { __chartsDrawn?: number }).__chartsDrawn !== undefined);

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
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<Canvas> } })
          .document;
        return [...doc.querySelectorAll('canvas')].map((canvas) => {
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
          return { id: canvas.dataset.case, width: canvas.width, painted };
        });
      });
      expect(drawn.map((d) => d.id)).toEqual(cases.map((c) => c.id));
      for (const d of drawn) {
        expect(d.width, d.id).toBeGreaterThan(0);
        expect(d.painted, `${d.id} has no drawn pixels`).toBeGreaterThan(1000);
      }

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
  });
});
