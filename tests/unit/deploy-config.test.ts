import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedFiles, nginxConf } from '../../deploy/generate.ts';
import { cacheControl, contentSecurityPolicy, CSP_DIRECTIVES, MIME_TYPES } from '../../deploy/headers.ts';

/** Parses "a b c; d e" into { a: ['b', 'c'], d: ['e'] }. */
function parsePolicy(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('deployment config', () => {
  it('the committed nginx.conf and _headers are what deploy/headers.ts generates (run npm run deploy:config)', () => {
    for (const { file, text } of generatedFiles()) expect(readFileSync(file, 'utf8'), file).toBe(text);
  });

  it('the policy allows no inline script, no eval and no third-party script, style, image or frame', () => {
    const policy = parsePolicy(contentSecurityPolicy());
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    for (const directive of ['default-src', 'style-src', 'img-src', 'font-src', 'worker-src', 'manifest-src']) {
      expect(policy[directive], directive).toEqual(["'self'"]);
    }
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(Object.values(policy).flat()).not.toContain('*');
    // Only "open from URL" widens connect-src.
    expect(policy['connect-src']?.[0]).toBe("'self'");
  });

  it('the meta-tag policy leaves out what a meta tag cannot carry, and a report-uri goes only in the header', () => {
    const meta = parsePolicy(contentSecurityPolicy({ meta: true }));
    expect(meta['frame-ancestors']).toBeUndefined();
    expect(Object.keys(meta).length).toBe(Object.keys(CSP_DIRECTIVES).length - 1);
    expect(parsePolicy(contentSecurityPolicy({ reportUri: '/r' }))['report-uri']).toEqual(['/r']);
    expect(parsePolicy(contentSecurityPolicy({ meta: true, reportUri: '/r' }))['report-uri']).toBeUndefined();
  });

  it('caches hashed files for a year and revalidates the page, the service worker and the manifest', () => {
    expect(cacheControl('assets/index-Cg3M5TYz.js')).toContain('immutable');
    expect(cacheControl('workbox-2178cfdb.js')).toContain('immutable');
    for (const file of ['index.html', 'sw.js', 'manifest.webmanifest', 'favicon.svg', 'workbox-window.js']) {
      expect(cacheControl(file), file).toBe('no-cache');
    }
    expect(MIME_TYPES['.wasm']).toBe('application/wasm');
  });

  it('nginx gets the wasm type, the policy in every location, and the port and root asked for', () => {
    const conf = nginxConf({ root: '/srv/app', port: 9000 });
    expect(conf).toContain('listen 9000;');
    expect(conf).not.toContain('[::]');
    expect(conf).toContain('root /srv/app;');
    expect(conf).toContain('application/wasm wasm;');
    const locations = conf.split(/\n\s*location /).slice(1);
    expect(locations).toHaveLength(3);
    for (const block of locations)
      expect(block).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy()}" always;`);
    expect(nginxConf({ ipv6: true })).toContain('listen [::]:8080;');
  });
});
