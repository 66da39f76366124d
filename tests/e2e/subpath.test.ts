import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectedKpis, readLines } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { kpiValue, launch, openPage, waitForPage } from './browser';

let browser: Browser;
let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic(inject('distShop'), { base: '/shop/' });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('served from a sub-path (BASE_PATH=/shop/)', () => {
  it('loads every asset under /shop/ and answers queries', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    const outside: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin === server.origin && !url.pathname.startsWith('/shop/')) outside.push(url.pathname);
    });
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    expect(await kpiValue(page, 'revenue')).toBeCloseTo(expectedKpis(readLines()).revenue, 2);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/shop/');
    const manifest = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(manifest).toMatch(/^\/shop\//);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
