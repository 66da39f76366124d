import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { launch, openPage } from './browser';

// Read from disk and evaluated through the DevTools protocol, which the page's CSP does not
// govern: a <script> with this text inline would be refused (script-src 'self').
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (2.2 has no A-level rules in axe). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Scheme = 'light' | 'dark';

interface PageCase {
  route: string;
  /** The page's h1, to know the new page is on screen and not the one before it. */
  heading: RegExp;
  /** Something that shows once the page is fully drawn, beyond its data-state. */
  readyWhen?: string;
  /** The data-state it must reach (a broken page must not pass axe by accident): ready by default. */
  state?: 'ready' | 'empty' | 'error';
  /** How many charts it must show at least, drawn, before axe runs. */
  charts?: number;
}

const PAGES: readonly PageCase[] = [
  { route: '/', heading: /^Overview$/, charts: 3 },
  { route: '/analytics', heading: /^Sales Analytics$/, charts: 5 },
  // The tournament takes seconds; the model details are the last of its results to be drawn.
  {
    route: '/forecasting',
    heading: /^Forecasting$/,
    readyWhen: '[data-testid="recommended-model"] ~ [data-testid="forecast-model-details"]',
    charts: 1,
  },
  { route: '/customers', heading: /^Customers$/, readyWhen: '[data-testid="segment"]', charts: 3 },
  { route: '/products', heading: /^Products$/, readyWhen: '[data-testid="product-row"]', charts: 2 },
  { route: '/data', heading: /^Data$/ },
  { route: '/diagnostics', heading: /^Diagnostics$/ },
  { route: '/api', heading: /^Analytics API$/, readyWhen: '[data-testid="api-call"] pre' },
  // A shared console link: the query runs, its result and quick chart are drawn.
  {
    route: `/sql?q=${encodeURIComponent('SELECT region, sum(revenue) AS revenue FROM sales GROUP BY region ORDER BY region')}`,
    heading: /^SQL console$/,
    readyWhen: '[data-testid="sql-result"]',
    charts: 1,
  },
  { route: '/no-such-page', heading: /^Page not found$/, state: 'error' },
];

let browser: Browser;
let server: StaticServer;
// One context and one page for the whole file: the app (and DuckDB) starts once, pages are
// reached by changing the hash, and the Forecasting page's tournament runs once.
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await serveStatic(inject('distRoot'));
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  ({ page, errors } = await openPage(context));
  await page.goto(`${server.url}#/`);
  await page.evaluate(() => localStorage.removeItem('tillsight:theme'));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** One violation as a reader needs it: rule, impact, what to fix, and where. */
function describeViolation(v: Result): string {
  const nodes = v.nodes
    .slice(0, 8)
    .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, ' ')}`)
    .join('\n');
  const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
  return `  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n${nodes}${more}`;
}

/** Runs axe in the page and fails with a readable list of what it found. */
async function expectNoViolations(where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  const report = results.violations.map(describeViolation).join('\n');
  expect(results.violations.length, `axe found violations on ${where}:\n${report}`).toBe(0);
}

/** Goes to a route in the running app and waits until it is drawn: data, charts and all. */
async function show(p: PageCase): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#${p.route}`);
  await page.waitForFunction(
    ([source, state]) => {
      const root = document.querySelector('[data-testid="page"]');
      const h1 = root?.querySelector('h1')?.textContent?.trim() ?? '';
      return new RegExp(source).test(h1) && root?.getAttribute('data-state') === state;
    },
    [p.heading.source, p.state ?? 'ready'] as const,
    { timeout: 90_000 },
  );
  if (p.readyWhen) await page.waitForSelector(p.readyWhen, { timeout: 120_000 });
  await page.waitForFunction(
    (least) => {
      const charts = [...document.querySelectorAll('[data-testid="chart"]')];
      return charts.length >= least && charts.every((c) => c.getAttribute('data-drawn') === 'true');
    },
    p.charts ?? 0,
    { timeout: 30_000 },
  );
}

async function currentTheme(): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.theme);
}

describe('axe reports no violations', () => {
  for (const scheme of ['light', 'dark'] as const satisfies readonly Scheme[]) {
    describe(`in the ${scheme} theme, following the system`, () => {
      beforeAll(async () => {
        // The system's preference, changed under the running app: the theme follows it live.
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
      });
      for (const p of PAGES) {
        it(`on ${p.route}`, { timeout: p.route === '/forecasting' ? 240_000 : 120_000 }, async () => {
          await show(p);
          expect(await currentTheme()).toBe(scheme);
          await expectNoViolations(`${p.route} (${scheme})`);
          // The policy blocks inline scripts and style attributes: nothing here may need them.
          expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
        });
      }
    });
  }
});

describe('the theme toggle', () => {
  it('switches to dark over a light system, keeps the choice across a reload, and back to the system', async () => {
    const errorsBefore = errors.length;
    await page.emulateMedia({ colorScheme: 'light' });
    await show(PAGES[0]!);
    const toggle = page.getByRole('combobox', { name: 'Theme' });
    expect(await toggle.inputValue()).toBe('system');
    expect(await currentTheme()).toBe('light');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();

    await toggle.selectOption('dark');
    expect(await currentTheme()).toBe('dark');
    expect(await background()).not.toBe(lightBackground);
    // Form controls and scrollbars follow too.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
    // The charts rebuild in the dark scheme's colours (each records the scheme it was built in).
    await page.waitForFunction(() => {
      const charts = [...document.querySelectorAll<HTMLElement>('[data-testid="chart"]')];
      return charts.length >= 3 && charts.every((c) => c.dataset.drawn === 'true' && c.dataset.scheme === 'dark');
    });
    expect(await page.evaluate(() => localStorage.getItem('tillsight:theme'))).toBe('dark');
    await expectNoViolations('/ (dark by the toggle, light system)');

    await page.reload();
    await show(PAGES[0]!);
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('dark');
    expect(await currentTheme()).toBe('dark');

    // An explicit choice wins over the system's (once the page has seen the system change)…
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => matchMedia('(prefers-color-scheme: dark)').matches);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await currentTheme()).toBe('light');
    // …and System follows the system again, live.
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    expect(await currentTheme()).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('tillsight:theme'))).toBeNull();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expect(errors.slice(errorsBefore)).toEqual([]);
  });

  it('applies a saved choice before the app’s code runs, so the first paint is already in it', async () => {
    // Its own context without a service worker, so the app's script can be held back on the wire.
    const own = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block' });
    const first = await own.newPage();
    await first.goto(`${server.url}#/`);
    await first.evaluate(() => localStorage.setItem('tillsight:theme', 'dark'));
    await first.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
    });
    await first.reload({ waitUntil: 'commit' });
    // The stylesheet blocks the first paint, so that paint happens once it has loaded: look then.
    await first.waitForFunction(() => document.body !== null && document.styleSheets.length > 0);
    const early = await first.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0,
      background: getComputedStyle(document.documentElement).colorScheme,
    }));
    expect(early).toEqual({ theme: 'dark', rendered: false, background: 'dark' });
    await own.close();
  });
});

/** What has keyboard focus, and whether it shows: an outline or a ring (box-shadow). */
interface Focused {
  key: string;
  visible: boolean;
}

async function focused(): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { key: 'body', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none';
    // Chromium's date field has a calendar button in its own (closed) shadow tree: when that
    // has focus the field does not match :focus, and the browser draws the button's ring
    // itself, where a page's styles cannot reach or read it.
    const calendarButton = el.matches('input[type="date"]') && !el.matches(':focus');
    const testId = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid');
    const key =
      el.classList.contains('skip-link') || el.matches('nav a')
        ? `${el.tagName.toLowerCase()}:${el.textContent?.trim()}`
        : `${el.tagName.toLowerCase()}${testId ? `[${testId}]` : ''}`;
    return { key, visible: outline || ring || calendarButton };
  });
}

describe('keyboard', () => {
  it('reaches the skip link, the sections, the filters and a chart by Tab, each with a visible focus, with no trap', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    // A fresh document: Tab starts from the top of the page, as a keyboard user arrives.
    await page.goto(`${server.url}#/`);
    await page.reload();
    await show(PAGES[0]!);
    const seen: Focused[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      seen.push(f);
      if (f.key === 'div[chart]') break;
    }
    const keys = seen.map((f) => f.key);
    expect(keys[0]).toBe('a:Skip to content');
    for (const label of ['Overview', 'Sales Analytics', 'Forecasting', 'Customers', 'Products', 'Data']) {
      expect(keys).toContain(`a:${label}`);
    }
    for (const control of [
      'select[theme-toggle]',
      'select[filter-preset]',
      'input[filter-from]',
      'input[filter-to]',
      'summary[filter-category]',
      'summary[filter-region]',
      'select[filter-grain]',
      'div[chart]',
    ]) {
      expect(keys, `Tab never reached ${control}`).toContain(control);
    }
    const hidden = seen.filter((f) => !f.visible).map((f) => f.key);
    expect(hidden, 'focused without a visible focus indicator').toEqual([]);

    // The chart has a name and a summary for whoever lands on it, as the browser's own
    // accessibility tree computes them (the hint is a hidden element, read by reference).
    const cdp = await context.newCDPSession(page);
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
      objectId: result.objectId,
      fetchRelatives: false,
    });
    await cdp.detach();
    const chart = nodes[0];
    expect(chart?.role?.value).toBe('image');
    expect(chart?.name?.value).toBe('Revenue trend chart');
    expect(chart?.description?.value).toMatch(/Highest: .*“Show as table”/);

    // No trap: focus moves on past the chart, and back again.
    await page.keyboard.press('Tab');
    expect((await focused()).key).not.toBe('div[chart]');
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).key).toBe('div[chart]');

    // The skip link takes focus past the header and the filters, to the page itself.
    await page.focus('.brand');
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).key).toBe('a:Skip to content');
    const skipBox = await page.locator('.skip-link').boundingBox();
    expect(skipBox?.x ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});

describe('on a phone (390 × 844)', () => {
  it('passes axe and does not scroll sideways, filters folded and open, light and dark', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Reloaded, so the filter bar starts folded.
      await page.goto(`${server.url}#/`);
      await page.reload();
      await show(PAGES[0]!);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectNoViolations(`/ on a phone (${scheme})`);
      await page.getByRole('button', { name: /^Filters/ }).click();
      expect(await page.isVisible('[data-testid="filter-preset"]')).toBe(true);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectNoViolations(`/ on a phone with the filters open (${scheme})`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
