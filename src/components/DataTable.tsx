import { createUniqueId, For, Show, type JSX } from 'solid-js';

/** A column: its heading, how to show a row's cell, and whether it is numeric (right-aligned). */
export interface Column<T> {
  header: string;
  cell: (row: T) => string;
  numeric?: boolean;
}

interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty?: string;
  testId?: string;
}

/** A plain, accessible table. Cells are text (never HTML), so data cannot inject markup. */
export function DataTable<T>(props: DataTableProps<T>): JSX.Element {
  const captionId = createUniqueId();
  // The wrapper scrolls sideways on phones, so it is focusable and named by the caption.
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby={captionId}>
      <table data-testid={props.testId}>
        <caption class="sr-only" id={captionId}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th scope="col" classList={{ num: c.numeric }}>{c.header}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <Show
            when={props.rows.length > 0}
            fallback={
              <tr>
                <td colSpan={props.columns.length} class="muted">
                  {props.empty ?? 'Nothing to show.'}
                </td>
              </tr>
            }
          >
            <For each={props.rows}>
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
}
