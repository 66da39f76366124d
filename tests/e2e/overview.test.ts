import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectedKpis, readLines, slice, type Line } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { kpiValue, launch, openPage, waitForPage } from './browser';

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
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'));
    // Drawn means pixels: every chart canvas has some non-transparent ones.
    const inked = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="chart"] canvas')].map((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || c.width === 0 || c.height === 0) return 0;
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if ((px[i] ?? 0) > 0) n++;
        return n;
      }),
    );
    expect(inked.length).toBeGreaterThanOrEqual(3);
    for (const n of inked) expect(n).toBeGreaterThan(500);

    expect(await page.locator('[data-testid="top-products"] tbody tr').count()).toBe(10);
    expect(await page.locator('[data-testid="recent-transactions"] tbody tr').count()).toBe(20);
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
    await page.goto(`${server.url}#/?region=Atlantis&from=not-a-date`);
    await waitForPage(page, 'empty');
    expect(await page.textContent('[data-testid="page"]')).toContain('No sales in this selection');
    expect(await page.textContent('[data-testid="page"]')).toContain('from=not-a-date');
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
    expect(await page.locator('nav[aria-label="Sections"] a').count()).toBe(6);
    expect(errors).toEqual([]);
    await context.close();
  });
});
