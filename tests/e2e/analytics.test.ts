import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectedKpis, readLines, shiftDay, slice, type Line, type Slice } from '../helpers/expected';
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

/** The filters as the page's address says them. */
async function urlSlice(page: Page): Promise<Slice> {
  const hash = await page.evaluate(() => location.hash);
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const list = (name: string) => (query.get(name) ? (query.get(name) ?? '').split(',') : []);
  return {
    ...(query.get('from') ? { from: query.get('from') ?? '' } : {}),
    ...(query.get('to') ? { to: query.get('to') ?? '' } : {}),
    categories: list('category'),
    regions: list('region'),
  };
}

/** Waits until the revenue KPI shows the expected value for the slice, then checks orders too. */
async function expectKpisFor(page: Page, s: Slice): Promise<void> {
  const want = expectedKpis(slice(lines, s));
  await page.waitForFunction(
    (v) => {
      const el = document.querySelector('[data-testid="page"]');
      const kpi = document.querySelector('[data-testid="kpi-revenue"]');
      return (
        el?.getAttribute('data-state') === 'ready' && Math.abs(Number(kpi?.getAttribute('data-value')) - v) < 0.005
      );
    },
    want.revenue,
    { timeout: 30_000 },
  );
  expect(await kpiValue(page, 'orders')).toBe(want.orders);
  expect(await kpiValue(page, 'units')).toBeCloseTo(want.units, 6);
}

describe('Sales Analytics', () => {
  it('draws every view for the built-in data without errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page);
    await expectKpisFor(page, {});
    for (const id of [
      'chart-over-time',
      'chart-region',
      'chart-category',
      'chart-region-month',
      'chart-weekday',
      'chart-hour',
      'chart-discount',
      'chart-order-values',
    ]) {
      expect(await page.locator(`[data-testid="${id}"]`).count(), id).toBe(1);
    }
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'),
    );
    const inked = await seriesPixels(page);
    expect(inked.length).toBeGreaterThanOrEqual(7);
    for (const n of inked) expect(n).toBeGreaterThan(100);
    expect(await page.locator('[data-testid="slice-table"] tbody tr').count()).toBe(24);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters from the filter bar, keeps them in the URL, restores them on reload, and steps back with Back', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page);

    await page.locator('[data-testid="filter-category"] summary').click();
    await page.getByRole('checkbox', { name: 'Toys' }).check();
    await expectKpisFor(page, { categories: ['Toys'] });

    await page.selectOption('[data-testid="filter-preset"]', 'last90');
    const last =
      lines
        .map((l) => l.day)
        .sort()
        .at(-1) ?? '';
    const s = { from: shiftDay(last, -89), to: last, categories: ['Toys'] };
    expect(await urlSlice(page)).toEqual({ ...s, regions: [] });
    await expectKpisFor(page, s);

    // A copied link reopens the same view, controls included.
    const url = page.url();
    const { page: other } = await openPage(context);
    await other.goto(url);
    await expectKpisFor(other, s);
    expect(await other.inputValue('[data-testid="filter-from"]')).toBe(s.from);
    expect(await other.inputValue('[data-testid="filter-preset"]')).toBe('last90');
    await other.close();

    await page.goBack();
    await expectKpisFor(page, { categories: ['Toys'] });
    await page.goBack();
    await expectKpisFor(page, {});
    expect(errors).toEqual([]);
    await context.close();
  });

  it('narrows the dates when you drag across the time chart', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page);
    const over = page.locator('[data-testid="chart-over-time"] .u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    if (!box) throw new Error('no chart overlay');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => location.hash.includes('from='));
    const s = await urlSlice(page);
    // Roughly the middle fifth of two years: well inside the data, and months long.
    expect(s.from && s.from > '2024-03-01').toBe(true);
    expect(s.to && s.to < '2025-06-01').toBe(true);
    expect(s.from && s.to && s.from < s.to).toBe(true);
    // At month grain a brush takes whole months: from a 1st to a month's last day.
    expect(s.from?.endsWith('-01')).toBe(true);
    expect(shiftDay(s.to ?? '', 1).endsWith('-01')).toBe(true);
    await expectKpisFor(page, s);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('toggles a region when its bar is clicked, and the other charts follow', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page);
    await openChartTables(page);
    const first = await page.locator('[data-testid="chart-region"] details tbody tr td').first().textContent();
    const over = page.locator('[data-testid="chart-region"] .u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    if (!box) throw new Error('no chart overlay');
    const bars = await page.locator('[data-testid="chart-region"] details tbody tr').count();
    // The first (largest) bar's centre.
    await page.mouse.click(box.x + box.width / bars / 2, box.y + box.height * 0.9);
    await page.waitForFunction(() => location.hash.includes('region='));
    expect((await urlSlice(page)).regions).toEqual([first]);
    await expectKpisFor(page, { regions: [first ?? ''] });
    expect(await page.locator('[data-testid="slice-table"] tbody tr').count()).toBe(6);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the selection has no sales', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics?from=2030-01-01&to=2030-01-31`);
    await waitForPage(page, 'empty');
    expect(await page.textContent('[data-testid="page"]')).toContain('No sales in this selection');
    expect(await kpiValue(page, 'revenue')).toBe(0);
    expect(await page.textContent('[data-testid="page"]')).not.toContain('NaN');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works by keyboard: a category can be chosen without a mouse', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page);
    await page.focus('[data-testid="filter-category"] summary');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    const firstCategory = await page
      .locator('[data-testid="filter-category"] input[type=checkbox]')
      .first()
      .getAttribute('value');
    await expectKpisFor(page, { categories: [firstCategory ?? ''] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports the category × region table as CSV with raw numbers', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context);
    const s = { from: '2025-04-01', to: '2025-06-30', regions: ['East'] };
    await page.goto(`${server.url}#/analytics?from=${s.from}&to=${s.to}&region=East`);
    await expectKpisFor(page, s);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-slice-csv"]'),
    ]);
    expect(download.suggestedFilename()).toBe('tillsight-sales-2025-04-01-to-2025-06-30.csv');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const { parseCsv } = await import('../helpers/csv');
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true); // so Excel reads UTF-8
    const rows = parseCsv(text.slice(1).replace(/\r\n/g, '\n'));
    const subset = slice(lines, s);
    expect(rows).toHaveLength(new Set(subset.map((l) => l.category)).size);
    for (const r of rows) {
      expect(r.region).toBe('East');
      const want = expectedKpis(subset.filter((l) => l.category === r.category));
      expect(Number(r.revenue)).toBeCloseTo(want.revenue, 2);
      expect(Number(r.orders)).toBe(want.orders);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows only the last of several rapid filter changes', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/analytics`);
    await waitForPage(page);
    const changes = [
      'region=North',
      'region=South&category=Toys',
      'from=2025-01-01&to=2025-01-31',
      'category=Beauty,Sports&region=East',
    ];
    for (const q of changes) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#/analytics?${q}`);
    }
    await expectKpisFor(page, { categories: ['Beauty', 'Sports'], regions: ['East'] });
    // Still the last answer a moment later: no earlier, slower result lands on top of it.
    await page.waitForTimeout(1500);
    await expectKpisFor(page, { categories: ['Beauty', 'Sports'], regions: ['East'] });
    expect(errors).toEqual([]);
    await context.close();
  });
});
