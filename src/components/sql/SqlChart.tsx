import { createMemo, createUniqueId, Match, Switch, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { barChartOptions } from '../../charts/bar-chart';
import { timeSeriesOptions } from '../../charts/time-series';
import type { SqlResult } from '../../data/engine/sql-session';
import { count } from '../../format';
import { barSeries, chooseChart, lineSeries, MAX_BARS, type ChartChoice } from '../../sql/chart-choice';
import { Chart } from '../Chart';

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const axis = (v: number) => compact.format(v);
const value = (v: number) => count(v, 2);

/** The quick chart of a console result: a line over time, bars by a text column, or a note why there is none. */
export function SqlChart(props: { result: SqlResult }): JSX.Element {
  const titleId = createUniqueId();
  const captionId = createUniqueId();
  const choice = createMemo((): ChartChoice =>
    props.result.rowCount === 0
      ? { kind: 'none', reason: 'No chart: the query returned no rows.' }
      : chooseChart(props.result.columns),
  );
  const line = createMemo(() => {
    const c = choice();
    if (c.kind !== 'line') return undefined;
    const series = lineSeries(props.result.rows, c);
    const names = c.ys.map((i) => props.result.columns[i]?.name ?? '');
    return {
      options: timeSeriesOptions(
        names.map((label) => ({ label, format: value })),
        axis,
      ),
      data: [series.x, ...series.ys] as uPlot.AlignedData,
      caption: `${names.join(', ')} by ${props.result.columns[0]?.name ?? ''}: ${count(series.x.length)} points${
        series.dropped ? `; ${count(series.dropped)} rows without a date are left out` : ''
      }.`,
    };
  });
  const bars = createMemo(() => {
    const c = choice();
    if (c.kind !== 'bar') return undefined;
    const series = barSeries(props.result.rows, c);
    const name = props.result.columns[c.y]?.name ?? '';
    return {
      options: barChartOptions(series.labels, name, value, axis),
      data: [series.labels.map((_, i) => i), series.values] as uPlot.AlignedData,
      caption: `${name} by ${props.result.columns[c.x]?.name ?? ''}${
        series.total > MAX_BARS ? `: the first ${MAX_BARS} of ${count(series.total)} rows` : ''
      }.`,
    };
  });
  return (
    <section class="card sql-chart" aria-labelledby={titleId} data-testid="sql-chart" data-kind={choice().kind}>
      <h2 class="card-title" id={titleId}>
        Quick chart
      </h2>
      <Switch>
        <Match when={line()}>
          {(l) => (
            <figure class="chart-figure">
              <Chart options={l().options} data={l().data} label="Quick chart of the result" describedBy={captionId} />
              <figcaption class="chart-caption" id={captionId}>
                {l().caption}
              </figcaption>
            </figure>
          )}
        </Match>
        <Match when={bars()}>
          {(b) => (
            <figure class="chart-figure">
              <Chart options={b().options} data={b().data} label="Quick chart of the result" describedBy={captionId} />
              <figcaption class="chart-caption" id={captionId}>
                {b().caption}
              </figcaption>
            </figure>
          )}
        </Match>
        <Match when={choice().kind === 'none'}>
          <p class="muted" data-testid="sql-chart-note">
            {(() => {
              const c = choice();
              return c.kind === 'none' ? c.reason : '';
            })()}
          </p>
        </Match>
      </Switch>
    </section>
  );
}
