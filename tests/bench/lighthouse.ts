/**
 * Lighthouse on the production build: performance, accessibility, best practices (and SEO, for
 * information) for the Overview and Sales Analytics, with Lighthouse's mobile and desktop
 * configurations, plus PWA installability measured over the DevTools protocol (Lighthouse 12 has no
 * PWA category any more). Figures only, never pass/fail. The issue's aim: accessibility 100,
 * best practices 100, performance ≥ 90.
 *
 *   npx tsx tests/bench/run.ts --only lighthouse     (or: npx tsx tests/bench/lighthouse.ts [dist])
 *
 * Each Lighthouse run gets a fresh Chromium profile (chrome-launcher's temporary user-data-dir), so
 * every figure is a first visit: Lighthouse itself clears neither IndexedDB nor localStorage, where
 * the app keeps its data and last views. The full HTML reports go to tests/.tmp/lighthouse-reports/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type Flags, type Result } from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../e2e/browser';
import { ROOT } from '../helpers/expected';
// deploy/static-server.ts: the same headers as production (CSP, cache headers, application/wasm).
import { serveStatic } from '../helpers/static-server';

/** The flags of the other benches (tests/e2e/browser.ts) with the new headless mode: the network here is closed. */
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** Categories whose every failing audit is listed (the aim is 100 in both). */
const LISTED = ['accessibility', 'best-practices'] as const;
const METRICS = [
  ['FCP', 'first-contentful-paint'],
  ['LCP', 'largest-contentful-paint'],
  ['TBT', 'total-blocking-time'],
  ['CLS', 'cumulative-layout-shift'],
  ['SI', 'speed-index'],
] as const;

const PAGES = [
  { name: 'Overview', hash: '#/' },
  { name: 'Analytics', hash: '#/analytics' },
] as const;
const FORM_FACTORS = ['mobile', 'desktop'] as const;

/** An audit that scored below 1 (or could not run), with what it points at. */
export interface AuditIssue {
  category: string;
  id: string;
  title: string;
  score: number | null;
  displayValue: string;
  /** Set when the audit errored (e.g. it needed the network). */
  error?: string;
  /** The first few elements, URLs or messages from the audit's details. */
  items: string[];
  itemCount: number;
}

/** One Lighthouse run: a page with one form factor. */
export interface LighthouseRun {
  page: string;
  formFactor: string;
  /** Category scores 0–100 (NaN when the category could not be scored). */
  scores: Record<string, number>;
  /** FCP, LCP, TBT, SI in ms; CLS unitless. */
  metrics: Record<string, number>;
  issues: AuditIssue[];
  /** Performance audits scoring below 0.9 that estimate savings: where the performance score goes. */
  perfHints: AuditIssue[];
  /** Audits in any category that errored. */
  errored: AuditIssue[];
  /** The longest main-thread tasks as Lighthouse reports them (simulated in mobile: CPU × 4). */
  longTasks: { count: number; top: string[] };
  warnings: string[];
  runtimeError?: string;
  benchmarkIndex: number;
  lighthouseVersion: string;
  seconds: number;
  report?: string;
}

export interface Installability {
  installable: boolean;
  errors: string[];
  manifestUrl: string;
  manifestErrors: string[];
  manifest: string;
  serviceWorker: string;
  controlledBeforeReload: boolean;
  controlledAfterReload: boolean;
  seconds: number;
  failure?: string;
}

export interface LighthouseFigures {
  chromium: string;
  runs: LighthouseRun[];
  installability: Installability;
}

/** Builds the production app into its own folder (never dist/) and returns it. */
export function buildForLighthouse(): string {
  const out = path.join(ROOT, 'tests/.tmp/dist-lighthouse');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    // NODE_ENV=production: under a test runner NODE_ENV=test would make Vite build a development bundle.
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BASE_PATH: '/', NODE_ENV: 'production' } },
  );
  return out;
}

// Lighthouse's details are a wide union; these read them as plain data.
function field(value: unknown, key: string): unknown {
  // Assertion: TypeScript cannot index a narrowed `object` by a string; every property is read as unknown.
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}
const oneLine = (s: string, max = 140) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** A short description of one row of an audit's details table. */
function describeItem(item: unknown): string {
  const node = field(item, 'node');
  const subItems = field(field(item, 'subItems'), 'items');
  const parts = [
    text(field(node, 'selector')) || text(field(node, 'nodeLabel')),
    text(field(item, 'description')),
    text(field(item, 'directive')),
    text(field(item, 'url')) || text(field(field(item, 'source'), 'url')),
    text(field(item, 'issueType')),
    text(field(item, 'label')),
    text(field(item, 'error')),
    text(field(item, 'groupLabel')),
    ...(['duration', 'total', 'scripting', 'wastedMs'] as const).map((k) => {
      const v = field(item, k);
      const label = { duration: '', total: '', scripting: 'scripting ', wastedMs: 'saves ' }[k];
      return typeof v === 'number' ? `${label}${v.toFixed(0)} ms` : '';
    }),
    ...(['totalBytes', 'wastedBytes'] as const).map((k) => {
      const v = field(item, k);
      return typeof v === 'number' ? `${k === 'wastedBytes' ? 'saves ' : ''}${(v / 1024).toFixed(0)} KiB` : '';
    }),
  ].filter((p) => p !== '');
  const sub = Array.isArray(subItems)
    ? subItems
        .slice(0, 3)
        .map((s) => text(field(s, 'source')) || text(field(s, 'url')) || text(field(s, 'description')))
        .filter(Boolean)
    : [];
  if (sub.length) parts.push(`[${sub.join('; ')}]`);
  return oneLine(parts.join(' — '), 180);
}

function toIssue(category: string, audit: Result['audits'][string]): AuditIssue {
  const rows = field(audit.details, 'items');
  const items = Array.isArray(rows) ? rows : [];
  const issue: AuditIssue = {
    category,
    id: audit.id,
    title: audit.title,
    score: audit.score,
    displayValue: audit.displayValue ?? '',
    items: items.slice(0, 4).map(describeItem).filter(Boolean),
    itemCount: items.length,
  };
  if (audit.scoreDisplayMode === 'error') issue.error = audit.errorMessage ?? 'error';
  return issue;
}

/** Scores, metrics and failing audits of one Lighthouse result. */
function readResult(lhr: Result): Omit<LighthouseRun, 'page' | 'formFactor' | 'seconds' | 'report'> {
  const scores: Record<string, number> = {};
  for (const id of CATEGORIES) {
    const score = lhr.categories[id]?.score;
    scores[id] = typeof score === 'number' ? Math.round(score * 100) : NaN;
  }
  const metrics: Record<string, number> = {};
  for (const [name, id] of METRICS) metrics[name] = lhr.audits[id]?.numericValue ?? NaN;

  const issues: AuditIssue[] = [];
  const perfHints: AuditIssue[] = [];
  const errored: AuditIssue[] = [];
  const seen = new Set<string>();
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit) continue;
      if (audit.scoreDisplayMode === 'error') {
        if (!seen.has(audit.id)) errored.push(toIssue(id, audit));
        seen.add(audit.id);
        continue;
      }
      if (audit.score === null) continue; // informative, manual or not applicable
      if ((LISTED as readonly string[]).includes(id) && audit.score < 1) issues.push(toIssue(id, audit));
      if (id === 'performance' && audit.score < 0.9 && ref.weight === 0 && audit.scoreDisplayMode !== 'informative')
        perfHints.push(toIssue(id, audit));
    }
  }
  const taskRows = field(lhr.audits['long-tasks']?.details, 'items');
  const tasks = Array.isArray(taskRows) ? taskRows : [];
  const longTasks = {
    count: tasks.length,
    top: tasks.slice(0, 4).map((t) => {
      const url = text(field(t, 'url')).replace(/^https?:\/\/[^/]+/, '');
      const ms = (k: string) => {
        const v = field(t, k);
        return typeof v === 'number' ? v.toFixed(0) : '?';
      };
      return `${ms('duration')} ms at ${ms('startTime')} ms (${url || '?'})`;
    }),
  };
  return {
    scores,
    metrics,
    issues,
    perfHints,
    errored,
    longTasks,
    warnings: lhr.runWarnings.map((w) => oneLine(w, 300)),
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : undefined,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    lighthouseVersion: lhr.lighthouseVersion,
  };
}

/** One Lighthouse run in its own Chromium (fresh profile: a first visit). */
async function runLighthouse(url: string, formFactor: 'mobile' | 'desktop'): Promise<Omit<LighthouseRun, 'page'>> {
  const started = performance.now();
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    const flags: Flags = {
      port: chrome.port,
      logLevel: 'error',
      output: 'html',
      onlyCategories: [...CATEGORIES],
      throttlingMethod: 'simulate',
    };
    // Flags override the config's settings; neither sets the form factor, so the config's stands.
    const config: Config | undefined = formFactor === 'desktop' ? desktopConfig : undefined;
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error('Lighthouse returned no result');
    const report = Array.isArray(result.report) ? result.report[0] : result.report;
    return {
      formFactor,
      ...readResult(result.lhr),
      seconds: (performance.now() - started) / 1000,
      report,
    };
  } finally {
    chrome.kill();
  }
}

/**
 * Installability as Chrome sees it: opens the app in a chrome-launcher Chromium over CDP, waits for
 * the service worker, then asks Page.getInstallabilityErrors and Page.getAppManifest; reloads and
 * checks the service worker controls the page.
 */
export async function measureInstallability(appUrl: string): Promise<Installability> {
  const started = performance.now();
  const figures: Installability = {
    installable: false,
    errors: [],
    manifestUrl: '',
    manifestErrors: [],
    manifest: '',
    serviceWorker: '',
    controlledBeforeReload: false,
    controlledAfterReload: false,
    seconds: NaN,
  };
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    try {
      const context = browser.contexts()[0] ?? (await browser.newContext());
      const page = await context.newPage();
      await page.goto(`${appUrl}#/`);
      await page.waitForSelector('[data-testid="page"][data-state="ready"]', { timeout: 120_000 });
      // Workbox precaches the whole build (DuckDB's wasm too) before the worker activates.
      figures.serviceWorker = await page.evaluate<string>(
        `Promise.race([
          navigator.serviceWorker.ready.then((r) => (r.active ? r.active.state : 'no active worker') + ', scope ' + r.scope),
          new Promise((resolve) => setTimeout(() => resolve('not ready after 90 s'), 90000)),
        ])`,
      );
      figures.controlledBeforeReload = await page.evaluate<boolean>('navigator.serviceWorker.controller !== null');
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      figures.errors = installabilityErrors.map(
        (e) =>
          e.errorId +
          (e.errorArguments.length ? ` (${e.errorArguments.map((a) => `${a.name}=${a.value}`).join(', ')})` : ''),
      );
      figures.installable = figures.errors.length === 0;
      const manifest = await cdp.send('Page.getAppManifest', {});
      figures.manifestUrl = manifest.url;
      figures.manifestErrors = manifest.errors.map((e) => `${e.critical ? 'critical' : 'warning'}: ${e.message}`);
      const data: unknown = manifest.data ? JSON.parse(manifest.data) : undefined;
      const icons = field(data, 'icons');
      figures.manifest = [
        `name "${text(field(data, 'name'))}"`,
        `short_name "${text(field(data, 'short_name'))}"`,
        `display ${text(field(data, 'display'))}`,
        `start_url ${text(field(data, 'start_url'))}`,
        `icons ${Array.isArray(icons) ? icons.map((i) => `${text(field(i, 'sizes'))}${text(field(i, 'purpose')) ? ` ${text(field(i, 'purpose'))}` : ''}`).join(', ') : 'none'}`,
      ].join(', ');
      await page.reload();
      await page.waitForSelector('[data-testid="page"]', { timeout: 60_000 });
      figures.controlledAfterReload = await page.evaluate<boolean>('navigator.serviceWorker.controller !== null');
      await page.close();
    } finally {
      // Over CDP this only disconnects; chrome-launcher ends the browser below.
      await browser.close();
    }
  } catch (err) {
    figures.failure = err instanceof Error ? err.message.split('\n')[0] : String(err);
  } finally {
    chrome.kill();
  }
  figures.seconds = (performance.now() - started) / 1000;
  return figures;
}

/**
 * Serves the build with production headers and gzip (serveStatic, as nginx serves it) and runs
 * Lighthouse on every page × form factor, then checks installability.
 */
export async function measureLighthouse(dist: string): Promise<LighthouseFigures> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run 'apt-get update && apt-get install -y chromium', or set CHROMIUM_PATH.`,
    );
  }
  const reports = path.join(ROOT, 'tests/.tmp/lighthouse-reports');
  mkdirSync(reports, { recursive: true });
  const plain = await serveStatic(dist);
  const plans = [
    ...PAGES.flatMap((p) =>
      FORM_FACTORS.map((formFactor) => ({ label: p.name, hash: p.hash, formFactor, server: plain })),
    ),
  ];
  const runs: LighthouseRun[] = [];
  try {
    for (const plan of plans) {
      try {
        const { report, ...run } = await runLighthouse(`${plan.server.url}${plan.hash}`, plan.formFactor);
        const file = `${plan.label.toLowerCase().replace(/\s+/g, '-')}-${plan.formFactor}.html`;
        if (report) writeFileSync(path.join(reports, file), report);
        runs.push({ page: plan.label, ...run });
      } catch (err) {
        // A run that fails (a protocol error, the closed network…) is reported, not fatal.
        runs.push({
          page: plan.label,
          formFactor: plan.formFactor,
          scores: {},
          metrics: {},
          issues: [],
          perfHints: [],
          errored: [],
          longTasks: { count: 0, top: [] },
          warnings: [],
          runtimeError: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err),
          benchmarkIndex: NaN,
          lighthouseVersion: '',
          seconds: NaN,
        });
      }
    }
    const installability = await measureInstallability(plain.url);
    const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { chromium: version.trim(), runs, installability };
  } finally {
    await plain.close();
  }
}

/** The figures as the bench prints them. */
export function lighthouseTable(f: LighthouseFigures): string {
  const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(0));
  const metric = (r: LighthouseRun, name: string) => {
    const v = r.metrics[name];
    return (name === 'CLS' && v !== undefined && Number.isFinite(v) ? v.toFixed(3) : num(v)).padStart(7);
  };
  const lines = [
    `${f.chromium}, Lighthouse ${f.runs.find((r) => r.lighthouseVersion)?.lighthouseVersion ?? '?'}, simulated throttling (the mobile and desktop configs' defaults); ` +
      `each run a first visit in a fresh profile; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    `${'page'.padEnd(14)} ${'form'.padEnd(7)} ${CATEGORIES.map((c) => ({ performance: 'perf', accessibility: 'a11y', 'best-practices': 'b-p', seo: 'seo' })[c].padStart(4)).join(' ')} ` +
      `${METRICS.map(([n]) => (n === 'CLS' ? n : `${n} ms`).padStart(7)).join(' ')}  run`,
  ];
  for (const r of f.runs) {
    lines.push(
      `${r.page.padEnd(14)} ${r.formFactor.padEnd(7)} ${CATEGORIES.map((c) => num(r.scores[c]).padStart(4)).join(' ')} ` +
        `${METRICS.map(([n]) => metric(r, n)).join(' ')}  ` +
        (Number.isFinite(r.seconds)
          ? `${r.seconds.toFixed(0)} s, benchmarkIndex ${num(r.benchmarkIndex)}`
          : `failed: ${r.runtimeError ?? '?'}`) +
        (Number.isFinite(r.seconds) && r.runtimeError ? `; runtime error ${r.runtimeError}` : ''),
    );
  }
  lines.push(
    `Full reports: tests/.tmp/lighthouse-reports/`,
    '',
    "long tasks on the main thread (Lighthouse's long-tasks audit; mobile simulates a 4× slower CPU):",
  );
  for (const r of f.runs) {
    if (Number.isFinite(r.seconds))
      lines.push(`  ${r.page} ${r.formFactor}: ${r.longTasks.count}; longest ${r.longTasks.top.join(', ') || '-'}`);
  }

  const i = f.installability;
  lines.push(
    '',
    `PWA installable: ${i.failure ? `not measured (${i.failure})` : i.installable ? 'yes' : `no — ${i.errors.join(', ')}`} (Page.getInstallabilityErrors, ${i.seconds.toFixed(0)} s)`,
    `  service worker: ${i.serviceWorker || 'n/a'}; controls the page before a reload: ${i.controlledBeforeReload ? 'yes' : 'no'}, after a reload: ${i.controlledAfterReload ? 'yes' : 'no'}`,
    `  manifest ${i.manifestUrl || 'n/a'}: ${i.manifest || 'n/a'}${i.manifestErrors.length ? `; ${i.manifestErrors.join('; ')}` : '; no manifest errors'}`,
  );

  // Each failing audit once, with the runs it failed in.
  const group = (pick: (r: LighthouseRun) => AuditIssue[]) => {
    const byId = new Map<string, { issue: AuditIssue; runs: string[] }>();
    for (const r of f.runs) {
      for (const issue of pick(r)) {
        const key = `${issue.category}/${issue.id}`;
        const entry = byId.get(key) ?? { issue, runs: [] };
        entry.runs.push(`${r.page} ${r.formFactor}${issue.displayValue ? `: ${issue.displayValue}` : ''}`);
        byId.set(key, entry);
      }
    }
    return [...byId.values()];
  };
  const describe = ({ issue, runs }: { issue: AuditIssue; runs: string[] }) => [
    `  ${issue.id} — ${issue.title} (score ${issue.score === null ? 'n/a' : issue.score.toFixed(2)}; ${runs.join('; ')})` +
      (issue.error ? `\n      error: ${oneLine(issue.error, 200)}` : ''),
    ...issue.items.map((it) => `      · ${it}`),
    ...(issue.itemCount > issue.items.length ? [`      · … ${issue.itemCount - issue.items.length} more`] : []),
  ];
  for (const category of LISTED) {
    const failing = group((r) => r.issues.filter((x) => x.category === category));
    lines.push('', `${category}: ${failing.length ? 'audits below 1' : 'every audit scores 1'}`);
    for (const e of failing) lines.push(...describe(e));
  }
  const hints = group((r) => r.perfHints);
  if (hints.length) {
    lines.push('', 'performance: unweighted diagnostics and opportunities below 0.9 (the score itself is the metrics)');
    for (const e of hints) lines.push(...describe(e));
  }
  const errored = group((r) => r.errored);
  lines.push('', `audits that could not run: ${errored.length ? '' : 'none'}`);
  for (const e of errored) lines.push(...describe(e));
  if (errored.some((e) => e.issue.error?.includes('frame_sequence')))
    lines.push(
      "  ('frame_sequence': Lighthouse 12.2.3 cannot read this Chromium's trace events for layout shifts and LCP " +
        'attribution; nothing to do with the closed network. The metrics themselves are computed.)',
    );
  const notes = f.runs.flatMap((r) => r.warnings.map((w) => `  ${r.page} ${r.formFactor}: ${w}`));
  if (notes.length) lines.push('', "Lighthouse's run warnings:", ...notes);
  return lines.join('\n');
}

// Run directly: npx tsx tests/bench/lighthouse.ts [an existing production build]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dist = process.argv[2] ? path.resolve(process.argv[2]) : buildForLighthouse();
  console.log(lighthouseTable(await measureLighthouse(dist)));
}
