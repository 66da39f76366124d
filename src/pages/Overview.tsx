import { createMemo, createResource, For, Match, Show, Switch, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { barChartOptions } from '../charts/bar-chart';
import { timeSeriesOptions } from '../charts/time-series';
import { ChartCard } from '../components/ChartCard';
import { DataTable, type Column } from '../components/DataTable';
import { KpiCard } from '../components/KpiCard';
import { PageShell } from '../components/PageShell';
import { kpisSql, type KpiComparison } from '../data/queries/kpis';
import { overview, type OverviewData } from '../data/queries/overview';
import { revenueByCategorySql, revenueByRegionSql, type DimensionRevenue } from '../data/queries/revenue-by-dimension';
import { recentTransactionsSql, type RecentTransaction } from '../data/queries/recent-transactions';
import { revenueTrendSql, type TrendPoint } from '../data/queries/revenue-trend';
import type { Statement } from '../data/queries/statement';
import { topProductsSql, type TopProduct } from '../data/queries/top-products';
import { ViewSql } from '../components/ViewSql';
import { count, dateTime, day, money, moneyCompact, month, percent } from '../format';
import type { Filters, Grain } from '../data/filters';
import { datasetStore } from '../state/dataset';
import { useFilters } from '../state/filters';
import { readView, viewKey, writeView } from '../state/view-cache';

const PAGE = 'overview';

/** The Overview: headline KPIs, the revenue trend, where revenue comes from, best sellers, latest sales. */
export function Overview(): JSX.Element {
  const { filters, notices } = useFilters();
  const source = createMemo(() => {
    const d = datasetStore.dataset();
    return d ? { d, f: filters() } : undefined;
  });
  const [live] = createResource(source, async ({ d, f }) => {
    const data = await overview(d.db, f);
    writeView(viewKey(d.key, PAGE, f), data);
    if (!performance.getEntriesByName('tillsight:first-live-kpi').length) performance.mark('tillsight:first-live-kpi');
    return data;
  });
  // Until DuckDB is up, show the answer this same question had last time (repeat visits).
  const cached = createMemo(() => readView<OverviewData>(viewKey(datasetStore.expectedKey(), PAGE, filters())));
  // Reading an errored resource throws, so only read it when it holds a value.
  const shown = (): OverviewData | undefined =>
    live.state === 'errored' ? cached() : ((live.state === 'ready' ? live() : live.latest) ?? cached());
  const isLive = () => live.state === 'ready';

  const state = (): 'loading' | 'ready' | 'error' | 'empty' => {
    if (datasetStore.status() === 'error' || live.state === 'errored') return 'error';
    if (!isLive()) return 'loading';
    return shown()?.kpis.current.revenue === 0 && shown()?.kpis.current.orders === 0 ? 'empty' : 'ready';
  };
  const errorMessage = () => (live.error instanceof Error ? live.error.message : datasetStore.error()?.message);

  return (
    <PageShell
      title="Overview"
      state={state()}
      source={isLive() ? 'live' : shown() ? 'cache' : 'none'}
      notices={notices()}
      error={errorMessage()}
      onRetry={() => datasetStore.start()}
    >
      <Show when={shown()} fallback={<OverviewSkeleton />}>
        {(data) => (
          <>
            <Kpis kpis={data().kpis} sql={kpisSql(filters())} />
            <Switch>
              <Match when={state() === 'empty'}>
                <p class="card empty-state" role="status">
                  No sales in this selection. Widen the date range or clear the category and region filters.
                </p>
              </Match>
              <Match when={true}>
                <OverviewBody data={data()} filters={filters()} />
              </Match>
            </Switch>
          </>
        )}
      </Show>
    </PageShell>
  );
}

function OverviewSkeleton(): JSX.Element {
  return (
    <div class="kpi-grid" aria-hidden="true">
      <For each={[1, 2, 3, 4, 5, 6]}>{() => <div class="kpi skeleton" />}</For>
    </div>
  );
}

function Kpis(props: { kpis: KpiComparison; sql: Statement }): JSX.Element {
  const k = () => props.kpis;
  return (
    <>
      <p class="period-note">
        {k().period.from} – {k().period.to}{' '}
        <span class="muted">
          {k().hasPrevious
            ? `compared with ${k().previousPeriod.from} – ${k().previousPeriod.to}`
            : '(all dates: add from= and to= to the address to compare with the period before)'}
        </span>{' '}
        <ViewSql statement={props.sql} what="the key figures" />
      </p>
      <section class="kpi-grid" aria-labelledby="kpi-heading">
        <h2 id="kpi-heading" class="sr-only">
          Key figures
        </h2>
        <KpiCard
          name="revenue"
          label="Net revenue"
          value={k().current.revenue}
          previous={k().previous.revenue}
          hasPrevious={k().hasPrevious}
          format={money}
        />
        <KpiCard
          name="orders"
          label="Orders"
          value={k().current.orders}
          previous={k().previous.orders}
          hasPrevious={k().hasPrevious}
          format={(v) => count(v)}
        />
        <KpiCard
          name="customers"
          label="Customers"
          value={k().current.customers}
          previous={k().previous.customers}
          hasPrevious={k().hasPrevious}
          format={(v) => count(v)}
          missing="Map a customer column to count customers"
        />
        <KpiCard
          name="units"
          label="Units sold (net)"
          value={k().current.units}
          previous={k().previous.units}
          hasPrevious={k().hasPrevious}
          format={(v) => count(v)}
          missing="Map a quantity column to count units"
        />
        <KpiCard
          name="aov"
          label="Average order value"
          value={k().current.aov}
          previous={k().previous.aov}
          hasPrevious={k().hasPrevious}
          format={money}
        />
        <KpiCard
          name="margin"
          label="Gross margin"
          value={k().current.margin}
          previous={k().previous.margin}
          hasPrevious={k().hasPrevious}
          format={(v) => percent(v)}
          missing="Add unit costs (or a products file with costs) to see margins"
        />
      </section>
    </>
  );
}

function OverviewBody(props: { data: OverviewData; filters: Filters }): JSX.Element {
  return (
    <div>
      <div class="chart-grid">
        <TrendChart points={props.data.trend} grain={props.filters.grain} sql={revenueTrendSql(props.filters)} />
        <DimensionChart
          title="Revenue by category"
          testId="chart-category"
          rows={props.data.categories}
          noun="category"
          sql={revenueByCategorySql(props.filters)}
        />
        <DimensionChart
          title="Revenue by region"
          testId="chart-region"
          rows={props.data.regions}
          noun="region"
          sql={revenueByRegionSql(props.filters)}
        />
      </div>
      <div class="table-grid">
        <section class="card" aria-labelledby="top-products-title">
          <div class="card-head">
            <h2 class="card-title" id="top-products-title">
              Top 10 products
            </h2>
            <ViewSql statement={topProductsSql(props.filters, 10)} what="Top 10 products" />
          </div>
          <DataTable
            caption="Top 10 products by net revenue"
            columns={TOP_COLUMNS}
            rows={props.data.topProducts}
            testId="top-products"
            empty="Map a product column to rank products."
            filename="Top 10 products.csv"
          />
        </section>
        <section class="card" aria-labelledby="recent-title">
          <div class="card-head">
            <h2 class="card-title" id="recent-title">
              Latest transactions
            </h2>
            <ViewSql statement={recentTransactionsSql(props.filters, 20)} what="Latest transactions" />
          </div>
          <DataTable
            caption="The 20 most recent transactions"
            columns={RECENT_COLUMNS}
            rows={props.data.recent}
            testId="recent-transactions"
            filename="Latest transactions.csv"
          />
        </section>
      </div>
    </div>
  );
}

const TOP_COLUMNS: Column<TopProduct>[] = [
  { header: 'Product', cell: (r) => r.product_name ?? r.product_id },
  { header: 'Category', cell: (r) => r.category ?? '—', csvValue: (r) => r.category },
  { header: 'Units', cell: (r) => count(r.units), numeric: true, csvValue: (r) => r.units },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, csvValue: (r) => r.revenue },
  { header: 'Share', cell: (r) => percent(r.share), numeric: true, csvValue: (r) => r.share },
];

const RECENT_COLUMNS: Column<RecentTransaction>[] = [
  {
    header: 'When',
    cell: (r) => dateTime(r.ts, 'short'),
    csvValue: (r) => (r.ts == null ? null : new Date(r.ts).toISOString().slice(0, 19).replace('T', ' ')),
  },
  { header: 'Transaction', cell: (r) => r.transaction_id ?? '—', csvValue: (r) => r.transaction_id },
  { header: 'Customer', cell: (r) => r.customer_id ?? '—', customerId: true, csvValue: (r) => r.customer_id },
  { header: 'Region', cell: (r) => r.region ?? '—', csvValue: (r) => r.region },
  { header: 'Units', cell: (r) => count(r.units), numeric: true, csvValue: (r) => r.units },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, csvValue: (r) => r.revenue },
];

function TrendChart(props: { points: TrendPoint[]; grain: Grain; sql: Statement }): JSX.Element {
  const label = (ms: number | undefined) => (props.grain === 'month' ? month(ms) : day(ms));
  const options = createMemo(() =>
    timeSeriesOptions([{ label: 'Net revenue', format: money, fill: true }], moneyCompact),
  );
  const data = createMemo<uPlot.AlignedData>(() => [
    props.points.map((p) => p.period / 1000),
    props.points.map((p) => p.revenue),
  ]);
  const caption = createMemo(() => {
    const pts = props.points;
    if (pts.length === 0) return '';
    const best = pts.reduce((a, b) => (b.revenue > a.revenue ? b : a));
    const last = pts[pts.length - 1];
    return `${pts.length} ${props.grain}s. Highest: ${label(best.period)} at ${money(best.revenue)}. Latest: ${label(last?.period)} at ${money(last?.revenue)}.`;
  });
  return (
    <ChartCard
      title="Revenue trend"
      caption={caption()}
      options={options()}
      data={data()}
      tableColumns={[
        {
          header: `${props.grain[0]?.toUpperCase()}${props.grain.slice(1)} starting`,
          cell: (r) => label(r.period),
          csvValue: (r) => new Date(r.period).toISOString().slice(0, 10),
        },
        ...TREND_COLUMNS,
      ]}
      tableRows={props.points}
      testId="chart-trend"
      sql={props.sql}
    />
  );
}

const TREND_COLUMNS: Column<TrendPoint>[] = [
  { header: 'Orders', cell: (r) => count(r.orders), numeric: true, csvValue: (r) => r.orders },
  { header: 'Net revenue', cell: (r) => money(r.revenue), numeric: true, csvValue: (r) => r.revenue },
];

function DimensionChart(props: {
  title: string;
  testId: string;
  rows: DimensionRevenue[];
  noun: string;
  sql: Statement;
}): JSX.Element {
  const labels = createMemo(() => props.rows.map((r) => r.label ?? `(no ${props.noun})`), undefined, {
    equals: (a, b) => a.join('\u0000') === b.join('\u0000'),
  });
  const options = createMemo(() => barChartOptions(labels(), 'Net revenue', money, moneyCompact));
  const data = createMemo<uPlot.AlignedData>(() => [props.rows.map((_, i) => i), props.rows.map((r) => r.revenue)]);
  const caption = createMemo(() => {
    const top = props.rows[0];
    if (!top) return '';
    const n = props.rows.length;
    const nouns = props.noun === 'category' ? (n === 1 ? 'category' : 'categories') : n === 1 ? 'region' : 'regions';
    return `${n} ${nouns}. Largest: ${top.label ?? `(no ${props.noun})`} with ${money(top.revenue)} (${percent(top.share)} of revenue).`;
  });
  const columns: Column<DimensionRevenue>[] = [
    {
      header: props.noun === 'category' ? 'Category' : 'Region',
      cell: (r) => r.label ?? `(no ${props.noun})`,
      csvValue: (r) => r.label,
    },
    { header: 'Orders', cell: (r) => count(r.orders), numeric: true, csvValue: (r) => r.orders },
    { header: 'Net revenue', cell: (r) => money(r.revenue), numeric: true, csvValue: (r) => r.revenue },
    { header: 'Share', cell: (r) => percent(r.share), numeric: true, csvValue: (r) => r.share },
  ];
  const onlyNull = () => props.rows.length === 1 && props.rows[0]?.label == null;
  return (
    <Show
      when={!onlyNull()}
      fallback={
        <section class="card" data-testid={props.testId}>
          <h2 class="card-title">{props.title}</h2>
          <p class="muted">
            Map a {props.noun} column to see revenue by {props.noun}.
          </p>
        </section>
      }
    >
      <ChartCard
        title={props.title}
        caption={caption()}
        options={options()}
        data={data()}
        tableColumns={columns}
        tableRows={props.rows}
        testId={props.testId}
        sql={props.sql}
      />
    </Show>
  );
}
