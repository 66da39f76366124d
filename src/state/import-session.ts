import { batch, createRoot, createSignal } from 'solid-js';
import { browserEngine } from '../data/engine/engine';
import { ImportError, throwIfCancelled } from '../data/import/errors';
import { prepareInWorker } from '../data/import/import-worker';
import type { Mapping } from '../data/import/mapping';
import { completeOptions, proposeOptions, type FileOptions } from '../data/import/options';
import { runImport } from '../data/import/pipeline';
import { stageFile, type ImportRole, type StagedFile } from '../data/import/stage';
import type { DateOrder } from '../data/import/value-shapes';
import { requestPersistence, saveImport, sha256Hex } from '../data/storage/saved-dataset';
import { datasetStore, describeLoaded } from './dataset';
import { importKey } from './restore';

/** Where an import is: choosing files, reading, mapping, loading, done. */
export type ImportPhase = 'idle' | 'reading' | 'mapping' | 'loading' | 'done';

/** A chosen file: the Blob is kept (not its bytes) so saving can read it again. */
interface Chosen {
  role: ImportRole;
  name: string;
  blob: Blob;
  staged: StagedFile;
  options: FileOptions;
}

/** Largest file we try: DuckDB-WASM's memory is at most 4 GiB and an import holds a few copies. */
export const MAX_IMPORT_BYTES = 1024 ** 3;

/** The result the Data page shows after a load. */
export interface ImportOutcome {
  loaded: number;
  rejected: number;
  returns: number;
  cancelled: number;
  revenue: number;
  seconds: number;
  saved: 'saved' | 'not-saved';
  saveMessage?: string;
  persisted: boolean;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

async function readBlob(blob: Blob, name: string, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Uint8Array> {
  if (blob.size > MAX_IMPORT_BYTES) {
    throw new ImportError('too-big', name, `${name} is ${sizeText(blob.size)}; Tillsight can import files up to ${sizeText(MAX_IMPORT_BYTES)} in a browser tab. Export a shorter period (or gzip it: compressed files count at their packed size only if they expand to under the limit).`);
  }
  let out: Uint8Array;
  try {
    out = new Uint8Array(blob.size);
  } catch (err) {
    throw new ImportError('too-big', name, `${name} (${sizeText(blob.size)}) does not fit in the memory this browser gives the page. Export a shorter period.`, { cause: err });
  }
  const reader = blob.stream().getReader();
  let done = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    out.set(chunk.value, done);
    done += chunk.value.byteLength;
    onProgress(done, blob.size);
    if (signal.aborted) {
      await reader.cancel();
      throwIfCancelled(signal, name);
    }
  }
  return out;
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
      const bytes = await readBlob(blob, name, ctl.signal, (done, total) => setProgress({ label: `Reading ${name}`, done, total }));
      setProgress({ label: `Decoding ${name}` });
      const source = await prepareInWorker(name, bytes, {
        signal: ctl.signal,
        onProgress: (done, total) => setProgress({ label: `Decoding ${name}`, done, total }),
      });
      throwIfCancelled(ctl.signal, name);
      setProgress({ label: `Parsing ${name} with DuckDB` });
      const { connector } = await browserEngine();
      const staged = await stageFile(connector, role, source);
      throwIfCancelled(ctl.signal, name);
      const options = await proposeOptions(connector, staged);
      batch(() => {
        setFiles({ ...files(), [role]: { role, name, blob, staged, options } });
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
      setProgress({ label: 'Preparing the dashboard' });
      const chosen = [sales, ...(products ? [products] : [])];
      const hashed = await Promise.all(
        chosen.map(async (c) => {
          const bytes = new Uint8Array(await c.blob.arrayBuffer());
          return { role: c.role, name: c.name, bytes, options: c.options, sha256: await sha256Hex(bytes) };
        }),
      );
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
      const seconds = (performance.now() - t0) / 1000;
      setProgress({ label: 'Saving in this browser' });
      let saved: ImportOutcome['saved'] = 'saved';
      let saveMessage: string | undefined;
      let persisted = false;
      try {
        persisted = await requestPersistence();
        await saveImport(hashed);
        datasetStore.announce();
      } catch (err) {
        saved = 'not-saved';
        saveMessage = err instanceof Error ? err.message : String(err);
      }
      batch(() => {
        setOutcome({
          loaded: summary.sales.loaded,
          rejected: summary.rejected,
          returns: summary.sales.returns,
          cancelled: summary.sales.cancelled,
          revenue: summary.sales.revenue,
          seconds,
          saved,
          saveMessage,
          persisted,
        });
        setFiles({});
        setProgress(undefined);
        setPhase('done');
      });
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
