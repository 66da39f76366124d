import { A } from '@solidjs/router';
import { createResource, For, Show, type JSX } from 'solid-js';
import { tableToCsv } from '../../data/export/csv';
import { fieldsFor } from '../../data/import/options';
import { importRejects, importRejectsSql, type RejectRow } from '../../data/queries/rejects';
import { ViewSql } from '../ViewSql';
import { count, money } from '../../format';
import type { LoadedDataset } from '../../state/dataset';
import type { ImportOutcome } from '../../state/import-session';
import { downloadText } from '../download';

const SHOWN = 200;

/** Names the column a reject is about: the source column it was mapped from, else what DuckDB names. */
function columnOf(row: RejectRow, dataset: LoadedDataset): string {
  if (row.field) {
    const options = dataset.options?.find((o) => o.role === row.role);
    const source = options?.mapping[row.field];
    const label = fieldsFor(row.role).find((f) => f.field === row.field)?.label ?? row.field;
    return source ? `${source} (${label})` : label;
  }
  return row.source_column ?? '';
}

/** The rows the last import could not load: the first ones listed, all of them downloadable. */
export function RejectsList(props: { dataset: LoadedDataset }): JSX.Element {
  const [rejects] = createResource(
    () => props.dataset,
    (d) => importRejects(d.db, SHOWN),
  );
  const fileName = (role: string) => props.dataset.files?.find((f) => f.role === role)?.name ?? role;
  async function downloadAll(): Promise<void> {
    const all = await importRejects(props.dataset.db);
    downloadText(
      'tillsight-rejects.csv',
      tableToCsv(
        ['file', 'line', 'column', 'value', 'reason'],
        all.rows.map((r) => [fileName(r.role), r.line, columnOf(r, props.dataset), r.value, r.reason]),
      ),
    );
  }
  return (
    <Show when={(rejects()?.total ?? 0) > 0}>
      <section class="card rejects" aria-labelledby="rejects-title" data-testid="rejects">
        <div class="card-head">
          <h2 class="card-title" id="rejects-title">
            Rows not loaded ({count(rejects()?.total)})
          </h2>
          <ViewSql statement={importRejectsSql()} what="Rows not loaded" />
          <button
            type="button"
            class="button button-small"
            onClick={() => void downloadAll()}
            data-testid="rejects-download"
          >
            Download all as CSV
          </button>
        </div>
        <p class="muted">
          Each row below was left out, with the reason. Fix them in your file and import it again, or go on without
          them.
          {(rejects()?.total ?? 0) > SHOWN ? ` The first ${SHOWN} are listed.` : ''}
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              <For each={rejects()?.rows ?? []}>
                {(r) => (
                  <tr data-testid="reject-row" data-line={r.line}>
                    <td>{fileName(r.role)}</td>
                    <td class="num">{r.line}</td>
                    <td>{columnOf(r, props.dataset)}</td>
                    <td class="reject-value">{r.value ?? ''}</td>
                    <td>{r.reason}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>
    </Show>
  );
}

/** What the import did: rows loaded and rejected (the automation contract's `import-summary`). */
export function ImportSummary(props: { outcome: ImportOutcome }): JSX.Element {
  const o = () => props.outcome;
  return (
    <section
      class="card import-summary"
      data-testid="import-summary"
      data-loaded={o().loaded}
      data-rejected={o().rejected}
      data-saved={o().saved}
      role="status"
      aria-live="polite"
    >
      <h2 class="card-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
        Imported
      </h2>
      <p>
        <strong>
          {count(o().loaded)} rows loaded, {count(o().rejected)} rejected
        </strong>{' '}
        in {o().seconds.toFixed(1)} s. Net revenue {money(o().revenue)}
        {o().returns > 0 ? `, including ${count(o().returns)} return lines counted as negative revenue` : ''}.
        {o().cancelled > 0 ? ` ${count(o().cancelled)} lines of cancelled orders were left out.` : ''}
      </p>
      <Show when={o().products}>
        {(p) => (
          <p>
            Products file: {count(p().loaded)} products loaded, {count(p().rejected)} rejected.
          </p>
        )}
      </Show>
      <Show when={o().saved === 'saving'}>
        <p class="muted">
          <span class="spinner" aria-hidden="true" /> Saving in this browser so it is here after a reload…
        </p>
      </Show>
      <Show when={o().saved === 'saved'}>
        <p class="muted">
          Saved in this browser: it will be here after a reload and offline.
          {o().persisted ? '' : ' The browser may clear it if the device runs short of space.'}
        </p>
      </Show>
      <Show when={o().saved === 'not-saved'}>
        <p class="notice" role="alert">
          {o().saveMessage}
        </p>
      </Show>
      <p>
        <A href="/">See the Overview</A> · <A href="/analytics">Sales Analytics</A>
      </p>
    </section>
  );
}
