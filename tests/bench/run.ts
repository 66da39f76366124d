/**
 * Benchmarks: figures, never pass/fail. `npm run bench` prints
 *  1. the built app in headless Chromium on the built-in data: time to first KPI (first and
 *     repeat visit), DuckDB ready, data loaded, and the initial JS size (gzip);
 *  2. ingest and Overview query latency in DuckDB-WASM (Node, one thread) at 5k / 100k / 1M rows;
 *  3. Sales Analytics in Chromium at each size: time from a filter change to every chart redrawn
 *     (median and p95 over 20 changes);
 *  4. importing a CSV through the Data page in Chromium: file chosen → mapped → loaded →
 *     Overview live, with peak memory and the tab's long tasks;
 *  5. the Python peer (shared/bench/peer) on the same files, and the ratio ours / peer;
 *  6. the SQL console and API page in Chromium at each size (`sql`): console queries through
 *     `#/sql?q=` (median of 5, with the main thread's long tasks), cancelling a heavy query, every
 *     DuckDB and cube call of `#/api` from its card, and the Overview calls against the peer.
 * Options: --rows 5000,100000,1000000   --skip-browser   --skip-peer
 *          --only startup,queries,analytics,import,customers,forecast,products,lighthouse,sql,peer   (run just those sections)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/expected';
import { measureFilterChanges } from './analytics-filters';
import { measureImport } from './browser-import';
import { measureCustomers } from './customers-page';
import { forecastTable, measureForecast } from './forecast-page';
import { buildForLighthouse, lighthouseTable, measureLighthouse } from './lighthouse';
import { measureProducts } from './products-page';
import { buildApp, initialBundleSize, measureStartup } from './browser-startup';
import { measureQueries, type QueryFigures } from './node-queries';
import { peerAvailable, runPeer, type PeerSteps } from './peer';
import { measureSql, peerAggregationsMs, sqlTables, type PeerComparison } from './sql-console';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const rowsArg = args[args.indexOf('--rows') + 1];
const ROWS = (args.includes('--rows') && rowsArg ? rowsArg : '5000,100000,1000000').split(',').map(Number);

const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? onlyArg.split(',') : undefined;
const want = (section: string) => !only || only.includes(section);

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a');
const kb = (v: number) => `${(v / 1024).toFixed(1)} KiB`;

function dataFile(rows: number): { sales: string; products: string } {
  if (rows === 5000)
    return { sales: path.join(ROOT, 'data/retail_sales_data.csv'), products: path.join(ROOT, 'data/products.csv') };
  const sales = path.join(ROOT, `tests/.tmp/bench-data/sales-${rows}.csv`);
  const products = sales.replace(/\.csv$/, '.products.csv');
  if (!existsSync(sales) || !existsSync(products)) {
    console.log(`generating ${rows.toLocaleString('en')} rows → ${path.relative(ROOT, sales)}`);
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        'data/generate.ts',
        '--rows',
        String(rows),
        '--out',
        sales,
        '--products-out',
        products,
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  return { sales, products };
}

// The peer's results by file, so a section that needs them reuses another's run in the same invocation.
const peerRuns = new Map<string, PeerSteps>();
function peerOn(salesFile: string): PeerSteps {
  let steps = peerRuns.get(salesFile);
  if (!steps) peerRuns.set(salesFile, (steps = runPeer(salesFile)));
  return steps;
}

console.log(
  `Tillsight benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);

let dist: string | undefined;
const analytics = new Map<number, number>();
if (
  !flag('--skip-browser') &&
  (want('startup') ||
    want('analytics') ||
    want('import') ||
    want('customers') ||
    want('forecast') ||
    want('products') ||
    want('sql'))
)
  dist = buildApp();
if (dist && want('startup')) {
  console.log('\n## Start-up in headless Chromium (built-in data, 5,000 lines)');
  const size = initialBundleSize(dist);
  console.log(
    `initial JS: ${kb(size.jsGzip)} gzip, CSS: ${kb(size.cssGzip)} gzip (${size.files.join(', ')}); DuckDB's JS, worker and wasm load after the first paint`,
  );
  const { first, repeat } = await measureStartup(dist);
  for (const [name, v] of [
    ['first visit ', first],
    ['repeat visit', repeat],
  ] as const) {
    console.log(
      `${name}: first KPI on screen ${ms(v.firstKpiMs)} (${v.firstKpiSource}), DuckDB ready ${ms(v.duckdbReadyMs)}, ` +
        `data loaded ${ms(v.dataReadyMs)}, live KPIs ${ms(v.liveKpiMs)}`,
    );
  }
}

const ours: QueryFigures[] = [];
if (want('queries') || want('peer'))
  console.log('\n## Ingest and Overview queries, DuckDB-WASM in Node (blocking build, one thread)');
for (const rows of want('queries') || want('peer') ? ROWS : []) {
  const files = dataFile(rows);
  const f = await measureQueries(files.sales, files.products);
  ours.push(f);
  console.log(
    `${f.rows.toLocaleString('en').padStart(9)} rows: ingest ${ms(f.ingestMs)}, Overview (6 queries) all data ${ms(f.overviewAllMs)}, filtered ${ms(f.overviewFilteredMs)}`,
  );
}

if (dist) {
  if (want('analytics'))
    console.log('\n## Sales Analytics in headless Chromium: filter change → all views redrawn (20 changes)');
  for (const rows of want('analytics') ? ROWS : []) {
    const files = dataFile(rows);
    const f = await measureFilterChanges(dist, files.sales, files.products);
    analytics.set(rows, f.queriesMedianMs);
    console.log(
      `${rows.toLocaleString('en').padStart(9)} rows: median ${ms(f.medianMs)} (queries ${ms(f.queriesMedianMs)}, DOM and charts updated ${ms(f.renderedMedianMs)}), p95 ${ms(f.p95Ms)}; page ready in ${ms(f.loadMs)} (DuckDB, load, cubes)`,
    );
  }

  if (want('import'))
    console.log(
      '\n## Import through the Data page in headless Chromium: file chosen → mapped → loaded → Overview live',
    );
  for (const rows of want('import') ? ROWS : []) {
    const f = await measureImport(dist, dataFile(rows).sales);
    console.log(
      `${rows.toLocaleString('en').padStart(9)} rows (${f.fileMb.toFixed(1)} MB): mapping shown ${ms(f.mappedMs)}, loaded ${ms(f.loadedMs)}, ` +
        `dashboard ready ${ms(f.dashboardMs)}; peak Chromium memory ${f.peakRssMb.toFixed(0)} MiB; ` +
        `long tasks on the page: ${f.longTasks.count} (longest ${ms(f.longTasks.maxMs)}, total ${ms(f.longTasks.totalMs)})\n` +
        `           steps: ${Object.entries(f.steps)
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', ')}`,
    );
  }
}

if (dist && want('customers')) {
  console.log('\n## Customers page in headless Chromium: RFM and cohort SQL, then the analysis in its worker');
  for (const rows of ROWS) {
    const files = dataFile(rows);
    const f = await measureCustomers(dist, files.sales, files.products);
    console.log(
      `${rows.toLocaleString('en').padStart(9)} rows, ${f.customers.toLocaleString('en')} customers: SQL ${ms(f.queriesMs)}, worker analysis ${ms(f.analysisMs)} ` +
        `(${Object.entries(f.steps)
          .map(([k, v]) => `${k} ${ms(v)}`)
          .join(', ')}); long tasks on the page meanwhile: ${f.longTasks.count}, longest ${ms(f.longTasks.maxMs)}`,
    );
  }
}

if (dist && want('products')) {
  console.log('\n## Products page in headless Chromium: product figures, then scrolling the whole product table');
  const runs: { label: string; sales: string; products: string }[] = [
    {
      label: 'built-in data (60 products)',
      sales: path.join(ROOT, 'data/retail_sales_data.csv'),
      products: path.join(ROOT, 'data/products.csv'),
    },
  ];
  const big = path.join(ROOT, 'tests/.tmp/bench-data/sales-1000000-p10000.csv');
  if (!existsSync(big)) {
    console.log(`generating 1,000,000 rows with 10,000 products → ${path.relative(ROOT, big)}`);
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        'data/generate.ts',
        '--rows',
        '1000000',
        '--products',
        '10000',
        '--out',
        big,
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  runs.push({ label: '1,000,000 rows, 10,000 products', sales: big, products: big.replace(/\.csv$/, '.products.csv') });
  for (const r of runs) {
    const f = await measureProducts(dist, r.sales, r.products);
    console.log(
      `${r.label}: ${f.products.toLocaleString('en')} products; queries ${ms(f.queriesMs)}, inventory + ABC/XYZ ${ms(f.computeMs)}, table on screen ${ms(f.tableMs)}; ` +
        `long tasks meanwhile ${f.loadLongTasks.count} (longest ${ms(f.loadLongTasks.maxMs)})\n` +
        `           scrolling 3 rows a frame: ${f.gentle.fps.toFixed(0)} frames/s, ${f.gentle.longTasks} long tasks (longest ${ms(f.gentle.maxMs)}); ` +
        `top to bottom in 120 frames: ${f.scroll.fps.toFixed(0)} frames/s, ${f.scroll.longTasks} long tasks (longest ${ms(f.scroll.maxMs)})`,
    );
  }
}

if (dist && want('forecast')) {
  console.log(
    '\n## Forecasting page in headless Chromium, built-in data: the whole tournament (6 models × 3 backtests + final fits, in two workers)',
  );
  for (const grain of ['day', 'week'] as const) {
    for (const horizon of [28, 90]) console.log(forecastTable(await measureForecast(dist, grain, horizon)));
  }
  if (!flag('--skip-peer') && peerAvailable()) {
    const steps = peerOn(path.join(ROOT, 'data/retail_sales_data.csv'));
    console.log(
      `peer (statsmodels/scikit-learn: seasonal naive, RF, Holt-Winters, SARIMAX; 3 origins × 28 days, no final fits): ${steps.forecast_all_folds?.toFixed(2)} s`,
    );
  }
}

if (!flag('--skip-browser') && want('lighthouse')) {
  console.log(
    '\n## Lighthouse on the production build (Overview and Sales Analytics, mobile and desktop) and PWA installability',
  );
  // Reuses the benches' build when another browser section made one, else builds into tests/.tmp/dist-lighthouse.
  console.log(lighthouseTable(await measureLighthouse(dist ?? buildForLighthouse())));
}

if (dist && want('sql')) {
  console.log(
    "\n## SQL console and API page in headless Chromium: console queries, cancelling, the API page's calls (engine warm)",
  );
  for (const rows of ROWS) {
    try {
      const files = dataFile(rows);
      const f = await measureSql(dist, files.sales, files.products);
      let peer: PeerComparison;
      if (flag('--skip-peer')) peer = { reason: 'not given (--skip-peer)' };
      else if (!peerAvailable())
        peer = {
          reason: 'not given: the peer needs ../shared/bench/peer/peer.py and Debian pandas/sklearn/statsmodels',
        };
      else {
        try {
          peer = { aggMs: peerAggregationsMs(peerOn(files.sales)) };
        } catch (err) {
          peer = {
            reason: `not given: the peer failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
          };
        }
      }
      console.log(`\n${sqlTables(rows, f, peer)}`);
    } catch (err) {
      console.log(
        `\n### ${rows.toLocaleString('en')} rows — the SQL section failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      );
    }
  }
}

if (!flag('--skip-peer') && want('peer')) {
  console.log('\n## Python peer (pandas) on the same files — ratio = ours / peer (below 1: we are faster)');
  if (!peerAvailable()) {
    console.log(
      'peer not run: needs ../shared/bench/peer/peer.py and `apt-get install -y python3-pandas python3-sklearn python3-statsmodels`',
    );
  } else {
    for (const [i, rows] of ROWS.entries()) {
      const steps: PeerSteps = peerOn(dataFile(rows).sales);
      const o = ours[i];
      if (!o) continue;
      const peerLoad = (steps.load_csv ?? NaN) * 1000;
      const peerAgg =
        ((steps.agg_monthly_by_category ?? NaN) +
          (steps.agg_revenue_by_region ?? NaN) +
          (steps.agg_top_products ?? NaN)) *
        1000;
      console.log(
        `${rows.toLocaleString('en').padStart(9)} rows: load ours ${ms(o.ingestMs)} / peer ${ms(peerLoad)} = ${(o.ingestMs / peerLoad).toFixed(2)}; ` +
          `aggregations ours ${ms(o.overviewAllMs)} (6 queries) / peer ${ms(peerAgg)} (3) = ${(o.overviewAllMs / peerAgg).toFixed(2)}`,
      );
      const cube = analytics.get(rows);
      if (cube !== undefined) {
        console.log(
          `${''.padStart(9)}       re-slicing: Sales Analytics' 9 views from the cube ${ms(cube)} / peer's 3 aggregations ${ms(peerAgg)} = ${(cube / peerAgg).toFixed(2)}`,
        );
      }
    }
  }
}
