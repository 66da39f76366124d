import { createMemo, Show, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { timeSeriesOptions } from '../../charts/time-series';
import { money, moneyCompact } from '../../format';
import { isoDay, periodDay } from '../../ml/forecast/calendar';
import type { SeriesData } from '../../ml/forecast/types';
import type { Decomposition } from '../../ml/forecast/worker-api';
import { SimpleBars } from '../analytics/SimpleBars';
import { ChartCard } from '../ChartCard';
import { DataTable, type Column } from '../DataTable';
import type { Statement } from '../../data/queries/statement';
import { ViewSql } from '../ViewSql';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface TrendRow {
  day: string;
  trend: number;
}
interface Effect {
  name: string;
  effect: number;
  se: number;
  occurrences: number;
}

const signedMoney = (v: number) => `${v >= 0 ? '+' : '−'}${money(Math.abs(v))}`;

/** The Prophet-style model's parts: trend, weekly and yearly pattern, holiday effects. */
export function SeasonalAnalysis(props: { series: SeriesData; parts: Decomposition; sql: Statement }): JSX.Element {
  const trendRows = createMemo<TrendRow[]>(() =>
    Array.from(props.parts.trend, (t, i) => ({
      day: isoDay(periodDay(props.series.start, props.series.grain, i)),
      trend: t,
    })),
  );
  const trendOptions = createMemo(() => timeSeriesOptions([{ label: 'Trend', format: money }], moneyCompact));
  const trendData = createMemo<uPlot.AlignedData>(() => [
    trendRows().map((r) => Date.parse(`${r.day}T00:00:00Z`) / 1000),
    trendRows().map((r) => r.trend),
  ]);
  const yearly = createMemo(() => {
    const p = props.parts.yearlyProfile;
    if (!p) return [];
    // Twelve points, one per month's middle, read off the smooth yearly curve.
    return MONTHS.map((m, k) => ({
      month: m,
      effect: p[Math.min(p.length - 1, Math.round(((k + 0.5) / 12) * p.length))]!,
    }));
  });
  const periodWord = props.series.grain === 'week' ? 'week' : 'day';
  return (
    <section aria-labelledby="seasonal-title">
      <h2 class="section-title" id="seasonal-title">
        Seasonal analysis
      </h2>
      <p class="muted">
        The Prophet-style model splits sales into a trend, a weekly and a yearly pattern, and holiday effects, each
        estimated from this data.
      </p>
      <div class="chart-grid">
        <ChartCard
          title="Trend"
          caption={`Underlying revenue per ${periodWord} with the seasons and holidays taken out: from ${money(props.parts.trend[0])} to ${money(props.parts.trend[props.parts.trend.length - 1])}.`}
          options={trendOptions()}
          data={trendData()}
          tableColumns={[
            { header: 'Period', cell: (r: TrendRow) => r.day },
            {
              header: 'Trend',
              cell: (r: TrendRow) => money(r.trend),
              numeric: true,
              sortValue: (r: TrendRow) => r.trend,
            },
          ]}
          tableRows={trendRows()}
          testId="chart-trend"
          sql={props.sql}
        />
        <Show when={props.parts.weeklyProfile}>
          {(w) => (
            <SimpleBars
              title="Weekly pattern"
              caption={`Revenue above or below an average day, by weekday. Strongest: ${WEEKDAYS[w().indexOf(Math.max(...w()))]}.`}
              rows={Array.from(w(), (effect, i) => ({ day: WEEKDAYS[i]!, effect }))}
              label={(r) => r.day.slice(0, 3)}
              value={(r) => r.effect}
              seriesLabel="Effect"
              format={signedMoney}
              axisFormat={moneyCompact}
              columns={[
                { header: 'Weekday', cell: (r) => r.day },
                { header: 'Effect', cell: (r) => signedMoney(r.effect), numeric: true, sortValue: (r) => r.effect },
              ]}
              testId="chart-weekly-pattern"
              sql={props.sql}
            />
          )}
        </Show>
        <Show when={yearly().length}>
          <SimpleBars
            title="Yearly pattern"
            caption={`Revenue per ${periodWord} above or below the trend through the year (mid-month values of the yearly curve).`}
            rows={yearly()}
            label={(r) => r.month}
            value={(r) => r.effect}
            seriesLabel="Effect"
            format={signedMoney}
            axisFormat={moneyCompact}
            columns={[
              { header: 'Month', cell: (r) => r.month },
              { header: 'Effect', cell: (r) => signedMoney(r.effect), numeric: true, sortValue: (r) => r.effect },
            ]}
            testId="chart-yearly-pattern"
            sql={props.sql}
          />
        </Show>
      </div>
      <section class="card" aria-labelledby="holiday-title">
        <div class="card-head">
          <h3 class="card-title" id="holiday-title">
            Holiday effects
          </h3>
          <ViewSql statement={props.sql} what="the sales history the holiday effects are estimated from" />
        </div>
        <DataTable
          caption={`Revenue on each holiday compared with an ordinary ${periodWord}, with its standard error`}
          columns={
            [
              { header: 'Holiday', cell: (r) => r.name, sortValue: (r) => r.name },
              { header: 'Effect', cell: (r) => signedMoney(r.effect), numeric: true, sortValue: (r) => r.effect },
              { header: '± standard error', cell: (r) => money(r.se), numeric: true, sortValue: (r) => r.se },
              {
                header: 'Times seen',
                cell: (r) => String(r.occurrences),
                numeric: true,
                sortValue: (r) => r.occurrences,
              },
            ] satisfies Column<Effect>[]
          }
          rows={[...props.parts.holidayEffects].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))}
          empty="No holiday of the retail calendar falls in this history."
          testId="holiday-effects"
          filename="Holiday effects.csv"
        />
      </section>
    </section>
  );
}
