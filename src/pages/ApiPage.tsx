import { createEffect, createMemo, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { API_CALLS, API_GROUPS } from '../api/registry';
import type { ApiCall, ApiInput, ApiRows } from '../api/types';
import { PageShell } from '../components/PageShell';
import { RowsTable } from '../components/RowsTable';
import { ViewSql } from '../components/ViewSql';
import { spanOf } from '../data/periods';
import { inlineParams } from '../data/queries/statement';
import { count } from '../format';
import { datasetStore } from '../state/dataset';
import { useFilters } from '../state/filters';

/**
 * The analytics API: every question the pages ask, with its arguments, the SQL it runs for
 * the current filters, and a button that runs it and shows the rows.
 */
export function ApiPage(): JSX.Element {
  const { filters, notices } = useFilters();
  const input = createMemo((): ApiInput | undefined => {
    const d = datasetStore.dataset();
    return d ? { filters: filters(), span: spanOf(d.profile.firstTs, d.profile.lastTs) } : undefined;
  });
  const state = () =>
    datasetStore.status() === 'error' ? ('error' as const) : input() ? ('ready' as const) : ('loading' as const);
  return (
    <PageShell
      title="Analytics API"
      state={state()}
      notices={notices()}
      error={datasetStore.error()?.message}
      onRetry={() => datasetStore.start()}
    >
      <section class="card api-intro">
        <p>
          Each page of Tillsight asks its questions through these {API_CALLS.length} calls. Each shows its arguments,
          the SQL it runs for the filters chosen above, and a Run button that runs it on your data, here in your
          browser. The TypeScript functions and their argument and row types are exported from <code>src/api</code>.
        </p>
        <nav aria-label="API groups" class="api-toc">
          <For each={API_GROUPS}>
            {(group) => (
              <button type="button" class="button button-small" onClick={() => focusGroup(group)}>
                {group}
              </button>
            )}
          </For>
        </nav>
      </section>
      <Show when={input()}>
        {(i) => (
          <For each={API_GROUPS}>
            {(group) => (
              <section class="api-group" id={groupId(group)} tabindex="-1" aria-labelledby={`${groupId(group)}-h`}>
                <h2 id={`${groupId(group)}-h`}>{group}</h2>
                <For each={API_CALLS.filter((c) => c.group === group)}>
                  {(call) => <ApiCallCard call={call} input={i()} />}
                </For>
              </section>
            )}
          </For>
        )}
      </Show>
    </PageShell>
  );
}

const groupId = (group: string) => `api-${group.toLowerCase().replace(/\W+/g, '-')}`;

// Hash routing owns the fragment, so the table of contents moves focus instead of using anchors.
function focusGroup(group: string): void {
  const section = document.getElementById(groupId(group));
  section?.scrollIntoView({ block: 'start' });
  section?.focus({ preventScroll: true });
}

type RunState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; answer: ApiRows; ms: number }
  | { kind: 'error'; message: string };

function ApiCallCard(props: { call: ApiCall; input: ApiInput }): JSX.Element {
  const [run, setRun] = createSignal<RunState>({ kind: 'idle' });
  let controller: AbortController | undefined;
  onCleanup(() => controller?.abort());
  // A failure to write the SQL (it should not happen) must not take the page down.
  const sql = createMemo(() => {
    try {
      return { texts: props.call.statements(props.input).map((s) => ({ s, text: inlineParams(s) })) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err), texts: [] };
    }
  });
  const start = async () => {
    const d = datasetStore.dataset();
    if (!d) return;
    controller?.abort();
    const mine = (controller = new AbortController());
    setRun({ kind: 'running' });
    const t0 = performance.now();
    try {
      const answer = await props.call.run({ ...props.input, db: d.db, cube: () => d.cube(), signal: mine.signal });
      if (controller === mine) setRun({ kind: 'done', answer, ms: performance.now() - t0 });
    } catch (err) {
      if (controller === mine) setRun({ kind: 'error', message: mine.signal.aborted ? 'Stopped.' : errorText(err) });
    }
  };
  const done = () => {
    const r = run();
    return r.kind === 'done' ? r : undefined;
  };
  // Rows from other filters would sit under the new filters' SQL: a filter change clears them.
  createEffect(
    on(
      () => props.input,
      () => {
        controller?.abort();
        controller = undefined;
        setRun({ kind: 'idle' });
      },
      { defer: true },
    ),
  );
  const stop = () => {
    controller?.abort();
    setRun({ kind: 'error', message: 'Stopped.' });
  };
  const headingId = `api-${props.call.name.replace(/\W/g, '-')}`;
  return (
    <article class="card api-call" data-testid="api-call" data-name={props.call.name} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <code>{props.call.name}</code>
      </h3>
      <p>{props.call.summary}</p>
      <dl class="api-facts">
        <dt>Function</dt>
        <dd>
          <code>{props.call.signature}</code>
        </dd>
        <dt>Returns</dt>
        <dd>
          <code>{props.call.returns}</code>
        </dd>
        <dt>Answered by</dt>
        <dd>
          {ENGINE_TEXT[props.call.engine]}
          <Show when={props.call.note}> {props.call.note}</Show>
        </dd>
      </dl>
      <div class="table-wrap" role="region" aria-label={`Parameters of ${props.call.name}`} tabindex="0">
        <table class="api-params">
          <caption class="sr-only">Parameters of {props.call.name}</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Type</th>
              <th scope="col">Now</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.call.params}>
              {(p) => (
                <tr>
                  <th scope="row">
                    <code>{p.name}</code>
                  </th>
                  <td>
                    <code>{p.type}</code>
                  </td>
                  <td>{p.value(props.input)}</td>
                  <td>{p.description}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={sql().error}>
        <p class="export-error" role="alert">
          The SQL could not be written: {sql().error}
        </p>
      </Show>
      <For each={sql().texts}>
        {(t, k) => (
          <div class="api-sql">
            <div class="api-sql-head">
              <h4>{sql().texts.length > 1 ? `SQL, statement ${k() + 1} of ${sql().texts.length}` : 'SQL'}</h4>
              <ViewSql
                statement={t.s}
                what={`${props.call.name}${sql().texts.length > 1 ? `, statement ${k() + 1}` : ''}`}
              />
            </div>
            <pre
              class="sql-text"
              tabindex="0"
              role="region"
              aria-label={`SQL of ${props.call.name}${sql().texts.length > 1 ? `, statement ${k() + 1}` : ''}`}
            >
              <code>{t.text}</code>
            </pre>
          </div>
        )}
      </For>
      <div class="button-row">
        <button
          type="button"
          class="button"
          data-testid="api-run"
          disabled={run().kind === 'running'}
          onClick={() => void start()}
        >
          Run {props.call.name}
        </button>
        <Show when={run().kind === 'running'}>
          <button type="button" class="button" onClick={stop}>
            Stop
          </button>
        </Show>
      </div>
      <div
        role="status"
        class="api-run-status"
        data-testid="api-status"
        data-state={run().kind}
        data-rows={done()?.answer.total}
      >
        {statusText(run())}
      </div>
      <Show when={done()}>
        {(r) => (
          <Show when={r().answer.rows.length > 0}>
            <RowsTable
              caption={`Rows returned by ${props.call.name}`}
              rows={r().answer.rows}
              filename={`${props.call.name}.csv`}
              testId="api-rows"
            />
          </Show>
        )}
      </Show>
    </article>
  );
}

const ENGINE_TEXT: Record<ApiCall['engine'], string> = {
  DuckDB: 'DuckDB runs the SQL; the rows are the answer.',
  cube: 'The in-memory sales cube, from the same data; the SQL gives the same numbers.',
  worker: 'A Web Worker computes the answer from the rows the SQL returns.',
  page: 'The page computes the answer from the rows the SQL returns.',
};

function statusText(r: RunState): string {
  switch (r.kind) {
    case 'idle':
      return '';
    case 'running':
      return 'Running…';
    case 'done': {
      const { rows, total } = r.answer;
      const shown =
        rows.length < total
          ? ` The first ${count(rows.length)} are shown; View SQL opens up to 100,000 in the console, and the SQL gives them all.`
          : '';
      return `${count(total)} ${total === 1 ? 'row' : 'rows'} in ${Math.round(r.ms)} ms.${shown}`;
    }
    case 'error':
      return r.message;
  }
}

function errorText(err: unknown): string {
  return `The call failed: ${err instanceof Error ? err.message : String(err)}`;
}
