import { createMemo, createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { count } from '../../format';
import { timingSummary } from '../../data/diagnostics/report';
import { CsvButton, type Column } from '../DataTable';

type Order = 'recent' | 'slowest';

interface TimingsTableProps<T extends { ms: number }> {
  title: string;
  /** What the log holds, in a sentence. */
  about: string;
  columns: readonly Column<T>[];
  /** Newest first, as the log gives them. */
  entries: readonly T[];
  /** How many were ever recorded (the log keeps the latest only). */
  total: number;
  /** Each row's `data-testid`, for automation. */
  rowTestId: string;
  /** Raw values a test may read off a row, as `data-*` attributes. */
  rowData: (entry: T) => Record<`data-${string}`, string | number>;
  filename: string;
  empty: string;
}

/** A card with a timing log as a table: most recent or slowest first, with a summary and a CSV download. */
export function TimingsTable<T extends { ms: number }>(props: TimingsTableProps<T>): JSX.Element {
  const id = createUniqueId();
  const [order, setOrder] = createSignal<Order>('recent');
  const rows = createMemo(() =>
    order() === 'slowest' ? [...props.entries].sort((a, b) => b.ms - a.ms) : props.entries,
  );
  const summary = createMemo(() => {
    const s = timingSummary(props.entries.map((e) => e.ms));
    if (!s) return 'None yet.';
    return `Showing the last ${count(s.count)} of ${count(props.total)}: median ${count(s.median, 1)} ms, 95th percentile ${count(s.p95, 1)} ms, slowest ${count(s.max, 1)} ms.`;
  });
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <div class="card-head">
        <h2 class="card-title" id={`${id}-title`}>
          {props.title}
        </h2>
        <fieldset class="segmented">
          <legend class="sr-only">Order of {props.title.toLowerCase()}</legend>
          <For
            each={
              [
                ['recent', 'Most recent first'],
                ['slowest', 'Slowest first'],
              ] as const
            }
          >
            {([value, label]) => (
              <label class="segment">
                <input
                  type="radio"
                  name={`${id}-order`}
                  value={value}
                  checked={order() === value}
                  onChange={() => setOrder(value)}
                />
                <span>{label}</span>
              </label>
            )}
          </For>
        </fieldset>
      </div>
      <p class="muted">
        {props.about} {summary()}
      </p>
      {/* Named by the table's caption: a second landmark named like the card would be ambiguous. */}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby={`${id}-caption`}>
        <table>
          <caption class="sr-only" id={`${id}-caption`}>
            {props.title}, {order() === 'slowest' ? 'slowest first' : 'most recent first'}
          </caption>
          <thead>
            <tr>
              <For each={props.columns}>
                {(c) => (
                  <th scope="col" classList={{ num: c.numeric }}>
                    {c.header}
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
                    {props.empty}
                  </td>
                </tr>
              }
            >
              <For each={rows()}>
                {(entry) => (
                  <tr data-testid={props.rowTestId} {...props.rowData(entry)}>
                    <For each={props.columns}>{(c) => <td classList={{ num: c.numeric }}>{c.cell(entry)}</td>}</For>
                  </tr>
                )}
              </For>
            </Show>
          </tbody>
        </table>
      </div>
      <CsvButton filename={props.filename} caption={props.title} columns={props.columns} rows={rows} />
    </section>
  );
}
