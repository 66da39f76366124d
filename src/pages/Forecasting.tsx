import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { AccuracyOverTime } from '../components/forecast/AccuracyOverTime';
import { ForecastChart } from '../components/forecast/ForecastChart';
import { Leaderboard } from '../components/forecast/Leaderboard';
import { Projections } from '../components/forecast/Projections';
import { SeasonalAnalysis } from '../components/forecast/SeasonalAnalysis';
import { WhatIfPanel } from '../components/forecast/WhatIfPanel';
import { PageShell } from '../components/PageShell';
import { dailySeries, dailySeriesSql } from '../data/queries/forecast/daily-series';
import { pricePoints, pricePointsSql } from '../data/queries/forecast/price-points';
import { percent } from '../format';
import { BACKTEST_ORIGINS } from '../ml/forecast/backtest';
import { isoDay, periodDay, periodLength } from '../ml/forecast/calendar';
import { forecastInWorkers, type TournamentOutcome } from '../ml/forecast/forecast-client';
import { projections, projectionWindows } from '../ml/forecast/projection';
import { periodsFor, seasonOf, toSeries } from '../ml/forecast/series';
import type { Grain, ModelId } from '../ml/forecast/types';
import { applyScenario, type Scenario, type ScenarioEffects } from '../ml/forecast/what-if';
import { MODEL_IDS } from '../ml/forecast/worker-api';
import { datasetStore } from '../state/dataset';
import { cacheForecast, cachedForecast, forecastKey } from '../state/forecast-cache';
import { useFilters } from '../state/filters';
import { parseHorizon, HORIZON_CHOICES } from '../state/horizon';

const MODEL_WORDS: Record<ModelId, string> = {
  'seasonal-naive': 'Seasonal naive',
  ets: 'Exponential smoothing',
  arima: 'ARIMA',
  prophet: 'Prophet-style',
  'random-forest': 'Random forest',
  lstm: 'LSTM network',
  ensemble: 'Ensemble',
};

/** Rendering steps of a result (see `stage`). */
const STAGES = 7;

/** The seed of every model's random choices, so a forecast can be reproduced exactly. */
const SEED = 42;

/** The Forecasting page: a tournament of models on honest backtests, the winner's forecast, and what-if. */
export function ForecastingPage(): JSX.Element {
  const { filters, update } = useFilters();
  const [params, setParams] = useSearchParams();
  const horizon = createMemo(() => parseHorizon(params.horizon));
  const grain = (): Grain => (filters().grain === 'week' ? 'week' : 'day');
  const [scope, setScope] = createSignal<'slice' | 'all'>('slice');
  const dims = createMemo(
    () =>
      scope() === 'all'
        ? { categories: [] as string[], regions: [] as string[] }
        : { categories: [...filters().categories], regions: [...filters().regions] },
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  // Every chart and table below is computed from this query's daily revenue.
  const seriesSql = createMemo(() => dailySeriesSql(dims()));
  const [attempt, setAttempt] = createSignal(0);
  const [progress, setProgress] = createSignal<Partial<Record<ModelId, number>>>({});
  let running: AbortController | undefined;

  const [run] = createResource(
    () => {
      const d = datasetStore.dataset();
      return d ? { d, dims: dims(), grain: grain(), days: horizon().days, attempt: attempt() } : undefined;
    },
    async ({ d, dims: slice, grain: g, days }) => {
      running?.abort();
      const key = forecastKey({ dataset: d.key, ...slice, grain: g, horizon: days });
      const hit = cachedForecast(key);
      if (hit) return { kind: 'done' as const, outcome: hit, cached: true };
      const ctl = new AbortController();
      running = ctl;
      performance.mark('tillsight:forecast-start');
      const present = d.profile.present;
      const [daily, prices] = await Promise.all([
        dailySeries(d.db, slice),
        present.has('quantity') && present.has('unit_price') ? pricePoints(d.db, slice) : Promise.resolve(undefined),
      ]);
      performance.mark('tillsight:forecast-series');
      if (!daily.start) return { kind: 'empty' as const };
      const series = toSeries(daily.start, daily.revenue, daily.discount, g);
      const periods = periodsFor(days, g);
      const season = seasonOf(g);
      const needed = (BACKTEST_ORIGINS + 1) * periods + season;
      if (series.values.length < needed) {
        return { kind: 'short' as const, have: series.values.length, needed, grain: g, days };
      }
      setProgress({});
      let outcome: TournamentOutcome;
      try {
        outcome = await forecastInWorkers(
          { series, horizon: periods, season, seed: SEED, ...(prices ? { pricePoints: prices } : {}) },
          (model, fraction) => setProgress((p) => ({ ...p, [model]: fraction })),
          ctl.signal,
        );
      } catch (err) {
        // A cancel is an answer, not a failure: the page offers to run it again.
        if ((err as Error | undefined)?.name === 'AbortError') return { kind: 'cancelled' as const };
        throw err;
      }
      performance.mark('tillsight:forecast-done', { detail: { seconds: outcome.seconds } });
      cacheForecast(key, outcome);
      return { kind: 'done' as const, outcome, cached: false };
    },
  );

  // Leaving the page mid-run stops the workers: nobody is waiting for the answer.
  onCleanup(() => running?.abort());
  // `latest` rethrows a failed fetch's error; the page shows that error instead.
  const latest = () => (run.error ? undefined : run.latest);
  const outcome = () => {
    const r = latest();
    return r?.kind === 'done' ? r.outcome : undefined;
  };
  // The results arrive all at once; drawn in steps, one task each, so no step holds the page
  // for long: the headline and forecast chart first, then the leaderboard, projections and
  // accuracy, the what-if, the seasonal analysis, and the model details.
  const [stage, setStage] = createSignal(0);
  createEffect(
    on(outcome, (o) => {
      setStage(o ? 1 : 0);
      if (!o) return;
      let timer = setTimeout(function next() {
        const begun = performance.now();
        setStage((k) => k + 1);
        performance.measure(`tillsight:forecast-stage-${stage()}`, { start: begun });
        if (stage() < STAGES) timer = setTimeout(next, 0);
      }, 0);
      onCleanup(() => clearTimeout(timer));
    }),
  );
  const [chosen, setChosen] = createSignal<ModelId>();
  const shownModel = createMemo(() => {
    const o = outcome();
    if (!o) return undefined;
    return o.result.models.find((m) => m.id === chosen()) ?? o.result.models.find((m) => m.id === o.result.recommended);
  });
  const recommended = () => {
    const o = outcome();
    return o?.result.models.find((m) => m.id === o.result.recommended);
  };

  const [scenario, setScenario] = createSignal<Scenario>({ priceChange: 0, promoDiscount: 0.2, promoDays: 0 });
  const effects = createMemo<ScenarioEffects>(() => {
    const parts = outcome()?.decomposition;
    const overall = outcome()?.elasticities?.overall;
    return {
      discount: parts?.discountEffect ?? null,
      baselineDiscount: parts?.baselineDiscount ?? 0,
      elasticity: overall && typeof overall !== 'string' ? { value: overall.value, se: overall.se } : null,
    };
  });
  const scenarioResult = createMemo(() => {
    const m = shownModel();
    const o = outcome();
    const s = scenario();
    if (!m || !o || (s.priceChange === 0 && s.promoDays === 0)) return null;
    return applyScenario(m.forecast.point, o.series.grain, s, effects());
  });

  const state = () => {
    if (datasetStore.status() === 'error' || run.error) return 'error' as const;
    const r = latest();
    if (!r || run.loading) return 'loading' as const;
    return r.kind === 'done' ? ('ready' as const) : ('empty' as const);
  };
  const cancelled = () => latest()?.kind === 'cancelled' && !run.loading;
  const overall = () => {
    const p = progress();
    return MODEL_IDS.reduce((sum, id) => sum + (p[id] ?? 0), 0) / MODEL_IDS.length;
  };
  const notices = () => {
    const out = [...horizon().notices];
    if (params.grain === 'month') out.push('Forecasts are made per day or per week; showing days.');
    return out;
  };

  return (
    <PageShell
      title="Forecasting"
      state={state()}
      notices={notices()}
      loadingText={datasetStore.dataset() ? 'Training and backtesting the models…' : undefined}
      error={run.error instanceof Error ? run.error.message : datasetStore.error()?.message}
      onRetry={() => setAttempt((n) => n + 1)}
    >
      <form class="card forecast-controls" onSubmit={(e) => e.preventDefault()} aria-label="Forecast settings">
        <fieldset class="segmented">
          <legend class="filter-label">Horizon</legend>
          <For each={[...new Set([...HORIZON_CHOICES, horizon().days])].sort((a, b) => a - b)}>
            {(days) => (
              <label class="segment">
                <input
                  type="radio"
                  name="horizon"
                  value={days}
                  checked={horizon().days === days}
                  onChange={() => setParams({ horizon: String(days) })}
                  data-testid={`horizon-${days}`}
                />
                <span>{days} days</span>
              </label>
            )}
          </For>
        </fieldset>
        <label class="field">
          <span class="filter-label">Grain</span>
          <select
            value={grain()}
            onChange={(e) => update({ grain: e.currentTarget.value as Grain })}
            data-testid="forecast-grain"
          >
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </label>
        <label class="field">
          <span class="filter-label">Series</span>
          <select
            value={scope()}
            onChange={(e) => setScope(e.currentTarget.value as 'slice' | 'all')}
            data-testid="forecast-scope"
          >
            <option value="slice">
              {filters().categories.length || filters().regions.length
                ? `This slice: ${[...filters().categories, ...filters().regions].join(', ')}`
                : 'All sales (no category or region filter)'}
            </option>
            <option value="all">All sales</option>
          </select>
        </label>
      </form>

      <Show when={run.loading && datasetStore.dataset()}>
        <Progress progress={progress()} overall={overall()} onCancel={() => running?.abort()} />
      </Show>
      <Show when={cancelled()}>
        <div class="notice" role="status" data-testid="forecast-cancelled">
          The forecast was cancelled.{' '}
          <button type="button" class="button button-small" onClick={() => setAttempt((n) => n + 1)}>
            Run it again
          </button>
        </div>
      </Show>
      <Show when={latest()?.kind === 'empty' && !run.loading}>
        <section class="card empty-state">
          <p>
            There are no sales in this selection to forecast. Clear a category or region filter, or{' '}
            <A href="/data">load data</A>.
          </p>
        </section>
      </Show>
      <Show
        when={(() => {
          const r = latest();
          return r?.kind === 'short' && !run.loading ? r : undefined;
        })()}
      >
        {(r) => (
          <section class="card empty-state" data-testid="forecast-too-short">
            <p>
              A {r().days}-day forecast with {BACKTEST_ORIGINS} honest backtests needs at least {r().needed}{' '}
              {r().grain === 'week' ? 'weeks' : 'days'} of history; this selection has {r().have}. Choose a shorter
              horizon{r().grain === 'week' ? ', daily grain' : ''} or a wider selection.
            </p>
          </section>
        )}
      </Show>

      <Show when={outcome()}>
        {(o) => (
          <div class="forecast-results" classList={{ stale: run.loading }} aria-busy={run.loading}>
            <p class="period-note">
              History: {o().series.values.length} {o().series.grain === 'week' ? 'whole weeks' : 'days'} from{' '}
              {o().series.start} to{' '}
              {isoDay(periodDay(o().series.start, o().series.grain, o().series.values.length) - 1)}; forecasting{' '}
              {o().result.horizon} {o().series.grain === 'week' ? 'weeks' : 'days'} ahead.
              {(() => {
                const r = latest();
                return r?.kind === 'done' && r.cached;
              })()
                ? ' (Kept from earlier in this session.)'
                : ` Tournament run in ${o().seconds.toFixed(1)} s.`}
            </p>
            <Show when={recommended()}>
              {(rec) => (
                <p
                  class="headline"
                  role="status"
                  data-testid="recommended-model"
                  data-model={rec().id}
                  data-improvement={o().result.improvementOverNaive ?? ''}
                >
                  Recommended: <strong>{rec().label}</strong>
                  {o().result.improvementOverNaive !== null && o().result.improvementOverNaive! > 0
                    ? ` — ${percent(o().result.improvementOverNaive!, 0)} lower backtest error (MASE ${rec().metrics.mase.toFixed(2)}) than seasonal naive.`
                    : ' — no model beat seasonal naive on the backtests, so the baseline is the honest choice.'}{' '}
                  Its 80% intervals held {percent(rec().coverage80 / 100, 0)} of the backtest actuals.
                </p>
              )}
            </Show>
            <Show when={stage() >= 2 && shownModel()}>
              {(m) => (
                <ForecastChart
                  series={o().series}
                  forecast={m().forecast}
                  modelLabel={m().label}
                  whatIf={scenarioResult()?.point}
                  sql={seriesSql()}
                  caption={`${m().label}: ${o().result.horizon} ${o().series.grain === 'week' ? 'weeks' : 'days'} ahead with 80% and 95% intervals calibrated on the backtest errors${scenarioResult() ? '; the green dashed line is the what-if scenario' : ''}.`}
                />
              )}
            </Show>
            <Show when={stage() >= 4 && shownModel()}>
              {(m) => (
                <Projections
                  rows={projections(
                    o().series.values,
                    o().series.grain,
                    m().forecast,
                    m().backtests,
                    projectionWindows(
                      o().series.grain,
                      o().result.horizon,
                      periodDay(o().series.start, o().series.grain, o().series.values.length),
                    ),
                    o().result.floor,
                  )}
                  modelLabel={m().label}
                  sql={seriesSql()}
                />
              )}
            </Show>
            <Show when={stage() >= 3}>
              <Leaderboard
                models={o().result.models}
                failed={o().result.failed}
                recommended={o().result.recommended}
                shown={shownModel()?.id ?? o().result.recommended}
                onShow={setChosen}
                origins={o().result.origins}
                sql={seriesSql()}
              />
            </Show>
            <Show when={stage() >= 4}>
              <AccuracyOverTime models={o().result.models} origins={o().result.origins} sql={seriesSql()} />
            </Show>
            <Show when={stage() >= 5 && shownModel()}>
              {(m) => (
                <WhatIfPanel
                  scenario={scenario()}
                  onChange={setScenario}
                  effects={effects()}
                  elasticities={o().elasticities}
                  result={scenarioResult()}
                  baseTotal={m().forecast.point.reduce((a, b) => a + b, 0)}
                  horizonDays={o().result.horizon * periodLength(o().series.grain)}
                  sql={seriesSql()}
                  pricesSql={pricePointsSql(dims())}
                />
              )}
            </Show>
            <Show when={stage() >= 6 && o().decomposition}>
              {(parts) => <SeasonalAnalysis series={o().series} parts={parts()} sql={seriesSql()} />}
            </Show>
            <Show when={stage() >= STAGES}>
              <details class="card model-details" data-testid="forecast-model-details">
                <summary>Model details</summary>
                <For each={o().result.models}>
                  {(m) => (
                    <section>
                      <h3 class="card-subtitle">{m.label}</h3>
                      <p class="muted">{m.summary}</p>
                      <ul class="plain-list">
                        <For each={m.parameters}>
                          {(p) => (
                            <li>
                              {p.name}: {p.value}
                            </li>
                          )}
                        </For>
                      </ul>
                    </section>
                  )}
                </For>
                <p class="muted">
                  Every model uses the seed {SEED}, so the same data gives the same forecast. Intervals: each model’s
                  own interval shape, widened or narrowed so that 80% and 95% of the backtest errors fall inside (split
                  conformal calibration); the coverage on the leaderboard calibrates each backtest on the other two, so
                  it is not graded on its own answers.
                </p>
              </details>
            </Show>
          </div>
        )}
      </Show>
    </PageShell>
  );
}

function Progress(props: {
  progress: Partial<Record<ModelId, number>>;
  overall: number;
  onCancel: () => void;
}): JSX.Element {
  return (
    <section class="card forecast-progress" aria-labelledby="forecast-progress-title" data-testid="forecast-progress">
      <div class="card-head">
        <h2 class="card-title" id="forecast-progress-title">
          Training and backtesting the models…
        </h2>
        <button
          type="button"
          class="button button-small"
          onClick={() => props.onCancel()}
          data-testid="forecast-cancel"
        >
          Cancel
        </button>
      </div>
      <progress max="1" value={props.overall} aria-label="All models" />
      <ul class="plain-list model-progress">
        <For each={MODEL_IDS}>
          {(id) => (
            <li>
              <span>{MODEL_WORDS[id]}</span>{' '}
              <progress max="1" value={props.progress[id] ?? 0} aria-label={MODEL_WORDS[id]} />{' '}
              <span class="muted">
                {props.progress[id] === 1 ? 'done' : props.progress[id] ? percent(props.progress[id]!, 0) : 'waiting'}
              </span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
