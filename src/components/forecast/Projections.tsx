import { For, Show, type JSX } from 'solid-js';
import { money, percent } from '../../format';
import type { Projection } from '../../ml/forecast/projection';
import type { Statement } from '../../data/queries/statement';
import { ViewSql } from '../ViewSql';

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${percent(Math.abs(v), 1)}`;

/** Forecast totals for the next windows, their 80% ranges, and the change on a year earlier. */
export function Projections(props: { rows: readonly Projection[]; modelLabel: string; sql: Statement }): JSX.Element {
  return (
    <section class="card" aria-labelledby="projection-title" data-testid="growth-projection">
      <div class="card-head">
        <h2 class="card-title" id="projection-title">
          Growth projection
        </h2>
        <ViewSql statement={props.sql} what="the sales history the projection is computed from" />
      </div>
      <div class="kpi-grid projection-grid">
        <For each={props.rows}>
          {(p) => (
            <article
              class="kpi"
              data-testid="projection"
              data-periods={p.periods}
              data-total={p.total}
              data-low={p.low80}
              data-high={p.high80}
            >
              <h3 class="kpi-label">{p.label}</h3>
              <p class="kpi-value">{money(p.total)}</p>
              <p class="muted">
                80% range {money(p.low80)} – {money(p.high80)}
              </p>
              <Show
                when={p.lastYear !== null && p.lastYear !== 0}
                fallback={<p class="muted">No same period last year in the history.</p>}
              >
                <p>
                  {signed(p.total / p.lastYear! - 1)} on the same weeks last year ({money(p.lastYear)}); range{' '}
                  {signed(p.low80 / p.lastYear! - 1)} to {signed(p.high80 / p.lastYear! - 1)}.
                </p>
              </Show>
              <Show when={p.backtestErrors.length}>
                <p class="muted">
                  Backtest totals were off by{' '}
                  {p.backtestErrors.map((e) => (Number.isFinite(e) ? signed(e) : '—')).join(', ')}.
                </p>
              </Show>
            </article>
          )}
        </For>
      </div>
      <p class="muted">
        Totals of the {props.modelLabel} forecast. The range adds each period’s calibrated uncertainty as if errors were
        independent from period to period; the backtest totals show how far past totals really were off.
      </p>
    </section>
  );
}
