import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { readLines, ROOT, slice, type Line } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { launch, openPage, waitForPage, importOnDataPage } from './browser';

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

/** Customers with at least one sale in the lines, and their net revenue: what the segments must add up to. */
function expectedCustomers(lines: Line[]): { customers: number; revenue: number } {
  const buyers = new Set(
    lines.filter((l) => l.customer_id && l.quantity >= 0 && l.revenue >= 0).map((l) => l.customer_id),
  );
  const revenue = lines.filter((l) => buyers.has(l.customer_id)).reduce((s, l) => s + l.revenue, 0);
  return { customers: buyers.size, revenue };
}

describe('Customers page', () => {
  it('splits every customer into the four named segments, with sizes and revenue that add up, and follows the filters', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/customers`);
    await waitForPage(page, 'ready', 120_000);
    const segments = await page.$$eval('[data-testid="segment"]', (els) =>
      els.map((e) => ({
        name: e.getAttribute('data-name'),
        size: Number(e.getAttribute('data-size')),
        revenue: Number(e.getAttribute('data-revenue')),
      })),
    );
    expect(segments.map((s) => s.name).sort()).toEqual(['Active', 'At-Risk', 'Loyal', 'VIP']);
    const all = expectedCustomers(readLines());
    expect(segments.reduce((s, x) => s + x.size, 0)).toBe(all.customers);
    expect(segments.reduce((s, x) => s + x.revenue, 0)).toBeCloseTo(all.revenue, 2);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'),
    );
    // Hovering the scatter names the customer under the cursor and their segment.
    const over = page.locator('[data-testid="chart-rfm-scatter"] .u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    await over.hover({ position: { x: (box?.width ?? 300) / 3, y: (box?.height ?? 200) / 2 } });
    await expect
      .poll(() => page.locator('[data-testid="chart-rfm-scatter"] .chart-tooltip').textContent())
      .toMatch(/^C\d+ · (VIP|Loyal|Active|At-Risk): /);

    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-at-risk"]')]);
    const atRisk = parseCsv(readFileSync((await file.path()) ?? '', 'utf8').replace(/^\ufeff/, ''));
    expect(atRisk.length).toBeGreaterThan(0);
    expect(atRisk.every((r) => Number(r.p_active) < 0.5)).toBe(true);

    await page.goto(`${server.url}#/customers?from=2025-01-01&to=2025-06-30&region=North`);
    await page.waitForFunction(
      (total) => {
        const s = [...document.querySelectorAll<HTMLElement>('[data-testid="segment"]')];
        return s.length > 0 && s.reduce((n, e) => n + Number(e.dataset.size), 0) < total;
      },
      all.customers,
      { timeout: 120_000 },
    );
    const sliced = expectedCustomers(slice(readLines(), { from: '2025-01-01', to: '2025-06-30', regions: ['North'] }));
    const sizes = await page.$$eval('[data-testid="segment"]', (els) =>
      els.reduce((n, e) => n + Number(e.getAttribute('data-size')), 0),
    );
    expect(sizes).toBe(sliced.customers);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

describe('Customers page without customers', () => {
  it('says which column to map when the data has no customer column', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await importOnDataPage(page, server.url, path.join(ROOT, 'tests/fixtures/semicolon-eu.csv'));
    await page.goto(`${server.url}#/customers`);
    await waitForPage(page, 'empty');
    expect(await page.textContent('[data-testid="page"]')).toMatch(/Map a customer column/);
    expect(await page.locator('[data-testid="segment"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
