import { createRoot, createSignal } from 'solid-js';
import salesUrl from '../../data/retail_sales_data.csv?url';
import productsUrl from '../../data/products.csv?url';
import type { Connector } from '../data/engine/connector';
import { browserEngine } from '../data/engine/engine';
import { buildCubes } from '../data/cube/build-cubes';
import { loadSalesCube, type SalesCube } from '../data/cube/sales-cube';
import { loadCanonicalCsv } from '../data/dataset/load-canonical';
import { datasetProfile, type DatasetProfile } from '../data/queries/profile';

/** Where the app is in bringing its data up. */
export type DatasetStatus = 'starting' | 'ready' | 'error';

/** The dataset the pages answer for. `key` changes whenever the data does. */
export interface LoadedDataset {
  db: Connector;
  /** Identifies this data for caches: the built-in files' hashed URLs. */
  key: string;
  name: string;
  profile: DatasetProfile;
  engineVersion: string;
  /** Milliseconds: DuckDB start, and the load of the files into tables. */
  timings: { engineMs: number; loadMs: number };
  /** The Sales Analytics cube, built on first request (the Overview does not wait for it). */
  cube(): Promise<SalesCube>;
}

/**
 * Which canonical files to open: the built-in sample, or `?dataset=FILE.csv` (and optionally
 * `&products=FILE.csv`) in the page address, for files in canonical form served from the
 * same origin as the app (benchmarks open their 100k and 1M-row files this way).
 */
function sources(): { sales: string; products: string; name: string } {
  const query = new URLSearchParams(location.search);
  const sales = sameOrigin(query.get('dataset'));
  if (!sales) return { sales: salesUrl, products: productsUrl, name: 'Built-in sample (retail_sales_data.csv)' };
  return { sales, products: sameOrigin(query.get('products')) ?? '', name: sales.split('/').pop() ?? sales };
}

function sameOrigin(raw: string | null): string | undefined {
  if (!raw) return undefined;
  const url = new URL(raw, location.href);
  return url.origin === location.origin ? url.href : undefined;
}

const SOURCES = sources();
const BUILTIN_KEY = `dataset:${SOURCES.sales}|${SOURCES.products}`;

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new Error(`Could not read the ${what} (${url}): you may be offline before the app was installed.`, {
      cause: err,
    });
  }
  if (!res.ok) throw new Error(`Could not read the ${what} (${url}): HTTP ${res.status}.`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Runs `make` once, on first call; a failure is not kept, so the next call tries again. */
function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

async function loadBuiltin(): Promise<LoadedDataset> {
  const [{ connector, info }, sales, products] = await Promise.all([
    browserEngine(),
    fetchBytes(SOURCES.sales, 'sales file'),
    SOURCES.products ? fetchBytes(SOURCES.products, 'products file') : Promise.resolve(undefined),
  ]);
  performance.mark('tillsight:duckdb-ready', { detail: info });
  const t0 = performance.now();
  await loadCanonicalCsv(connector, sales, products);
  const profile = await datasetProfile(connector);
  const loadMs = performance.now() - t0;
  performance.mark('tillsight:data-ready');
  return {
    db: connector,
    key: BUILTIN_KEY,
    name: SOURCES.name,
    profile,
    engineVersion: info.version,
    timings: { engineMs: info.startMs, loadMs },
    cube: memo(async () => {
      await buildCubes(connector);
      return loadSalesCube(connector);
    }),
  };
}

function createDatasetStore() {
  const [status, setStatus] = createSignal<DatasetStatus>('starting');
  const [dataset, setDataset] = createSignal<LoadedDataset>();
  const [error, setError] = createSignal<Error>();

  let loading: Promise<void> | undefined;

  /** Starts the engine and loads the built-in data; again after a failure, never twice at once. */
  function start(): void {
    if (loading) return;
    setStatus('starting');
    setError(undefined);
    loading = loadBuiltin().then(
      (d) => {
        setDataset(d);
        setStatus('ready');
      },
      (err: unknown) => {
        console.warn('Tillsight: the data engine did not start', err);
        setError(err instanceof Error ? err : new Error(String(err)));
        setStatus('error');
        loading = undefined;
      },
    );
  }

  return { status, dataset, error, start, builtinKey: BUILTIN_KEY };
}

/** The app-wide dataset store (one per page load). */
export const datasetStore = createRoot(createDatasetStore);
