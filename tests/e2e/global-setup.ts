import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build served at `/`. */
    distRoot: string;
    /** The same app built with BASE_PATH=/shop/. */
    distShop: string;
  }
}

function build(outDir: string, basePath?: string): void {
  // Vitest sets NODE_ENV=test, which would make Vite build a development bundle.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  if (basePath) env.BASE_PATH = basePath;
  else delete env.BASE_PATH;
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    },
  );
}

/**
 * Builds the app once for the root path and once for a sub-path, as a static host would serve them.
 * Each run builds into its own folder, so two runs on one machine never serve each other's half-written build.
 */
export default function setup(project: TestProject): () => void {
  const runDir = path.join(ROOT, 'tests/.tmp', `e2e-${process.pid}`);
  const distRoot = path.join(runDir, 'dist-root');
  const distShop = path.join(runDir, 'dist-shop');
  build(distRoot);
  build(distShop, '/shop/');
  project.provide('distRoot', distRoot);
  project.provide('distShop', distShop);
  return () => rmSync(runDir, { recursive: true, force: true });
}
