import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch, openPage } from '../e2e/browser';
import { serveStatic } from '../helpers/static-server';
import type { PeerSteps } from './peer';

/** One console query, timed over several runs from the address change (`#/sql?q=`) to its result. */
export interface ConsoleQueryFigures {
  label: string;
  sql: string;
  /** The result's `data-rows` (rows kept), and whether it hit the display cap (`data-truncated`). */
  rows: number;
  truncated: boolean;
  /** Hash change → `[data-testid="sql-result"]` in the DOM (median). */
  toResultMs: number;
  /** … → the browser's next frame after that (median). */
  paintedMs: number;
  /** The elapsed time the page itself shows in `.sql-summary` (median): sending the SQL → rows converted. */
  pageElapsedMs: number;
  /** The longest main-thread long task over all runs, and how many there were in the worst run. */
  longestTaskMs: number;
  longTasksWorstRun: number;
  runs: number;
  error?: string;
}

/** A heavy query cancelled with the Cancel button, then `SELECT 1`. */
export interface CancelFigures {
  label: string;
  sql: string;
  /** The query finished on its own before the click (then nothing was cancelled). */
  finishedFirst: boolean;
  /** Hash change → the click; when it finished first, hash change → seeing it finished (after the ~1 s wait). */
  ranMs: number;
  /** When it finished first: the console's own elapsed time for it. */
  pageElapsedMs: number;
  /** Click → `[data-testid="sql-cancelled"]`. */
  cancelMs: number;
  /** What the console showed once the run ended: 'cancelled', 'result' or 'error: …'. */
  outcome: string;
  /** `SELECT 1` after it: hash change → result, and its `data-rows`. */
  nextMs: number;
  nextRows: number;
  error?: string;
}

/** One API call run from its card on `#/api`. */
export interface ApiCallFigures {
  name: string;
  engine: 'DuckDB' | 'cube' | 'worker' | 'page';
  /** `data-rows` of the card's status, when it ended `done`. */
  rows: number;
  state: string;
  /** Click → `data-state="done"` (or `error`): the first run, and the median over `runs`. */
  firstMs: number;
  medianMs: number;
  runs: number;
  longestTaskMs: number;
  message: string;
}

/** The section's figures at one data size; a part that failed says why and leaves its list empty. */
export interface SqlFigures {
  /** `?dataset=` → the console's schema lists `sales` (DuckDB up, data loaded). */
  loadMs: number;
  queries: ConsoleQueryFigures[];
  queriesError?: string;
  cancels: CancelFigures[];
  cancelsError?: string;
  /** Hash change to `#/api` → the page ready with its cards. */
  apiReadyMs: number;
  api: ApiCallFigures[];
  apiError?: string;
  /** Console errors and uncaught exceptions in the page. */
  pageErrors: string[];
}

/** Either the peer's aggregation time (ms) on the same file, or why there is none. */
export type PeerComparison = { aggMs: number } | { reason: string };

const QUERIES: { label: string; sql: string }[] = [
  {
    label: 'revenue by region × month',
    sql: `SELECT region, date_trunc('month', ts) AS month, round(sum(revenue), 2) AS revenue
FROM sales GROUP BY ALL ORDER BY month, region`,
  },
  {
    label: 'top 20 products by revenue',
    sql: `SELECT product_name, sum(quantity) AS units, round(sum(revenue), 2) AS revenue
FROM sales GROUP BY product_name ORDER BY revenue DESC LIMIT 20`,
  },
  { label: 'distinct customers', sql: 'SELECT count(DISTINCT customer_id) AS customers FROM sales' },
  { label: 'SELECT * (100,000-row cap)', sql: 'SELECT * FROM sales' },
];

const HEAVY: { label: string; sql: string }[] = [
  { label: 'count(*) over range(3e9)', sql: 'SELECT count(*) FROM range(3000000000)' },
  { label: 'sum(range % 7) over range(3e9)', sql: 'SELECT sum(range % 7) AS s FROM range(3000000000)' },
  {
    label: 'sales ⋈ sales on region',
    sql: 'SELECT count(*) AS pairs FROM sales a JOIN sales b ON a.region = b.region',
  },
];

const RUNS = 5;
const API_RUNS = 3;
/** customers.segments: the worker case, run once (its k-means and model fits take long on big files). */
const WORKER_CALL = 'customers.segments';
const SKIPPED_CALLS = new Set(['forecast.tournament']);
const TIMEOUT = 600_000;

/**
 * In-page helpers (a string, so tsx does not wrap its functions in `__name`): each runs one
 * step and times it with the page's own clock, watching the DOM with a MutationObserver and
 * the main thread with a PerformanceObserver for 'longtask' started just before the step.
 */
const HELPERS = `window.__sqlBench = (() => {
  const until = (test, timeoutMs, what) => new Promise((resolve, reject) => {
    const first = test();
    if (first) return resolve(first);
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('timed out after ' + timeoutMs + ' ms waiting for ' + what)); }, timeoutMs);
    const obs = new MutationObserver(() => {
      const v = test();
      if (v) { obs.disconnect(); clearTimeout(timer); resolve(v); }
    });
    obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const watchLongTasks = () => {
    const seen = [];
    const o = new PerformanceObserver((l) => { for (const e of l.getEntries()) seen.push(e.duration); });
    o.observe({ type: 'longtask' });
    return async () => {
      await new Promise((r) => setTimeout(r, 100));
      for (const e of o.takeRecords()) seen.push(e.duration);
      o.disconnect();
      return seen;
    };
  };
  const runs = () => Number(document.querySelector('[data-testid="sql-status"]')?.getAttribute('data-runs') ?? NaN);
  const pageState = () => document.querySelector('[data-testid="page"]')?.getAttribute('data-state') ?? '';
  const outcome = () => {
    if (document.querySelector('[data-testid="sql-cancelled"]')) return 'cancelled';
    if (document.querySelector('[data-testid="sql-result"]')) return 'result';
    return 'error: ' + (document.querySelector('[data-testid="sql-error"]')?.textContent ?? '?').trim();
  };
  const result = () => {
    const r = document.querySelector('[data-testid="sql-result"]');
    return {
      rows: r ? Number(r.getAttribute('data-rows')) : NaN,
      truncated: r ? r.getAttribute('data-truncated') === 'true' : false,
      summary: r?.querySelector('.sql-summary')?.textContent ?? '',
    };
  };
  return {
    async query(sql, timeoutMs) {
      const before = runs();
      const stop = watchLongTasks();
      const t0 = performance.now();
      location.hash = '#/sql?q=' + encodeURIComponent(sql);
      await until(() => runs() > before, timeoutMs, 'the query to finish');
      const toResultMs = performance.now() - t0;
      await frame();
      const paintedMs = performance.now() - t0;
      const tasks = await stop();
      return { toResultMs, paintedMs, outcome: outcome(), ...result(), longTasks: tasks };
    },
    async cancel(sql, waitMs, timeoutMs) {
      const before = runs();
      const t0 = performance.now();
      location.hash = '#/sql?q=' + encodeURIComponent(sql);
      await until(() => pageState() === 'loading' || runs() > before, 30000, 'the query to start');
      await new Promise((r) => setTimeout(r, waitMs));
      if (runs() > before) return { finishedFirst: true, ranMs: performance.now() - t0, cancelMs: NaN, outcome: outcome(), summary: result().summary };
      const button = document.querySelector('[data-testid="sql-cancel"]');
      const t1 = performance.now();
      button.click();
      await until(() => runs() > before, timeoutMs, 'the run to end after Cancel');
      return { finishedFirst: false, ranMs: t1 - t0, cancelMs: performance.now() - t1, outcome: outcome(), summary: '' };
    },
    cards() {
      return [...document.querySelectorAll('[data-testid="api-call"]')].map((card) => {
        const dt = [...card.querySelectorAll('dt')].find((d) => d.textContent.trim() === 'Answered by');
        return { name: card.getAttribute('data-name') ?? '', answeredBy: (dt?.nextElementSibling?.textContent ?? '').trim() };
      });
    },
    async api(name, timeoutMs) {
      const card = document.querySelector('[data-testid="api-call"][data-name="' + CSS.escape(name) + '"]');
      const button = card.querySelector('[data-testid="api-run"]');
      const status = card.querySelector('[data-testid="api-status"]');
      await until(() => !button.disabled, timeoutMs, name + ' to be runnable');
      const stop = watchLongTasks();
      const t0 = performance.now();
      button.click();
      const state = await until(() => {
        const s = status.getAttribute('data-state');
        return s === 'done' || s === 'error' ? s : undefined;
      }, timeoutMs, name + ' to finish');
      const ms = performance.now() - t0;
      await frame();
      const tasks = await stop();
      return { state, ms, rows: Number(status.getAttribute('data-rows') ?? NaN), message: (status.textContent ?? '').trim(), longTasks: tasks };
    },
  };
})();`;

interface PageQuery {
  toResultMs: number;
  paintedMs: number;
  outcome: string;
  rows: number;
  truncated: boolean;
  summary: string;
  longTasks: number[];
}
interface PageCancel {
  finishedFirst: boolean;
  ranMs: number;
  cancelMs: number;
  outcome: string;
  summary: string;
}
interface PageApi {
  state: string;
  ms: number;
  rows: number;
  message: string;
  longTasks: number[];
}

const js = (v: unknown) => JSON.stringify(v);
const messageOf = (err: unknown) => (err instanceof Error ? err.message.split('\n')[0] : String(err)) ?? '?';

function median(xs: readonly number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** The console's "…, in 18 ms." / "…, in 1.3 s." as milliseconds. */
export function summaryElapsedMs(summary: string): number {
  const m = /\bin ([\d.,]+) (ms|s)\./.exec(summary);
  if (!m) return NaN;
  const v = Number((m[1] ?? '').replace(/,/g, ''));
  return m[2] === 's' ? v * 1000 : v;
}

/** The peer's aggregations step (monthly revenue by category, revenue by region, top products), in ms. */
export function peerAggregationsMs(steps: PeerSteps): number {
  return (
    ((steps.agg_monthly_by_category ?? NaN) + (steps.agg_revenue_by_region ?? NaN) + (steps.agg_top_products ?? NaN)) *
    1000
  );
}

const query = (page: Page, sql: string) => page.evaluate<PageQuery>(`window.__sqlBench.query(${js(sql)}, ${TIMEOUT})`);

async function measureQueries(page: Page): Promise<ConsoleQueryFigures[]> {
  const samples = new Map<string, PageQuery[]>(QUERIES.map((q) => [q.label, []]));
  // Round-robin, so every run is a change of address (the same `?q=` twice would not run again).
  for (let i = 0; i < RUNS; i++) {
    for (const q of QUERIES) samples.get(q.label)?.push(await query(page, q.sql));
  }
  return QUERIES.map((q) => {
    const runs = samples.get(q.label) ?? [];
    const ok = runs.filter((r) => r.outcome === 'result');
    const failed = runs.find((r) => r.outcome !== 'result');
    const last = ok.at(-1);
    return {
      label: q.label,
      sql: q.sql,
      rows: last?.rows ?? NaN,
      truncated: last?.truncated ?? false,
      toResultMs: median(ok.map((r) => r.toResultMs)),
      paintedMs: median(ok.map((r) => r.paintedMs)),
      pageElapsedMs: median(ok.map((r) => summaryElapsedMs(r.summary))),
      longestTaskMs: Math.max(0, ...runs.flatMap((r) => r.longTasks)),
      longTasksWorstRun: Math.max(0, ...runs.map((r) => r.longTasks.length)),
      runs: ok.length,
      ...(failed ? { error: `${runs.length - ok.length} of ${runs.length} runs failed: ${failed.outcome}` } : {}),
    };
  });
}

async function measureCancels(page: Page): Promise<CancelFigures[]> {
  const out: CancelFigures[] = [];
  for (const h of HEAVY) {
    try {
      const c = await page.evaluate<PageCancel>(`window.__sqlBench.cancel(${js(h.sql)}, 1000, ${TIMEOUT})`);
      // A different text each time, so the address changes and the query runs.
      const next = await query(page, `SELECT 1 AS after_cancel_${out.length + 1}`);
      out.push({
        label: h.label,
        sql: h.sql,
        finishedFirst: c.finishedFirst,
        ranMs: c.ranMs,
        pageElapsedMs: summaryElapsedMs(c.summary),
        cancelMs: c.cancelMs,
        outcome: c.outcome,
        nextMs: next.outcome === 'result' ? next.toResultMs : NaN,
        nextRows: next.rows,
        ...(next.outcome !== 'result' ? { error: `SELECT 1 after it: ${next.outcome}` } : {}),
      });
    } catch (err) {
      out.push({
        label: h.label,
        sql: h.sql,
        finishedFirst: false,
        ranMs: NaN,
        pageElapsedMs: NaN,
        cancelMs: NaN,
        outcome: '?',
        nextMs: NaN,
        nextRows: NaN,
        error: messageOf(err),
      });
    }
  }
  return out;
}

function engineOf(answeredBy: string): ApiCallFigures['engine'] {
  if (/^DuckDB\b/.test(answeredBy)) return 'DuckDB';
  if (/\bcube\b/i.test(answeredBy)) return 'cube';
  if (/\bWorker\b/i.test(answeredBy)) return 'worker';
  return 'page';
}

async function measureApi(page: Page): Promise<{ readyMs: number; calls: ApiCallFigures[] }> {
  const t0 = Date.now();
  await page.evaluate(`location.hash = '#/api'`);
  await page.waitForSelector('[data-testid="page"][data-state="ready"] [data-testid="api-call"]', {
    timeout: TIMEOUT,
  });
  const readyMs = Date.now() - t0;
  const cards = await page.evaluate<{ name: string; answeredBy: string }[]>(`window.__sqlBench.cards()`);
  const chosen = cards
    .map((c) => ({ name: c.name, engine: engineOf(c.answeredBy) }))
    .filter(
      (c) => !SKIPPED_CALLS.has(c.name) && (c.engine === 'DuckDB' || c.engine === 'cube' || c.name === WORKER_CALL),
    );
  const calls: ApiCallFigures[] = [];
  for (const c of chosen) {
    const times: number[] = [];
    let first: PageApi | undefined;
    let longest = 0;
    let error: string | undefined;
    for (let i = 0; i < (c.name === WORKER_CALL ? 1 : API_RUNS); i++) {
      try {
        const r = await page.evaluate<PageApi>(`window.__sqlBench.api(${js(c.name)}, ${TIMEOUT})`);
        first ??= r;
        times.push(r.ms);
        longest = Math.max(longest, ...r.longTasks);
        if (r.state !== 'done') break;
      } catch (err) {
        error = messageOf(err);
        break;
      }
    }
    calls.push({
      name: c.name,
      engine: c.engine,
      rows: first?.rows ?? NaN,
      state: error ? 'failed' : (first?.state ?? '?'),
      firstMs: first?.ms ?? NaN,
      medianMs: median(times),
      runs: times.length,
      longestTaskMs: longest,
      message: error ?? (first?.state === 'done' ? '' : (first?.message ?? '')),
    });
  }
  return { readyMs, calls };
}

/**
 * Opens the built app's SQL console on a canonical CSV copied into it (`?dataset=`), then, on the
 * same page (engine warm): times representative console queries through `#/sql?q=`, cancels two
 * heavy queries, and runs the API page's DuckDB and cube calls (and `customers.segments`, the
 * worker case) from their cards.
 */
export async function measureSql(dist: string, salesFile: string, productsFile: string): Promise<SqlFigures> {
  const dir = path.join(dist, 'bench-data');
  mkdirSync(dir, { recursive: true });
  copyFileSync(salesFile, path.join(dir, 'sales.csv'));
  copyFileSync(productsFile, path.join(dir, 'products.csv'));
  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await page.addInitScript(HELPERS);
    const t0 = Date.now();
    await page.goto(`${server.url}?dataset=bench-data/sales.csv&products=bench-data/products.csv#/sql`);
    await page.waitForSelector('[data-testid="sql-schema-table"][data-table="sales"]', { timeout: TIMEOUT });
    const loadMs = Date.now() - t0;
    const figures: SqlFigures = {
      loadMs,
      queries: [],
      cancels: [],
      apiReadyMs: NaN,
      api: [],
      pageErrors: errors,
    };
    // Opens the console's own connection, so the first timed query does not pay for it.
    await query(page, 'SELECT 1 AS warm_up');
    try {
      figures.queries = await measureQueries(page);
    } catch (err) {
      figures.queriesError = messageOf(err);
    }
    try {
      figures.cancels = await measureCancels(page);
    } catch (err) {
      figures.cancelsError = messageOf(err);
    }
    try {
      const api = await measureApi(page);
      figures.apiReadyMs = api.readyMs;
      figures.api = api.calls;
    } catch (err) {
      figures.apiError = messageOf(err);
    }
    return figures;
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a');
const rowsText = (v: number) => (Number.isFinite(v) ? v.toLocaleString('en') : 'n/a');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The six `overview.*` calls' total (first runs and medians), when all six ran. */
export function overviewTotal(f: SqlFigures): { firstMs: number; medianMs: number; calls: number } {
  const calls = f.api.filter((c) => c.name.startsWith('overview.') && c.state === 'done');
  return {
    firstMs: calls.reduce((s, c) => s + c.firstMs, 0),
    medianMs: calls.reduce((s, c) => s + c.medianMs, 0),
    calls: calls.length,
  };
}

/** The figures as Markdown tables for the bench's output. */
export function sqlTables(rows: number, f: SqlFigures, peer: PeerComparison): string {
  const out: string[] = [
    `### ${rows.toLocaleString('en')} rows — data loaded (console lists \`sales\`) in ${ms(f.loadMs)}`,
    '',
    `Console queries through \`#/sql?q=\` (engine warm), median of ${RUNS} runs; "page says" is the console's own elapsed time (SQL sent → rows converted):`,
    '',
  ];
  if (f.queriesError) out.push(`console queries failed: ${f.queriesError}`, '');
  else {
    out.push(
      '| query | data-rows | capped | to result | next frame | page says | longest long task | long tasks (worst run) |',
      '|---|--:|:-:|--:|--:|--:|--:|--:|',
      ...f.queries.map(
        (q) =>
          `| ${cell(q.label)} | ${rowsText(q.rows)} | ${q.truncated ? 'yes' : 'no'} | ${ms(q.toResultMs)} | ${ms(q.paintedMs)} | ${ms(q.pageElapsedMs)} | ${ms(q.longestTaskMs)} | ${q.longTasksWorstRun} |` +
          (q.error ? ` ${cell(q.error)}` : ''),
      ),
      '',
    );
  }

  out.push('Cancel: heavy query via `?q=`, Cancel clicked after ~1 s, then `SELECT 1`:', '');
  if (f.cancelsError) out.push(`cancel failed: ${f.cancelsError}`, '');
  else {
    out.push(
      '| query | ran before the click | click → cancelled | outcome | then SELECT 1 | its data-rows |',
      '|---|--:|--:|---|--:|--:|',
      ...f.cancels.map(
        (c) =>
          `| ${cell(c.label)} | ${c.finishedFirst ? `finished on its own (page says ${ms(c.pageElapsedMs)})` : ms(c.ranMs)} | ${ms(c.cancelMs)} | ${cell(c.outcome)} | ${ms(c.nextMs)} | ${rowsText(c.nextRows)} |` +
          (c.error ? ` ${cell(c.error)}` : ''),
      ),
      '',
    );
  }

  out.push(
    `API page (\`#/api\` ready in ${ms(f.apiReadyMs)}): each DuckDB and cube call, and ${WORKER_CALL} (worker), clicked in turn; click → \`data-state="done"\`, first run and median of ${API_RUNS} (the worker call: 1):`,
    '',
  );
  if (f.apiError) out.push(`API page failed: ${f.apiError}`, '');
  else {
    out.push(
      '| call | engine | data-rows | first run | median | longest long task | note |',
      '|---|---|--:|--:|--:|--:|---|',
      ...f.api.map(
        (c) =>
          `| ${c.name} | ${c.engine} | ${rowsText(c.rows)} | ${ms(c.firstMs)} | ${ms(c.medianMs)} | ${ms(c.longestTaskMs)} | ${cell(c.state === 'done' ? '' : `${c.state}: ${c.message}`)} |`,
      ),
      '',
    );
    const total = overviewTotal(f);
    out.push(
      `Overview group (${total.calls} \`overview.*\` calls, one after another): first runs ${ms(total.firstMs)}, medians ${ms(total.medianMs)}`,
    );
    if ('aggMs' in peer && total.calls === 6) {
      out.push(
        `Same questions, different stack — our 6 \`overview.*\` API calls in Chromium (DuckDB-WASM, click → rows on screen) ` +
          `vs the Python peer's aggregations step (pandas: monthly by category, by region, top products; in-process, no UI) on the same file: ` +
          `first runs ${ms(total.firstMs)} / ${ms(peer.aggMs)} = ${(total.firstMs / peer.aggMs).toFixed(2)}, ` +
          `medians ${ms(total.medianMs)} / ${ms(peer.aggMs)} = ${(total.medianMs / peer.aggMs).toFixed(2)} (ours / peer; below 1: we are faster)`,
      );
    } else if ('reason' in peer) out.push(`Peer ratio: ${peer.reason}`);
    else out.push(`Peer ratio: not given, only ${total.calls} of the 6 overview.* calls finished`);
  }
  if (f.pageErrors.length)
    out.push(
      '',
      `Page errors (${f.pageErrors.length}): ${f.pageErrors
        .slice(0, 5)
        .map((e) => cell(e.slice(0, 300)))
        .join(' · ')}`,
    );
  return out.join('\n');
}
