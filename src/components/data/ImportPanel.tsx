import { createSignal, Show, type JSX } from 'solid-js';
import { datasetStore } from '../../state/dataset';
import type { ImportSession } from '../../state/import-session';

const ACCEPT = '.csv,.tsv,.txt,.gz,.parquet,text/csv,text/tab-separated-values,application/gzip';

function percent(done?: number, total?: number): number | undefined {
  return done !== undefined && total ? Math.min(100, Math.round((done / total) * 100)) : undefined;
}

/** Choosing what to import: a file (picker or drop) or a URL; then progress, cancel and errors. */
export function ImportPanel(props: { session: ImportSession }): JSX.Element {
  const s = props.session;
  const [dragging, setDragging] = createSignal(false);
  const [url, setUrl] = createSignal('');
  const [dropNote, setDropNote] = createSignal<string>();
  // Not while the app is still loading (or restoring) its data: both would use the engine's tables.
  const busy = () => s.phase() === 'reading' || s.phase() === 'loading' || datasetStore.status() !== 'ready';

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    if (busy())
      setDropNote(`${file.name} was not opened: an import is already running. Wait for it, or cancel it first.`);
    else {
      setDropNote(undefined);
      void s.chooseFile('sales', file);
    }
  };

  return (
    <section class="card import-panel" aria-labelledby="import-title">
      <h2 class="card-title" id="import-title">
        Import your sales
      </h2>
      <p class="muted">
        CSV (also .tsv, .txt, gzip-compressed) or Parquet, from any till, shop or spreadsheet export. It is read on this
        device and never uploaded.
      </p>
      <div
        class="drop-zone"
        classList={{ dragging: dragging() }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label class="file-label">
          <span>Choose a sales file, or drop it here</span>
          <input
            type="file"
            accept={ACCEPT}
            data-testid="import-file"
            disabled={busy()}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void s.chooseFile('sales', file);
            }}
          />
        </label>
      </div>
      <Show when={dropNote()}>
        {(n) => (
          <p class="notice" role="status">
            {n()}
          </p>
        )}
      </Show>
      <form
        class="url-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (url().trim()) void s.chooseUrl('sales', url());
        }}
      >
        <label class="field">
          <span class="filter-label">Or open from a URL (CSV or Parquet over https)</span>
          <input
            type="url"
            inputmode="url"
            placeholder="https://example.com/sales.csv"
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
            data-testid="import-url"
            disabled={busy()}
          />
        </label>
        <button type="submit" class="button" disabled={busy() || !url().trim()}>
          Open
        </button>
      </form>
      <Show when={s.progress()}>
        {(p) => (
          <div class="import-progress" data-testid="import-progress">
            {/* Only the step is announced; the percentage would be read out at every change. */}
            <span role="status" aria-live="polite">
              {p().label}…
            </span>
            <Show
              when={percent(p().done, p().total) !== undefined}
              fallback={<span class="spinner" aria-hidden="true" />}
            >
              <progress max="100" value={percent(p().done, p().total)} aria-label={p().label} />
              <span>{percent(p().done, p().total)}%</span>
            </Show>
            <button type="button" class="button button-small" onClick={() => s.cancel()} data-testid="import-cancel">
              Cancel
            </button>
          </div>
        )}
      </Show>
      <Show when={s.error()}>
        {(err) => (
          <div class="error-box" role="alert" data-testid="import-error" data-code={err().code}>
            <p>
              <strong>{err().code === 'cancelled' ? 'Cancelled.' : 'Could not import.'}</strong> {err().message}
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
