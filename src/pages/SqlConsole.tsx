import { useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createRoot,
  createSignal,
  createUniqueId,
  For,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
  type JSX,
} from 'solid-js';
import { PageShell } from '../components/PageShell';
import { SchemaList } from '../components/sql/SchemaList';
import { SqlChart } from '../components/sql/SqlChart';
import { SqlEditor, type SqlEditorApi } from '../components/sql/SqlEditor';
import { SqlHistory } from '../components/sql/SqlHistory';
import { resultSummary, SqlResultView } from '../components/sql/SqlResultView';
import { browserEngine } from '../data/engine/engine';
import {
  consoleSchema,
  DEFAULT_MAX_ROWS,
  SqlBreachError,
  SqlCancelledError,
  SqlQueryError,
  SqlRefusedError,
  type SqlResult,
} from '../data/engine/sql-session';
import { lineColumn } from '../sql/error-position';
import { addToHistory, browserStorage, clearHistory, historyAfterChange, readHistory } from '../sql/history';
import { datasetStore } from '../state/dataset';

/** Rows kept of a result: the rest are not read, so a huge result cannot freeze the tab. */
const MAX_ROWS = DEFAULT_MAX_ROWS;

const SAMPLES = [
  {
    name: 'Revenue by region',
    sql: `-- Revenue by region: Ctrl+Enter (⌘+Enter on a Mac) runs it.
SELECT region, round(sum(revenue), 2) AS revenue, count(*) AS lines
FROM sales
GROUP BY region
ORDER BY revenue DESC;`,
  },
  {
    name: 'Revenue by month',
    sql: `SELECT date_trunc('month', ts) AS month, round(sum(revenue), 2) AS revenue
FROM sales
GROUP BY month
ORDER BY month;`,
  },
  {
    name: 'Top 10 products',
    sql: `SELECT product_name, sum(quantity) AS units, round(sum(revenue), 2) AS revenue
FROM sales
GROUP BY product_name
ORDER BY revenue DESC
LIMIT 10;`,
  },
  { name: 'Columns of sales', sql: 'DESCRIBE sales;' },
] as const;

const HELP =
  'Ctrl+Enter (⌘+Enter on a Mac) runs the query and Escape cancels a running one. Tab moves on to the buttons: the editor does not keep the focus. Ctrl+Space lists table and column names.';

// The editor's text while moving between pages of this tab (a reload starts from the sample).
let draft: string | undefined;

type Outcome =
  | { kind: 'result'; result: SqlResult }
  | { kind: 'error'; message: string; sql: string; at?: { offset: number; line: number; column: number } }
  | { kind: 'cancelled' };

/** Resolves once the dataset is loaded (the console reads its tables); rejects if loading fails. */
function datasetReady(): Promise<void> {
  return new Promise((resolve, reject) => {
    createRoot((dispose) => {
      createEffect(() => {
        const status = datasetStore.status();
        if (status === 'ready' && datasetStore.dataset()) {
          dispose();
          resolve();
        } else if (status === 'error') {
          dispose();
          reject(datasetStore.error() ?? new Error('The data could not be loaded.'));
        }
      });
    });
  });
}

const BREACH_KEY = 'tillsight-sql-breach';

/**
 * After a script ended the console's read-only transaction, what it ran next was not rolled
 * back. `datasetStore.start()` does nothing once data is loaded, and a fresh engine is the only
 * state known to be clean: so the page reloads (at `#/sql`, without the `?q=` that held the
 * script, so it does not run again) and the data is rebuilt from its source: the demo data,
 * or the saved import. The message is shown again after the reload.
 */
function reloadAfterBreach(message: string): void {
  try {
    sessionStorage.setItem(BREACH_KEY, message);
  } catch {
    // storage unavailable: the reload still happens
  }
  location.hash = '#/sql';
  location.reload();
}

function takeBreachNotice(): string | undefined {
  try {
    const message = sessionStorage.getItem(BREACH_KEY) ?? undefined;
    sessionStorage.removeItem(BREACH_KEY);
    return message;
  } catch {
    return undefined;
  }
}

/** What a failed run shows: the message, with "Line L, column C" when DuckDB (or the classifier) points at a spot. */
function errorOutcome(err: unknown, sql: string): Outcome {
  let message = err instanceof Error ? err.message : String(err);
  let offset: number | undefined;
  if (err instanceof SqlRefusedError) offset = err.refusal?.from;
  else if (err instanceof SqlQueryError) {
    offset = err.info.offset;
    message = `${err.info.kind}: ${err.info.message}`;
  }
  if (offset === undefined) return { kind: 'error', message, sql };
  const { line, column } = lineColumn(sql, offset);
  return { kind: 'error', message: `Line ${line}, column ${column}: ${message}`, sql, at: { offset, line, column } };
}

/** The SQL console (`#/sql`, `?q=` runs a query): read-only SQL over the app's data, with history and a quick chart. */
export function SqlConsolePage(): JSX.Element {
  const [params] = useSearchParams();
  const linkQuery = createMemo(() => {
    const q = params.q;
    const text = Array.isArray(q) ? q[0] : q;
    return text?.trim() ? text : undefined;
  });
  const labelId = createUniqueId();
  const storage = browserStorage();
  const [history, setHistory] = createSignal(readHistory(storage));
  const [historyNotSaved, setHistoryNotSaved] = createSignal(false);
  const [phase, setPhase] = createSignal<'idle' | 'waiting' | 'running' | 'cancelling'>('idle');
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [status, setStatus] = createSignal(takeBreachNotice() ?? '');
  const [linkText, setLinkText] = createSignal<string>();
  /** Finished runs, for automation: `data-runs` on the status line changes when a run ends. */
  const [finished, setFinished] = createSignal(0);

  // Read once the data is loaded, and again whenever it changes (an import, the demo data back).
  const loaded = createMemo(() => datasetStore.dataset(), undefined, { equals: (a, b) => a?.key === b?.key });
  const [schema] = createResource(loaded, (d) => consoleSchema(d.db));
  const tables = createMemo(() => (schema.state === 'ready' || schema.state === 'refreshing' ? schema.latest : []));

  let editor: SqlEditorApi | undefined;
  let runButton!: HTMLButtonElement;
  let cancelButton!: HTMLButtonElement;
  let runSeq = 0;

  /**
   * Runs `sql` (default: the editor's text). `record` puts it in the history: only runs the user
   * starts here (Run, Ctrl/⌘+Enter, a sample button) are recorded. A query arriving in a `?q=`
   * link (a shared link, or View SQL on another page) runs but is not recorded: opening a link
   * must not fill the history with queries the user never chose to run. It is recorded once the
   * user runs it themselves. `fromEditor` moves the focus to an error's spot.
   */
  async function run(sqlArg: string | undefined, how: { record: boolean; fromEditor?: boolean }): Promise<void> {
    const sql = sqlArg ?? editor?.text() ?? '';
    const seq = ++runSeq;
    editor?.clearError();
    setStatus('');
    setLinkText(undefined);
    if (how.record) {
      const saved = addToHistory(storage, history(), sql, Date.now());
      setHistory(saved.entries);
      setHistoryNotSaved(!saved.saved);
    }
    try {
      if (datasetStore.status() !== 'ready') {
        setPhase('waiting');
        await datasetReady();
      }
      if (seq !== runSeq) return; // cancelled, or overtaken, while the data loaded
      setPhase('running');
      const { session } = await browserEngine();
      const result = await session.run(sql, { maxRows: MAX_ROWS });
      if (seq !== runSeq) return;
      setOutcome({ kind: 'result', result });
      setStatus(resultSummary(result, MAX_ROWS));
    } catch (err) {
      if (seq !== runSeq) return;
      if (err instanceof SqlBreachError) {
        setOutcome(errorOutcome(err, sql));
        reloadAfterBreach(err.message);
        return;
      }
      if (err instanceof SqlCancelledError) {
        setOutcome({ kind: 'cancelled' });
        setStatus('The query was cancelled.');
      } else {
        const failed = errorOutcome(err, sql);
        setOutcome(failed);
        if (failed.kind === 'error' && failed.at && editor?.text() === sql)
          editor.showError(failed.at.offset, how.fromEditor === true);
      }
    } finally {
      if (seq === runSeq) {
        // The Cancel button is about to be disabled: keep keyboard focus on the page.
        if (document.activeElement === cancelButton) runButton.focus();
        setPhase('idle');
        setFinished((n) => n + 1);
      }
    }
  }

  async function cancel(): Promise<void> {
    const p = phase();
    if (p === 'idle' || p === 'cancelling') return;
    if (p === 'waiting') {
      // Nothing was sent yet: drop the run (it checks its number once the data is ready).
      runSeq++;
      setOutcome({ kind: 'cancelled' });
      setStatus('The query was cancelled.');
      if (document.activeElement === cancelButton) runButton.focus();
      setPhase('idle');
      setFinished((n) => n + 1);
      return;
    }
    setPhase('cancelling');
    try {
      const { session } = await browserEngine();
      await session.cancel();
    } catch (err) {
      // The engine never started: there is no query to stop.
      console.warn('Tillsight: the SQL console could not cancel', err);
    }
  }

  function load(sql: string, runIt = false): void {
    editor?.setText(sql);
    draft = sql;
    if (runIt) void run(sql, { record: true });
    else editor?.focus();
  }

  async function copyLink(): Promise<void> {
    const url = new URL(location.href);
    url.hash = `#/sql?q=${encodeURIComponent(editor?.text() ?? '')}`;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url.href);
      setLinkText(undefined);
      setStatus('A link to this query was copied: opening it runs the query.');
    } catch {
      setLinkText(url.href);
    }
  }

  // A shared link (?q=…), on arrival and whenever it changes while the page is open.
  createEffect(
    on(linkQuery, (q) => {
      if (!q) return;
      if (editor && editor.text() !== q) editor.setText(q);
      draft = q;
      void run(q, { record: false });
    }),
  );

  // Another tab's runs (or its Clear) show here too: localStorage tells other tabs through `storage` events.
  const onStorage = (e: StorageEvent) => {
    if (e.storageArea !== null && e.storageArea !== storage) return;
    const next = historyAfterChange(storage, history(), e);
    if (next) setHistory(next);
  };
  window.addEventListener('storage', onStorage);
  onCleanup(() => window.removeEventListener('storage', onStorage));

  // Escape cancels a running query wherever the focus is (the editor handles its own Escape).
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || phase() === 'idle') return;
    e.preventDefault();
    void cancel();
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    // Leaving the page stops its query: nobody would see the result, and it would hold the console's connection.
    runSeq++;
    if (phase() === 'running' || phase() === 'cancelling')
      browserEngine()
        .then(({ session }) => session.cancel())
        .catch(() => undefined); // no engine, no query to stop
  });

  const state = (): 'loading' | 'ready' | 'error' | 'empty' => {
    if (phase() !== 'idle') return 'loading';
    const o = outcome();
    if (o?.kind === 'result') return 'ready';
    if (o?.kind === 'error') return 'error';
    if (!o && datasetStore.status() === 'error') return 'error';
    return 'empty';
  };
  const errorText = () => {
    const o = outcome();
    if (o?.kind === 'error') return o.message;
    return datasetStore.error()?.message;
  };
  const loadingText = () =>
    phase() === 'waiting'
      ? 'Loading the data before running the query…'
      : phase() === 'cancelling'
        ? 'Cancelling the query…'
        : 'Running the query… (Escape or Cancel stops it)';
  /** The failed run's message, shown next to the editor (not while a new run is on its way). */
  const failure = () => {
    const o = outcome();
    return o?.kind === 'error' && phase() === 'idle' ? o : undefined;
  };

  return (
    <PageShell
      title="SQL console"
      state={state()}
      error={errorText()}
      ownsError={outcome()?.kind === 'error'}
      loadingText={loadingText()}
      onRetry={!outcome() && datasetStore.status() === 'error' ? () => datasetStore.start() : undefined}
    >
      <p class="muted sql-intro">
        Ask the data anything in SQL (DuckDB’s dialect). The console only reads, and only the tables loaded in this app:
        it cannot change your data, and a query that calls a file reader (<code>read_csv</code>,{' '}
        <code>read_parquet</code>, <code>glob</code>…) or names a web address is refused.
      </p>
      <div class="sql-console">
        <div class="sql-main">
          <section class="card sql-editor-card" aria-labelledby={labelId}>
            <h2 class="card-title" id={labelId}>
              SQL query
            </h2>
            <p class="muted sql-help">{HELP}</p>
            <SqlEditor
              initial={linkQuery() ?? draft ?? SAMPLES[0].sql}
              tables={tables()}
              label="SQL query"
              help={HELP}
              onRun={() => void run(undefined, { record: true, fromEditor: true })}
              onEscape={() => {
                if (phase() === 'idle') return false;
                void cancel();
                return true;
              }}
              onChange={(text) => (draft = text)}
              ref={(api) => (editor = api)}
            />
            {/* Refusals and DuckDB's errors, here by the editor (PageShell's generic box is left out for them). */}
            <Show when={failure()} keyed>
              {(failed) => (
                <div
                  class="sql-error"
                  role="alert"
                  data-testid="sql-error"
                  data-line={failed.at?.line}
                  data-column={failed.at?.column}
                >
                  <p class="sql-error-message">{failed.message}</p>
                  <Show when={failed.at}>
                    {(at) => (
                      <p class="sql-error-at">
                        <button type="button" class="link-button" onClick={() => editor?.showError(at().offset, true)}>
                          Show line {at().line}, column {at().column} in the editor
                        </button>
                      </p>
                    )}
                  </Show>
                </div>
              )}
            </Show>
            <div class="button-row">
              <button
                ref={runButton}
                type="button"
                class="button button-primary"
                data-testid="sql-run"
                aria-keyshortcuts="Control+Enter Meta+Enter"
                onClick={() => void run(undefined, { record: true })}
              >
                Run
              </button>
              <button
                ref={cancelButton}
                type="button"
                class="button"
                data-testid="sql-cancel"
                aria-keyshortcuts="Escape"
                disabled={phase() === 'idle' || phase() === 'cancelling'}
                onClick={() => void cancel()}
              >
                Cancel
              </button>
              <button type="button" class="button" data-testid="sql-copy-link" onClick={() => void copyLink()}>
                Copy link to this query
              </button>
            </div>
            <Show when={linkText()}>
              {(href) => (
                <p class="sql-link">
                  <label>
                    Link to this query (copy it from here):{' '}
                    <input type="text" readOnly value={href()} onFocus={(e) => e.currentTarget.select()} />
                  </label>
                </p>
              )}
            </Show>
            <p class="sql-status" role="status" aria-live="polite" data-testid="sql-status" data-runs={finished()}>
              {status()}
            </p>
          </section>

          <Switch>
            <Match
              when={(() => {
                const o = outcome();
                return o?.kind === 'result' ? o.result : undefined;
              })()}
            >
              {(result) => (
                <>
                  <SqlResultView result={result()} maxRows={MAX_ROWS} />
                  <SqlChart result={result()} />
                </>
              )}
            </Match>
            <Match when={outcome()?.kind === 'cancelled'}>
              <p class="notice" data-testid="sql-cancelled">
                The query was cancelled before it finished. The data is as it was; run it again, or another query.
              </p>
            </Match>
            <Match when={!outcome()}>
              <section class="card sql-start" aria-labelledby="sql-start-title">
                <h2 class="card-title" id="sql-start-title">
                  Start here
                </h2>
                <p>
                  The editor holds a sample query over <code>sales</code>: run it, or try one of these. The tables and
                  their columns are listed beside the editor (below it on a phone), and the editor completes their names
                  as you type. Results show as a table you can download as CSV, with a quick chart when the columns suit
                  one: a date first and numbers after it for a line, text first and a number after it for bars.
                </p>
                <ul class="sql-samples">
                  <For each={SAMPLES}>
                    {(sample) => (
                      <li>
                        <button type="button" class="button button-small" onClick={() => load(sample.sql, true)}>
                          Run “{sample.name}”
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </Match>
          </Switch>
        </div>
        <aside class="sql-side" aria-label="Tables and history">
          <SchemaList
            tables={schema.state === 'ready' || schema.state === 'refreshing' ? schema.latest : undefined}
            error={
              schema.state === 'errored'
                ? String((schema.error as Error | undefined)?.message ?? schema.error)
                : undefined
            }
          />
          <SqlHistory
            entries={history()}
            notSaved={historyNotSaved()}
            onPick={(sql) => load(sql)}
            onClear={() => {
              clearHistory(storage);
              setHistory([]);
              setHistoryNotSaved(false);
            }}
          />
        </aside>
      </div>
    </PageShell>
  );
}
