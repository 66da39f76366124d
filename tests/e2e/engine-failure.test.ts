import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { kpiValue, launch, openPage, waitForPage } from './browser';

let browser: Browser;
let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic(inject('distRoot'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('when the data engine cannot start', () => {
  it('shows the last figures from the cache, then a clear error with a retry, never a blank page', async () => {
    // No service worker here, so the test decides what the network returns.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const { page } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    const revenue = await kpiValue(page, 'revenue');

    await context.route('**/duckdb-browser-eh.worker*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.reload();
    await waitForPage(page, 'error');
    expect(await page.getAttribute('[data-testid="page"]', 'data-source')).toBe('cache');
    expect(await kpiValue(page, 'revenue')).toBe(revenue);
    expect(await page.textContent('[data-testid="page-error"]')).toMatch(/data engine/i);

    // Retry once the engine is reachable again: the page recovers without a reload.
    await context.unroute('**/duckdb-browser-eh.worker*.js');
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForPage(page);
    expect(await page.getAttribute('[data-testid="page"]', 'data-source')).toBe('live');
    expect(await kpiValue(page, 'revenue')).toBe(revenue);
    await context.close();
  });
});
