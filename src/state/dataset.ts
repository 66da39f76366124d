import { createRoot, createSignal } from 'solid-js';
import salesUrl from '../../data/retail_sales_data.csv?url';
import productsUrl from '../../data/products.csv?url';
import type { Connector } from '../data/engine/connector';
import { browserEngine } from '../data/engine/engine';
import { buildCubes } from '../data/cube/build-cubes';
import { loadSalesCube, type SalesCube } from '../data/cube/sales-cube';
import { loadCanonicalCsv } from '../data/dataset/load-canonical';
import { datasetProfile, type DatasetProfile } from '../data/queries/profile';
import type { FileOptions } from '../data/import/options';
import type { FileResult } from '../data/import/transform';
import { readManifest, whileReadingSaved, type Manifest } from '../data/storage/saved-dataset';

/** Where the app is in bringing its data up. */
export type DatasetStatus = 'starting' | 'ready' | 'error';

/** Where the loaded data came from. */
export type DatasetOrigin = 'demo' | 'import';

/** The dataset the pages answer for. `key` changes whenever the data does. */
export interface LoadedDataset {
  db: Connector;
  /** Identifies this data for caches: the built-in files' hashed URLs, or an import's hashes and mapping. */
  key: string;
  name: string;
  origin: DatasetOrigin;
  profile: DatasetProfile;
  engineVersion: string;
  /** Milliseconds: DuckDB start, and the load of the files into tables. */
  timings: { engineMs: number; loadMs: number };
  /** For an import: what each file contributed (rows loaded, rejected, returns, cancelled). */
  files?: FileResult[];
  /** For an import: how each file was mapped (to name source columns in the rejects list). */
  options?: FileOptions[];
  /** The Sales Analytics cube, built on first request (the Overview does not wait for it). */
  cube(): Promise<SalesCube>;
}

/**
 * Which canonical files to open: the built-in sample, or `?dataset=FILE.csv` (and optionally
 * `&products=FILE.csv`) in the page address, for files in canonical form served from the
 * same origin as the app (benchmarks open their 100k and 1M-row files this way).
 */
function sources(): { sales: string; products: string; name: string; fromQuery: boolean } {
  const query = new URLSearchParams(location.search);
  const sales = sameOrigin(query.get('dataset'));
  if (!sales)
    return {
      sales: salesUrl,
      products: productsUrl,
      name: 'Built-in sample (retail_sales_data.csv)',
      fromQuery: false,
    };
  return {
    sales,
    products: sameOrigin(query.get('products')) ?? '',
    name: sales.split('/').pop() ?? sales,
    fromQuery: true,
  };
}

function sameOrigin(raw: string | null): string | undefined {
  if (!raw) return undefined;
  const url = new URL(raw, location.href);
  return url.origin === location.origin ? url.href : undefined;
}

const SOURCES = sources();
const BUILTIN_KEY = `dataset:${SOURCES.sales}|${SOURCES.products}`;
const LAST_KEY = 'tillsight:last-dataset-key';

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

/** Wraps tables that were just loaded as the app's dataset (profile now, cube on demand). */
export async function describeLoaded(
  db: Connector,
  base: {
    key: string;
    name: string;
    origin: DatasetOrigin;
    engineVersion: string;
    engineMs: number;
    loadStart: number;
    files?: FileResult[];
    options?: FileOptions[];
  },
): Promise<LoadedDataset> {
  const profile = await datasetProfile(db);
  const loadMs = performance.now() - base.loadStart;
  performance.mark('tillsight:data-ready');
  return {
    db,
    key: base.key,
    name: base.name,
    origin: base.origin,
    profile,
    engineVersion: base.engineVersion,
    timings: { engineMs: base.engineMs, loadMs },
    files: base.files,
    options: base.options,
    cube: memo(async () => {
      await buildCubes(db);
      return loadSalesCube(db);
    }),
  };
}

async function loadBuiltin(): Promise<LoadedDataset> {
  const [{ connector, info }, sales, products] = await Promise.all([
    browserEngine(),
    fetchBytes(SOURCES.sales, 'sales file'),
    SOURCES.products ? fetchBytes(SOURCES.products, 'products file') : Promise.resolve(undefined),
  ]);
  performance.mark('tillsight:duckdb-ready', { detail: info });
  const loadStart = performance.now();
  await loadCanonicalCsv(connector, sales, products);
  return describeLoaded(connector, {
    key: BUILTIN_KEY,
    name: SOURCES.name,
    origin: 'demo',
    engineVersion: info.version,
    engineMs: info.startMs,
    loadStart,
  });
}

/** The saved import when one is active (and the address does not ask for other data). */
async function activeManifest(): Promise<Manifest | undefined> {
  if (SOURCES.fromQuery) return undefined;
  try {
    const manifest = await readManifest();
    return manifest?.active === 'import' && manifest.files.length > 0 ? manifest : undefined;
  } catch {
    return undefined; // storage unavailable (private mode): the demo data opens
  }
}

function rememberKey(key: string): void {
  try {
    localStorage.setItem(LAST_KEY, key);
  } catch {
    // storage unavailable: only the cached first view is lost
  }
}

function createDatasetStore() {
  const [status, setStatus] = createSignal<DatasetStatus>('starting');
  const [dataset, setDataset] = createSignal<LoadedDataset>();
  const [error, setError] = createSignal<Error>();
  /** Something the user should know about the data that opened (e.g. saved data that could not be restored). */
  const [notice, setNotice] = createSignal<string>();
  /** Set when another tab changed the saved data. */
  const [changedElsewhere, setChangedElsewhere] = createSignal(false);

  let loading: Promise<void> | undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tillsight-data') : undefined;
  channel?.addEventListener('message', () => setChangedElsewhere(true));

  async function load(): Promise<LoadedDataset> {
    const manifest = await activeManifest();
    if (!manifest) return loadBuiltin();
    try {
      // The import pipeline is loaded only when there is saved data to rebuild: a demo visit never needs it.
      const { restoreSaved } = await import('./restore');
      return await whileReadingSaved(() => restoreSaved(manifest));
    } catch (err) {
      console.warn('Tillsight: the saved data could not be restored', err);
      setNotice(
        `Your saved data could not be restored (${err instanceof Error ? err.message : String(err)}), so the demo data is open. Your saved files are kept: remove them or import again on the Data page.`,
      );
      return loadBuiltin();
    }
  }

  /** Starts the engine and loads the saved import or the built-in data; again after a failure, never twice at once. */
  function start(): void {
    if (loading) return;
    setStatus('starting');
    setError(undefined);
    loading = load().then(
      (d) => {
        use(d);
      },
      (err: unknown) => {
        console.warn('Tillsight: the data engine did not start', err);
        setError(err instanceof Error ? err : new Error(String(err)));
        setStatus('error');
        loading = undefined;
      },
    );
  }

  /** Makes freshly loaded data the app's dataset. */
  function use(d: LoadedDataset): void {
    setDataset(d);
    setStatus('ready');
    rememberKey(d.key);
  }

  /** Reloads the built-in demo data into the tables (the saved import is left as it is). */
  async function useDemo(): Promise<void> {
    use(await loadBuiltin());
  }

  /** Tells other tabs that the saved data changed. */
  function announce(): void {
    channel?.postMessage('changed');
  }

  /** The key the data about to open will most likely have: for showing the last visit's view at once. */
  function expectedKey(): string {
    if (SOURCES.fromQuery) return BUILTIN_KEY;
    try {
      return localStorage.getItem(LAST_KEY) ?? BUILTIN_KEY;
    } catch {
      return BUILTIN_KEY;
    }
  }

  return {
    status,
    dataset,
    error,
    notice,
    setNotice,
    changedElsewhere,
    start,
    use,
    useDemo,
    announce,
    expectedKey,
    builtinKey: BUILTIN_KEY,
  };
}

/** The app-wide dataset store (one per page load). */
export const datasetStore = createRoot(createDatasetStore);
