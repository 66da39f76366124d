import { For, type JSX } from 'solid-js';
import { percent } from '../../format';
import type { ModelScore } from '../../ml/forecast/tournament';
import type { Statement } from '../../data/queries/statement';
import { ViewSql } from '../ViewSql';

/** MASE and coverage of every model at each backtest start: a model whose error grows towards the latest origin is drifting. */
export function AccuracyOverTime(props: {
  models: readonly ModelScore[];
  origins: readonly string[];
  sql: Statement;
}): JSX.Element {
  return (
    <section class="card" aria-labelledby="accuracy-title" data-testid="accuracy-over-time">
      <div class="card-head">
        <h2 class="card-title" id="accuracy-title">
          Accuracy over time
        </h2>
        <ViewSql statement={props.sql} what="the sales history the backtests are computed from" />
      </div>
      <p class="muted">
        Backtest error (MASE) and 80% coverage at each backtest start, oldest first. A rising error towards the latest
        start means the model is drifting.
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="accuracy-caption">
        <table>
          <caption class="sr-only" id="accuracy-caption">
            Backtest MASE of each model by backtest start, with 80% coverage in brackets
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <For each={props.origins}>
                {(o) => (
                  <th scope="col" class="num">
                    From {o}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={props.models}>
              {(m) => (
                <tr>
                  <th scope="row">{m.label}</th>
                  <For each={m.byOrigin}>
                    {(o) => (
                      <td class="num">
                        {Number.isFinite(o.mase) ? o.mase.toFixed(3) : '—'}{' '}
                        <span class="muted">({percent(o.coverage80 / 100, 0)})</span>
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
