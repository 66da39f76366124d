import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { readLines, ROOT } from '../helpers/expected';
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

const DAY = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * Products whose stock is at or below their reorder point, worked out here from the CSVs:
 * daily demand = units sold per day over the 56 days to the last sale (empty days are 0),
 * σ its standard deviation, reorder point = demand × lead time + 1.6449 × σ × √lead time.
 */
function expectedAlerts(): Map<string, { stock: number; rop: number }> {
  const lines = readLines();
  const end = lines.reduce((m, l) => (l.day > m ? l.day : m), '');
  const first = dayMs(end) - 55 * DAY;
  const daily = new Map<string, Map<string, number>>();
  for (const l of lines) {
    if (l.quantity < 0 || l.revenue < 0 || dayMs(l.day) < first) continue;
    const days = daily.get(l.product_id) ?? new Map<string, number>();
    days.set(l.day, (days.get(l.day) ?? 0) + l.quantity);
    daily.set(l.product_id, days);
  }
  const products = parseCsv(readFileSync(path.join(ROOT, 'data/products.csv'), 'utf8'));
  const out = new Map<string, { stock: number; rop: number }>();
  for (const p of products) {
    const days = [...(daily.get(p.product_id!)?.values() ?? [])];
    const rate = days.reduce((a, b) => a + b, 0) / 56;
    if (rate <= 0) continue;
    const variance = days.reduce((a, b) => a + b * b, 0) / 56 - rate * rate;
    const lead = Number(p.lead_time_days);
    const rop = rate * lead + 1.6449 * Math.sqrt(Math.max(0, variance)) * Math.sqrt(lead);
    const stock = Number(p.stock_on_hand);
    if (stock <= rop) out.set(p.product_id!, { stock, rop });
  }
  return out;
}

describe('Products page', () => {
  it('lists exactly the products at or below their reorder point, most urgent first, with the reorder list as CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/products`);
    await waitForPage(page, 'ready', 120_000);
    const alerts = await page.$$eval('[data-testid="reorder-alert"]', (els) =>
      els.map((e) => ({
        id: e.getAttribute('data-product-id')!,
        stock: Number(e.getAttribute('data-stock')),
        rop: Number(e.getAttribute('data-reorder-point')),
        status: e.getAttribute('data-status'),
      })),
    );
    const expected = expectedAlerts();
    expect(expected.size).toBeGreaterThan(3);
    expect(alerts.map((a) => a.id).sort()).toEqual([...expected.keys()].sort());
    for (const a of alerts) {
      expect(a.stock).toBe(expected.get(a.id)!.stock);
      expect(a.rop).toBeCloseTo(expected.get(a.id)!.rop, 6);
    }
    // Stock-out risks come before plain reorders.
    const firstReorder = alerts.findIndex((a) => a.status === 'reorder');
    if (firstReorder >= 0) expect(alerts.slice(firstReorder).every((a) => a.status === 'reorder')).toBe(true);

    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-reorder"]')]);
    const rows = parseCsv(readFileSync((await file.path()) ?? '', 'utf8').replace(/^\ufeff/, ''));
    expect(rows.map((r) => r.product_id)).toEqual(alerts.map((a) => a.id));
    expect(rows.every((r) => Number(r.order_quantity) > 0)).toBe(true);

    // The table: every product, in a scroll region that renders only the rows in view.
    await page.waitForSelector('[data-testid="product-row"]');
    expect(await page.getAttribute('[data-testid="product-table"]', 'aria-rowcount')).toBe('61');
    await page.$eval('[data-testid="product-table-scroll"]', (el) => (el.scrollTop = el.scrollHeight));
    await expect
      .poll(() =>
        page.$$eval('[data-testid="product-row"]', (els) => els.map((e) => e.getAttribute('aria-rowindex')).at(-1)),
      )
      .toBe('61');
    // Sorting by revenue puts the best seller first (worked out from the CSV).
    const revenue = new Map<string, number>();
    for (const l of readLines()) revenue.set(l.product_id, (revenue.get(l.product_id) ?? 0) + l.revenue);
    const best = [...revenue.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    await page.$eval('[data-testid="product-table-scroll"]', (el) => (el.scrollTop = 0));
    await page.click('[data-testid="product-table"] th:has-text("Revenue") button');
    await expect.poll(() => page.getAttribute('[data-testid="product-row"] >> nth=0', 'data-product-id')).toBe(best);
    // Search and the status filter narrow it.
    await page.fill('[data-testid="product-search"]', 'P0101');
    await expect.poll(() => page.locator('[data-testid="product-row"]').count()).toBe(1);
    await page.fill('[data-testid="product-search"]', '');
    await page.selectOption('[data-testid="product-status"]', 'reorder');
    await expect
      .poll(async () =>
        (
          await page.$$eval('[data-testid="product-row"]', (els) => els.map((e) => e.getAttribute('data-status')))
        ).every((s) => s === 'reorder'),
      )
      .toBe(true);
    const cells = await page.$$eval('[data-testid="abc-xyz-cell"]', (els) =>
      els.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0),
    );
    // Every product with sales in the last 12 weeks sits in one of the nine cells.
    const end = readLines().reduce((m, l) => (l.day > m ? l.day : m), '');
    const since = new Date(Date.parse(`${end}T00:00:00Z`) - 83 * DAY).toISOString().slice(0, 10);
    const selling = new Set(
      readLines()
        .filter((l) => l.day >= since && l.quantity > 0 && l.revenue >= 0)
        .map((l) => l.product_id),
    );
    expect(cells).toBe(selling.size);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('without a stock file shows performance and margins, and says how to add stock', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await importOnDataPage(page, server.url, path.join(ROOT, 'tests/fixtures/online-retail.csv'));
    await page.goto(`${server.url}#/products`);
    await waitForPage(page, 'ready', 60_000);
    expect(await page.textContent('[data-testid="no-stock-note"]')).toMatch(/stock_on_hand/);
    expect(await page.locator('[data-testid="reorder-alert"]').count()).toBe(0);
    expect(await page.locator('[data-testid="product-row"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
