import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';

/** Figures of the Products page on one dataset. */
export interface ProductFigures {
  products: number;
  /** The product statistics and margin queries, ms. */
  queriesMs: number;
  /** Inventory plan, ABC/XYZ and the rows on the page's thread, ms. */
  computeMs: number;
  /** From the start of the queries to the table's first rows on screen, ms. */
  tableMs: number;
  /** Long tasks while the figures were computed and drawn. */
  loadLongTasks: { count: number; maxMs: number };
  /** Scrolling the table through all products: frames drawn per second and long tasks meanwhile. */
  scroll: { fps: number; longTasks: number; maxMs: number; seconds: number };
}

/**
 * Opens `#/products` on canonical CSVs copied into the built app, times the figures, then
 * scrolls the virtualised product table from top to bottom in 2 seconds' worth of steps, one
 * per animation frame, counting frames and long tasks.
 */
export async function measureProducts(dist: string, salesFile: string, productsFile: string): Promise<ProductFigures> {
  const dir = path.join(dist, 'bench-data');
  mkdirSync(dir, { recursive: true });
  copyFileSync(salesFile, path.join(dir, 'sales.csv'));
  copyFileSync(productsFile, path.join(dir, 'products.csv'));
  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.addInitScript(
      `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ t: e.startTime, d: e.duration }); }).observe({ type: 'longtask' });`,
    );
    await page.goto(`${server.url}?dataset=bench-data/sales.csv&products=bench-data/products.csv#/products`);
    await page.waitForSelector('[data-testid="product-row"]', { timeout: 900_000 });
    await page.waitForTimeout(1000);
    const load = (await page.evaluate(`(() => {
      const m = (n) => performance.getEntriesByName(n).at(-1);
      const start = m('tillsight:products-start'), queried = m('tillsight:products-queried'), computed = m('tillsight:products-computed');
      const during = window.__longTasks.filter((t) => t.t >= start.startTime);
      return { products: queried.detail.products, queriesMs: queried.startTime - start.startTime, computeMs: computed.startTime - queried.startTime,
               tableMs: performance.now() - 1000 - start.startTime,
               loadLongTasks: { count: during.length, maxMs: Math.max(0, ...during.map((t) => t.d)) } };
    })()`)) as Omit<ProductFigures, 'scroll'>;
    const scroll = (await page.evaluate(`new Promise((resolve) => {
      const el = document.querySelector('[data-testid="product-table-scroll"]');
      el.scrollIntoView();
      const from = performance.now();
      const before = window.__longTasks.length;
      const steps = 120;
      let i = 0, frames = 0;
      const step = () => {
        frames++;
        el.scrollTop = (el.scrollHeight - el.clientHeight) * (i / steps);
        if (++i <= steps) requestAnimationFrame(step);
        else {
          const seconds = (performance.now() - from) / 1000;
          const tasks = window.__longTasks.slice(before);
          resolve({ fps: frames / seconds, longTasks: tasks.length, maxMs: Math.max(0, ...tasks.map((t) => t.d)), seconds });
        }
      };
      requestAnimationFrame(step);
    })`)) as ProductFigures['scroll'];
    return { ...load, scroll };
  } finally {
    await browser.close();
    await server.close();
  }
}
