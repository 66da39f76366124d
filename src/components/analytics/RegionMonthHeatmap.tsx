import { createMemo, For, Show, type JSX } from 'solid-js';
import type { RegionMonthCell } from '../../data/queries/analytics';
import type { Statement } from '../../data/queries/statement';
import { money, month } from '../../format';
import { ViewSql } from '../ViewSql';

/**
 * Region × month revenue as a table whose cells are shaded by value: a heatmap that is also
 * its own text alternative (every number is there to read, and to reach by keyboard).
 */
export function RegionMonthHeatmap(props: { cells: RegionMonthCell[]; sql: Statement }): JSX.Element {
  const months = createMemo(() => [...new Set(props.cells.map((c) => c.month))].sort((a, b) => a - b));
  const regions = createMemo(() => [...new Set(props.cells.map((c) => c.region ?? '(no region)'))]);
  const value = createMemo(
    () => new Map(props.cells.map((c) => [`${c.region ?? '(no region)'}|${c.month}`, c.revenue])),
  );
  const max = createMemo(() => Math.max(1, ...props.cells.map((c) => c.revenue)));
  const best = createMemo(() =>
    props.cells.reduce<RegionMonthCell | undefined>((a, c) => (!a || c.revenue > a.revenue ? c : a), undefined),
  );
  return (
    <section class="card chart-card wide" data-testid="chart-region-month" aria-labelledby="heatmap-title">
      <div class="card-head">
        <h2 class="card-title" id="heatmap-title">
          Revenue by region and month
        </h2>
        <ViewSql statement={props.sql} what="Revenue by region and month" />
      </div>
      <Show when={props.cells.length > 0} fallback={<p class="muted empty-chart">No sales in this selection.</p>}>
        <div class="table-wrap heatmap" tabindex="0" role="region" aria-labelledby="heatmap-caption">
          <table>
            <caption class="sr-only" id="heatmap-caption">
              Revenue by region (rows) and month (columns)
            </caption>
            <thead>
              <tr>
                <th scope="col">Region</th>
                <For each={months()}>
                  {(m) => (
                    <th scope="col" class="num">
                      {month(m)}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={regions()}>
                {(r) => (
                  <tr>
                    <th scope="row">{r}</th>
                    <For each={months()}>
                      {(m) => {
                        const v = () => value().get(`${r}|${m}`) ?? 0;
                        return (
                          <td
                            class="num heat"
                            style={{ '--heat': String(Math.max(0, v()) / max()) }}
                            title={`${r}, ${month(m)}: ${money(v())}`}
                          >
                            {money(v())}
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
          Strongest month: {best()?.region ?? '(no region)'} in {month(best()?.month)} with {money(best()?.revenue)}.
        </p>
      </Show>
    </section>
  );
}
