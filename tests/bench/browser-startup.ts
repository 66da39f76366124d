import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser';
import { ROOT } from '../helpers/expected';
import { serveStatic } from '../helpers/static-server';

/** Figures of one visit, in ms from navigation start. */
export interface VisitFigures {
  firstKpiMs: number;
  firstKpiSource: string;
  liveKpiMs: number;
  duckdbReadyMs: number;
  dataReadyMs: number;
}

/** Builds the app into a scratch folder and returns it. */
export function buildApp(): string {
  const out = path.join(ROOT, 'tests/.tmp/bench-dist');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, BASE_PATH: '/', NODE_ENV: 'production' },
    },
  );
  return out;
}

/** Gzip size of the JS and CSS that index.html loads before anything else (entry + preloads). */
export function initialBundleSize(dist: string): { jsGzip: number; cssGzip: number; files: string[] } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  let jsGzip = 0;
  let cssGzip = 0;
  for (const ref of refs) {
    const size = gzipSync(readFileSync(path.join(dist, ref.replace(/^\//, '')))).length;
    if (ref.endsWith('.js')) jsGzip += size;
    else cssGzip += size;
  }
  return { jsGzip, cssGzip, files: refs };
}

// Records, inside the page, when a KPI value first appears and where it came from.
const RECORD_FIRST_KPI = `
  new MutationObserver((_, obs) => {
    const kpi = document.querySelector('[data-testid="kpi-revenue"]');
    const page = document.querySelector('[data-testid="page"]');
    if (kpi && kpi.getAttribute('data-value')) {
      window.__firstKpi = { t: performance.now(), source: page ? page.getAttribute('data-source') : '?' };
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

/** First and repeat visit of the built app in headless Chromium. */
export async function measureStartup(dist: string): Promise<{ first: VisitFigures; repeat: VisitFigures }> {
  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext();
    await context.addInitScript(RECORD_FIRST_KPI);
    const page = await context.newPage();
    const visit = async (): Promise<VisitFigures> => {
      await page.waitForSelector('[data-testid="page"][data-state="ready"]', { timeout: 120_000 });
      // A string, not a function: tsx would wrap named helpers in `__name`, unknown in the page.
      return page.evaluate<VisitFigures>(`(() => {
        const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const first = window.__firstKpi;
        return {
          firstKpiMs: first ? first.t : NaN,
          firstKpiSource: first ? first.source : '?',
          liveKpiMs: mark('tillsight:first-live-kpi'),
          duckdbReadyMs: mark('tillsight:duckdb-ready'),
          dataReadyMs: mark('tillsight:data-ready'),
        };
      })()`);
    };
    await page.goto(`${server.url}#/`);
    const first = await visit();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    const repeat = await visit();
    return { first, repeat };
  } finally {
    await browser.close();
    await server.close();
  }
}
