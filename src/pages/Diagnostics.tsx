import { createResource, createSignal, For, onCleanup, Show, type JSX, type Resource } from 'solid-js';
import type { Column } from '../components/DataTable';
import { DataTable } from '../components/DataTable';
import { TimingsTable } from '../components/diagnostics/TimingsTable';
import { downloadText } from '../components/download';
import { PageShell } from '../components/PageShell';
import { appFacts, storageFacts, type AppFacts, type StorageFacts } from '../data/diagnostics/browser-facts';
import { engineFacts, tableFacts, type TableFact } from '../data/diagnostics/engine-facts';
import { diagnosticsReport } from '../data/diagnostics/report';
import { queryLog, workerLog, type QueryTiming, type TimingLog, type WorkerTiming } from '../data/diagnostics/timings';
import { browserEngine } from '../data/engine/engine';
import { bytes, count } from '../format';
import { datasetStore } from '../state/dataset';

/** A log's entries as a signal, refreshed at most once per microtask however many calls land together. */
function useLog<T>(log: TimingLog<T>): () => { entries: T[]; total: number } {
  const read = () => ({ entries: log.entries(), total: log.total });
  const [state, setState] = createSignal(read());
  let queued = false;
  const unsubscribe = log.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      setState(read());
    });
  });
  onCleanup(unsubscribe);
  return state;
}

/** A resource's value once it has one; reading an errored resource would throw. */
function settled<T>(r: Resource<T>): T | undefined {
  return r.state === 'ready' || r.state === 'refreshing' ? r.latest : undefined;
}

const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});
const when = (at: number) => clock.format(at);
const msText = (ms: number) => count(ms, 1);
const outcomeText = (e: { outcome: string; error?: string }) => (e.error ? `${e.outcome}: ${e.error}` : e.outcome);

const QUERY_COLUMNS: readonly Column<QueryTiming>[] = [
  { header: 'When', cell: (q) => when(q.at), sortValue: (q) => q.at, csvValue: (q) => new Date(q.at).toISOString() },
  { header: 'What', cell: (q) => q.label },
  { header: 'Kind', cell: (q) => q.kind },
  { header: 'ms', cell: (q) => msText(q.ms), numeric: true, sortValue: (q) => q.ms },
  { header: 'Rows', cell: (q) => (q.rows === null ? '—' : count(q.rows)), numeric: true, sortValue: (q) => q.rows },
  { header: 'Outcome', cell: outcomeText },
];

const WORKER_COLUMNS: readonly Column<WorkerTiming>[] = [
  { header: 'When', cell: (w) => when(w.at), sortValue: (w) => w.at, csvValue: (w) => new Date(w.at).toISOString() },
  { header: 'Worker', cell: (w) => w.worker },
  { header: 'Task', cell: (w) => w.task },
  { header: 'ms', cell: (w) => msText(w.ms), numeric: true, sortValue: (w) => w.ms },
  { header: 'Outcome', cell: outcomeText },
];

const TABLE_COLUMNS: readonly Column<TableFact>[] = [
  { header: 'Table', cell: (t) => t.name, sortValue: (t) => t.name },
  {
    header: 'Rows',
    cell: (t) => (t.exact ? count(t.rows) : `≈ ${count(t.rows)}`),
    numeric: true,
    sortValue: (t) => t.rows,
  },
  { header: 'Columns', cell: (t) => count(t.columns), numeric: true, sortValue: (t) => t.columns },
];

/** App, engine, dataset and storage facts, and the recent query and worker timings: all kept on this device. */
export function DiagnosticsPage(): JSX.Element {
  const queries = useLog(queryLog);
  const workers = useLog(workerLog);
  const [app, { refetch: refetchApp }] = createResource(appFacts);
  const [storage, { refetch: refetchStorage }] = createResource(storageFacts);
  const [engine, { refetch: refetchEngine }] = createResource(
    () => datasetStore.dataset(),
    async (d) => {
      const facts = await engineFacts(d.db);
      const tables = await tableFacts(d.db);
      // Started already (it loaded this dataset): this only reads its start-up facts.
      const { info } = await browserEngine();
      return { facts, tables, info };
    },
  );
  const [message, setMessage] = createSignal<string>();

  const state = (): 'loading' | 'ready' | 'error' => {
    if (datasetStore.status() === 'error' || engine.state === 'errored') return 'error';
    return settled(engine) && settled(app) && settled(storage) ? 'ready' : 'loading';
  };
  const errorMessage = () =>
    engine.error instanceof Error ? engine.error.message : (datasetStore.error()?.message ?? undefined);
  const table = (name: string) => settled(engine)?.tables.find((t) => t.name === name);

  function refresh(): void {
    setMessage(undefined);
    void refetchApp();
    void refetchStorage();
    void refetchEngine();
  }

  async function copyReport(): Promise<void> {
    const d = datasetStore.dataset();
    const e = settled(engine);
    const text = diagnosticsReport({
      generatedAt: Date.now(),
      app: settled(app),
      engineInfo: e?.info,
      engine: e?.facts,
      dataset: d && { origin: d.origin, loadMs: d.timings.loadMs },
      tables: e?.tables,
      storage: settled(storage),
      queries: queries(),
      workers: workers(),
    });
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setMessage('Report copied to the clipboard. It holds versions, sizes and timings, not your data.');
    } catch {
      // Clipboard refused (permissions, insecure context): a file does the same job.
      downloadText('tillsight-diagnostics.txt', text, 'text/plain;charset=utf-8');
      setMessage('The clipboard is not available here, so the report was saved as a file instead.');
    }
  }

  return (
    <PageShell
      title="Diagnostics"
      state={state()}
      error={errorMessage()}
      onRetry={() => datasetStore.start()}
      loadingText="Reading the engine’s and the browser’s facts…"
    >
      <div class="data-page">
        <p class="muted">
          Everything here is measured and kept in this browser only: nothing is sent anywhere. The report is plain text
          for a bug report, with versions, sizes and timings but none of your data.
        </p>
        <div class="button-row">
          <button
            type="button"
            class="button button-primary"
            data-testid="diag-copy-report"
            onClick={() => void copyReport()}
          >
            Copy report
          </button>
          <button type="button" class="button" onClick={refresh}>
            Refresh
          </button>
          <Show when={message()}>{(m) => <span role="status">{m()}</span>}</Show>
        </div>
        <div class="table-grid">
          <AppCard app={settled(app)} />
          <section class="card" aria-labelledby="diag-engine-title">
            <h2 class="card-title" id="diag-engine-title">
              Engine
            </h2>
            <Show when={settled(engine)} fallback={<p class="muted">Waiting for the data engine…</p>}>
              {(e) => (
                <dl class="segment-facts">
                  <dt>DuckDB</dt>
                  <dd data-testid="diag-duckdb-version">{e().facts.version}</dd>
                  <dt>Source revision</dt>
                  <dd>{e().facts.sourceId}</dd>
                  <dt>duckdb-wasm</dt>
                  <dd data-testid="diag-duckdb-wasm-version">{e().info.packageVersion}</dd>
                  <dt>Bundle</dt>
                  <dd>{e().info.bundle === 'eh' ? 'eh (WebAssembly exceptions)' : e().info.bundle}</dd>
                  <dt>Start-up</dt>
                  <dd>
                    {msText(e().info.startMs)} ms (compile {msText(e().info.instantiateMs)} ms, open{' '}
                    {msText(e().info.openMs)} ms)
                  </dd>
                  <dt>Threads</dt>
                  <dd>{e().facts.threads}</dd>
                  <dt>Memory</dt>
                  <dd>
                    {e().facts.memoryUsage} in use of {e().facts.memoryLimit}
                  </dd>
                </dl>
              )}
            </Show>
          </section>
          <section class="card" aria-labelledby="diag-dataset-title">
            <h2 class="card-title" id="diag-dataset-title">
              Dataset
            </h2>
            <Show when={datasetStore.dataset()} fallback={<p class="muted">No data loaded yet.</p>}>
              {(d) => (
                <dl class="segment-facts">
                  <dt>Name</dt>
                  <dd>{d().name}</dd>
                  <dt>Origin</dt>
                  <dd>{d().origin === 'demo' ? 'Built-in demo data' : 'Imported by you'}</dd>
                  <dt>Sales rows</dt>
                  <dd data-testid="diag-sales-rows" data-value={table('sales')?.rows ?? ''}>
                    {count(table('sales')?.rows)}
                  </dd>
                  <dt>Products</dt>
                  <dd data-testid="diag-products-rows" data-value={table('products')?.rows ?? ''}>
                    {count(table('products')?.rows)}
                  </dd>
                  <dt>Rejected rows</dt>
                  <dd data-testid="diag-rejects-rows" data-value={table('rejects')?.rows ?? ''}>
                    {count(table('rejects')?.rows)}
                  </dd>
                  <dt>Load time</dt>
                  <dd>{msText(d().timings.loadMs)} ms</dd>
                </dl>
              )}
            </Show>
            <Show when={settled(engine)}>
              {(e) => (
                <DataTable
                  caption="Tables in the database (≈ marks DuckDB’s estimate)"
                  columns={TABLE_COLUMNS}
                  rows={e().tables}
                  testId="diag-tables"
                />
              )}
            </Show>
          </section>
          <StorageCard storage={settled(storage)} />
        </div>
        <TimingsTable
          title="Recent queries"
          about="Every SQL statement the app ran since Tillsight was opened in this tab (parameters are not recorded; quoted text is masked)."
          columns={QUERY_COLUMNS}
          entries={queries().entries}
          total={queries().total}
          rowTestId="diag-query-row"
          rowData={(q) => ({ 'data-ms': q.ms, 'data-rows': q.rows ?? '', 'data-outcome': q.outcome })}
          filename="tillsight-query-timings.csv"
          empty="No queries yet."
        />
        <TimingsTable
          title="Worker tasks"
          about="Calls to the import, forecast and customer-segment workers since Tillsight was opened in this tab."
          columns={WORKER_COLUMNS}
          entries={workers().entries}
          total={workers().total}
          rowTestId="diag-worker-row"
          rowData={(w) => ({
            'data-ms': w.ms,
            'data-worker': w.worker,
            'data-task': w.task,
            'data-outcome': w.outcome,
          })}
          filename="tillsight-worker-timings.csv"
          empty="No worker tasks yet: they run when you import a file, forecast or open Customers."
        />
      </div>
    </PageShell>
  );
}

function serviceWorkerText(sw: AppFacts['serviceWorker']): string {
  if (!sw.supported) return 'Not supported by this browser';
  if (!sw.state) return 'Not registered';
  const control = sw.controlling ? 'controls this page' : 'does not control this page yet (it will after a reload)';
  return `${sw.state}, ${control}${sw.updateWaiting ? '; an update is waiting' : ''}`;
}

function AppCard(props: { app: AppFacts | undefined }): JSX.Element {
  return (
    <section class="card" aria-labelledby="diag-app-title">
      <h2 class="card-title" id="diag-app-title">
        App
      </h2>
      <Show when={props.app} fallback={<p class="muted">Reading…</p>}>
        {(a) => (
          <dl class="segment-facts">
            <dt>Version</dt>
            <dd data-testid="diag-app-version">{a().version}</dd>
            <dt>Build</dt>
            <dd>
              {a().mode}, served from {a().base}
            </dd>
            <dt>Service worker</dt>
            <dd data-controlling={String(a().serviceWorker.controlling)}>{serviceWorkerText(a().serviceWorker)}</dd>
            <dt>Online</dt>
            <dd>{a().online ? 'Yes' : 'No'}</dd>
            <dt>Cross-origin isolated</dt>
            <dd>{a().crossOriginIsolated ? 'Yes' : 'No'}</dd>
            <dt>CPU cores</dt>
            <dd>{a().cores ?? 'Unknown'}</dd>
            <dt>Browser</dt>
            <dd>{a().userAgent}</dd>
          </dl>
        )}
      </Show>
    </section>
  );
}

const USAGE_KINDS: Record<string, string> = {
  caches: 'Cache Storage',
  indexedDB: 'IndexedDB',
  fileSystem: 'Private file storage',
  serviceWorkerRegistrations: 'Service worker',
};

function StorageCard(props: { storage: StorageFacts | undefined }): JSX.Element {
  return (
    <section
      class="card"
      aria-labelledby="diag-storage-title"
      data-testid="diag-storage"
      data-usage={props.storage?.usage ?? ''}
      data-quota={props.storage?.quota ?? ''}
    >
      <h2 class="card-title" id="diag-storage-title">
        Storage
      </h2>
      <Show when={props.storage} fallback={<p class="muted">Reading…</p>}>
        {(s) => (
          <>
            <dl class="segment-facts">
              <dt>Used</dt>
              <dd>
                {bytes(s().usage)} of {bytes(s().quota)} the browser allows
              </dd>
              <For each={Object.entries(s().details).filter(([, n]) => n > 0)}>
                {([kind, n]) => (
                  <>
                    <dt>· {USAGE_KINDS[kind] ?? kind}</dt>
                    <dd>{bytes(n)}</dd>
                  </>
                )}
              </For>
              <dt>Persistent</dt>
              <dd>
                {s().persisted
                  ? 'Yes: kept even when space runs low'
                  : 'No: the browser may clear it when space runs low'}
              </dd>
            </dl>
            <h3 class="card-subtitle">What is kept where</h3>
            <ul class="plain-list">
              <li>
                Imported files:{' '}
                {s().saved
                  ? `${count(s().saved?.files)} file(s), ${bytes(s().saved?.bytes)}, in ${s().saved?.backend === 'opfs' ? 'private file storage (OPFS)' : 'IndexedDB'}`
                  : 'storage cannot be read here'}
                .
              </li>
              <li>
                Settings, presets and the last views’ figures: localStorage
                {s().localStorage
                  ? `, ${count(s().localStorage?.keys)} entries, ${bytes(s().localStorage?.bytes)}`
                  : ' (unavailable)'}
                .
              </li>
              <li>
                The app itself, for offline use: Cache Storage
                {s().caches === null ? ' (unavailable)' : `, ${count(s().caches)} cache(s)`}.
              </li>
              <li>The loaded tables: DuckDB’s memory only, rebuilt from the files above at each start.</li>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}
