import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';

/** Figures of the Customers page on one dataset, in ms. */
export interface CustomerFigures {
  customers: number;
  queriesMs: number;
  analysisMs: number;
  steps: Record<string, number>;
  longTasks: { count: number; maxMs: number };
}

/**
 * Opens `#/customers` on a canonical CSV copied into the built app and times the SQL (RFM and
 * cohorts) and the worker's analysis (scores, k-means, BG/NBD and Gamma–Gamma fits, P(active),
 * CLV), with the page's long tasks while the worker runs.
 */
export async function measureCustomers(
  dist: string,
  salesFile: string,
  productsFile: string,
): Promise<CustomerFigures> {
  const dir = path.join(dist, 'bench-data');
  mkdirSync(dir, { recursive: true });
  copyFileSync(salesFile, path.join(dir, 'sales.csv'));
  copyFileSync(productsFile, path.join(dir, 'products.csv'));
  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(
      `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ t: e.startTime, d: e.duration }); }).observe({ type: 'longtask' });`,
    );
    await page.goto(`${server.url}?dataset=bench-data/sales.csv&products=bench-data/products.csv#/customers`);
    await page.waitForFunction(
      () => performance.getEntriesByName('tillsight:customers-analysed').length > 0,
      undefined,
      {
        timeout: 600_000,
      },
    );
    const figures = (await page.evaluate(`(() => {
      const m = (n) => performance.getEntriesByName(n).at(-1);
      const start = m('tillsight:customers-start'), queried = m('tillsight:customers-queried'), done = m('tillsight:customers-analysed');
      const during = window.__longTasks.filter((t) => t.t >= queried.startTime && t.t <= done.startTime);
      return { customers: queried.detail.customers, queriesMs: queried.startTime - start.startTime, analysisMs: done.startTime - queried.startTime,
               steps: done.detail, longTasks: { count: during.length, maxMs: Math.max(0, ...during.map((t) => t.d)) } };
    })()`)) as CustomerFigures;
    return figures;
  } finally {
    await browser.close();
    await server.close();
  }
}
