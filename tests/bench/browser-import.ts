import { readdirSync, readFileSync } from 'node:fs';
import { launch } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';

/** Figures of one import through the Data page, in ms from choosing the file. */
export interface ImportFigures {
  fileMb: number;
  mappedMs: number;
  loadedMs: number;
  dashboardMs: number;
  /** Peak of the summed resident memory of all Chromium processes (an upper bound: shared pages count twice). */
  peakRssMb: number;
  longTasks: { count: number; maxMs: number; totalMs: number };
  /** Milliseconds of each step, from the app's performance marks. */
  steps: Record<string, number>;
}

const STEPS = ['import-start', 'import-prepared', 'import-mapped', 'import-loaded', 'import-profiled', 'import-saved'];

/** Resident memory of every Chromium process, in MiB (Linux /proc). */
function chromiumRssMb(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!/chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}

const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: false });
`;

/**
 * Imports `file` on the Data page of the built app and waits for the Overview's live KPIs:
 * the user's path from choosing a file to a ready dashboard, with the tab's long tasks.
 */
export async function measureImport(dist: string, file: string): Promise<ImportFigures> {
  const server = await serveStatic(dist);
  const browser = await launch();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, chromiumRssMb());
  }, 100);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}#/data`);
    await page.waitForSelector('[data-testid="current-data"][data-origin="demo"]', { timeout: 120_000 });
    await page.evaluate(OBSERVE_LONG_TASKS);
    const t0 = Date.now();
    await page.setInputFiles('[data-testid="import-file"]', file);
    await page.waitForSelector('[data-testid="import-confirm"]:not([disabled])', { timeout: 600_000 });
    const mappedMs = Date.now() - t0;
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-summary"]', { timeout: 600_000 });
    const loadedMs = Date.now() - t0;
    await page.click('.import-summary a[href$="/"]');
    await page.waitForSelector(
      '[data-testid="page"][data-state="ready"][data-source="live"] [data-testid="kpi-revenue"][data-value]',
      { timeout: 600_000 },
    );
    const dashboardMs = Date.now() - t0;
    const tasks = (await page.evaluate('window.__longTasks')) as number[];
    const marks = (await page.evaluate(
      `Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tillsight:import')).map((m) => [m.name.slice(10), m.startTime]))`,
    )) as Record<string, number>;
    const steps: Record<string, number> = {};
    for (let i = 1; i < STEPS.length; i++) {
      const [a, b] = [marks[STEPS[i - 1] ?? ''], marks[STEPS[i] ?? '']];
      if (a !== undefined && b !== undefined)
        steps[`${STEPS[i - 1]?.slice(7)}→${STEPS[i]?.slice(7)}`] = Math.round(b - a);
    }
    await context.close();
    return {
      fileMb: readFileSync(file).length / 1024 ** 2,
      mappedMs,
      loadedMs,
      dashboardMs,
      peakRssMb: peak,
      longTasks: { count: tasks.length, maxMs: Math.max(0, ...tasks), totalMs: tasks.reduce((a, b) => a + b, 0) },
      steps,
    };
  } finally {
    clearInterval(sampler);
    await browser.close();
    await server.close();
  }
}
