import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveStatic } from '../helpers/static-server';
import { kpiValue, launch, openPage, waitForPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const KPIS = ['revenue', 'orders', 'customers', 'units', 'aov', 'margin'];

describe('offline', () => {
  it('reloads with the server gone and the network off, and shows the same KPIs', async () => {
    const server = await serveStatic(inject('distRoot'));
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    const online = await Promise.all(KPIS.map((k) => kpiValue(page, k)));
    // The service worker has precached everything once it is active.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Playwright's offline mode does not cover service-worker fetches: stop the server too.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await waitForPage(page);
    const offline = await Promise.all(KPIS.map((k) => kpiValue(page, k)));
    expect(offline).toEqual(online);
    expect(await page.locator('[data-testid="offline-badge"]').count()).toBe(1);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'),
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
