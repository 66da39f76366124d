import { createEffect, createMemo, createResource, on, Show, type JSX } from 'solid-js';
import { BreakdownChart } from '../components/analytics/BreakdownChart';
import { OverTimeChart } from '../components/analytics/OverTimeChart';
import { RegionMonthHeatmap } from '../components/analytics/RegionMonthHeatmap';
import { SimpleBars } from '../components/analytics/SimpleBars';
import { SliceTableCard } from '../components/analytics/SliceTableCard';
import { KpiCard } from '../components/KpiCard';
import type { SalesColumn } from '../data/schema';
import { PageShell } from '../components/PageShell';
import { resolvePeriods, spanOf } from '../data/periods';
import {
  salesAnalytics,
  type DiscountBand,
  type HourPoint,
  type OrderValueBin,
  type SalesAnalytics,
  type WeekdayPoint,
} from '../data/queries/analytics';
import { salesAnalyticsSql, type SalesAnalyticsSql } from '../data/queries/analytics/sql';
import type { Statement } from '../data/queries/statement';
import { ViewSql } from '../components/ViewSql';
import { change, count, money, moneyCompact, percent } from '../format';
import { datasetStore } from '../state/dataset';
import { useFilters } from '../state/filters';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Sales Analytics: the slice over time, by region and category, its weekly and daily rhythm, promotions and baskets. */
export function SalesAnalyticsPage(): JSX.Element {
  const store = useFilters();
  // The cube is read from DuckDB once per dataset; every filter change is then answered in memory.
  const [cube, { refetch }] = createResource(
    () => datasetStore.dataset(),
    (d) => d.cube(),
  );
  const view = createMemo(() => {
    const d = datasetStore.dataset();
    const c = cube.state === 'ready' ? cube() : undefined;
    const span = d && spanOf(d.profile.firstTs, d.profile.lastTs);
    if (!c || !span) return undefined;
    const f = store.filters();
    // Marks for the benchmark: from a filter change to every chart updated.
    performance.mark('tillsight:analytics-start');
    const data = salesAnalytics(c, f, resolvePeriods(f, span));
    performance.measure('tillsight:analytics-queries', 'tillsight:analytics-start');
    return data;
  });
  createEffect(
    on(view, (data) => {
      if (!data) return;
      // Effects run once Solid has updated the DOM; uPlot then draws in a microtask.
      queueMicrotask(() => performance.measure('tillsight:analytics-rendered', 'tillsight:analytics-start'));
      requestAnimationFrame(() => {
        performance.mark('tillsight:analytics-drawn');
        performance.measure('tillsight:analytics-update', 'tillsight:analytics-start', 'tillsight:analytics-drawn');
      });
    }),
  );
  // The SQL giving the same numbers as each view, for "View SQL" (built only for the shown filters).
  const sql = createMemo((): SalesAnalyticsSql | undefined => {
    const data = view();
    return data && salesAnalyticsSql(store.filters(), data.periods);
  });
  const shown = (): SalesAnalytics | undefined => view();
  const state = () => {
    if (datasetStore.status() === 'error' || cube.state === 'errored') return 'error' as const;
    const s = shown()?.summary.current;
    if (!s) return 'loading' as const;
    return s.revenue === 0 && s.orders === 0 ? ('empty' as const) : ('ready' as const);
  };
  const error = () => (cube.error instanceof Error ? cube.error.message : datasetStore.error()?.message);
  const toggle = (key: 'categories' | 'regions', value: string) => {
    const current = store.filters()[key];
    store.update({ [key]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] });
  };

  return (
    <PageShell
      title="Sales Analytics"
      state={state()}
      notices={store.notices()}
      error={error()}
      onRetry={() => (cube.state === 'errored' ? void refetch() : datasetStore.start())}
    >
      <Show when={shown() && sql() && { a: shown()!, q: sql()! }}>
        {(v) => {
          const a = () => v().a;
          const q = () => v().q;
          return (
            <>
              <SummaryStrip data={a()} sql={q().summary} />
              <Show
                when={state() !== 'empty'}
                fallback={
                  <p class="card empty-state" role="status">
                    No sales in this selection. Widen the date range or clear the category and region filters.
                  </p>
                }
              >
                <div class="chart-grid">
                  <OverTimeChart
                    data={a().overTime}
                    grain={store.filters().grain}
                    onBrush={(from, to) => store.update({ from, to })}
                    sql={q().overTime}
                  />
                  <Show
                    when={present('region')}
                    fallback={
                      <MissingColumn
                        title="Revenue by region"
                        testId="chart-region"
                        text="Map a region, store or country column to see revenue by region."
                      />
                    }
                  >
                    <BreakdownChart
                      title="Revenue by region"
                      noun="region"
                      rows={a().regions}
                      selected={store.filters().regions}
                      onToggle={(v) => toggle('regions', v)}
                      testId="chart-region"
                      sql={q().regions}
                    />
                  </Show>
                  <Show
                    when={present('category')}
                    fallback={
                      <MissingColumn
                        title="Categories"
                        testId="chart-category"
                        text="Map a category column to see revenue by category."
                      />
                    }
                  >
                    <BreakdownChart
                      title="Categories"
                      noun="category"
                      rows={a().categories}
                      selected={store.filters().categories}
                      onToggle={(v) => toggle('categories', v)}
                      testId="chart-category"
                      sql={q().categories}
                    />
                  </Show>
                  <Show when={present('region')}>
                    <RegionMonthHeatmap cells={a().regionMonths} sql={q().regionMonths} />
                  </Show>
                  <WeekdayChart rows={a().weekdays} sql={q().weekdays} />
                  <HourChart rows={a().hours} sql={q().hours} />
                  <Show
                    when={present('discount')}
                    fallback={
                      <MissingColumn
                        title="Discount vs volume"
                        testId="chart-discount"
                        text="Map a discount column to compare discounted and full-price days."
                      />
                    }
                  >
                    <DiscountChart bands={a().discount.bands} sql={q().discount.bands} />
                  </Show>
                  <OrderValueChart bins={a().orderValues} sql={q().orderValues} />
                </div>
                <SliceTableCard rows={a().table} period={a().periods.current} sql={q().table} />
              </Show>
            </>
          );
        }}
      </Show>
    </PageShell>
  );
}

function SummaryStrip(props: { data: SalesAnalytics; sql: Statement }): JSX.Element {
  const cur = () => props.data.summary.current;
  const prev = () => props.data.summary.previous;
  const has = () => prev().orders > 0 || prev().revenue !== 0;
  const p = () => props.data.periods;
  return (
    <>
      <p class="period-note">
        {p().current.from} – {p().current.to}{' '}
        <span class="muted">
          {has() ? `compared with ${p().previous.from} – ${p().previous.to}` : '(nothing earlier to compare with)'}
        </span>{' '}
        <ViewSql statement={props.sql} what="the key figures" />
      </p>
      <section class="kpi-grid" aria-labelledby="analytics-kpis">
        <h2 id="analytics-kpis" class="sr-only">
          Key figures of the selection
        </h2>
        <KpiCard
          name="revenue"
          label="Net revenue"
          value={cur().revenue}
          previous={prev().revenue}
          hasPrevious={has()}
          format={money}
        />
        <KpiCard
          name="orders"
          label="Orders"
          value={cur().orders}
          previous={prev().orders}
          hasPrevious={has()}
          format={(v) => count(v)}
        />
        <KpiCard
          name="units"
          label="Units sold (net)"
          value={cur().units}
          previous={prev().units}
          hasPrevious={has()}
          format={(v) => count(v)}
          missing="Map a quantity column to count units"
        />
        <KpiCard
          name="aov"
          label="Average order value"
          value={cur().aov}
          previous={prev().aov}
          hasPrevious={has()}
          format={money}
        />
        <KpiCard
          name="margin"
          label="Gross margin"
          value={cur().margin}
          previous={prev().margin}
          hasPrevious={has()}
          format={(v) => percent(v)}
          missing="Add unit costs to see margins"
        />
        <KpiCard
          name="discount"
          label="Average discount"
          value={present('discount') ? cur().discount : null}
          previous={prev().discount}
          hasPrevious={has()}
          format={(v) => percent(v)}
          missing="Map a discount column to see discounts"
        />
      </section>
    </>
  );
}

function WeekdayChart(props: { rows: WeekdayPoint[]; sql: Statement }): JSX.Element {
  const caption = () => {
    const sorted = [...props.rows].sort((a, b) => b.avg_revenue - a.avg_revenue);
    const top = sorted[0];
    const low = sorted[sorted.length - 1];
    if (!top || !low) return '';
    const ratio =
      low.avg_revenue > 0 ? ` (${(top.avg_revenue / low.avg_revenue).toFixed(1)}× ${WEEKDAYS[low.weekday - 1]})` : '';
    return `Busiest: ${WEEKDAYS[top.weekday - 1]} with ${money(top.avg_revenue)} on an average day${ratio}; quietest: ${WEEKDAYS[low.weekday - 1]}.`;
  };
  return (
    <SimpleBars
      title="Day of week"
      caption={caption()}
      rows={props.rows}
      label={(r) => WEEKDAYS[r.weekday - 1] ?? String(r.weekday)}
      value={(r) => r.avg_revenue}
      seriesLabel="Revenue on an average day"
      format={money}
      axisFormat={moneyCompact}
      columns={[
        { header: 'Weekday', cell: (r) => WEEKDAYS[r.weekday - 1] ?? '', sortValue: (r) => r.weekday },
        { header: 'Days in range', cell: (r) => count(r.days), numeric: true, sortValue: (r) => r.days },
        { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
        { header: 'Per day', cell: (r) => money(r.avg_revenue), numeric: true, sortValue: (r) => r.avg_revenue },
      ]}
      testId="chart-weekday"
      sql={props.sql}
    />
  );
}

function HourChart(props: { rows: HourPoint[] | null; sql: Statement }): JSX.Element {
  return (
    <Show
      when={props.rows}
      fallback={
        <section class="card" data-testid="chart-hour">
          <h2 class="card-title">Hour of day</h2>
          <p class="muted">This data has dates without times of day, so there is no hourly pattern to show.</p>
        </section>
      }
    >
      {(rows) => {
        const peak = () => rows().reduce((a, b) => (b.revenue > a.revenue ? b : a));
        return (
          <SimpleBars
            title="Hour of day"
            caption={`Peak hour: ${String(peak().hour).padStart(2, '0')}:00–${String(peak().hour + 1).padStart(2, '0')}:00 with ${money(peak().revenue)} over the period.`}
            rows={rows()}
            label={(r) => String(r.hour).padStart(2, '0')}
            value={(r) => r.revenue}
            seriesLabel="Revenue"
            format={money}
            axisFormat={moneyCompact}
            columns={[
              { header: 'Hour', cell: (r) => `${String(r.hour).padStart(2, '0')}:00`, sortValue: (r) => r.hour },
              { header: 'Lines', cell: (r) => count(r.lines), numeric: true, sortValue: (r) => r.lines },
              { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
            ]}
            testId="chart-hour"
            sql={props.sql}
          />
        );
      }}
    </Show>
  );
}

function DiscountChart(props: { bands: DiscountBand[]; sql: Statement }): JSX.Element {
  const caption = () => {
    const base = props.bands.find((b) => b.lower < 0.01);
    const deep = props.bands.filter((b) => b.lower >= 0.1);
    const deepDays = deep.reduce((a, b) => a + b.days, 0);
    if (!base || deepDays === 0) return 'Units sold on an average day, by how deep that day’s discount was.';
    const deepUnits = deep.reduce((a, b) => a + b.units_per_day * b.days, 0) / deepDays;
    return `Days with 10% or more off sold ${count(deepUnits, 1)} units on average against ${count(base.units_per_day, 1)} on undiscounted days (${change((deepUnits - base.units_per_day) / (base.units_per_day || 1))}).`;
  };
  return (
    <SimpleBars
      title="Discount vs volume"
      caption={caption()}
      rows={props.bands}
      label={(r) => r.band}
      value={(r) => r.units_per_day}
      seriesLabel="Units per day"
      format={(v) => count(v, 1)}
      axisFormat={(v) => count(v, 0)}
      columns={[
        { header: 'Discount that day', cell: (r) => r.band, sortValue: (r) => r.lower },
        { header: 'Days', cell: (r) => count(r.days), numeric: true, sortValue: (r) => r.days },
        {
          header: 'Units per day',
          cell: (r) => count(r.units_per_day, 1),
          numeric: true,
          sortValue: (r) => r.units_per_day,
        },
        {
          header: 'Revenue per day',
          cell: (r) => money(r.revenue_per_day),
          numeric: true,
          sortValue: (r) => r.revenue_per_day,
        },
      ]}
      testId="chart-discount"
      sql={props.sql}
      empty="Map a unit price column to compare discounted and full-price days."
    />
  );
}

function OrderValueChart(props: { bins: OrderValueBin[]; sql: Statement }): JSX.Element {
  const caption = () => {
    const total = props.bins.reduce((a, b) => a + b.orders, 0);
    let seen = 0;
    const median = props.bins.find((b) => (seen += b.orders) >= total / 2);
    return median
      ? `${count(total)} orders; half are below about ${money(median.upper)}. Bins are on a log scale.`
      : '';
  };
  return (
    <SimpleBars
      title="Order values"
      caption={caption()}
      rows={props.bins}
      label={(r) => moneyCompact(r.lower)}
      value={(r) => r.orders}
      seriesLabel="Orders"
      format={(v) => count(v)}
      axisFormat={(v) => count(v)}
      columns={[
        { header: 'From', cell: (r) => money(r.lower), numeric: true, sortValue: (r) => r.lower },
        { header: 'To', cell: (r) => money(r.upper), numeric: true, sortValue: (r) => r.upper },
        { header: 'Orders', cell: (r) => count(r.orders), numeric: true, sortValue: (r) => r.orders },
      ]}
      testId="chart-order-values"
      sql={props.sql}
    />
  );
}

/** Whether the loaded data has values in a canonical column (true until it is known). */
function present(column: SalesColumn): boolean {
  return datasetStore.dataset()?.profile.present.has(column) ?? true;
}

/** A card in place of a chart whose column the data lacks: says which column to map. */
function MissingColumn(props: { title: string; text: string; testId: string }): JSX.Element {
  return (
    <section class="card" data-testid={props.testId} data-missing="true">
      <h2 class="card-title">{props.title}</h2>
      <p class="muted">{props.text}</p>
    </section>
  );
}
