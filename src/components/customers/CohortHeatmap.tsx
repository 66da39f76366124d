import { createMemo, For, Show, type JSX } from 'solid-js';
import type { CohortCell } from '../../data/queries/customers';
import type { Statement } from '../../data/queries/statement';
import { count, money, percent } from '../../format';
import { ViewSql } from '../ViewSql';

/** Monthly acquisition cohorts × months since first purchase, shaded by retention: a table that is its own text alternative. */
export function CohortHeatmap(props: { cells: CohortCell[]; sql: Statement }): JSX.Element {
  const cohorts = createMemo(() => [...new Set(props.cells.map((c) => c.cohort))].sort());
  const offsets = createMemo(() => Math.max(0, ...props.cells.map((c) => c.monthsSince)) + 1);
  const cell = createMemo(() => new Map(props.cells.map((c) => [`${c.cohort}|${c.monthsSince}`, c])));
  const sizes = createMemo(() => new Map(props.cells.map((c) => [c.cohort, c.cohortSize])));
  const month1 = createMemo(() => {
    const later = props.cells.filter((c) => c.monthsSince === 1);
    const size = later.reduce((s, c) => s + c.cohortSize, 0);
    return size > 0 ? later.reduce((s, c) => s + c.active, 0) / size : null;
  });
  return (
    <section class="card chart-card wide" data-testid="cohort-retention" aria-labelledby="cohort-title">
      <div class="card-head">
        <h2 class="card-title" id="cohort-title">
          Cohort retention
        </h2>
        <ViewSql statement={props.sql} what="Cohort retention" />
      </div>
      <Show when={props.cells.length > 0} fallback={<p class="muted empty-chart">No customers in this selection.</p>}>
        <div class="table-wrap heatmap" tabindex="0" role="region" aria-labelledby="cohort-caption">
          <table>
            <caption class="sr-only" id="cohort-caption">
              Share of each month's new customers (rows) who ordered again in each later month (columns)
            </caption>
            <thead>
              <tr>
                <th scope="col">First order in</th>
                <th scope="col" class="num">
                  Customers
                </th>
                <For each={Array.from({ length: offsets() }, (_, i) => i)}>
                  {(i) => (
                    <th scope="col" class="num">
                      {i === 0 ? 'Month 0' : `+${i}`}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={cohorts()}>
                {(c) => (
                  <tr>
                    <th scope="row">{c}</th>
                    <td class="num">{count(sizes().get(c))}</td>
                    <For each={Array.from({ length: offsets() }, (_, i) => i)}>
                      {(i) => {
                        const x = () => cell().get(`${c}|${i}`);
                        return (
                          <td
                            class="num heat"
                            style={{ '--heat': String(x()?.retention ?? 0) }}
                            title={
                              x()
                                ? `${c}, month +${i}: ${count(x()?.active)} active, ${money(x()?.revenue)}`
                                : undefined
                            }
                          >
                            {x() ? percent(x()?.retention, 0) : ''}
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <p class="chart-caption">
          Share of each month's new customers who ordered again n months later.
          {month1() !== null ? ` On average ${percent(month1(), 0)} order again in the month after their first.` : ''}
        </p>
      </Show>
    </section>
  );
}
