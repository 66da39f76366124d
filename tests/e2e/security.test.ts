import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { launch, openPage, waitForPage } from './browser';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

let browser: Browser;
let server: StaticServer;
/** Violation reports the browser posted to the server's report-uri: from the page, its workers and the service worker. */
const reports: unknown[] = [];

beforeAll(async () => {
  browser = await launch();
  server = await serveStatic(inject('distRoot'), { onCspReport: (r) => reports.push(r) });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Records `securitypolicyviolation` events in the page itself, as a second witness beside the reports. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });
`;

async function pageViolations(page: Page): Promise<string[]> {
  return page.evaluate('window.__cspViolations ?? []') as Promise<string[]>;
}

/**
 * Opens a route and waits for that page itself to settle (by its heading), not the page before it:
 * a lazily loaded page keeps the previous one on screen while its code arrives.
 */
async function visit(page: Page, route: string, title: string, state = 'ready'): Promise<void> {
  await page.goto(`${server.url}#${route}`);
  const root = state === 'any' ? '[data-testid="page"]' : `[data-testid="page"][data-state="${state}"]`;
  await page.waitForSelector(`${root} h1:text-is("${title}")`, {
    timeout: 90_000,
  });
}

describe('security', () => {
  it('runs every page under the strict Content-Security-Policy with no violation, and sends nothing to another origin', async () => {
    const context = await browser.newContext();
    await context.addInitScript(RECORD_VIOLATIONS);
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const { page, errors } = await openPage(context);
    page.on('request', (r) => requests.push(r.url()));
    const violations: string[] = [];

    // The policy the server sends is the strict one: no inline script, no eval, no third-party origin.
    const response = await page.goto(`${server.url}#/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");

    // The Overview, then Sales Analytics at a weekly grain.
    await waitForPage(page);
    await page.waitForSelector('[data-testid="chart"][data-drawn="true"]');
    violations.push(...(await pageViolations(page)));

    await visit(page, '/analytics?grain=week', 'Sales Analytics');
    await page.waitForSelector('[data-testid="chart"][data-drawn="true"]');
    violations.push(...(await pageViolations(page)));

    // Forecasting trains six models in two workers (TensorFlow.js, the ARIMA wasm) and scores them in a third.
    await visit(page, '/forecasting?horizon=30', 'Forecasting', 'any');
    await page.waitForSelector('[data-testid="recommended-model"]', { timeout: 120_000 });
    violations.push(...(await pageViolations(page)));

    // Customers runs k-means and the BG/NBD fit in the segment worker.
    await visit(page, '/customers', 'Customers');
    await page.waitForSelector('[data-testid="segment"]', { timeout: 60_000 });
    violations.push(...(await pageViolations(page)));

    await visit(page, '/products', 'Products');
    await page.waitForSelector('[data-testid="reorder-alert"]');
    violations.push(...(await pageViolations(page)));

    // The Data page: an upload goes through the import worker into DuckDB, then back to the demo.
    await visit(page, '/data', 'Data');
    await page.setInputFiles('[data-testid="import-file"]', path.join(FIXTURES, 'superstore.csv'));
    await page.waitForSelector('[data-testid="import-confirm"]', { timeout: 60_000 });
    await page.click('[data-testid="import-confirm"]');
    await page.waitForSelector('[data-testid="import-summary"]:not([data-saved="saving"])', { timeout: 120_000 });
    violations.push(...(await pageViolations(page)));
    await page.click('[data-testid="use-demo"]');
    await page.waitForSelector('[data-testid="current-data"][data-origin="demo"]', { timeout: 60_000 });
    violations.push(...(await pageViolations(page)));

    await visit(page, '/diagnostics', 'Diagnostics');
    await page.waitForSelector('[data-testid="diag-query-row"]');
    violations.push(...(await pageViolations(page)));
    // The API page, with a call run in the segmentation worker.
    await visit(page, '/api', 'Analytics API');
    const segments = page.locator('[data-testid="api-call"][data-name="customers.segments"]');
    await segments.locator('[data-testid="api-run"]').click();
    await segments.locator('[data-testid="api-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    violations.push(...(await pageViolations(page)));

    // The SQL console (CodeMirror's editor and styles), from a shared link, then typed into.
    await visit(
      page,
      `/sql?q=${encodeURIComponent('SELECT category, sum(revenue) AS revenue FROM sales GROUP BY 1')}`,
      'SQL console',
    );
    await page.waitForSelector('[data-testid="sql-chart"] [data-testid="chart"][data-drawn="true"]');
    await page.click('[data-testid="sql-editor"] .cm-content');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('SELECT count(*) AS n FROM sales');
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.waitForSelector('[data-testid="sql-result"][data-rows="1"]');
    violations.push(...(await pageViolations(page)));

    // Reports are posted asynchronously: give the last ones time to arrive.
    await page.waitForTimeout(3000);
    expect(violations).toEqual([]);
    expect(reports).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);

    const foreign = requests.filter((u) => !u.startsWith(`${server.origin}/`) && !/^(data|blob):/.test(u));
    expect(requests.length).toBeGreaterThan(20);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
