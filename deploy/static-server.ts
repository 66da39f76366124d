import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  cacheControl,
  COMPRESSIBLE_TYPES,
  contentSecurityPolicy,
  GZIP_MIN_LENGTH,
  MIME_TYPES,
  securityHeaders,
} from './headers.ts';

/** A running static server: its origin, the app's URL and a way to stop it (dropping open connections). */
export interface StaticServer {
  origin: string;
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** URL prefix the app is served under, with leading and trailing slashes (GitHub Pages' `/<repo>/`). */
  base?: string;
  port?: number;
  host?: string;
  /** Adds `report-uri` to the CSP and hands every violation report posted there to this callback. */
  onCspReport?: (report: unknown) => void;
  /**
   * Lets a test answer a request itself (a missing chunk after a deploy, a changed service worker).
   * Return true when the response has been sent.
   */
  intercept?: (relativePath: string, req: IncomingMessage, res: ServerResponse) => boolean;
}

const REPORT_PATH = '/__csp-report';

/**
 * Serves a production build from `dir` with the same headers as the container (deploy/nginx.conf):
 * the CSP and security headers, application/wasm, a year's cache for hashed assets and
 * revalidation for everything else, gzip as nginx does it. Used by `npm run preview` and by the e2e tests.
 */
export async function serveStatic(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const base = options.base ?? '/';
  const headers = securityHeaders();
  if (options.onCspReport) headers['Content-Security-Policy'] = contentSecurityPolicy({ reportUri: REPORT_PATH });

  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();
  /** The file gzipped at nginx's default level 1, kept until the file changes. */
  const gzipOf = (file: string, mtimeMs: number): Buffer => {
    const hit = gzipped.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.body;
    const body = gzipSync(readFileSync(file), { level: 1 });
    gzipped.set(file, { mtimeMs, body });
    return body;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === REPORT_PATH && options.onCspReport) {
      collectReport(req, res, options.onCspReport);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...headers }).end();
      return;
    }
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...headers }).end('Not under this site');
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain', ...headers }).end('Bad path');
      return;
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    if (options.intercept?.(rel, req, res)) return;
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache', ...headers }).end('Not found');
      return;
    }
    const stat = statSync(file);
    const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const lastModified = stat.mtime.toUTCString();
    const common = {
      ...headers,
      'Content-Type': type,
      'Cache-Control': cacheControl(rel),
      'Last-Modified': lastModified,
    };
    // "no-cache" means revalidate: an unchanged file is answered with 304, as nginx does.
    if (req.headers['if-modified-since'] === lastModified) {
      res.writeHead(304, common).end();
      return;
    }
    // As nginx (checked against it in tests/e2e/deploy.test.ts): Vary goes with every compressible
    // response, and a HEAD answer has the headers the GET would have.
    const compressible =
      (type.startsWith('text/html') || COMPRESSIBLE_TYPES.includes(type.split(';')[0]!)) &&
      stat.size >= GZIP_MIN_LENGTH;
    if (compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = gzipOf(file, stat.mtimeMs);
      res.writeHead(200, {
        ...common,
        'Content-Encoding': 'gzip',
        'Content-Length': body.length,
        Vary: 'Accept-Encoding',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, {
      ...common,
      'Content-Length': stat.size,
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function collectReport(req: IncomingMessage, res: ServerResponse, onReport: (report: unknown) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      onReport(JSON.parse(text));
    } catch {
      onReport(text);
    }
    res.writeHead(204).end();
  });
}
