import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { readLines, slice } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { launch, openPage, waitForPage } from './browser';

let browser: Browser;
let server: StaticServer;
beforeAll(async () => {
  browser = await launch();
  server = await serveStatic(inject('distRoot'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  return readFileSync((await file.path()) ?? '');
}

describe('exports', () => {
  it('downloads the current slice as CSV, with customer ids pseudonymised when asked', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/data?from=2025-03-01&to=2025-03-31&region=North`);
    await waitForPage(page);
    await page.waitForSelector('[data-testid="export-slice"]:not([disabled])');
    const expected = slice(readLines(), { from: '2025-03-01', to: '2025-03-31', regions: ['North'] });

    const plain = parseCsv((await download(page, 'export-slice')).toString('utf8').replace(/^\ufeff/, ''));
    expect(plain).toHaveLength(expected.length);
    expect(plain.reduce((s, r) => s + Number(r.revenue), 0)).toBeCloseTo(
      expected.reduce((s, l) => s + l.revenue, 0),
      2,
    );
    expect(new Set(plain.map((r) => r.customer_id))).toEqual(new Set(expected.map((l) => l.customer_id)));

    await page.check('[data-testid="pseudonymise-exports"]');
    const hidden = parseCsv((await download(page, 'export-slice')).toString('utf8').replace(/^\ufeff/, ''));
    const salt = (await page.evaluate(`JSON.parse(localStorage.getItem('tillsight:settings:v1')).salt`)) as string;
    const pseudonym = (id: string) =>
      createHash('sha256')
        .update(salt + id)
        .digest('hex')
        .slice(0, 16);
    expect(hidden.map((r) => r.customer_id)).toEqual(plain.map((r) => pseudonym(r.customer_id ?? '')));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('downloads a chart as a PNG image', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'),
    );
    const png = await download(page, 'chart-png');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5000);
    await context.close();
  }, 120_000);
});
