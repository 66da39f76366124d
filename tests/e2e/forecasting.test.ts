import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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

/** Net revenue per calendar day of the built-in CSV, zeros on days without sales, by the test's own arithmetic. */
function dailyRevenue(): number[] {
  const byDay = new Map<string, number>();
  for (const l of readLines()) byDay.set(l.day, (byDay.get(l.day) ?? 0) + l.revenue);
  const days = [...byDay.keys()].sort();
  const out: number[] = [];
  for (let t = Date.parse(`${days[0]}T00:00:00Z`); t <= Date.parse(`${days.at(-1)}T00:00:00Z`); t += 86_400_000) {
    out.push(byDay.get(new Date(t).toISOString().slice(0, 10)) ?? 0);
  }
  return out;
}

/** Seasonal naive MASE (season 7) over three origins one horizon apart, written out from the definitions. */
function seasonalNaiveMase(y: number[], h: number): number {
  let total = 0;
  for (const k of [3, 2, 1]) {
    const origin = y.length - k * h;
    let scale = 0;
    for (let t = 7; t < origin; t++) scale += Math.abs(y[t]! - y[t - 7]!);
    scale /= origin - 7;
    let mae = 0;
    for (let i = 0; i < h; i++) mae += Math.abs(y[origin + i]! - y[origin - 7 + (i % 7)]!);
    total += mae / h / scale;
  }
  return total / 3;
}

interface Row {
  model: string;
  mase: number;
  smape: number;
  coverage80: number;
}

const readRows = (page: Page) =>
  page.$$eval('[data-testid="model-row"]', (els) =>
    els.map((e) => ({
      model: e.getAttribute('data-model') ?? '',
      mase: Number(e.getAttribute('data-mase')),
      smape: Number(e.getAttribute('data-smape')),
      coverage80: Number(e.getAttribute('data-coverage80')),
    })),
  );

describe('Forecasting page', () => {
  it('runs the tournament in workers, scores seasonal naive as the definitions say, and recommends the lowest MASE', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/forecasting?horizon=28`);
    await page.waitForSelector('[data-testid="forecast-progress"]', { timeout: 60_000 });
    await waitForPage(page, 'ready', 180_000);
    await page.waitForSelector('[data-testid="recommended-model"]', { timeout: 180_000 });
    const rows: Row[] = await readRows(page);
    expect(rows.map((r) => r.model).sort()).toEqual([
      'arima',
      'ensemble',
      'ets',
      'lstm',
      'prophet',
      'random-forest',
      'seasonal-naive',
    ]);
    for (const r of rows) {
      expect(Number.isFinite(r.mase) && r.mase > 0).toBe(true);
      expect(r.smape).toBeGreaterThan(0);
      expect(r.coverage80).toBeGreaterThanOrEqual(0);
      expect(r.coverage80).toBeLessThanOrEqual(1);
    }
    const naive = rows.find((r) => r.model === 'seasonal-naive')!;
    expect(naive.mase).toBeCloseTo(seasonalNaiveMase(dailyRevenue(), 28), 9);
    const best = rows.reduce((a, b) => (b.mase < a.mase ? b : a));
    expect(await page.getAttribute('[data-testid="recommended-model"]', 'data-model')).toBe(best.model);
    expect(await page.isChecked('[data-testid="horizon-28"]')).toBe(true);
    // The chart draws history, forecast and bands; the projection and seasonal analysis are there.
    await page.waitForSelector('[data-testid="chart-forecast"] [data-testid="chart"][data-drawn="true"]');
    // At 28 days no standard window fits, so the projection covers the horizon itself.
    expect(
      await page.$$eval('[data-testid="projection"]', (els) => els.map((e) => e.getAttribute('data-periods'))),
    ).toEqual(['28']);
    await page.waitForSelector('[data-testid="chart-weekly-pattern"]');
    expect(await page.locator('[data-testid="holiday-effects"] tbody tr').count()).toBeGreaterThan(5);

    // What-if: a two-week promotion at 30% off moves the total by the estimated discount effect.
    await page.locator('[data-testid="whatif-days"]').fill('14');
    await page.locator('[data-testid="whatif-discount"]').fill('30');
    await expect
      .poll(async () => {
        const el = page.locator('[data-testid="whatif-total"]');
        return Number(await el.getAttribute('data-total')) !== Number(await el.getAttribute('data-base'));
      })
      .toBe(true);

    // Leaving and coming back is instant: the result is kept for the session.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Overview' }).click();
    await waitForPage(page, 'ready');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Forecasting' }).click();
    await waitForPage(page, 'ready', 5_000);
    expect(await page.textContent('.period-note')).toMatch(/Kept from earlier in this session/);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('takes the horizon and grain from the URL, says when one is ignored, and can be cancelled', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/forecasting?horizon=500`);
    await expect.poll(() => page.textContent('[data-testid="page"]')).toMatch(/Ignored “horizon=500”/);
    await page.waitForSelector('[data-testid="forecast-cancel"]', { timeout: 60_000 });
    await page.click('[data-testid="forecast-cancel"]');
    await page.waitForSelector('[data-testid="forecast-cancelled"]');
    expect(await page.locator('[data-testid="model-row"]').count()).toBe(0);

    await page.goto(`${server.url}#/forecasting?horizon=90&grain=week`);
    await page.waitForSelector('[data-testid="recommended-model"]', { timeout: 180_000 });
    expect(await page.isChecked('[data-testid="horizon-90"]')).toBe(true);
    expect(await page.inputValue('[data-testid="forecast-grain"]')).toBe('week');
    expect(await page.locator('[data-testid="projection"]').count()).toBe(2);
    await page.click('[data-testid="horizon-60"] + span');
    await expect.poll(() => page.url()).toMatch(/horizon=60/);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('says how much history a horizon needs when the data is too short', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    // A few weeks of a German shop's sales: far less than three backtests of 30 days need.
    await importOnDataPage(page, server.url, path.join(ROOT, 'tests/fixtures/semicolon-eu.csv'));
    await page.goto(`${server.url}#/forecasting`);
    await waitForPage(page, 'empty', 60_000);
    expect(await page.textContent('[data-testid="forecast-too-short"]')).toMatch(
      /needs at least 127 days of history; this selection has \d+\./,
    );
    expect(await page.locator('[data-testid="model-row"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
