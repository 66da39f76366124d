import { createMemo, createUniqueId, For, Show, type JSX } from 'solid-js';
import type { SqlColumn, SqlResult, SqlValue } from '../../data/engine/sql-session';
import { resultColumn } from './result-column';
import { count } from '../../format';
import { VirtualTable, type VirtualColumn } from '../VirtualTable';

/** A result row with its place in the result, which keys it in the virtual table. */
interface Line {
  i: number;
  values: readonly SqlValue[];
}

/** "18 ms", "1.3 s". */
export function elapsedText(ms: number): string {
  return ms < 1000 ? `${count(ms, ms < 10 ? 1 : 0)} ms` : `${count(ms / 1000, 1)} s`;
}

/** "1 row", "1,234 rows". */
export function rowsText(n: number): string {
  return `${count(n)} ${n === 1 ? 'row' : 'rows'}`;
}

/** What the result's summary line says, also announced to screen readers. */
export function resultSummary(result: SqlResult, maxRows: number): string {
  const size = result.truncated
    ? `Showing the first ${count(maxRows)} rows: the result has more (the rest were not read, so the tab stays responsive)`
    : rowsText(result.rowCount);
  const statements = result.statements > 1 ? ` The result is the last of ${result.statements} statements.` : '';
  return `${size}, in ${elapsedText(result.elapsedMs)}.${statements}`;
}

/** The result of a console query: summary, then every kept row in a virtualised table with a CSV download. */
export function SqlResultView(props: { result: SqlResult; maxRows: number }): JSX.Element {
  const titleId = createUniqueId();
  const lines = createMemo<Line[]>(() => props.result.rows.map((values, i) => ({ i, values })));
  const columns = createMemo<VirtualColumn<Line>[]>(() =>
    props.result.columns.map((column, c) => resultColumn<Line>(column, (line) => line.values[c] ?? null)),
  );
  /** Columns with something to say about their values (ENUM labels DuckDB-WASM does not send). */
  const notes = createMemo(() => props.result.columns.filter((c): c is SqlColumn & { note: string } => !!c.note));
  return (
    <section
      class="card sql-result"
      aria-labelledby={titleId}
      data-testid="sql-result"
      data-rows={props.result.rowCount}
      data-columns={props.result.columns.length}
      data-truncated={props.result.truncated ? 'true' : 'false'}
    >
      <h2 class="card-title" id={titleId}>
        Result
      </h2>
      <p class="sql-summary">{resultSummary(props.result, props.maxRows)}</p>
      <Show
        when={props.result.columns.length > 0}
        fallback={<p class="muted">The statement ran and returned no columns.</p>}
      >
        <p class="muted sql-types">{props.result.columns.map((c) => `${c.name}: ${c.type}`).join(' · ')}</p>
        <VirtualTable
          caption="Query result"
          columns={columns()}
          rows={lines()}
          rowKey={(line) => String(line.i)}
          testId="sql-table"
          filename="query-result.csv"
          height={420}
          empty="The query returned no rows."
        />
        <Show when={notes().length > 0}>
          <ul class="muted sql-notes" data-testid="sql-column-notes">
            <For each={notes()}>
              {(column) => (
                <li data-testid="sql-column-note" data-column={column.name}>
                  Column “{column.name}”: {column.note}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
