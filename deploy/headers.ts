/**
 * The HTTP headers Tillsight is served with, in one place. The preview server, the e2e tests'
 * server, the nginx config (deploy/nginx.conf), the static-host `_headers` file and the CSP meta
 * tag in index.html are all generated from or read this module, so they cannot drift apart.
 */

/**
 * Content-Security-Policy directives. Everything is same-origin except:
 * - 'wasm-unsafe-eval': DuckDB-WASM and the ARIMA model compile WebAssembly (no JS eval is allowed);
 * - connect-src https: (and local http) only so that "open from URL" on the Data page can read a
 *   file from another server. Drop those sources to forbid that feature on a stricter deployment.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a `<meta http-equiv>` policy may not carry (browsers ignore them there, with a warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

/** The policy as a header value; `reportUri` adds a report-uri (the tests collect violations with it). */
export function contentSecurityPolicy(options: { meta?: boolean; reportUri?: string } = {}): string {
  const entries = Object.entries(CSP_DIRECTIVES).filter(([name]) => !(options.meta && HEADER_ONLY.has(name)));
  if (options.reportUri && !options.meta) entries.push(['report-uri', [options.reportUri]]);
  return entries.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers every response carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** MIME types by extension; `.wasm` must be application/wasm for streaming compilation. Text types say UTF-8. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth gzipping (nginx's gzip_types; it always adds text/html). The wasm shrinks from 34 MB to about 9. */
export const COMPRESSIBLE_TYPES: readonly string[] = [
  'text/javascript',
  'text/css',
  'text/csv',
  'application/json',
  'application/manifest+json',
  'application/wasm',
  'image/svg+xml',
];
/** Smaller responses are sent as they are: the gzip header would outweigh the saving. */
export const GZIP_MIN_LENGTH = 1024;

/** A year, immutable: the file name carries a content hash, so a new build gets a new name. */
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
/** Always revalidate: the service worker, the page and the manifest must never be served stale. */
export const CACHE_REVALIDATE = 'no-cache';

/** Vite writes hashed files into assets/; Workbox's runtime is workbox-<hash>.js at the root. */
export function isHashedAsset(relativePath: string): boolean {
  return relativePath.startsWith('assets/') || /^workbox-[0-9a-f]{8}\.js(\.map)?$/.test(relativePath);
}

/** The Cache-Control for a file, by its path relative to the site root (no leading slash). */
export function cacheControl(relativePath: string): string {
  return isHashedAsset(relativePath) ? CACHE_HASHED : CACHE_REVALIDATE;
}
