import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { kpiValue, launch, openPage, waitForPage } from './browser';

const FIXTURES = path.join(ROOT, 'tests/fixtures');
const EXPECTED = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { loaded?: number; rejected?: number; revenue?: number; rejects?: { line: number }[] }
>;

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

async function dataPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(context);
  await opened.page.goto(`${server.url}#/data`);
  await waitForPage(opened.page);
  await opened.page.waitForSelector('[data-testid="current-data"][data-origin]:not([data-origin=""])');
  return opened;
}

/** Chooses a file and waits until it is mapped (or refused). */
async function choose(page: Page, fixture: string): Promise<void> {
  await page.setInputFiles('[data-testid="import-file"]', path.join(FIXTURES, fixture));
  await page.waitForSelector('[data-testid="import-confirm"], [data-testid="import-error"]', { timeout: 60_000 });
}

async function load(page: Page, fixture: string): Promise<{ loaded: number; rejected: number }> {
  await choose(page, fixture);
  await page.click('[data-testid="import-confirm"]');
  const summary = page.locator('[data-testid="import-summary"]');
  await summary.waitFor({ timeout: 120_000 });
  await page.waitForSelector('[data-testid="import-summary"]:not([data-saved="saving"])', { timeout: 120_000 });
  return {
    loaded: Number(await summary.getAttribute('data-loaded')),
    rejected: Number(await summary.getAttribute('data-rejected')),
  };
}

async function overviewRevenue(page: Page, base = server.url): Promise<number> {
  await page.goto(`${base}#/`);
  await waitForPage(page, 'ready', 90_000);
  await page.waitForSelector('[data-testid="page"][data-source="live"]');
  return kpiValue(page, 'revenue');
}

describe('importing your own data', () => {
  it('maps a real-world export automatically, loads it, keeps it across a reload and offline, then goes back to the demo', async () => {
    // Its own server, stopped for the offline part (Playwright's offline mode does not cover the service worker).
    const own = await serveStatic(inject('distRoot'));
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    const url = own.url;
    await page.goto(`${url}#/`);
    await waitForPage(page);
    const demoRevenue = await kpiValue(page, 'revenue');
    await page.goto(`${url}#/data`);
    await waitForPage(page);
    const expected = EXPECTED['online-retail.csv']!;
    expect(await load(page, 'online-retail.csv')).toEqual({ loaded: expected.loaded, rejected: expected.rejected });
    // The storage line follows the save that finishes after the summary appears.
    const size = readFileSync(path.join(FIXTURES, 'online-retail.csv')).length;
    await page.waitForSelector(`[data-testid="storage-used"][data-bytes="${size}"]`);
    expect(await overviewRevenue(page, url)).toBeCloseTo(expected.revenue ?? 0, 2);

    // Reload: rebuilt from the stored file before the first query.
    await page.reload();
    expect(await overviewRevenue(page, url)).toBeCloseTo(expected.revenue ?? 0, 2);

    // Offline, with the server gone too: the service worker serves the app, storage the data.
    await page.evaluate('navigator.serviceWorker.ready');
    await own.close();
    await context.setOffline(true);
    await page.reload();
    await waitForPage(page, 'ready', 90_000);
    await page.waitForSelector('[data-testid="page"][data-source="live"]');
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(expected.revenue ?? 0, 2);

    // The demo and removal, still offline.
    await page.goto(`${url}#/data`);
    await waitForPage(page);
    expect(await page.locator('[data-testid="storage-used"]').getAttribute('data-bytes')).toBe(
      String(readFileSync(path.join(FIXTURES, 'online-retail.csv')).length),
    );
    await page.click('[data-testid="use-demo"]');
    await page.waitForSelector('[data-testid="current-data"][data-origin="demo"]');
    await page.goto(`${url}#/`);
    await waitForPage(page);
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(demoRevenue, 2);
    await page.reload();
    await waitForPage(page);
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(demoRevenue, 2);

    await page.goto(`${url}#/data`);
    await waitForPage(page);
    await page.click('[data-testid="remove-data"]');
    await page.waitForSelector('[data-testid="remove-data"]', { state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('says exactly what is wrong with a bad file and keeps the data it had', async () => {
    const context = await browser.newContext();
    const { page, errors } = await dataPage(context);
    const before = await overviewRevenue(page);
    await page.goto(`${server.url}#/data`);
    await waitForPage(page);
    for (const [fixture, code, words] of [
      ['empty.csv', 'empty', /empty\.csv is empty/],
      ['binary.csv', 'binary', /binary\.csv is not a text file/],
      ['header-only.csv', 'header-only', /no rows of data/],
      ['no-date.csv', 'no-date', /needs a date column/],
    ] as const) {
      await choose(page, fixture);
      const error = page.locator('[data-testid="import-error"]');
      await error.waitFor();
      expect(await error.getAttribute('data-code'), fixture).toBe(code);
      expect(await error.textContent(), fixture).toMatch(words);
      if (code === 'no-date') expect(await page.locator('[data-testid="import-confirm"]').isDisabled()).toBe(true);
    }
    expect(await overviewRevenue(page)).toBe(before);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('lists rejected rows by line and lets them be downloaded', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page } = await dataPage(context);
    const expected = EXPECTED['ragged.csv']!;
    expect(await load(page, 'ragged.csv')).toEqual({ loaded: expected.loaded, rejected: expected.rejected });
    const lines = await page
      .locator('[data-testid="reject-row"]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-line'))));
    expect(lines).toEqual(expected.rejects?.map((r) => r.line));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="rejects-download"]'),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(1 + (expected.rejected ?? 0));
    await context.close();
  }, 180_000);

  it('loads Parquet and gzip files', async () => {
    const context = await browser.newContext();
    const { page } = await dataPage(context);
    for (const fixture of ['sales.parquet', 'sales.csv.gz']) {
      const expected = EXPECTED[fixture]!;
      expect(await load(page, fixture), fixture).toEqual({ loaded: expected.loaded, rejected: expected.rejected });
      expect(await overviewRevenue(page)).toBeCloseTo(expected.revenue ?? 0, 2);
      await page.goto(`${server.url}#/data`);
      await waitForPage(page);
    }
    await context.close();
  }, 180_000);

  it('shows data values as text, never as markup', async () => {
    const context = await browser.newContext();
    const { page, errors } = await dataPage(context);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await load(page, 'xss.csv');
    await overviewRevenue(page);
    await page.waitForSelector('text=<img src=x onerror=alert(1)>');
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page, 'ready', 90_000);
    expect(await page.locator('img[src="x"], svg[onload], script:text("alert")').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('opening data from a URL', () => {
  it('reads a Parquet file over HTTP with range requests, and a CSV, from another origin', async () => {
    // A second origin that allows reading (CORS) and serves byte ranges, as object storage does.
    const ranges: string[] = [];
    const files = createServer((req, res) => {
      const file = path.join(FIXTURES, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
      const headers = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'range',
        'access-control-expose-headers': 'content-length, content-range, accept-ranges',
        'accept-ranges': 'bytes',
      };
      if (req.method === 'OPTIONS') return void res.writeHead(204, headers).end();
      let body: Buffer;
      try {
        body = readFileSync(file);
      } catch {
        return void res.writeHead(404, headers).end();
      }
      const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
      if (req.method === 'HEAD') return void res.writeHead(200, { ...headers, 'content-length': body.length }).end();
      if (!range) return void res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      ranges.push(`${start}-${end}`);
      res
        .writeHead(206, {
          ...headers,
          'content-range': `bytes ${start}-${end}/${body.length}`,
          'content-length': end - start + 1,
        })
        .end(body.subarray(start, end + 1));
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    const { page, errors } = await dataPage(context);
    for (const fixture of ['sales.parquet', 'online-retail.csv']) {
      const expected = EXPECTED[fixture]!;
      await page.fill('[data-testid="import-url"]', `${origin}/${fixture}`);
      await page.press('[data-testid="import-url"]', 'Enter');
      await page.waitForSelector('[data-testid="import-confirm"]:not([disabled]), [data-testid="import-error"]', {
        timeout: 60_000,
      });
      await page.click('[data-testid="import-confirm"]');
      const summary = page.locator('[data-testid="import-summary"]');
      await summary.waitFor({ timeout: 120_000 });
      expect(Number(await summary.getAttribute('data-loaded')), fixture).toBe(expected.loaded);
      await page.waitForSelector('[data-testid="import-summary"]:not([data-saved="saving"])');
      expect(await overviewRevenue(page)).toBeCloseTo(expected.revenue ?? 0, 2);
      // Restored from what was saved (for Parquet over HTTP: the columns that were read).
      await page.reload();
      expect(await overviewRevenue(page)).toBeCloseTo(expected.revenue ?? 0, 2);
      await page.goto(`${server.url}#/data`);
      await waitForPage(page);
    }
    expect(ranges.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  }, 180_000);
});

describe('imports that do not finish, and other tabs', () => {
  it('cancels a download in progress and keeps the data it had', async () => {
    const stalled = createServer(() => undefined); // accepts the request and never answers
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const context = await browser.newContext();
    const { page } = await dataPage(context);
    const before = await overviewRevenue(page);
    await page.goto(`${server.url}#/data`);
    await waitForPage(page);
    await page.fill(
      '[data-testid="import-url"]',
      `http://127.0.0.1:${(stalled.address() as AddressInfo).port}/sales.csv`,
    );
    await page.press('[data-testid="import-url"]', 'Enter');
    await page.click('[data-testid="import-cancel"]');
    const error = page.locator('[data-testid="import-error"]');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('cancelled');
    expect(await overviewRevenue(page)).toBe(before);
    await context.close();
    stalled.closeAllConnections();
    await new Promise<void>((resolve) => stalled.close(() => resolve()));
  }, 120_000);

  it('tells another tab that the data changed, and a busy second tab does not overwrite what is saved', async () => {
    const context = await browser.newContext();
    const { page: first } = await dataPage(context);
    const { page: second } = await dataPage(context);
    const expected = EXPECTED['online-retail.csv']!;
    await load(first, 'online-retail.csv');
    await second.waitForSelector('text=Your data was changed in another Tillsight tab');

    // The second tab holds the storage lock (as while it saves): the first tab's next import
    // loads, says it could not be saved, and the saved data stays as it was.
    await second.evaluate(
      `new Promise((held) => { navigator.locks.request('tillsight-data', () => { held(); return new Promise(() => {}); }); })`,
    );
    await load(first, 'xss.csv');
    const summary = first.locator('[data-testid="import-summary"]');
    expect(await summary.getAttribute('data-saved')).toBe('not-saved');
    expect(await summary.textContent()).toMatch(/Another Tillsight tab is using the saved data/);
    await second.close();
    await first.reload();
    expect(await overviewRevenue(first)).toBeCloseTo(expected.revenue ?? 0, 2);
    await context.close();
  }, 180_000);
});
