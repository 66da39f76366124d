import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readLines, revenueBy, shiftDay, slice, type Line } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { launch, openPage, waitForPage } from './browser';

let browser: Browser;
let server: StaticServer;
let lines: Line[];

beforeAll(async () => {
  lines = readLines();
  server = await serveStatic(inject('distRoot'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The console's result table as records of cell text, keyed by column name (small results: every row is drawn). */
async function consoleRows(page: Page): Promise<Record<string, string>[]> {
  await page.waitForSelector('[data-testid="sql-result"]', { timeout: 60_000 });
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="sql-table"]')!;
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    return [...table.querySelectorAll('tbody tr')]
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))
      .filter((cells) => cells.length === headers.length)
      .map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i]!])));
  });
}

const sold = (l: Line) => l.quantity >= 0 && l.revenue >= 0;

describe('View SQL', () => {
  it('opens an Overview chart’s query in the console, and its rows are the chart’s numbers', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    const s = { from: '2025-01-01', to: '2025-06-30', regions: ['West'] };
    await page.goto(`${server.url}#/?from=${s.from}&to=${s.to}&region=West`);
    await waitForPage(page);
    // The chart's own table, as the page shows it.
    await page.click('[data-testid="chart-category"] summary');
    const chartLabels = await page
      .locator('[data-testid="chart-category"] details tbody tr td:first-child')
      .allTextContents();

    await page.click('[data-testid="chart-category"] [data-testid="view-sql"]');
    await page.waitForFunction(() => location.hash.startsWith('#/sql?'));
    const rows = await consoleRows(page);
    await waitForPage(page);
    // The link keeps the filters, so going back to a page keeps the slice.
    const query = new URLSearchParams(await page.evaluate(() => location.hash.slice('#/sql'.length)));
    expect([query.get('from'), query.get('to'), query.get('region')]).toEqual([s.from, s.to, 'West']);
    const sql = query.get('q') ?? '';
    expect(sql).toContain("'2025-01-01'");
    expect(sql).toContain("'West'");

    const want = revenueBy(slice(lines, s), (l) => l.category);
    expect(rows).toHaveLength(want.size);
    expect(Number(await page.getAttribute('[data-testid="sql-result"]', 'data-rows'))).toBe(want.size);
    for (const r of rows) expect(Number(r.revenue)).toBeCloseTo(want.get(r.label!) ?? NaN, 2);
    // The same categories as the chart, in the same order (largest first).
    expect(rows.map((r) => r.label)).toEqual(chartLabels.filter((t) => want.has(t)));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a Sales Analytics chart (answered from the cube) SQL with the same numbers', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    const s = { from: '2025-03-01', to: '2025-05-31', categories: ['Sports'] };
    await page.goto(`${server.url}#/analytics?from=${s.from}&to=${s.to}&category=Sports`);
    await waitForPage(page);
    await page.click('[data-testid="chart-region"] [data-testid="view-sql"]');
    const rows = await consoleRows(page);

    // 92 days, so the period before is the 92 days up to 2025-02-28.
    const prev = { from: shiftDay(s.from, -92), to: shiftDay(s.from, -1), categories: s.categories };
    const cur = slice(lines, s);
    const want = revenueBy(cur, (l) => l.region);
    const wantPrev = revenueBy(slice(lines, prev), (l) => l.region);
    expect(rows).toHaveLength(want.size);
    for (const r of rows) {
      expect(Number(r.revenue)).toBeCloseTo(want.get(r.label!) ?? NaN, 2);
      expect(Number(r.previous_revenue)).toBeCloseTo(wantPrev.get(r.label!) ?? NaN, 2);
      const orders = new Set(cur.filter((l) => l.region === r.label && sold(l)).map((l) => l.transaction_id));
      expect(Number(r.orders)).toBe(orders.size);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Every View SQL link', () => {
  it('opens SQL that the console runs without an error, on every page', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    const filters = 'from=2025-01-01&to=2025-06-30&region=North,West';
    const links = new Map<string, string>();
    // Each page once its last section is drawn (Forecasting: after the tournament, what-if and seasons).
    for (const [route, readyWhen] of [
      ['/', '[data-testid="chart-trend"]'],
      ['/analytics', '[data-testid="slice-table"]'],
      ['/customers', '[data-testid="customer-table"]'],
      ['/products', '[data-testid="abc-xyz"]'],
      ['/forecasting', '[data-testid="holiday-effects"]'],
    ] as const) {
      await page.goto(`${server.url}#${route}?${filters}`);
      await page.waitForSelector(readyWhen, { timeout: 180_000 });
      const found = await page
        .locator('[data-testid="view-sql"]')
        .evaluateAll((els) =>
          els.map((e): [string, string] => [e.getAttribute('aria-label') ?? '', e.getAttribute('href') ?? '']),
        );
      expect(found.length, route).toBeGreaterThan(2);
      for (const [label, href] of found) links.set(`${route}: ${label}`, href);
    }
    expect(links.size).toBeGreaterThanOrEqual(25);

    const failures: string[] = [];
    for (const [href, what] of new Map([...links].map(([w, h]) => [h, w]))) {
      const runs = await page.getAttribute('[data-testid="sql-status"]', 'data-runs', { timeout: 1 }).catch(() => null);
      await page.goto(`${server.url}${href.startsWith('#') ? href : `#${href}`}`);
      await page.waitForFunction(
        (before) => {
          const status = document.querySelector('[data-testid="sql-status"]');
          return (
            status !== null && status.getAttribute('data-runs') !== before && status.getAttribute('data-runs') !== '0'
          );
        },
        runs,
        { timeout: 60_000 },
      );
      const error = await page.locator('[data-testid="sql-error"], [role="alert"]').allInnerTexts();
      if (error.length || !(await page.locator('[data-testid="sql-result"]').count()))
        failures.push(`${what}: ${error.join(' ')}`);
    }
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('The API page', () => {
  it('lists every call with its SQL for the current filters, and runs calls in DuckDB and in a worker', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    const s = { from: '2025-01-01', to: '2025-03-31' };
    await page.goto(`${server.url}#/api?from=${s.from}&to=${s.to}`);
    await waitForPage(page);

    const names = await page
      .locator('[data-testid="api-call"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(new Set(names).size).toBe(names.length);
    for (const group of ['overview.', 'analytics.', 'forecast.', 'customers.', 'products.'])
      expect(
        names.some((n) => n?.startsWith(group)),
        group,
      ).toBe(true);

    // The SQL follows the filter bar.
    const card = page.locator('[data-testid="api-call"][data-name="overview.revenueByRegion"]');
    expect(await card.locator('pre').innerText()).toContain("'2025-03-31'");

    // Run in DuckDB: one row per region of the slice.
    await card.locator('[data-testid="api-run"]').click();
    await card.locator('[data-testid="api-status"][data-state="done"]').waitFor();
    const regions = revenueBy(slice(lines, s), (l) => l.region);
    expect(Number(await card.locator('[data-testid="api-status"]').getAttribute('data-rows'))).toBe(regions.size);

    // Run in the segmentation worker: a row per customer with an order in the slice.
    const segments = page.locator('[data-testid="api-call"][data-name="customers.segments"]');
    await segments.locator('[data-testid="api-run"]').click();
    await segments.locator('[data-testid="api-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    const customers = new Set(
      slice(lines, s)
        .filter(sold)
        .map((l) => l.customer_id),
    );
    expect(Number(await segments.locator('[data-testid="api-status"]').getAttribute('data-rows'))).toBe(customers.size);

    // Its SQL opens in the console and returns the same customers.
    await segments.locator('[data-testid="view-sql"]').click();
    await page.waitForSelector('[data-testid="sql-result"]', { timeout: 60_000 });
    expect(Number(await page.getAttribute('[data-testid="sql-result"]', 'data-rows'))).toBe(customers.size);
    expect(errors).toEqual([]);
    await context.close();
  });
});
