import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectedKpis, readLines, slice, type Line } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { kpiValue, launch, openChartTables, openPage, seriesPixels, waitForPage } from './browser';

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

describe('Overview on the built-in data', () => {
  it('shows KPIs equal to the figures computed from the CSV, draws every chart, logs no error', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    const expected = expectedKpis(lines);
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(expected.revenue, 2);
    expect(await kpiValue(page, 'orders')).toBe(expected.orders);
    expect(await kpiValue(page, 'customers')).toBe(expected.customers);
    expect(await kpiValue(page, 'units')).toBe(expected.units);
    expect(await kpiValue(page, 'aov')).toBeCloseTo(expected.aov ?? NaN, 6);
    expect(await kpiValue(page, 'margin')).toBeCloseTo(expected.margin ?? NaN, 9);

    const charts = page.locator('[data-testid="chart"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(3);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'),
    );
    // Drawn means data on the canvas: pixels in the series colour (#0072b2), not just axes and grid.
    const inked = await seriesPixels(page);
    expect(inked.length).toBeGreaterThanOrEqual(3);
    for (const n of inked) expect(n).toBeGreaterThan(300);

    expect(await page.locator('[data-testid="top-products"] tbody tr').count()).toBe(10);
    expect(await page.locator('[data-testid="recent-transactions"] tbody tr').count()).toBe(20);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows a filter change made in the page, charts included', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    await openChartTables(page);
    const allCategories = await page.locator('[data-testid="chart-category"] details tbody tr').count();
    const s = { from: '2024-11-01', to: '2024-12-31', categories: ['Toys'] };
    await page.evaluate(() => {
      location.hash = '#/?from=2024-11-01&to=2024-12-31&category=Toys';
    });
    const expected = expectedKpis(slice(lines, s));
    // The change shows once the slice's own figures are on screen.
    await page.waitForFunction(
      (v) =>
        Math.abs(Number(document.querySelector('[data-testid="kpi-revenue"]')?.getAttribute('data-value')) - v) < 0.005,
      expected.revenue,
      { timeout: 30_000 },
    );
    await waitForPage(page);
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(expected.revenue, 2);
    expect(await kpiValue(page, 'orders')).toBe(expected.orders);
    // The category chart now holds one bar, and the trend two months.
    expect(await page.locator('[data-testid="chart-category"] details tbody tr').count()).toBe(1);
    expect(allCategories).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="chart-trend"] details tbody tr').count()).toBe(2);
    for (const n of await seriesPixels(page)) expect(n).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows only the last of several rapid filter changes (superseded queries dropped)', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    for (const q of [
      'region=North',
      'category=Toys&from=2024-01-01&to=2024-06-30',
      'region=South,West&category=Beauty',
    ]) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#/?${q}`);
    }
    const want = expectedKpis(slice(lines, { regions: ['South', 'West'], categories: ['Beauty'] }));
    await page.waitForFunction(
      (v) =>
        Math.abs(Number(document.querySelector('[data-testid="kpi-revenue"]')?.getAttribute('data-value')) - v) < 0.005,
      want.revenue,
      { timeout: 30_000 },
    );
    await waitForPage(page);
    await page.waitForTimeout(1500);
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(want.revenue, 2);
    expect(await kpiValue(page, 'customers')).toBe(want.customers);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers for the filter in the URL', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    const s = { from: '2025-01-01', to: '2025-03-31', regions: ['North', 'West'] };
    await page.goto(`${server.url}#/?from=${s.from}&to=${s.to}&region=North,West`);
    await waitForPage(page);
    const expected = expectedKpis(slice(lines, s));
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(expected.revenue, 2);
    expect(await kpiValue(page, 'orders')).toBe(expected.orders);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the filter matches nothing, and ignores a malformed value with a notice', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/?region=Atlantis&to=not-a-date&from=2030-01-01`);
    await waitForPage(page, 'empty');
    const text = await page.textContent('[data-testid="page"]');
    expect(text).toContain('No sales in this selection');
    expect(text).toContain('to=not-a-date');
    expect(text).toContain('Ignored region “Atlantis”: not in this data.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 375 px phone screen without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every section is in the (sideways-scrolling) navigation: the five pages, Data, SQL and API.
    expect(await page.locator('nav[aria-label="Sections"] a').allInnerTexts()).toEqual([
      'Overview',
      'Sales Analytics',
      'Forecasting',
      'Customers',
      'Products',
      'Data',
      'SQL',
      'API',
    ]);
    // The filters fold behind one button on a phone, and open from it.
    expect(await page.isVisible('[data-testid="filter-preset"]')).toBe(false);
    await page.getByRole('button', { name: /^Filters/ }).click();
    expect(await page.isVisible('[data-testid="filter-preset"]')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
