import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { readLines } from '../helpers/expected';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { launch, openPage, waitForPage } from './browser';

// The SQL console in the built app, in real Chromium, under the production CSP. Expected
// numbers come from the test's own reading of the built-in CSV, never from the app.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Records CSP violations in the page, as a witness beside the server's reports. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });
`;

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let errors: string[];
const reports: unknown[] = [];
const lines = readLines();

beforeAll(async () => {
  server = await serveStatic(inject('distRoot'), { onCspReport: (r) => reports.push(r) });
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.addInitScript(RECORD_VIOLATIONS);
  ({ page, errors } = await openPage(context));
  await page.goto(`${server.url}#/sql`);
  await waitForPage(page, 'empty', 90_000);
  // The tables are listed once the data is loaded: the console is ready to run.
  await page.waitForSelector('[data-testid="sql-schema-table"][data-table="sales"]', { timeout: 90_000 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** How many runs have finished (the status line's `data-runs`). */
const runs = async () => Number(await page.getAttribute('[data-testid="sql-status"]', 'data-runs'));

/** Waits until the run after `before` has finished, in `state`. */
async function settle(before: number, state: string): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="sql-status"]')?.getAttribute('data-runs')) > n,
    before,
    { timeout: 90_000 },
  );
  await waitForPage(page, state, 10_000);
}

/** Opens the console on a shared link (`?q=`) by changing the hash, as a click on a link would. */
async function openLink(sql: string, state = 'ready'): Promise<void> {
  const before = await runs();
  await page.evaluate(
    (hash) => {
      location.hash = hash;
    },
    `#/sql?q=${encodeURIComponent(sql)}`,
  );
  await settle(before, state);
}

/**
 * Types a query over the editor's whole text and runs it with Ctrl+Enter. Typing over a
 * selection is the case where Chromium's own editing would add a style attribute (refused by
 * the CSP): the last test checks that none was reported.
 */
async function typeAndRun(sql: string, state = 'ready'): Promise<void> {
  await page.click('[data-testid="sql-editor"] .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(sql);
  const before = await runs();
  await page.keyboard.press('Control+Enter');
  await settle(before, state);
}

const resultRows = async () => Number(await page.getAttribute('[data-testid="sql-result"]', 'data-rows'));
const editorText = () =>
  page.evaluate(() =>
    [...(document.querySelector('[data-testid="sql-editor"]')?.shadowRoot?.querySelectorAll('.cm-line') ?? [])]
      .map((l) => l.textContent)
      .join('\n'),
  );
const cells = (column: number) =>
  page.$$eval(`[data-testid="sql-table"] tbody tr[data-row-key] td:nth-child(${column})`, (tds) =>
    tds.map((td) => td.textContent ?? ''),
  );

async function expectNoAxeViolations(where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  const report = results.violations.map(
    (v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(report, `axe on ${where}`).toEqual([]);
}

describe('SQL console', () => {
  it('runs a query typed in the editor with Ctrl+Enter, and Tab leaves the editor', async () => {
    const north = lines.filter((l) => l.region === 'North').length;
    expect(north).toBeGreaterThan(0);
    await typeAndRun("SELECT * FROM sales WHERE region = 'North'");
    expect(await resultRows()).toBe(north);
    expect(await page.getAttribute('[data-testid="sql-result"]', 'data-truncated')).toBe('false');
    const regions = await cells(7); // region is the 7th column of sales
    expect(regions.length).toBeGreaterThan(0);
    expect(new Set(regions)).toEqual(new Set(['North']));
    expect(await page.textContent('[data-testid="sql-status"]')).toMatch(
      new RegExp(`^${north.toLocaleString('en-US')} rows, in [\\d.,]+ m?s\\.`),
    );
    // Keyboard: Tab goes from the editor to the Run button, not into an indent.
    await page.click('[data-testid="sql-editor"] .cm-content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sql-run');
    expect(await editorText()).toBe("SELECT * FROM sales WHERE region = 'North'");
  });

  it('completes table and column names from the schema', async () => {
    await page.click('[data-testid="sql-editor"] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('SELECT unit_pr');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'unit_price' });
    await option.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape'); // closes the list (no query is running)
    await page.keyboard.type(' FROM prod');
    const table = page.locator('.cm-tooltip-autocomplete li', { hasText: /^products/ }).first();
    await table.waitFor({ timeout: 10_000 });
    await table.click();
    expect(await editorText()).toBe('SELECT unit_pr FROM products');
  });

  it('runs a ?q= link, shows every cell as text, and runs a new link while open', async () => {
    const html = '<img src=x onerror="window.__xss = 1">';
    await openLink(`SELECT '${html}' AS html, 42 AS answer`);
    expect(await resultRows()).toBe(1);
    expect(await cells(1)).toEqual([html]);
    expect(await page.$$eval('[data-testid="sql-result"] img', (imgs) => imgs.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await editorText()).toBe(`SELECT '${html}' AS html, 42 AS answer`);

    // Another link while the page is open runs too.
    const categories = new Set(lines.map((l) => l.category)).size;
    await openLink('SELECT DISTINCT category FROM sales ORDER BY 1');
    expect(await resultRows()).toBe(categories);

    // The console has no filter bar (App.tsx hides it on #/sql): nothing else writes to its address.
    expect(await page.$('[data-testid="filter-grain"]')).toBeNull();
  });

  it('refuses a write with a clear message next to the editor, and the data is unchanged', async () => {
    await openLink('DELETE FROM sales', 'error');
    const message = await page.textContent('[data-testid="sql-error"]');
    expect(message).toContain('The console is read-only: statement 1 is a DELETE from sales');
    expect(message).toContain('cannot be changed from here');
    expect(await page.getAttribute('[data-testid="sql-error"]', 'role')).toBe('alert');
    // The console's own message, under the editor: not the pages' generic "Something went wrong".
    expect(await page.$('[data-testid="page-error"]')).toBeNull();
    expect(await page.textContent('[data-testid="page"]')).not.toContain('Something went wrong');
    expect(await page.$('.sql-editor-card [data-testid="sql-error"]')).not.toBeNull();
    expect(await page.getAttribute('[data-testid="sql-error"]', 'data-line')).toBe('1');
    expect(await page.getAttribute('[data-testid="sql-error"]', 'data-column')).toBe('1');
    // A write hidden after a comment with a semicolon in it.
    await openLink('SELECT 1 /* ; */;\ndelete from sales', 'error');
    expect(await page.textContent('[data-testid="sql-error"]')).toContain('statement 2 is a DELETE from sales');
    expect(await page.getAttribute('[data-testid="sql-error"]', 'data-line')).toBe('2');

    await openLink('SELECT count(*) AS n FROM sales');
    expect(await cells(1)).toEqual([String(lines.length)]);
  });

  it('shows where a syntax error is: the line and column, marked in the editor with the cursor there', async () => {
    const sql = 'SELECT region,\n       sum(revenue)\nFORM sales GROUP BY 1';
    await openLink(sql, 'error');
    expect(await page.getAttribute('[data-testid="sql-error"]', 'data-line')).toBe('3');
    expect(await page.getAttribute('[data-testid="sql-error"]', 'data-column')).toBe('6');
    expect(await page.textContent('[data-testid="sql-error"]')).toContain(
      'Line 3, column 6: Parser Error: syntax error at or near "sales"',
    );
    expect(await page.$('[data-testid="page-error"]')).toBeNull();
    expect(await page.textContent('[data-testid="sql-editor"] .sql-error-mark')).toBe('sales');
    // The cursor is on the error's line.
    expect(await page.textContent('[data-testid="sql-editor"] .cm-activeLine')).toBe('FORM sales GROUP BY 1');
  });

  it('cancels a long query with the Cancel button and with Escape; the console and the app keep working', async () => {
    const long = 'SELECT count(*) FROM range(1000000000000) a';
    for (const how of ['button', 'escape'] as const) {
      await page.evaluate(
        (hash) => {
          location.hash = hash;
        },
        `#/sql?q=${encodeURIComponent(`${long} -- ${how}`)}`,
      );
      await waitForPage(page, 'loading', 30_000);
      await page.waitForSelector('[data-testid="sql-cancel"]:not([disabled])');
      if (how === 'button') await page.click('[data-testid="sql-cancel"]');
      else {
        // With the completion list open, Escape closes the list and leaves the query running.
        await page.click('[data-testid="sql-editor"] .cm-content');
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nSELECT unit_pr');
        await page.locator('.cm-tooltip-autocomplete').waitFor({ timeout: 10_000 });
        await page.keyboard.press('Escape');
        await page.locator('.cm-tooltip-autocomplete').waitFor({ state: 'detached', timeout: 10_000 });
        const ended = await runs();
        await page.waitForTimeout(300);
        expect(await page.getAttribute('[data-testid="page"]', 'data-state')).toBe('loading');
        expect(await runs()).toBe(ended); // still running: the run did not end
        expect(await page.isEnabled('[data-testid="sql-cancel"]')).toBe(true);
        // The next Escape cancels it.
        await page.keyboard.press('Escape');
      }
      await page.waitForSelector('[data-testid="sql-cancelled"]', { timeout: 60_000 });
      await waitForPage(page, 'empty', 30_000);
      expect(await page.textContent('[data-testid="sql-status"]')).toBe('The query was cancelled.');
    }
    await openLink('SELECT 41 + 1 AS answer');
    expect(await cells(1)).toEqual(['42']);

    // The rest of the app answers, and Diagnostics logged the console's runs.
    await page.evaluate(() => {
      location.hash = '#/diagnostics';
    });
    await page.waitForSelector('[data-testid="page"][data-state="ready"] h1:text-is("Diagnostics")', {
      timeout: 60_000,
    });
    const logged = await page.$$eval('[data-testid="diag-query-row"]', (rows) =>
      rows.map((r) => `${r.getAttribute('data-outcome')} ${r.textContent ?? ''}`),
    );
    expect(
      logged.some((row) => row.startsWith('cancelled') && row.includes('console: SELECT count(*) FROM range')),
    ).toBe(true);
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await page.waitForSelector('[data-testid="page"][data-state="ready"] h1:text-is("Overview")', { timeout: 60_000 });
    expect(Number(await page.getAttribute('[data-testid="kpi-orders"]', 'data-value'))).toBeGreaterThan(0);
    await page.evaluate(() => {
      location.hash = '#/sql';
    });
    await page.waitForSelector('[data-testid="page"][data-state="empty"] h1:text-is("SQL console")', {
      timeout: 60_000,
    });
  });

  it('keeps only the first 100,000 rows of a huge result, saying so', async () => {
    await openLink('SELECT range AS i FROM range(1000000000)');
    expect(await resultRows()).toBe(100_000);
    expect(await page.getAttribute('[data-testid="sql-result"]', 'data-truncated')).toBe('true');
    expect(await page.textContent('[data-testid="sql-result"] .sql-summary')).toContain(
      'Showing the first 100,000 rows: the result has more',
    );
  });

  it('draws a line for dates and numbers, bars for text and a number, and says why when neither fits', async () => {
    await openLink("SELECT date_trunc('month', ts) AS month, sum(revenue) AS revenue FROM sales GROUP BY 1 ORDER BY 1");
    expect(await page.getAttribute('[data-testid="sql-chart"]', 'data-kind')).toBe('line');
    await page.waitForSelector('[data-testid="sql-chart"] [data-testid="chart"][data-drawn="true"]');
    await openLink('SELECT region, sum(revenue) AS revenue FROM sales GROUP BY 1 ORDER BY 2 DESC');
    expect(await page.getAttribute('[data-testid="sql-chart"]', 'data-kind')).toBe('bar');
    await page.waitForSelector('[data-testid="sql-chart"] [data-testid="chart"][data-drawn="true"]');
    await expectNoAxeViolations('a result with a bar chart (light)');
    await openLink('SELECT 1 AS a, 2 AS b');
    expect(await page.getAttribute('[data-testid="sql-chart"]', 'data-kind')).toBe('none');
    expect(await page.textContent('[data-testid="sql-chart-note"]')).toContain('the first column, “a”, is INTEGER');
  });

  it('downloads the result as CSV', async () => {
    const expected = new Map<string, number>();
    for (const l of lines) expected.set(l.category, (expected.get(l.category) ?? 0) + 1);
    await openLink('SELECT category, count(*) AS lines FROM sales GROUP BY 1 ORDER BY 1');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="sql-result"] [data-testid="table-csv"]'),
    ]);
    const rows = parseCsv(readFileSync((await file.path()) ?? '', 'utf8').replace(/^\ufeff/, ''));
    expect(rows.map((r) => [r.category, Number(r.lines)])).toEqual(
      [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });

  const historyItems = () =>
    page.$$eval('[data-testid="sql-history-item"]', (els) => els.map((e) => e.getAttribute('title')));

  it('keeps the history across a reload: runs the user starts only, newest first, once each, Clear empties it', async () => {
    await page.click('[data-testid="sql-history-clear"]');
    // A link runs its query but does not put it in the history: the user did not choose to run it.
    await openLink('SELECT 1 AS first');
    expect(await historyItems()).toEqual([]);
    // Run here, it is recorded.
    let before = await runs();
    await page.click('[data-testid="sql-run"]');
    await settle(before, 'ready');
    await typeAndRun('SELECT 2 AS second');
    // A history entry goes back into the editor, and runs (and moves up) when the user runs it.
    await page.click('[data-testid="sql-history-item"][title="SELECT 1 AS first"]');
    expect(await editorText()).toBe('SELECT 1 AS first');
    before = await runs();
    await page.click('[data-testid="sql-run"]');
    await settle(before, 'ready');
    await page.reload();
    await waitForPage(page, 'ready', 90_000); // the ?q= in the address runs again
    expect(await historyItems()).toEqual(['SELECT 1 AS first', 'SELECT 2 AS second']);
    await page.click('[data-testid="sql-history-item"][title="SELECT 2 AS second"]');
    expect(await editorText()).toBe('SELECT 2 AS second');
    await page.click('[data-testid="sql-history-clear"]');
    expect(await historyItems()).toEqual([]);
    await page.reload();
    await waitForPage(page, 'ready', 90_000);
    expect(await historyItems()).toEqual([]); // the link ran again, unrecorded
  });

  it("merges the history of two tabs, and follows the other tab's runs", async () => {
    if (await page.isEnabled('[data-testid="sql-history-clear"]'))
      await page.click('[data-testid="sql-history-clear"]');
    const other = await context.newPage();
    try {
      await other.goto(`${server.url}#/sql`);
      await other.waitForSelector('[data-testid="sql-editor"] .cm-content', { timeout: 90_000 });
      // The other tab runs a query: it is recorded as the run starts, and this tab shows it.
      await other.click('[data-testid="sql-editor"] .cm-content');
      await other.keyboard.press('Control+A');
      await other.keyboard.type('SELECT 3 AS from_the_other_tab');
      await other.click('[data-testid="sql-run"]');
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="sql-history-item"]')?.getAttribute('title') ===
          'SELECT 3 AS from_the_other_tab',
        undefined,
        { timeout: 10_000 },
      );
      // This tab's next run keeps the other tab's entry.
      await typeAndRun('SELECT 4 AS from_this_tab');
      expect(await historyItems()).toEqual(['SELECT 4 AS from_this_tab', 'SELECT 3 AS from_the_other_tab']);
      await other.waitForFunction(
        () => document.querySelectorAll('[data-testid="sql-history-item"]').length === 2,
        undefined,
        { timeout: 10_000 },
      );
      // A long script is named by its first line, cut short: not read out whole.
      const long = `SELECT region, -- ${'x'.repeat(300)}\n${'  sum(revenue),\n'.repeat(500)}  count(*)\nFROM sales GROUP BY 1`;
      await other.evaluate(
        ([key, sql]) => {
          const list = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[];
          localStorage.setItem(key, JSON.stringify([{ sql, at: Date.now() }, ...list]));
        },
        ['tillsight:sql-history', long] as const,
      );
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="sql-history-item"]').length === 3);
      const first = page.locator('[data-testid="sql-history-item"]').first();
      const title = (await first.getAttribute('title')) ?? '';
      expect(title.startsWith('SELECT region, -- xxx')).toBe(true);
      expect(title.length).toBeLessThanOrEqual(80);
      expect((await first.textContent())?.length ?? 0).toBeLessThan(200);
      // It still holds the whole script: a click puts it back in the editor (whose first line shows).
      await first.click();
      expect((await editorText()).startsWith('SELECT region, -- xxx')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('says under the result when a column (an ENUM) cannot be read', async () => {
    await openLink("SELECT 'b'::ENUM('a', 'b') AS mood, 1 AS n");
    const notes = await page.$$eval('[data-testid="sql-column-note"]', (els) =>
      els.map((e) => `${e.getAttribute('data-column')}: ${e.textContent ?? ''}`),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^mood: Column “mood”: its ENUM labels cannot be read here/);
    expect(notes[0]).toContain('mood::VARCHAR');
  });

  it('says in its introduction that it reads only the loaded tables and refuses file and URL readers', async () => {
    const intro = (await page.textContent('.sql-intro')) ?? '';
    expect(intro).toContain('only the tables loaded in this app');
    expect(intro).toContain('read_csv');
    expect(intro).toContain('web address is refused');
  });

  it('had no CSP violation and no console error along the way', async () => {
    expect(await page.evaluate('window.__cspViolations')).toEqual([]);
    expect(reports).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('SQL console on a phone, in the dark theme', () => {
  it('scrolls the table inside its region, never the page sideways, and passes axe', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await phone.addInitScript(RECORD_VIOLATIONS);
    const opened = await openPage(phone);
    const p = opened.page;
    await p.goto(`${server.url}#/sql?q=${encodeURIComponent('SELECT * FROM sales LIMIT 200')}`);
    await waitForPage(p, 'ready', 90_000);
    await p.waitForSelector('[data-testid="sql-chart"]');
    const widths = await p.evaluate(() => {
      const scroll = document.querySelector('[data-testid="sql-table-scroll"]') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        table: scroll.scrollWidth,
        region: scroll.clientWidth,
      };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.table).toBeGreaterThan(widths.region);
    expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const previous = page;
    page = p;
    try {
      await expectNoAxeViolations('a result on a phone (dark)');
    } finally {
      page = previous;
    }
    expect(await p.evaluate('window.__cspViolations')).toEqual([]);
    expect(opened.errors).toEqual([]);
    await phone.close();
  });
});
