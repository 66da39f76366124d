import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The network here is closed: these flags stop Chromium's own background connections.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium. */
export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run 'apt-get update && apt-get install -y chromium', or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { page, errors };
}

/** Waits for the page root to reach a state ('ready' by default) and returns it. */
export async function waitForPage(page: Page, state = 'ready', timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid="page"][data-state="${state}"]`, { timeout });
}

/** For each chart canvas, how many pixels are in the first series colour (#0072b2, give or take). */
export function seriesPixels(page: Page): Promise<number[]> {
  return page.evaluate(`[...document.querySelectorAll('[data-testid="chart"] canvas')].map((c) => {
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return 0;
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] > 100 && px[i] < 50 && Math.abs(px[i + 1] - 114) < 40 && Math.abs(px[i + 2] - 178) < 40) n++;
    }
    return n;
  })`);
}

/** Opens every chart's "Show as table" (tables are built on first opening). */
export async function openChartTables(page: Page): Promise<void> {
  await page.evaluate(`document.querySelectorAll('details.table-alt').forEach((d) => { d.open = true; })`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('details.table-alt')].every((d) => d.querySelector('table')),
  );
}

/** Reads a KPI card's raw value. */
export async function kpiValue(page: Page, name: string): Promise<number> {
  const raw = await page.getAttribute(`[data-testid="kpi-${name}"]`, 'data-value');
  return raw === null || raw === '' ? NaN : Number(raw);
}

/** Opens the Data page on the demo, imports `file` with the proposed mapping, and waits until it is loaded and saved. */
export async function importOnDataPage(page: Page, appUrl: string, file: string): Promise<void> {
  await page.goto(`${appUrl}#/data`);
  await page.waitForSelector('[data-testid="current-data"][data-origin="demo"]', { timeout: 120_000 });
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.click('[data-testid="import-confirm"]:not([disabled])', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="import-summary"]:not([data-saved="saving"])', { timeout: 60_000 });
}
