import { For, Show, type JSX } from 'solid-js';
import type { SqlTable } from '../../data/engine/sql-session';

/** The tables the console can read, each with its columns and their types. */
export function SchemaList(props: { tables: readonly SqlTable[] | undefined; error?: string }): JSX.Element {
  return (
    <section class="card sql-schema" aria-labelledby="sql-schema-title" data-testid="sql-schema">
      <h2 class="card-title" id="sql-schema-title">
        Tables
      </h2>
      <Show when={!props.error} fallback={<p class="muted">The tables could not be listed: {props.error}</p>}>
        <Show when={props.tables} fallback={<p class="muted">Reading the tables once the data is loaded…</p>}>
          {(tables) => (
            <ul class="sql-table-list">
              <For each={tables()}>
                {(table, i) => (
                  <li>
                    <details open={i() === 0} data-testid="sql-schema-table" data-table={table.name}>
                      <summary>
                        <code>{table.name}</code>{' '}
                        <span class="muted">
                          ({table.columns.length} {table.columns.length === 1 ? 'column' : 'columns'})
                        </span>
                      </summary>
                      <ul class="sql-column-list">
                        <For each={table.columns}>
                          {(column) => (
                            <li>
                              <code>{column.name}</code> <span class="muted">{column.type}</span>
                            </li>
                          )}
                        </For>
                      </ul>
                    </details>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </Show>
    </section>
  );
}
