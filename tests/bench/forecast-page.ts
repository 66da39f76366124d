import { launch } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';

export interface ModelFigures {
  model: string;
  mase: number;
  smape: number;
  wape: number;
  rmse: number;
  r2: number;
  coverage80: number;
  coverage95: number;
  seconds: number;
}

/** One tournament on the Forecasting page, as a user would run it. */
export interface ForecastFigures {
  grain: string;
  horizon: number;
  /** From the page's request to the scored result (both workers, backtests and final fits), seconds. */
  tournamentSeconds: number;
  recommended: string;
  improvement: number;
  models: ModelFigures[];
  /** Main-thread long tasks from the start of the run until the results are drawn. */
  longTasks: { count: number; maxMs: number; totalMs: number };
  /** Each long task: ms after the run started, and whether it came after the scored result reached the page. */
  taskList: { at: number; ms: number; afterResult: boolean }[];
  marks: string;
}

/**
 * Opens `#/forecasting` on the built-in data at a grain and horizon, from the Overview, and
 * reads the leaderboard (the automation contract's data-* figures) and the main thread's
 * long tasks from the start of the run until the results are drawn.
 */
export async function measureForecast(dist: string, grain: 'day' | 'week', horizon: number): Promise<ForecastFigures> {
  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript(
      `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ t: e.startTime, d: e.duration }); }).observe({ type: 'longtask' });`,
    );
    // As a user would: the app is up (Overview drawn, start-up tasks over), then the page opens.
    await page.goto(`${server.url}#/`);
    await page.waitForSelector('[data-testid="page"][data-state="ready"]', { timeout: 120_000 });
    await page.waitForTimeout(2000);
    await page.evaluate(`location.hash = '#/forecasting?horizon=${horizon}&grain=${grain}'`);
    await page.waitForSelector('[data-testid="recommended-model"]', { timeout: 600_000 });
    // Let the charts draw and the page settle, so their long tasks are counted too.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.getAttribute('data-drawn') === 'true'),
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(500);
    return (await page.evaluate(`(() => {
      const start = performance.getEntriesByName('tillsight:forecast-start').at(-1);
      const done = performance.getEntriesByName('tillsight:forecast-done').at(-1);
      const during = window.__longTasks.filter((t) => t.t >= start.startTime);
      const rec = document.querySelector('[data-testid="recommended-model"]');
      const num = (e, a) => Number(e.getAttribute(a));
      return {
        grain: ${JSON.stringify(grain)}, horizon: ${horizon},
        tournamentSeconds: done.detail.seconds,
        recommended: rec.getAttribute('data-model'),
        improvement: Number(rec.getAttribute('data-improvement')),
        models: [...document.querySelectorAll('[data-testid="model-row"]')].map((e) => ({
          model: e.getAttribute('data-model'), mase: num(e, 'data-mase'), smape: num(e, 'data-smape'), wape: num(e, 'data-wape'),
          rmse: num(e, 'data-rmse'), r2: num(e, 'data-r2'), coverage80: num(e, 'data-coverage80'), coverage95: num(e, 'data-coverage95'), seconds: num(e, 'data-seconds'),
        })),
        longTasks: { count: during.length, maxMs: Math.max(0, ...during.map((t) => t.d)), totalMs: during.reduce((s, t) => s + t.d, 0) },
        marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tillsight:')).map((m) => m.name.slice(10) + '@' + Math.round(m.startTime - start.startTime)).join(' ')
          + '; drawing steps: ' + performance.getEntriesByType('measure').filter((m) => m.name.startsWith('tillsight:forecast-stage')).map((m) => m.name.slice(25) + ' ' + Math.round(m.duration) + ' ms').join(', '),
        taskList: during.map((t) => ({ at: Math.round(t.t - start.startTime), ms: Math.round(t.d), afterResult: t.t >= done.startTime })),
      };
    })()`)) as ForecastFigures;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The figures as a table for the bench's output. */
export function forecastTable(f: ForecastFigures): string {
  const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
  const lines = [
    `  marks (ms from the run's start): ${f.marks}`,
    `${f.grain === 'day' ? 'daily' : 'weekly'} grain, ${f.horizon} days: tournament ${f.tournamentSeconds.toFixed(1)} s; recommended ${f.recommended}, ` +
      `${pct(f.improvement)} lower MASE than seasonal naive; long tasks ${f.longTasks.count}, longest ${f.longTasks.maxMs.toFixed(0)} ms, total ${f.longTasks.totalMs.toFixed(0)} ms` +
      (f.taskList.length
        ? ` (${f.taskList.map((t) => `${t.ms} ms at +${(t.at / 1000).toFixed(1)} s${t.afterResult ? ' drawing the result' : ''}`).join(', ')})`
        : ''),
    `  ${'model'.padEnd(15)} ${'MASE'.padStart(6)} ${'sMAPE'.padStart(7)} ${'WAPE'.padStart(6)} ${'RMSE'.padStart(7)} ${'R²'.padStart(6)} ${'cov80'.padStart(6)} ${'cov95'.padStart(6)} ${'fits s'.padStart(7)}`,
    ...f.models.map(
      (m) =>
        `  ${m.model.padEnd(15)} ${m.mase.toFixed(3).padStart(6)} ${m.smape.toFixed(1).padStart(6)}% ${m.wape.toFixed(1).padStart(5)}% ${m.rmse.toFixed(0).padStart(7)} ${m.r2.toFixed(2).padStart(6)} ${pct(m.coverage80).padStart(6)} ${pct(m.coverage95).padStart(6)} ${m.seconds.toFixed(1).padStart(7)}`,
    ),
  ];
  return lines.join('\n');
}
