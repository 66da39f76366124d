import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readLines, ROOT } from '../helpers/expected';
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

const appVersion = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Moves within the app (a hash change, not a reload), so its in-memory timings are kept. */
async function goTo(page: Page, hash: string, marker: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForSelector(marker, { timeout: 120_000 });
  await waitForPage(page, 'ready', 120_000);
}

describe('Diagnostics page', () => {
  it('shows the versions, the dataset size and the timings of the queries and worker tasks that ran', async () => {
    const lines = readLines();
    const product = lines[0]?.product_name ?? '';
    expect(product).not.toBe('');
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);

    await goTo(page, '#/diagnostics', '[data-testid="diag-storage"]');
    expect(await page.textContent('[data-testid="diag-app-version"]')).toBe(appVersion);
    expect(await page.textContent('[data-testid="diag-duckdb-version"]')).toMatch(/^v1\.\d+\.\d+/);
    expect(Number(await page.getAttribute('[data-testid="diag-sales-rows"]', 'data-value'))).toBe(lines.length);
    const queryRows = page.locator('[data-testid="diag-query-row"]');
    expect(await queryRows.count()).toBeGreaterThanOrEqual(1);
    const timings = await queryRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-ms'))));
    expect(timings.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    expect(Number(await page.getAttribute('[data-testid="diag-storage"]', 'data-quota'))).toBeGreaterThan(0);

    // The Customers page runs the segment worker; its call shows up here afterwards.
    await goTo(page, '#/customers', '[data-testid="segment"]');
    await goTo(page, '#/diagnostics', '[data-testid="diag-storage"]');
    const segmentRows = page.locator('[data-testid="diag-worker-row"][data-worker="segment"]');
    expect(await segmentRows.count()).toBeGreaterThanOrEqual(1);
    const calls = await segmentRows.evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-task')}:${r.getAttribute('data-outcome')}`),
    );
    expect(calls).toContain('analyse:ok');

    // The report: versions and timings, none of the data (not even its file name).
    await page.click('[data-testid="diag-copy-report"]');
    await page.waitForSelector('.button-row [role="status"]');
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain(`Version: ${appVersion}`);
    expect(report).toMatch(/DuckDB: v1\.\d+\.\d+/);
    expect(report).toContain(`sales: ${lines.length} rows`);
    expect(report).toContain('segment.analyse');
    expect(report).not.toContain('retail_sales_data');
    expect(report).not.toContain(product);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
