import { createMemo, createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { tableCsv, type TableCsvColumn } from '../data/export/table-csv';
import { settings } from '../state/settings';
import { downloadText } from './download';

/** A column: its heading, how to show a row's cell, whether it is numeric (right-aligned), how it sorts and exports. */
export type Column<T> = TableCsvColumn<T>;

interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty?: string;
  testId?: string;
  /** When given, a "Download CSV" button saves the rows (in their shown order) under this name. */
  filename?: string;
}

type Sort = { index: number; descending: boolean } | undefined;

function compare(a: number | string | null, b: number | string | null, descending: boolean): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1; // empty cells last, either way
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

/**
 * A plain, accessible table. Cells are text (never HTML), so data cannot inject markup.
 * Columns with a `sortValue` sort on a header click (again to reverse), announced by `aria-sort`.
 */
export function DataTable<T>(props: DataTableProps<T>): JSX.Element {
  const captionId = createUniqueId();
  const [sort, setSort] = createSignal<Sort>();
  const rows = createMemo(() => {
    const s = sort();
    const key = s ? props.columns[s.index]?.sortValue : undefined;
    if (!s || !key) return props.rows;
    return [...props.rows].sort((a, b) => compare(key(a), key(b), s.descending));
  });
  const toggle = (index: number, numeric: boolean) => {
    const s = sort();
    // Numbers start largest first, text A→Z.
    setSort(s?.index === index ? { index, descending: !s.descending } : { index, descending: numeric });
  };
  const ariaSort = (index: number) => {
    const s = sort();
    if (s?.index !== index) return 'none';
    return s.descending ? 'descending' : 'ascending';
  };
  // The wrapper scrolls sideways on phones, so it is focusable and named by the caption.
  const table = (
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby={captionId}>
      <table data-testid={props.testId}>
        <caption class="sr-only" id={captionId}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <For each={props.columns}>
              {(c, i) => (
                <th scope="col" classList={{ num: c.numeric }} aria-sort={c.sortValue ? ariaSort(i()) : undefined}>
                  <Show when={c.sortValue} fallback={c.header}>
                    <SortButton label={c.header} sort={ariaSort(i())} onClick={() => toggle(i(), Boolean(c.numeric))} />
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <Show
            when={rows().length > 0}
            fallback={
              <tr>
                <td colSpan={props.columns.length} class="muted">
                  {props.empty ?? 'Nothing to show.'}
                </td>
              </tr>
            }
          >
            <For each={rows()}>
              {(row) => (
                <tr>
                  <For each={props.columns}>{(c) => <td classList={{ num: c.numeric }}>{c.cell(row)}</td>}</For>
                </tr>
              )}
            </For>
          </Show>
        </tbody>
      </table>
    </div>
  );
  return (
    <Show when={props.filename} fallback={table}>
      {(filename) => (
        <>
          {table}
          <CsvButton filename={filename()} caption={props.caption} columns={props.columns} rows={rows()} />
        </>
      )}
    </Show>
  );
}

/** A column header's sort button, with the ▲/▼ mark of its current order (shared with VirtualTable). */
export function SortButton(props: {
  label: string;
  sort: 'ascending' | 'descending' | 'none';
  onClick: () => void;
}): JSX.Element {
  return (
    <button type="button" class="sort-button" onClick={() => props.onClick()}>
      {props.label}
      <span aria-hidden="true" class="sort-mark">
        {props.sort === 'ascending' ? ' ▲' : props.sort === 'descending' ? ' ▼' : ''}
      </span>
    </button>
  );
}

/** "Download CSV" of a table's rows (raw values; pseudonymised ids when the setting is on). */
export function CsvButton<T>(props: {
  filename: string;
  caption: string;
  columns: readonly Column<T>[];
  /** The rows, or a getter when building them is worth doing only on a click (a sorted copy of 10,000). */
  rows: readonly T[] | (() => readonly T[]);
}): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const save = async () => {
    setBusy(true);
    setError('');
    try {
      const salt = settings.pseudonymiseExports() ? settings.salt : undefined;
      const rows = typeof props.rows === 'function' ? props.rows() : props.rows;
      downloadText(props.filename, await tableCsv(props.columns, rows, salt));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="table-actions">
      <button
        type="button"
        class="button button-small"
        data-testid="table-csv"
        aria-label={`Download CSV of ${props.caption}`}
        disabled={busy()}
        onClick={() => void save()}
      >
        Download CSV
      </button>
      <Show when={error()}>
        <span class="export-error" role="alert">
          {error()}
        </span>
      </Show>
    </div>
  );
}
