import { createSignal, Show, type JSX } from 'solid-js';
import { tableToCsv } from '../../data/export/csv';
import { sliceTransactions } from '../../data/queries/slice-transactions';
import { count } from '../../format';
import { datasetStore } from '../../state/dataset';
import { useFilters } from '../../state/filters';
import { settings } from '../../state/settings';
import { downloadText } from '../download';
import { ExportOptions } from '../ExportOptions';

/** Downloads of the current slice (the filters in the address) as CSV, optionally pseudonymised. */
export function ExportPanel(): JSX.Element {
  const { filters } = useFilters();
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string>();

  async function exportSlice(): Promise<void> {
    const d = datasetStore.dataset();
    if (!d) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const salt = settings.pseudonymiseExports() ? settings.salt : undefined;
      const { columns, rows, total } = await sliceTransactions(d.db, filters(), { pseudonymiseSalt: salt });
      const f = filters();
      downloadText(`tillsight-transactions-${f.from ?? 'all'}-${f.to ?? 'all'}.csv`, tableToCsv(columns, rows));
      setMessage(`${count(total)} transaction lines exported${salt ? ' with pseudonymised customer ids' : ''}.`);
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card export-panel" aria-labelledby="export-title">
      <h2 class="card-title" id="export-title">
        Export
      </h2>
      <p class="muted">
        The transactions in the current selection (dates, categories and regions in the filter bar) as CSV. Every table
        has its own “Download CSV” and every chart a “PNG” button.
      </p>
      <ExportOptions />
      <div class="button-row">
        <button
          type="button"
          class="button"
          disabled={busy() || !datasetStore.dataset()}
          onClick={() => void exportSlice()}
          data-testid="export-slice"
        >
          Download transactions (CSV)
        </button>
      </div>
      <Show when={message()}>{(m) => <p role="status">{m()}</p>}</Show>
    </section>
  );
}
