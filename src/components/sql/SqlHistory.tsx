import { For, Show, type JSX } from 'solid-js';
import { historyLabel, type HistoryEntry } from '../../sql/history';

const clock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The query history, newest first: a click (or Enter) puts a query back into the editor. */
export function SqlHistory(props: {
  entries: readonly HistoryEntry[];
  /** Set when the last query could not be saved in this browser. */
  notSaved: boolean;
  onPick(sql: string): void;
  onClear(): void;
}): JSX.Element {
  return (
    <section class="card sql-history" aria-labelledby="sql-history-title" data-testid="sql-history">
      <div class="card-head">
        <h2 class="card-title" id="sql-history-title">
          History
        </h2>
        <button
          type="button"
          class="button button-small"
          data-testid="sql-history-clear"
          disabled={props.entries.length === 0}
          onClick={() => props.onClear()}
        >
          Clear history
        </button>
      </div>
      <Show when={props.notSaved}>
        <p class="muted" role="status">
          This browser did not let the history be saved (storage full or turned off): it lasts until the tab closes.
        </p>
      </Show>
      <Show
        when={props.entries.length > 0}
        fallback={
          <p class="muted">
            Queries you run are kept here, in this browser only (a query opened from a link is kept once you run it
            yourself).
          </p>
        }
      >
        <ol class="sql-history-list">
          <For each={props.entries}>
            {(entry) => {
              // The first line, cut short: the button's text, accessible name and tooltip (never a whole script).
              const label = historyLabel(entry.sql);
              return (
                <li>
                  <button
                    type="button"
                    class="sql-history-item"
                    data-testid="sql-history-item"
                    title={label}
                    onClick={() => props.onPick(entry.sql)}
                  >
                    <span class="sql-history-sql">{label}</span>
                    <span class="sql-history-when muted">{clock.format(entry.at)}</span>
                  </button>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
}
