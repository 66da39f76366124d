import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '../deploy/static-server.ts';

// `npm run preview`: serves the production build with the container's headers (CSP, caching, wasm MIME).
const dir = path.resolve(process.argv[2] ?? 'dist');
if (!existsSync(path.join(dir, 'index.html'))) {
  console.error(`No build in ${dir}: run 'npm run build' first.`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
const trimmed = (process.env.BASE_PATH ?? '').replace(/^\/+|\/+$/g, '');
const base = trimmed ? `/${trimmed}/` : '/';
const server = await serveStatic(dir, { port, host: process.env.HOST ?? '127.0.0.1', base });
console.log(`Tillsight (production build of ${path.relative(process.cwd(), dir) || '.'}) on ${server.url}`);
