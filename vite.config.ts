import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { arimaAliases } from './arima-aliases.ts';
import { contentSecurityPolicy } from './deploy/headers.ts';

// BASE_PATH lets the same build serve from a sub-path (GitHub Pages' /<repo>/).
const base = normaliseBase(process.env.BASE_PATH);

function normaliseBase(raw: string | undefined): string {
  if (!raw) return '/';
  const withLead = raw.startsWith('/') || raw.startsWith('.') ? raw : `/${raw}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

export default defineConfig({
  base,
  resolve: { alias: arimaAliases },
  plugins: [
    solid(),
    {
      // GitHub Pages cannot set headers: the built page carries the policy itself (dev keeps Vite's inline client).
      name: 'tillsight-csp-meta',
      apply: 'build',
      transformIndexHtml: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) },
          injectTo: 'head-prepend',
        },
      ],
    },
    VitePWA({
      // 'prompt': autoUpdate can swap code under a user's open tab and lose their work.
      registerType: 'prompt',
      injectRegister: null,
      manifest: {
        name: 'Tillsight — retail analytics in your browser',
        short_name: 'Tillsight',
        description:
          'Sales KPIs, trends, forecasts, customer segments and inventory alerts. Your data never leaves your device.',
        theme_color: '#1f4e79',
        background_color: '#f6f7f9',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The defaults leave out .wasm and .csv and cap files at 2 MiB; DuckDB's wasm is ~34 MB.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm,csv}'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
