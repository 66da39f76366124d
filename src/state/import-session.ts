import { batch, createRoot, createSignal } from 'solid-js';
import { browserEngine } from '../data/engine/engine';
import { ImportError, throwIfCancelled } from '../data/import/errors';
import { MAX_IMPORT_BYTES, sizeText } from '../data/import/read-bytes';
import { prepareInWorker } from '../data/import/import-worker';
import type { Mapping } from '../data/import/mapping';
import { completeOptions, proposeOptions, type FileOptions } from '../data/import/options';
import { runImport } from '../data/import/pipeline';
import { stageFile, type ImportRole, type StagedFile } from '../data/import/stage';
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
  blob: Blob;
  sha256: string;
  staged: StagedFile;
  options: FileOptions;
}

/** The result the Data page shows after a load. */
export interface ImportOutcome {
  loaded: number;
  rejected: number;
  returns: number;
  cancelled: number;
  revenue: number;
  seconds: number;
  saved: 'saving' | 'saved' | 'not-saved';
  saveMessage?: string;
  persisted: boolean;
}

/** Fetches a CSV or Parquet file from a URL (the server must allow this site to read it: CORS). */
async function fetchUrl(url: string, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<{ name: string; blob: Blob }> {
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
    throw new ImportError('network', name, `Could not download ${parsed.href}: the server is unreachable, you are offline, or it does not allow other sites to read the file (CORS).`, { cause: err });
  }
  if (!res.ok) throw new ImportError('network', name, `Could not download ${parsed.href}: the server answered HTTP ${res.status}.`);
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
      throw new ImportError('too-big', name, `${name} is larger than ${sizeText(MAX_IMPORT_BYTES)}, the most Tillsight can import in a browser tab.`);
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

  function fail(err: unknown, name: string): void {
    const e = err instanceof ImportError ? err : new ImportError('unreadable', name, `${name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    batch(() => {
      setError(e);
      setProgress(undefined);
      // Back to where the user was: the mapping when a file is staged, else the start.
      setPhase(files().sales ? 'mapping' : 'idle');
    });
  }

  async function stage(role: ImportRole, name: string, getBlob: (signal: AbortSignal) => Promise<Blob>): Promise<void> {
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
      const blob = await getBlob(ctl.signal);
      performance.mark('tillsight:import-start');
      const source = await prepareInWorker(name, blob, {
        signal: ctl.signal,
        onProgress: (stage, done, total) => setProgress({ label: `${stage === 'reading' ? 'Reading' : 'Decoding'} ${name}`, done, total }),
      });
      throwIfCancelled(ctl.signal, name);
      performance.mark('tillsight:import-prepared');
      setProgress({ label: `Parsing ${name} with DuckDB` });
      const { connector } = await browserEngine();
      const staged = await stageFile(connector, role, source);
      throwIfCancelled(ctl.signal, name);
      const options = await proposeOptions(connector, staged);
      performance.mark('tillsight:import-mapped');
      batch(() => {
        setFiles({ ...files(), [role]: { role, name, blob, sha256: source.sha256, staged, options } });
        setProgress(undefined);
        setPhase('mapping');
      });
    } catch (err) {
      fail(err, name);
    }
  }

  /** Reads a chosen file and proposes its mapping. */
  function chooseFile(role: ImportRole, file: File): Promise<void> {
    return stage(role, file.name, async () => file);
  }

  /** Downloads a file from a URL and proposes its mapping. */
  function chooseUrl(role: ImportRole, url: string): Promise<void> {
    let name = url;
    return stage(role, name, async (signal) => {
      const got = await fetchUrl(url.trim(), signal, (done, total) => setProgress({ label: `Downloading ${name}`, done, total }));
      name = got.name;
      return got.blob;
    });
  }

  async function update(role: ImportRole, change: (o: FileOptions) => Partial<FileOptions>): Promise<void> {
    const chosen = files()[role];
    if (!chosen) return;
    const { connector } = await browserEngine();
    const next: Partial<FileOptions> = { ...chosen.options, ...change(chosen.options) };
    const options = await completeOptions(connector, chosen.staged, next.mapping ?? chosen.options.mapping, next);
    setFiles({ ...files(), [role]: { ...chosen, options } });
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
    const { sales } = files();
    setFiles(sales ? { sales } : {});
  }

  /** Loads with the shown mapping, replaces the live data, then saves the files for next time. */
  async function confirm(): Promise<void> {
    const { sales, products } = files();
    if (!sales) return;
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
      const { connector, info } = await browserEngine();
      const summary = await runImport(
        connector,
        { sales: { staged: sales.staged, options: sales.options }, products: products && { staged: products.staged, options: products.options } },
        ctl.signal,
      );
      performance.mark('tillsight:import-loaded');
      setProgress({ label: 'Preparing the dashboard' });
      const chosen = [sales, ...(products ? [products] : [])];
      const hashed = chosen.map((c) => ({ role: c.role, name: c.name, blob: c.blob, options: c.options, sha256: c.sha256 }));
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
        rejected: summary.rejected,
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
    batch(() => {
      setFiles({});
      setError(undefined);
      setProgress(undefined);
      setPhase('idle');
    });
  }

  return { phase, progress, error, files, outcome, chooseFile, chooseUrl, setField, setDateOrder, removeProducts, confirm, cancel, reset };
}

export type ImportSession = ReturnType<typeof createImportSession>;

/** The app's one import session: it outlives the Data page, so leaving the page mid-import loses nothing. */
export const importSession = createRoot(createImportSession);
