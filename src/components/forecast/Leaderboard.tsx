import { For, Show, type JSX } from 'solid-js';
import { count, percent } from '../../format';
import type { FailedModel, ModelScore } from '../../ml/forecast/tournament';
import type { ModelId } from '../../ml/forecast/types';
import type { Statement } from '../../data/queries/statement';
import { ViewSql } from '../ViewSql';

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/**
 * The models ranked by backtest MASE. Each row is a button-like choice of the model the
 * chart shows; the raw metrics sit in data-* attributes for automation.
 */
export function Leaderboard(props: {
  models: readonly ModelScore[];
  failed: readonly FailedModel[];
  recommended: ModelId;
  shown: ModelId;
  onShow: (id: ModelId) => void;
  origins: readonly string[];
  sql: Statement;
}): JSX.Element {
  return (
    <section class="card" aria-labelledby="leaderboard-title">
      <div class="card-head">
        <h2 class="card-title" id="leaderboard-title">
          Model leaderboard
        </h2>
        <ViewSql statement={props.sql} what="the sales history the models were fitted and scored on" />
      </div>
      <p class="muted">
        Each model was fitted {props.origins.length} times, each time only on the data before a backtest start (
        {props.origins.join(', ')}), and scored on the periods that followed. MASE below 1 beats the in-sample seasonal
        naive forecast; coverage is how often the actual value fell inside the model’s 80% and 95% intervals (aim: 80%
        and 95%).
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="leaderboard-caption">
        <table class="leaderboard">
          <caption class="sr-only" id="leaderboard-caption">
            Forecasting models ranked by backtest error (MASE), lowest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" class="num">
                MASE
              </th>
              <th scope="col" class="num">
                sMAPE
              </th>
              <th scope="col" class="num">
                WAPE
              </th>
              <th scope="col" class="num">
                RMSE
              </th>
              <th scope="col" class="num">
                R²
              </th>
              <th scope="col" class="num">
                80% coverage
              </th>
              <th scope="col" class="num">
                95% coverage
              </th>
              <th scope="col" class="num">
                Fit time
              </th>
              <th scope="col">Chart</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.models}>
              {(m) => (
                <tr
                  data-testid="model-row"
                  data-model={m.id}
                  data-mase={m.metrics.mase}
                  data-smape={m.metrics.smape}
                  data-wape={m.metrics.wape}
                  data-rmse={m.metrics.rmse}
                  data-r2={m.metrics.r2}
                  data-coverage80={m.coverage80 / 100}
                  data-coverage95={m.coverage95 / 100}
                  data-seconds={m.seconds}
                  classList={{ recommended: m.id === props.recommended }}
                >
                  <th scope="row">
                    {m.label}
                    <Show when={m.id === props.recommended}>
                      <span class="badge">recommended</span>
                    </Show>
                    <span class="muted model-summary">{m.summary}</span>
                  </th>
                  <td class="num">{fixed(m.metrics.mase, 3)}</td>
                  <td class="num">{fixed(m.metrics.smape, 1)}%</td>
                  <td class="num">{fixed(m.metrics.wape, 1)}%</td>
                  <td class="num">{count(m.metrics.rmse)}</td>
                  <td class="num">{fixed(m.metrics.r2, 2)}</td>
                  <td class="num" classList={{ off: Math.abs(m.coverage80 - 80) > 8 }}>
                    {percent(m.coverage80 / 100, 0)}
                  </td>
                  <td class="num">{percent(m.coverage95 / 100, 0)}</td>
                  <td class="num">{m.id === 'ensemble' ? '—' : `${m.seconds.toFixed(1)} s`}</td>
                  <td>
                    <button
                      type="button"
                      class="button button-small"
                      aria-pressed={props.shown === m.id}
                      onClick={() => props.onShow(m.id)}
                    >
                      {/* The name keeps the visible word (and does not change with the state, which
                          aria-pressed announces); the pressed look marks the model on the chart. */}
                      Show<span class="sr-only"> {m.label} on the chart</span>
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.failed.length}>
        <ul class="notice-list" data-testid="failed-models">
          <For each={props.failed}>
            {(f) => (
              <li>
                {f.label} was left out: {f.error}.
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
