import { Show, type JSX } from 'solid-js';
import { CurrentData } from '../components/data/CurrentData';
import { ExportPanel } from '../components/data/ExportPanel';
import { ImportPanel } from '../components/data/ImportPanel';
import { ImportSummary, RejectsList } from '../components/data/ImportResult';
import { MappingStep } from '../components/data/MappingStep';
import { PageShell } from '../components/PageShell';
import { datasetStore } from '../state/dataset';
import { importSession } from '../state/import-session';

/** The Data page: what is loaded, importing one's own files, rows that were rejected, and exports. */
export function DataPage(): JSX.Element {
  const s = importSession;
  const state = () =>
    datasetStore.status() === 'error' ? 'error' : datasetStore.status() === 'starting' ? 'loading' : 'ready';
  return (
    <PageShell title="Data" state={state()} error={datasetStore.error()?.message} onRetry={() => datasetStore.start()}>
      <div class="data-page">
        <CurrentData />
        <ImportPanel session={s} />
        <Show
          when={
            s.phase() === 'mapping' ||
            (s.phase() === 'loading' && s.files().sales) ||
            (s.phase() === 'reading' && s.files().sales)
          }
        >
          <MappingStep session={s} />
        </Show>
        <Show when={s.phase() === 'done' && s.outcome()}>{(o) => <ImportSummary outcome={o()} />}</Show>
        <Show when={datasetStore.dataset()?.origin === 'import' && datasetStore.dataset()}>
          {(d) => <RejectsList dataset={d()} />}
        </Show>
        <ExportPanel />
      </div>
    </PageShell>
  );
}
