import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { nginxConf } from '../../deploy/generate.ts';
import { securityHeaders } from '../../deploy/headers.ts';
import { serveStatic } from '../helpers/static-server';
import { kpiValue, launch, openPage, waitForPage } from './browser';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

let browser: Browser;
let dist: string;
beforeAll(async () => {
  browser = await launch();
  dist = inject('distRoot');
});
afterAll(async () => {
  await browser?.close();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Runs the container's nginx config (deploy/nginx.conf, as generated) against the built app. */
async function startNginx(root: string): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!existsSync(NGINX)) {
    throw new Error(`No nginx at ${NGINX}: run 'apt-get install -y nginx-light' (as .ci/run does), or set NGINX_PATH.`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tillsight-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  writeFileSync(path.join(dir, 'site.conf'), nginxConf({ root, port, ipv6: false }));
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      await fetch(url);
      break;
    } catch {
      if (i > 200 || child.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One file of each kind a deploy serves: the page, the service worker, hashed code and the wasm. */
function samplePaths(root: string): string[] {
  const assets = readdirSync(path.join(root, 'assets'));
  const pick = (re: RegExp) => {
    const name = assets.find((f) => re.test(f));
    if (!name) throw new Error(`no ${re} in the build`);
    return `assets/${name}`;
  };
  const workbox = readdirSync(root).find((f) => /^workbox-[0-9a-f]{8}\.js$/.test(f));
  return [
    '',
    'index.html',
    'sw.js',
    'manifest.webmanifest',
    'favicon.svg',
    pick(/^index-.*\.js$/),
    pick(/^index-.*\.css$/),
    pick(/\.wasm$/),
    ...(workbox ? [workbox] : []),
  ];
}

const HEADERS = [
  'content-type',
  'cache-control',
  'content-encoding',
  'vary',
  'content-security-policy',
  ...Object.keys(securityHeaders()).map((h) => h.toLowerCase()),
];

type Probe = 'GET gzip' | 'GET identity' | 'HEAD';

/** The headers a deploy is judged by, for a GET that accepts gzip, a GET that does not, and a HEAD. */
async function headersOf(url: string, probe: Probe): Promise<Record<string, string>> {
  const res = await fetch(url, {
    method: probe === 'HEAD' ? 'HEAD' : 'GET',
    headers: { 'accept-encoding': probe === 'GET identity' ? 'identity' : 'gzip' },
  });
  await res.arrayBuffer();
  expect(res.status, `${probe} ${url}`).toBe(200);
  const out: Record<string, string> = {};
  for (const h of HEADERS) out[h] = res.headers.get(h) ?? '';
  out['last-modified'] = res.headers.get('last-modified') ? 'present' : 'missing';
  return out;
}

describe('deployment', () => {
  it('the container config (real nginx) sends the same types and headers as the preview server, and the app runs under it', async () => {
    const preview = await serveStatic(dist);
    const nginx = await startNginx(dist);
    try {
      for (const rel of samplePaths(dist)) {
        for (const probe of ['GET gzip', 'GET identity', 'HEAD'] as const) {
          const fromPreview = await headersOf(preview.url + rel, probe);
          const fromNginx = await headersOf(nginx.url + rel, probe);
          expect(fromNginx, `${probe} ${rel}`).toEqual(fromPreview);
        }
      }
      // Revalidation of a no-cache file is a cheap 304 from both.
      for (const origin of [preview.url, nginx.url]) {
        const first = await fetch(`${origin}index.html`);
        await first.arrayBuffer();
        const again = await fetch(`${origin}index.html`, {
          headers: { 'if-modified-since': first.headers.get('last-modified') ?? '' },
        });
        expect(again.status, origin).toBe(304);
      }
      // Spot checks against the values a deploy needs, independent of the shared module.
      const wasm = samplePaths(dist).find((p) => p.endsWith('.wasm'))!;
      const wasmHeaders = await headersOf(nginx.url + wasm, 'GET gzip');
      expect(wasmHeaders['content-type']).toBe('application/wasm');
      expect(wasmHeaders['content-encoding']).toBe('gzip');
      expect(wasmHeaders['cache-control']).toContain('immutable');
      expect((await headersOf(nginx.url + 'sw.js', 'GET gzip'))['cache-control']).toBe('no-cache');
      expect((await headersOf(nginx.url + 'index.html', 'GET gzip'))['content-security-policy']).toContain(
        "frame-ancestors 'none'",
      );

      const context = await browser.newContext();
      const { page, errors } = await openPage(context);
      await page.goto(`${nginx.url}#/`);
      await waitForPage(page, 'ready', 90_000);
      expect(await kpiValue(page, 'revenue')).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await nginx.stop();
      await preview.close();
    }
  });

  /** Serves the build with the Forecasting chunk missing: for the first request only, or always. */
  async function withMissingChunk(mode: 'once' | 'always') {
    let refused = 0;
    const server = await serveStatic(dist, {
      intercept: (rel, _req, res) => {
        if (!/^assets\/Forecasting-[\w-]+\.js$/.test(rel) || (mode === 'once' && refused > 0)) return false;
        refused++;
        res.writeHead(404, { 'Content-Type': 'text/plain', ...securityHeaders() }).end('Not found');
        return true;
      },
    });
    // No service worker: it would serve the old chunk from its cache, which is the other, happy path.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const { page, errors } = await openPage(context);
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    await page.click('nav a[href^="#/forecasting"]');
    return { page, errors, server, context, loads: () => loads, refused: () => refused };
  }

  it('recovers from a lazily loaded chunk that vanished after a deploy with one reload', async () => {
    const { page, errors, server, context, loads, refused } = await withMissingChunk('once');
    await page.waitForSelector('[data-testid="page"][data-state="ready"] h1:text("Forecasting")', { timeout: 60_000 });
    expect(page.url()).toContain('#/forecasting');
    expect(loads()).toBe(2);
    expect(refused()).toBe(1);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await context.close();
    await server.close();
  });

  it('shows a clear message, not a blank page or a reload loop, when the chunk stays missing', async () => {
    const { page, server, context, loads } = await withMissingChunk('always');
    const failure = page.locator('[data-testid="load-failure"]');
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.getAttribute('data-kind')).toBe('chunk');
    expect(await failure.textContent()).toContain('could not be downloaded');
    await page.waitForTimeout(2000);
    expect(loads()).toBe(2);
    // The rest of the app still works: another section opens from the nav.
    await page.click('nav a[href^="#/customers"]');
    await waitForPage(page, 'ready', 60_000);
    expect(await failure.count()).toBe(0);
    await context.close();
    await server.close();
  });

  it('offers "Reload to update" when a new version is deployed, and reloads into it', async () => {
    let deployed = false;
    let newWorkerServed = false;
    const server = await serveStatic(dist, {
      intercept: (rel, _req, res) => {
        if (rel !== 'sw.js' || !deployed) return false;
        // A deploy changes sw.js (its precache list); one changed byte is enough for the browser.
        const body = `${readFileSync(path.join(dist, 'sw.js'), 'utf8')}\n// deployed again\n`;
        res
          .writeHead(200, {
            ...securityHeaders(),
            'Content-Type': 'text/javascript; charset=utf-8',
            'Cache-Control': 'no-cache',
          })
          .end(body);
        newWorkerServed = true;
        return true;
      },
    });
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // A returning user: the installed version controls the page.
    await page.reload();
    await waitForPage(page);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    expect(await updateButtonCount(page)).toBe(0);

    deployed = true;
    // The app checks for a new version when the tab comes back into view (and hourly).
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const button = page.getByRole('button', { name: 'Reload to update' });
    await button.waitFor({ timeout: 60_000 });
    expect(newWorkerServed).toBe(true);

    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await button.click();
    await reloaded;
    await waitForPage(page);
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return {
        waiting: reg?.waiting !== null && reg?.waiting !== undefined,
        controlled: !!navigator.serviceWorker.controller,
      };
    });
    expect(state).toEqual({ waiting: false, controlled: true });
    expect(await updateButtonCount(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
    await server.close();
  });

  it('also updates a page that no service worker controlled yet (a deploy during the first visit)', async () => {
    let deployed = false;
    const server = await serveStatic(dist, {
      intercept: (rel, _req, res) => {
        if (rel !== 'sw.js' || !deployed) return false;
        const body = `${readFileSync(path.join(dist, 'sw.js'), 'utf8')}\n// deployed again\n`;
        res
          .writeHead(200, { ...securityHeaders(), 'Content-Type': 'text/javascript', 'Cache-Control': 'no-cache' })
          .end(body);
        return true;
      },
    });
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}#/`);
    await waitForPage(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(false);
    deployed = true;
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const button = page.getByRole('button', { name: 'Reload to update' });
    await button.waitFor({ timeout: 60_000 });
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await button.click();
    await reloaded;
    await waitForPage(page);
    expect(await updateButtonCount(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
    await server.close();
  });
});

function updateButtonCount(page: Page): Promise<number> {
  return page.getByRole('button', { name: 'Reload to update' }).count();
}
