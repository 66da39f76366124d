import { batch, createRoot, createSignal } from 'solid-js';
import { browserEngine } from '../data/engine/engine';
import { ImportError, throwIfCancelled } from '../data/import/errors';
import { MAX_IMPORT_BYTES, sizeText } from '../data/import/read-bytes';
import { parquetUrlInWorker, prepareInWorker } from '../data/import/import-worker';
import type { PreparedWithHash } from '../data/import/worker-api';
import type { Mapping } from '../data/import/mapping';
import { completeOptions, proposeOptions, type FileOptions } from '../data/import/options';
import { runImport } from '../data/import/pipeline';
import { dropStaged, stageFile, type ImportRole, type StagedFile } from '../data/import/stage';
import type { DateOrder } from '../data/import/value-shapes';
import { requestPersistence, saveImport } from '../data/storage/saved-dataset';
import { datasetStore, describeLoaded } from './dataset';
import { importKey } from './restore';

/** Where an import is: choosing files, reading, mapping, loading, done. */
export type ImportPhase = 'idle' | 'reading' | 'mapping' | 'loading' | 'done';

/** A chosen file: the Blob is kept (not its bytes) so saving can read it again. */
interface Chosen {
  role: ImportRole;
  name: string;
  /** The file's bytes to save; absent for Parquet over HTTP until its columns are read. */
  blob?: Blob;
  /** A Parquet file read over HTTP: only a preview is staged until the mapping is confirmed. */
  url?: string;
  totalRows?: number;
  sha256: string;
  staged: StagedFile;
  options: FileOptions;
}

/** Addresses read as Parquet (with range requests) rather than downloaded whole. */
const PARQUET_URL = /\.(parquet|pq)(\?.*)?$/i;
/** Rows of a Parquet URL read for the mapping step (whole row groups, so perhaps a few more). */
const PREVIEW_ROWS = 5000;

/** The result the Data page shows after a load. */
export interface ImportOutcome {
  loaded: number;
  rejected: number;
  returns: number;
  cancelled: number;
  revenue: number;
  seconds: number;
  saved: 'saving' | 'saved' | 'not-saved';
  /** The products file's rows, when there was one. */
  products?: { loaded: number; rejected: number };
  saveMessage?: string;
  persisted: boolean;
}

/** Fetches a CSV or Parquet file from a URL (the server must allow this site to read it: CORS). */
async function fetchUrl(
  url: string,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<{ name: string; blob: Blob }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImportError('network', url, `"${url}" is not a web address. It should start with https://`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ImportError('network', url, `Only http and https addresses can be opened (not ${parsed.protocol}).`);
  }
  const name = decodeURIComponent(parsed.pathname.split('/').pop() || parsed.hostname);
  let res: Response;
  try {
    res = await fetch(parsed, { signal });
  } catch (err) {
    if (signal.aborted) throwIfCancelled(signal, name);
    throw new ImportError(
      'network',
      name,
      `Could not download ${parsed.href}: the server is unreachable, you are offline, or it does not allow other sites to read the file (CORS).`,
      { cause: err },
    );
  }
  if (!res.ok)
    throw new ImportError(
      'network',
      name,
      `Could not download ${parsed.href}: the server answered HTTP ${res.status}.`,
    );
  const total = Number(res.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let done = 0;
  const reader = res.body?.getReader();
  if (!reader) return { name, blob: await res.blob() };
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    chunks.push(chunk.value);
    done += chunk.value.byteLength;
    if (done > MAX_IMPORT_BYTES) {
      await reader.cancel();
      throw new ImportError(
        'too-big',
        name,
        `${name} is larger than ${sizeText(MAX_IMPORT_BYTES)}, the most Tillsight can import in a browser tab.`,
      );
    }
    onProgress(done, total || done);
  }
  return { name, blob: new Blob(chunks as BlobPart[]) };
}

/** The Data page's import: one at a time, cancellable, never touching the live data until it succeeds. */
export function createImportSession() {
  const [phase, setPhase] = createSignal<ImportPhase>('idle');
  const [progress, setProgress] = createSignal<{ label: string; done?: number; total?: number }>();
  const [error, setError] = createSignal<ImportError>();
  const [files, setFiles] = createSignal<Partial<Record<ImportRole, Chosen>>>({});
  const [outcome, setOutcome] = createSignal<ImportOutcome>();
  let controller: AbortController | undefined;
  // Each attempt stages into its own tables: a cancelled or failed attempt cannot touch the
  // file already staged and shown in the mapping step.
  let attempts = 0;
  const nextTag = (role: ImportRole) => `${role}_${++attempts}`;
  const discard = (chosen: Chosen | undefined) => {
    if (chosen)
      void browserEngine().then(({ connector }) => dropStaged(connector, chosen.staged).catch(() => undefined));
  };

  function fail(err: unknown, name: string): void {
    const e =
      err instanceof ImportError
        ? err
        : new ImportError('unreadable', name, `${name}: ${err instanceof Error ? err.message : String(err)}`, {
            cause: err,
          });
    batch(() => {
      setError(e);
      setProgress(undefined);
      // Back to where the user was: the mapping when a file is staged, else the start.
      setPhase(files().sales ? 'mapping' : 'idle');
    });
  }

  type Prepared = PreparedWithHash & { blob?: Blob; url?: string; totalRows?: number };
  const progressOf = (name: string) => (stage: 'reading' | 'decoding', done: number, total: number) =>
    setProgress({ label: `${stage === 'reading' ? 'Reading' : 'Decoding'} ${name}`, done, total });

  async function stage(
    role: ImportRole,
    name: string,
    prepare: (signal: AbortSignal) => Promise<Prepared>,
  ): Promise<void> {
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    batch(() => {
      setError(undefined);
      setOutcome(undefined);
      setPhase('reading');
      setProgress({ label: `Reading ${name}` });
    });
    try {
      performance.mark('tillsight:import-start');
      const source = await prepare(ctl.signal);
      name = source.name;
      throwIfCancelled(ctl.signal, name);
      performance.mark('tillsight:import-prepared');
      setProgress({ label: `Parsing ${name} with DuckDB` });
      const { connector } = await browserEngine();
      const staged = await stageFile(connector, role, source, nextTag(role));
      if (ctl.signal.aborted) {
        await dropStaged(connector, staged);
        throwIfCancelled(ctl.signal, name);
      }
      const options = await proposeOptions(connector, staged);
      performance.mark('tillsight:import-mapped');
      discard(files()[role]);
      batch(() => {
        const chosen: Chosen = {
          role,
          name,
          blob: source.blob,
          url: source.url,
          totalRows: source.totalRows,
          sha256: source.sha256,
          staged,
          options,
        };
        setFiles({ ...files(), [role]: chosen });
        setProgress(undefined);
        setPhase('mapping');
      });
    } catch (err) {
      fail(err, name);
    }
  }

  /** Reads a chosen file and proposes its mapping. */
  function chooseFile(role: ImportRole, file: File): Promise<void> {
    return stage(role, file.name, async (signal) => ({
      ...(await prepareInWorker(file.name, file, { signal, onProgress: progressOf(file.name) })),
      blob: file,
    }));
  }

  /**
   * Opens a file from a URL and proposes its mapping. Parquet is read with range requests: a
   * preview of its first rows now, and only the mapped columns when the load is confirmed.
   */
  function chooseUrl(role: ImportRole, url: string): Promise<void> {
    const address = url.trim();
    if (PARQUET_URL.test(address)) {
      return stage(role, address, async (signal) => ({
        ...(await parquetUrlInWorker(address, { preview: PREVIEW_ROWS }, { signal, onProgress: progressOf(address) })),
        url: address,
      }));
    }
    return stage(role, address, async (signal) => {
      const got = await fetchUrl(address, signal, (done, total) =>
        setProgress({ label: `Downloading ${address}`, done, total }),
      );
      return {
        ...(await prepareInWorker(got.name, got.blob, { signal, onProgress: progressOf(got.name) })),
        blob: got.blob,
      };
    });
  }

  /** For a Parquet URL: reads just the mapped columns, whole, and stages them in place of the preview. */
  async function fetchMappedColumns(chosen: Chosen, signal: AbortSignal): Promise<Chosen> {
    if (!chosen.url) return chosen;
    const columns = [...new Set(Object.values(chosen.options.mapping).filter((c): c is string => Boolean(c)))];
    setProgress({ label: `Downloading ${columns.length} columns of ${chosen.name}` });
    const source = await parquetUrlInWorker(chosen.url, { columns }, { signal, onProgress: progressOf(chosen.name) });
    if (source.kind !== 'arrow')
      throw new ImportError('unreadable', chosen.name, `${chosen.name} did not read as Parquet.`);
    // The bytes to save, taken before DuckDB's worker takes the buffer.
    const blob = new Blob([source.ipc as BlobPart]);
    const { connector } = await browserEngine();
    const staged = await stageFile(connector, chosen.role, source, nextTag(chosen.role));
    discard(chosen);
    return { ...chosen, staged, blob, sha256: source.sha256 };
  }

  // Changes apply one after another, each to the result of the last: two quick changes of the
  // mapping both count.
  let updates: Promise<void> = Promise.resolve();
  function update(role: ImportRole, change: (o: FileOptions) => Partial<FileOptions>): Promise<void> {
    updates = updates.then(async () => {
      const chosen = files()[role];
      if (!chosen) return;
      const { connector } = await browserEngine();
      const next: Partial<FileOptions> = { ...chosen.options, ...change(chosen.options) };
      const options = await completeOptions(connector, chosen.staged, next.mapping ?? chosen.options.mapping, next);
      if (files()[role] === chosen) setFiles({ ...files(), [role]: { ...chosen, options } });
    });
    return updates.catch((err: unknown) => fail(err, files()[role]?.name ?? 'the file'));
  }

  /** Maps a field to a source column (or unmaps it); a column fills one field at most. */
  function setField(role: ImportRole, field: string, column: string | undefined): Promise<void> {
    return update(role, (o) => {
      const mapping: Mapping = {};
      for (const [f, c] of Object.entries(o.mapping)) if (c !== column && f !== field && c) mapping[f] = c;
      if (column) mapping[field] = column;
      // A new date column decides its own order again.
      return field === 'ts' ? { mapping, dateOrder: undefined } : { mapping };
    });
  }

  function setDateOrder(order: DateOrder): Promise<void> {
    return update('sales', () => ({ dateOrder: order }));
  }

  function removeProducts(): void {
    const { sales, products } = files();
    discard(products);
    setFiles(sales ? { sales } : {});
  }

  /** Loads with the shown mapping, replaces the live data, then saves the files for next time. */
  async function confirm(): Promise<void> {
    const picked = files();
    if (!picked.sales) return;
    let sales: Chosen = picked.sales;
    let products: Chosen | undefined = picked.products;
    controller?.abort();
    const ctl = new AbortController();
    controller = ctl;
    const t0 = performance.now();
    batch(() => {
      setError(undefined);
      setPhase('loading');
      setProgress({ label: `Checking and loading ${sales.staged.rows.toLocaleString()} rows` });
    });
    try {
      sales = await fetchMappedColumns(sales, ctl.signal);
      if (products) products = await fetchMappedColumns(products, ctl.signal);
      setProgress({ label: `Checking and loading ${sales.staged.rows.toLocaleString()} rows` });
      const { connector, info } = await browserEngine();
      const summary = await runImport(
        connector,
        {
          sales: { staged: sales.staged, options: sales.options },
          products: products && { staged: products.staged, options: products.options },
        },
        ctl.signal,
      );
      performance.mark('tillsight:import-loaded');
      setProgress({ label: 'Preparing the dashboard' });
      const chosen = [sales, ...(products ? [products] : [])];
      const hashed = chosen.map((c) => ({
        role: c.role,
        name: c.name,
        blob: c.blob ?? new Blob([]),
        options: c.options,
        sha256: c.sha256,
      }));
      const loaded = await describeLoaded(connector, {
        key: importKey(hashed),
        name: sales.name,
        origin: 'import',
        engineVersion: info.version,
        engineMs: 0,
        loadStart: t0,
        files: [summary.sales, ...(summary.products ? [summary.products] : [])],
        options: chosen.map((c) => c.options),
      });
      datasetStore.use(loaded);
      datasetStore.setNotice(undefined);
      performance.mark('tillsight:import-profiled');
      const base: ImportOutcome = {
        loaded: summary.sales.loaded,
        rejected: summary.sales.rejected,
        products: summary.products
          ? { loaded: summary.products.loaded, rejected: summary.products.rejected }
          : undefined,
        returns: summary.sales.returns,
        cancelled: summary.sales.cancelled,
        revenue: summary.sales.revenue,
        seconds: (performance.now() - t0) / 1000,
        saved: 'saving',
        persisted: false,
      };
      batch(() => {
        setOutcome(base);
        setFiles({});
        setProgress(undefined);
        setPhase('done');
      });
      // Saving goes on while the user looks at the dashboard; the summary says when it is done.
      try {
        const persisted = await requestPersistence();
        await saveImport(hashed);
        performance.mark('tillsight:import-saved');
        datasetStore.announce();
        setOutcome({ ...base, saved: 'saved', persisted });
      } catch (err) {
        setOutcome({ ...base, saved: 'not-saved', saveMessage: err instanceof Error ? err.message : String(err) });
      }
    } catch (err) {
      fail(err, sales.name);
    }
  }

  /** Stops the import in progress; the live data is untouched. */
  function cancel(): void {
    controller?.abort();
  }

  /** Forgets the files being mapped. */
  function reset(): void {
    controller?.abort();
    discard(files().sales);
    discard(files().products);
    batch(() => {
      setFiles({});
      setError(undefined);
      setProgress(undefined);
      setPhase('idle');
    });
  }

  return {
    phase,
    progress,
    error,
    files,
    outcome,
    chooseFile,
    chooseUrl,
    setField,
    setDateOrder,
    removeProducts,
    confirm,
    cancel,
    reset,
  };
}

export type ImportSession = ReturnType<typeof createImportSession>;

/** The app's one import session: it outlives the Data page, so leaving the page mid-import loses nothing. */
export const importSession = createRoot(createImportSession);
