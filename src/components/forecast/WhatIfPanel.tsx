import { For, Show, type JSX } from 'solid-js';
import { money, percent } from '../../format';
import type { Elasticity } from '../../ml/forecast/elasticity';
import type { Elasticities } from '../../ml/forecast/worker-api';
import type { Scenario, ScenarioEffects, ScenarioForecast } from '../../ml/forecast/what-if';
import { DataTable } from '../DataTable';
import type { Statement } from '../../data/queries/statement';
import { ViewSql } from '../ViewSql';

const signedPct = (v: number, digits = 1) => `${v >= 0 ? '+' : '−'}${percent(Math.abs(v), digits)}`;

function Slider(props: {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onInput: (v: number) => void;
  text: string;
  testId: string;
}): JSX.Element {
  return (
    <label class="field slider">
      <span class="filter-label">{props.label}</span>
      <input
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        aria-valuetext={props.text}
        onInput={(e) => props.onInput(Number(e.currentTarget.value))}
        data-testid={props.testId}
      />
      <output>{props.text}</output>
    </label>
  );
}

/**
 * Price, discount and promotion sliders over the horizon. The effects come from this data's
 * regressions, shown with their standard errors; the chart draws the scenario's line.
 */
export function WhatIfPanel(props: {
  scenario: Scenario;
  onChange: (s: Scenario) => void;
  effects: ScenarioEffects;
  elasticities: Elasticities | null;
  result: ScenarioForecast | null;
  baseTotal: number;
  horizonDays: number;
  /** The sales history the scenario's model was fitted on, for "View SQL". */
  sql: Statement;
  /** The price observations the elasticities are estimated from, for "View SQL". */
  pricesSql: Statement;
}): JSX.Element {
  const set = (patch: Partial<Scenario>) => props.onChange({ ...props.scenario, ...patch });
  const total = () => (props.result ? props.result.point.reduce((a, b) => a + b, 0) : props.baseTotal);
  const low = () => (props.result ? props.result.low.reduce((a, b) => a + b, 0) : props.baseTotal);
  const high = () => (props.result ? props.result.high.reduce((a, b) => a + b, 0) : props.baseTotal);
  return (
    <section class="card" aria-labelledby="whatif-title" data-testid="what-if">
      <div class="card-head">
        <h2 class="card-title" id="whatif-title">
          What if…
        </h2>
        <ViewSql statement={props.sql} what="the sales history the scenario is computed from" />
      </div>
      <div class="slider-grid">
        <Slider
          label="Price change"
          min={-30}
          max={30}
          step={1}
          value={Math.round(props.scenario.priceChange * 100)}
          onInput={(v) => set({ priceChange: v / 100 })}
          text={signedPct(props.scenario.priceChange, 0)}
          testId="whatif-price"
        />
        <Slider
          label="Promotion discount"
          min={0}
          max={50}
          step={1}
          value={Math.round(props.scenario.promoDiscount * 100)}
          onInput={(v) => set({ promoDiscount: v / 100 })}
          text={percent(props.scenario.promoDiscount, 0)}
          testId="whatif-discount"
        />
        <Slider
          label="Days of promotion (from the first day)"
          min={0}
          max={props.horizonDays}
          step={1}
          value={props.scenario.promoDays}
          onInput={(v) => set({ promoDays: v })}
          text={`${props.scenario.promoDays} days`}
          testId="whatif-days"
        />
      </div>
      <p data-testid="whatif-total" data-total={total()} data-base={props.baseTotal}>
        Forecast total over the horizon: <strong>{money(total())}</strong> (
        {signedPct(props.baseTotal ? total() / props.baseTotal - 1 : 0)} on the forecast without the scenario); with the
        effects’ uncertainty {money(low())} – {money(high())}.
      </p>
      <Show when={props.result?.ignored.length}>
        <p class="notice">Left out: {props.result!.ignored.join('; ')}.</p>
      </Show>
      <h3 class="card-subtitle">What the data says</h3>
      <ul class="plain-list">
        <li>
          <Show
            when={props.effects.discount}
            fallback={<>Discount effect: not estimated (no discount column, or its discounts never varied).</>}
          >
            {(d) => (
              <>
                Discount effect: each percentage point of average discount changes revenue by {money(d().perPoint)} per
                period (± {money(d().se)} standard error), from the Prophet-style model’s regression. Without a scenario
                the forecast assumes the recent typical discount of {percent(props.effects.baselineDiscount, 1)}.
              </>
            )}
          </Show>
        </li>
        <li>
          <Show
            when={props.effects.elasticity}
            fallback={
              <>
                Price elasticity:{' '}
                {typeof props.elasticities?.overall === 'string' ? props.elasticities.overall : 'not estimated'}.
              </>
            }
          >
            {(e) => (
              <>
                Price elasticity of units: {e().value.toFixed(2)} (± {e().se.toFixed(2)}): 1% dearer sells about{' '}
                {Math.abs(e().value).toFixed(2)}% {e().value < 0 ? 'fewer' : 'more'} units. Estimated from the
                day-to-day variation of the price actually paid against each product’s usual price (discounts included),
                with weekday, season and trend held fixed; a price change is assumed to act like a discount of the same
                size.
              </>
            )}
          </Show>
        </li>
      </ul>
      <Show when={props.elasticities?.byCategory.estimates.length}>
        <div class="card-head">
          <h3 class="card-subtitle">Price elasticity by category</h3>
          <ViewSql statement={props.pricesSql} what="the prices the elasticities are estimated from" />
        </div>
        <DataTable
          caption="Price elasticity by category, with standard error"
          columns={[
            { header: 'Category', cell: (r: Elasticity) => r.category, sortValue: (r: Elasticity) => r.category },
            {
              header: 'Elasticity',
              cell: (r: Elasticity) => r.value.toFixed(2),
              numeric: true,
              sortValue: (r: Elasticity) => r.value,
            },
            {
              header: '± standard error',
              cell: (r: Elasticity) => r.se.toFixed(2),
              numeric: true,
              sortValue: (r: Elasticity) => r.se,
            },
            {
              header: 'Days',
              cell: (r: Elasticity) => String(r.days),
              numeric: true,
              sortValue: (r: Elasticity) => r.days,
            },
          ]}
          rows={props.elasticities!.byCategory.estimates}
          testId="elasticity-table"
          filename="Price elasticity.csv"
        />
      </Show>
      <For each={props.elasticities?.byCategory.skipped ?? []}>
        {(s) => (
          <p class="muted">
            {s.category}: {s.reason}.
          </p>
        )}
      </For>
    </section>
  );
}
