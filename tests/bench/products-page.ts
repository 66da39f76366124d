import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';

/** Frames drawn per second and long tasks while scrolling. */
export interface ScrollFigures {
  fps: number;
  longTasks: number;
  maxMs: number;
  seconds: number;
}

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
  /** Scrolling the table through all products in 120 frames (a fling: ~83 rows a frame at 10k). */
  scroll: ScrollFigures;
  /** Scrolling 120 frames at 3 rows (108 px) a frame, as a wheel or a trackpad does. */
  gentle: ScrollFigures;
}

/**
 * Opens `#/products` on canonical CSVs copied into the built app, times the figures, then
 * scrolls the virtualised product table, one step per animation frame, counting frames and
 * long tasks: gently (3 rows a frame), then from top to bottom in 120 frames.
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
    const scrollBy = (rowsPerFrame: number | null) =>
      page.evaluate(`new Promise((resolve) => {
        const el = document.querySelector('[data-testid="product-table-scroll"]');
        el.scrollIntoView();
        el.scrollTop = 0;
        const from = performance.now();
        const before = window.__longTasks.length;
        const steps = 120;
        let i = 0, frames = 0;
        const step = () => {
          frames++;
          el.scrollTop = ${rowsPerFrame === null ? '(el.scrollHeight - el.clientHeight) * (i / steps)' : `i * ${rowsPerFrame} * 36`};
          if (++i <= steps) requestAnimationFrame(step);
          else {
            const seconds = (performance.now() - from) / 1000;
            const tasks = window.__longTasks.slice(before);
            resolve({ fps: frames / seconds, longTasks: tasks.length, maxMs: Math.max(0, ...tasks.map((t) => t.d)), seconds });
          }
        };
        requestAnimationFrame(step);
      })`) as Promise<ScrollFigures>;
    const gentle = await scrollBy(3);
    const scroll = await scrollBy(null);
    return { ...load, scroll, gentle };
  } finally {
    await browser.close();
    await server.close();
  }
}
