import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';

/** Time from a filter change to every Sales Analytics chart redrawn, over `changes` changes. */
export interface FilterFigures {
  loadMs: number;
  medianMs: number;
  p95Ms: number;
  /** Of which the queries alone (median). */
  queriesMedianMs: number;
  /** Until Solid has updated the DOM and uPlot has drawn, before the browser's next frame (median). */
  renderedMedianMs: number;
  changes: number;
}

// A round of changes a user might make: regions, categories, date ranges, grains.
const CHANGES = [
  'region=North',
  'region=North,West',
  'region=North,West&category=Toys',
  'category=Electronics,Beauty',
  'from=2025-01-01&to=2025-03-31',
  'from=2025-01-01&to=2025-03-31&grain=week',
  'from=2024-06-01&to=2025-05-31&region=South',
  'grain=day&from=2025-10-01&to=2025-12-31',
  'category=Sports&region=East',
  '',
];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
}

/**
 * Opens `#/analytics` on a canonical CSV copied into the built app (`?dataset=`), then applies
 * `changes` filter changes through the address and reads the page's own measure
 * `tillsight:analytics-update` (filter applied → all views queried → next frame drawn).
 */
export async function measureFilterChanges(
  dist: string,
  salesFile: string,
  productsFile: string,
  changes = 20,
): Promise<FilterFigures> {
  const dir = path.join(dist, 'bench-data');
  mkdirSync(dir, { recursive: true });
  copyFileSync(salesFile, path.join(dir, 'sales.csv'));
  copyFileSync(productsFile, path.join(dir, 'products.csv'));
  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}?dataset=bench-data/sales.csv&products=bench-data/products.csv#/analytics`);
    await page.waitForSelector('[data-testid="page"][data-state="ready"]', { timeout: 300_000 });
    const loadMs = Date.now() - t0;
    const durations: number[] = [];
    const queries: number[] = [];
    const rendered: number[] = [];
    for (let i = 0; i < changes; i++) {
      const before = await page.evaluate(`performance.getEntriesByName('tillsight:analytics-update').length`);
      const q = CHANGES[i % CHANGES.length] ?? '';
      await page.evaluate(`location.hash = ${JSON.stringify(`#/analytics${q ? `?${q}` : ''}`)}`);
      await page.waitForFunction(
        (n) => performance.getEntriesByName('tillsight:analytics-update').length > n,
        Number(before),
        {
          timeout: 120_000,
        },
      );
      durations.push(await page.evaluate(`performance.getEntriesByName('tillsight:analytics-update').at(-1).duration`));
      queries.push(await page.evaluate(`performance.getEntriesByName('tillsight:analytics-queries').at(-1).duration`));
      rendered.push(
        await page.evaluate(`performance.getEntriesByName('tillsight:analytics-rendered').at(-1).duration`),
      );
    }
    return {
      loadMs,
      medianMs: percentile(durations, 0.5),
      p95Ms: percentile(durations, 0.95),
      queriesMedianMs: percentile(queries, 0.5),
      renderedMedianMs: percentile(rendered, 0.5),
      changes,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
