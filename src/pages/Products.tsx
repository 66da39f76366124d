import { A } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, Show, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { SimpleBars } from '../components/analytics/SimpleBars';
import { ChartCard } from '../components/ChartCard';
import type { Column } from '../components/DataTable';
import { downloadText } from '../components/download';
import { PageShell } from '../components/PageShell';
import { AbcXyzMatrix } from '../components/products/AbcXyzMatrix';
import { Sparkline } from '../components/Sparkline';
import { VirtualTable, type VirtualColumn } from '../components/VirtualTable';
import { paretoOptions } from '../charts/pareto';
import { scatterChart } from '../charts/scatter';
import { tableToCsv } from '../data/export/csv';
import { productStats, productStatsSql, type ProductStatsColumns } from '../data/queries/products/product-stats';
import { ViewSql } from '../components/ViewSql';
import {
  marginByCategory,
  marginByCategorySql,
  marginByDiscount,
  marginByDiscountSql,
  type MarginRow,
} from '../data/queries/products/profitability';
import { count, money, moneyCompact, percent } from '../format';
import {
  abcClasses,
  abcXyzMatrix,
  DEFAULT_ABC_THRESHOLDS,
  DEFAULT_XYZ_THRESHOLDS,
  paretoRanking,
  xyzClasses,
  type AbcClass,
  type XyzClass,
} from '../ml/inventory/abc-xyz';
import {
  DEMAND_MODEL_NOTE,
  inventoryPlan,
  reorderAlerts,
  SERVICE_LEVEL_Z,
  STATUS_LABELS,
  statusRules,
  type InventoryRow,
  type InventoryStatus,
  type ServiceLevel,
} from '../ml/inventory/inventory';
import { datasetStore } from '../state/dataset';
import { useFilters } from '../state/filters';

/** One product's row in the table and the reorder export. */
interface ProductRow {
  id: string;
  name: string;
  category: string;
  revenue: number;
  units: number;
  margin: number | null;
  marginPct: number | null;
  plan: InventoryRow;
  abc: AbcClass;
  xyz: XyzClass;
  weekly: Float64Array;
}

const WINDOWS = [28, 56, 90] as const;
/** Alerts listed before "Show all". */
const ALERTS_SHOWN = 50;
/** Points drawn in the product charts: more only hide each other and slow the drawing. */
const MAX_POINTS = 2000;
const fin = (v: number) => (Number.isFinite(v) ? v : null);
// One formatter for every cell: toLocaleString builds a new one per call, which was most of
// the cost of scrolling 10,000 products.
const ONE_DECIMAL = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const units1 = (v: number | null) => (v === null ? '—' : ONE_DECIMAL.format(v));
const signedPct = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : '−'}${percent(Math.abs(v), 0)}`);

function buildRows(s: ProductStatsColumns, plan: InventoryRow[], abc: AbcClass[], xyz: XyzClass[]): ProductRow[] {
  return plan.map((p, i) => ({
    id: s.ids[i]!,
    name: s.names[i] || s.ids[i]!,
    category: s.categories[i] ?? '',
    revenue: s.revenue[i]!,
    units: s.units[i]!,
    margin: fin(s.grossMargin[i]!),
    marginPct: fin(s.marginPct[i]!),
    plan: p,
    abc: abc[i]!,
    xyz: xyz[i]!,
    weekly: s.weeklyUnits.subarray(i * s.weeks, (i + 1) * s.weeks),
  }));
}

const TABLE_COLUMNS: VirtualColumn<ProductRow>[] = [
  { header: 'Product', cell: (r) => `${r.name} (${r.id})`, sortValue: (r) => r.name, width: '14rem' },
  { header: 'Category', cell: (r) => r.category || '—', sortValue: (r) => r.category },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue, width: '8.5rem' },
  { header: 'Units', cell: (r) => count(r.units), numeric: true, sortValue: (r) => r.units },
  {
    header: 'Margin',
    cell: (r) => (r.margin === null ? '—' : money(r.margin)),
    numeric: true,
    sortValue: (r) => r.margin,
    width: '8rem',
  },
  {
    header: 'Margin %',
    cell: (r) => (r.marginPct === null ? '—' : percent(r.marginPct, 0)),
    numeric: true,
    sortValue: (r) => r.marginPct,
  },
  { header: 'Units/day', cell: (r) => units1(r.plan.rate), numeric: true, sortValue: (r) => r.plan.rate },
  { header: 'Trend', cell: (r) => signedPct(r.plan.trend), numeric: true, sortValue: (r) => r.plan.trend },
  {
    header: 'Stock',
    cell: (r) => (r.plan.stock === null ? '—' : count(r.plan.stock)),
    numeric: true,
    sortValue: (r) => r.plan.stock,
  },
  {
    width: '7rem',
    header: 'Days of cover',
    cell: (r) => (r.plan.daysOfCover === null ? '—' : count(r.plan.daysOfCover)),
    numeric: true,
    sortValue: (r) => r.plan.daysOfCover,
  },
  {
    width: '7rem',
    header: 'Reorder point',
    cell: (r) => units1(r.plan.reorderPoint),
    numeric: true,
    sortValue: (r) => r.plan.reorderPoint,
  },
  {
    header: 'Status',
    cell: (r) => STATUS_LABELS[r.plan.status],
    sortValue: (r) => STATUS_ORDER.indexOf(r.plan.status),
  },
  { header: 'ABC/XYZ', cell: (r) => `${r.abc}${r.xyz === 'none' ? '–' : r.xyz}`, sortValue: (r) => `${r.abc}${r.xyz}` },
  {
    header: 'Last 12 weeks',
    cell: (r) => Array.from(r.weekly).join(' '),
    render: (r) => <Sparkline values={r.weekly} label={`Units a week, ${r.name}`} />,
    width: '7.5rem',
  },
];

// The scatter's text alternative: the products it plots.
const SCATTER_COLUMNS: Column<ProductRow>[] = [
  { header: 'Product', cell: (r) => r.name, sortValue: (r) => r.name },
  { header: 'Category', cell: (r) => r.category || '—', sortValue: (r) => r.category },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
  {
    header: 'Margin %',
    cell: (r) => (r.marginPct === null ? '—' : percent(r.marginPct, 1)),
    numeric: true,
    sortValue: (r) => r.marginPct,
  },
];

const STATUS_ORDER: readonly InventoryStatus[] = [
  'stockout-risk',
  'reorder',
  'dead',
  'overstock',
  'ok',
  'no-stock-data',
];

const MARGIN_COLUMNS = (what: string): Column<MarginRow>[] => [
  { header: what, cell: (r) => r.label },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
  {
    header: 'Margin',
    cell: (r) => (r.margin === null ? '—' : money(r.margin)),
    numeric: true,
    sortValue: (r) => r.margin,
  },
  {
    header: 'Margin %',
    cell: (r) => (r.margin_pct === null ? '—' : percent(r.margin_pct, 1)),
    numeric: true,
    sortValue: (r) => r.margin_pct,
  },
];

/** The Products page: what to reorder today, what does not sell, and what makes money. */
export function ProductsPage(): JSX.Element {
  const { filters } = useFilters();
  const [windowDays, setWindowDays] = createSignal<number>(56);
  const [service, setService] = createSignal<ServiceLevel>(95);
  const [abcA, setAbcA] = createSignal(DEFAULT_ABC_THRESHOLDS[0]);
  const [abcB, setAbcB] = createSignal(DEFAULT_ABC_THRESHOLDS[1]);
  const hasProducts = () => datasetStore.dataset()?.profile.present.has('product_id') ?? true;
  const hasDiscounts = () => datasetStore.dataset()?.profile.present.has('discount') ?? false;

  const [data] = createResource(
    () => {
      const d = datasetStore.dataset();
      return d && hasProducts() ? { d, f: filters(), w: windowDays() } : undefined;
    },
    async ({ d, f, w }) => {
      performance.mark('tillsight:products-start');
      const [stats, byCategory, byDiscount] = await Promise.all([
        productStats(d.db, f, { windowDays: w }),
        marginByCategory(d.db, f),
        marginByDiscount(d.db, f),
      ]);
      performance.mark('tillsight:products-queried', { detail: { products: stats.length } });
      return { stats, byCategory, byDiscount };
    },
  );

  const view = createMemo(() => {
    // `latest` rethrows a failed refetch's error; the page shows that error instead.
    const v = data.error ? undefined : data.latest;
    if (!v) return undefined;
    const s = v.stats;
    const plan = inventoryPlan(s, { serviceLevel: service() });
    const thresholds: [number, number] = [abcA(), abcB()];
    const abc = abcClasses(s.revenue, thresholds);
    const xyz = xyzClasses(s.weeklyUnits, s.weeks, DEFAULT_XYZ_THRESHOLDS);
    const rows = buildRows(s, plan, abc, xyz);
    const alerts = reorderAlerts(plan).map((p) => rows[p.index]!);
    const matrix = abcXyzMatrix(abc, xyz, s.revenue);
    performance.mark('tillsight:products-computed');
    return { ...v, rows, alerts, matrix, thresholds };
  });

  // Every product figure, alert and class below is computed from each product's row of this query.
  const statsSql = createMemo(() => productStatsSql(filters(), { windowDays: windowDays() }));
  // Thousands of alerts would make a page nobody reads and every layout slow: the most urgent first.
  const [allAlerts, setAllAlerts] = createSignal(false);
  createEffect(on(view, () => setAllAlerts(false), { defer: true }));
  const [search, setSearch] = createSignal('');
  const [category, setCategory] = createSignal('');
  const [status, setStatus] = createSignal<InventoryStatus | ''>('');
  const categories = createMemo(() => [...new Set((view()?.rows ?? []).map((r) => r.category).filter(Boolean))].sort());
  // A category picked in the table that the filter bar has since removed no longer applies.
  const activeCategory = () => (categories().includes(category()) ? category() : '');
  const shown = createMemo(() => {
    const all = view()?.rows ?? [];
    const q = search().trim().toLowerCase();
    const c = activeCategory();
    const st = status();
    if (!q && !c && !st) return all;
    return all.filter(
      (r) =>
        (!c || r.category === c) &&
        (!st || r.plan.status === st) &&
        (!q || r.name.toLowerCase().includes(q) || r.id.toLowerCase().includes(q)),
    );
  });

  const pareto = createMemo(() => {
    const v = view();
    if (!v) return undefined;
    const ranking = paretoRanking(v.stats.revenue);
    const n = ranking.order.length;
    // The curve at most MAX_POINTS points (always ending at the last product): enough to read it.
    const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
    const picks = Array.from({ length: Math.ceil(n / stride) }, (_, k) => Math.min(n - 1, (k + 1) * stride - 1));
    const x = [0, ...picks.map((i) => (i + 1) / n)];
    const y = [0, ...picks.map((i) => ranking.shareAfter[i]!)];
    return {
      data: [x, y, x.map(() => v.thresholds[0]), x.map(() => v.thresholds[1])] as uPlot.AlignedData,
      aCount: v.rows.filter((r) => r.abc === 'A').length,
      n,
      table: Array.from(ranking.order, (idx, k) => ({
        name: v.rows[idx]!.name,
        revenue: v.rows[idx]!.revenue,
        cumulative: ranking.shareAfter[k]!,
        abc: v.rows[idx]!.abc,
      })),
    };
  });

  const scatter = createMemo(() => {
    const v = view();
    if (!v) return undefined;
    // One pass into per-category groups, an even sample of each when there are thousands.
    const stride = Math.max(1, Math.ceil(v.rows.length / MAX_POINTS));
    const groups = new Map<string, { label: string; x: number[]; y: number[]; names: string[]; seen: number }>();
    const plotted: ProductRow[] = [];
    for (const r of v.rows) {
      if (r.marginPct === null || r.revenue <= 0) continue;
      const label = r.category || '(no category)';
      const g = groups.get(label) ?? { label, x: [], y: [], names: [], seen: 0 };
      groups.set(label, g);
      if (g.seen++ % stride !== 0) continue;
      g.x.push(r.revenue);
      g.y.push(100 * r.marginPct);
      g.names.push(r.name);
      plotted.push(r);
    }
    const chart = scatterChart(
      [...groups.values()].sort((a, b) => a.label.localeCompare(b.label)),
      { x: 'Revenue', y: 'Margin %' },
      { x: moneyCompact, y: (n) => `${n.toFixed(0)}%` },
    );
    return { ...chart, plotted, sampled: stride > 1 };
  });

  function exportAlerts(): void {
    const v = view();
    if (!v) return;
    downloadText(
      'tillsight-reorder-list.csv',
      tableToCsv(
        [
          'product_id',
          'product_name',
          'category',
          'status',
          'stock_on_hand',
          'reorder_point',
          'safety_stock',
          'units_per_day',
          'lead_time_days',
          'lead_time_assumed',
          'expected_stockout',
          'order_quantity',
        ],
        v.alerts.map((r) => [
          r.id,
          r.name,
          r.category,
          STATUS_LABELS[r.plan.status],
          r.plan.stock,
          r.plan.reorderPoint,
          r.plan.safetyStock,
          r.plan.rate,
          r.plan.leadTimeDays,
          r.plan.leadTimeAssumed ? 'yes' : 'no',
          r.plan.stockoutDay,
          r.plan.suggestedOrder,
        ]),
      ),
    );
  }

  const state = () => {
    if (datasetStore.status() === 'error' || data.state === 'errored') return 'error' as const;
    if (datasetStore.dataset() && !hasProducts()) return 'empty' as const;
    if (!data.latest) return 'loading' as const;
    return data.latest.stats.length === 0 ? ('empty' as const) : ('ready' as const);
  };
  const rules = () => statusRules();

  return (
    <PageShell
      title="Products"
      state={state()}
      error={data.error instanceof Error ? data.error.message : datasetStore.error()?.message}
      onRetry={() => datasetStore.start()}
    >
      <Show when={datasetStore.dataset() && !hasProducts()}>
        <section class="card empty-state">
          <p>
            This data has no product column. <A href="/data">Map a product column</A> (a product id, SKU or name) to see
            product performance, margins and stock.
          </p>
        </section>
      </Show>
      <Show when={view()}>
        {(v) => (
          <>
            <form class="card forecast-controls" onSubmit={(e) => e.preventDefault()} aria-label="Stock settings">
              <label class="field">
                <span class="filter-label">Sales velocity over</span>
                <select
                  value={String(windowDays())}
                  onChange={(e) => setWindowDays(Number(e.currentTarget.value))}
                  data-testid="velocity-window"
                >
                  <For each={WINDOWS}>{(w) => <option value={String(w)}>last {w} days</option>}</For>
                </select>
              </label>
              <label class="field">
                <span class="filter-label">Service level</span>
                <select
                  value={String(service())}
                  onChange={(e) => setService(Number(e.currentTarget.value) as ServiceLevel)}
                  data-testid="service-level"
                >
                  <For each={[90, 95, 99] as const}>
                    {(l) => (
                      <option value={String(l)}>
                        {l}% (z = {SERVICE_LEVEL_Z[l]})
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <label class="field">
                <span class="filter-label">A class: first % of revenue</span>
                <input
                  type="number"
                  min="50"
                  max="95"
                  step="1"
                  value={Math.round(abcA() * 100)}
                  onChange={(e) => {
                    // A must stay below A + B: moving one past the other moves the other too.
                    const a = clampShare(e.currentTarget.valueAsNumber, 0.5, 0.95, abcA());
                    setAbcA(a);
                    if (abcB() < a + 0.01) setAbcB(Math.min(0.99, a + 0.01));
                    e.currentTarget.value = String(Math.round(a * 100));
                  }}
                  data-testid="abc-a"
                />
              </label>
              <label class="field">
                <span class="filter-label">A + B: first % of revenue</span>
                <input
                  type="number"
                  min="55"
                  max="99"
                  step="1"
                  value={Math.round(abcB() * 100)}
                  onChange={(e) => {
                    const b = clampShare(e.currentTarget.valueAsNumber, 0.55, 0.99, abcB());
                    setAbcB(b);
                    if (abcA() > b - 0.01) setAbcA(Math.max(0.5, b - 0.01));
                    e.currentTarget.value = String(Math.round(b * 100));
                  }}
                  data-testid="abc-b"
                />
              </label>
            </form>

            <Show
              when={v().stats.hasStockData}
              fallback={
                <section class="card notice" data-testid="no-stock-note">
                  <p>
                    This data has no stock levels, so the page shows performance and margins only. To see what to
                    reorder, add a products file on the <A href="/data">Data page</A> with a product id,{' '}
                    <code>stock_on_hand</code> and <code>lead_time_days</code> (and <code>unit_cost</code> for margins).
                  </p>
                </section>
              }
            >
              <section class="card" aria-labelledby="alerts-title" data-testid="reorder-alerts">
                <div class="card-head">
                  <h2 class="card-title" id="alerts-title">
                    Reorder now ({count(v().alerts.length)})
                  </h2>
                  <ViewSql statement={statsSql()} what="the products the reorder list is computed from" />
                  <button
                    type="button"
                    class="button button-small"
                    onClick={exportAlerts}
                    data-testid="export-reorder"
                    disabled={v().alerts.length === 0}
                  >
                    Download the reorder list (CSV)
                  </button>
                </div>
                <Show
                  when={v().alerts.length > 0}
                  fallback={
                    <p class="muted">Nothing to reorder: every selling product’s stock is above its reorder point.</p>
                  }
                >
                  <ol class="alert-list">
                    <For each={allAlerts() ? v().alerts : v().alerts.slice(0, ALERTS_SHOWN)}>
                      {(r) => (
                        <li
                          class={`alert alert-${r.plan.status}`}
                          data-testid="reorder-alert"
                          data-product-id={r.id}
                          data-stock={r.plan.stock ?? ''}
                          data-reorder-point={r.plan.reorderPoint ?? ''}
                          data-status={r.plan.status}
                        >
                          <strong>{r.name}</strong> <span class="muted">({r.id})</span> ·{' '}
                          <span class="badge">{STATUS_LABELS[r.plan.status]}</span>
                          <br />
                          {count(r.plan.stock)} in stock, reorder point {units1(r.plan.reorderPoint)} (
                          {units1(r.plan.rate)} a day over a {r.plan.leadTimeDays}-day lead time
                          {r.plan.leadTimeAssumed ? ' — assumed: the products file gives none' : ''}).
                          {r.plan.stockoutDay ? ` Runs out around ${r.plan.stockoutDay}.` : ''}{' '}
                          <strong>Order {count(r.plan.suggestedOrder)}.</strong>
                        </li>
                      )}
                    </For>
                  </ol>
                  <Show when={v().alerts.length > ALERTS_SHOWN && !allAlerts()}>
                    <button
                      type="button"
                      class="button button-small"
                      onClick={() => setAllAlerts(true)}
                      data-testid="show-all-alerts"
                    >
                      Show all {count(v().alerts.length)} (the CSV always has them all)
                    </button>
                  </Show>
                </Show>
                <details>
                  <summary>How these are worked out</summary>
                  <ul class="plain-list formulas">
                    <li>{DEMAND_MODEL_NOTE}</li>
                    <li>
                      Safety stock = z × σ(daily demand) × √(lead time), with z = {SERVICE_LEVEL_Z[service()]} for a{' '}
                      {service()}% service level.
                    </li>
                    <li>
                      Reorder point = daily demand × lead time + safety stock. Order quantity = reorder point + 30 days
                      of demand − stock, rounded up.
                    </li>
                    <li>
                      Days of cover = stock ÷ daily demand; expected stock-out = the window’s last day + days of cover.
                    </li>
                    <For each={STATUS_ORDER}>
                      {(st) => (
                        <li>
                          <strong>{STATUS_LABELS[st]}:</strong> {rules()[st]}
                        </li>
                      )}
                    </For>
                  </ul>
                </details>
              </section>
            </Show>

            <section class="card" aria-labelledby="products-table-title">
              <div class="card-head">
                <h2 class="card-title" id="products-table-title">
                  Products
                </h2>
                <ViewSql statement={statsSql()} what="Products" />
              </div>
              <div class="table-filters">
                <label class="field">
                  <span class="filter-label">Search by name or id</span>
                  <input
                    type="search"
                    value={search()}
                    onInput={(e) => setSearch(e.currentTarget.value)}
                    data-testid="product-search"
                  />
                </label>
                <label class="field">
                  <span class="filter-label">Category</span>
                  <select
                    value={activeCategory()}
                    onChange={(e) => setCategory(e.currentTarget.value)}
                    data-testid="product-category"
                  >
                    <option value="">All</option>
                    <For each={categories()}>{(c) => <option value={c}>{c}</option>}</For>
                  </select>
                </label>
                <label class="field">
                  <span class="filter-label">Status</span>
                  <select
                    value={status()}
                    onChange={(e) => setStatus(e.currentTarget.value as InventoryStatus | '')}
                    data-testid="product-status"
                  >
                    <option value="">All</option>
                    <For each={STATUS_ORDER}>{(st) => <option value={st}>{STATUS_LABELS[st]}</option>}</For>
                  </select>
                </label>
              </div>
              <p class="muted" role="status">
                {count(shown().length)} of {count(v().rows.length)} products. Revenue, units and margin cover the filter
                bar’s period; velocity, trend and stock figures the last {windowDays()} days to {v().stats.endDay}.
              </p>
              <VirtualTable
                caption="Products with revenue, margin, velocity, stock and status"
                columns={TABLE_COLUMNS}
                rows={shown()}
                rowKey={(r) => r.id}
                rowTestId="product-row"
                rowAttrs={(r) => ({ 'product-id': r.id, status: r.plan.status })}
                testId="product-table"
                filename="Products.csv"
                empty="No product matches."
              />
            </section>

            <div class="chart-grid">
              <Show when={pareto()}>
                {(p) => (
                  <ChartCard
                    title="Pareto: revenue by product"
                    caption={`${count(p().aCount)} of ${count(p().n)} selling products (${percent(p().aCount / Math.max(1, p().n), 0)}) make the first ${percent(v().thresholds[0], 0)} of revenue.`}
                    options={paretoOptions(v().thresholds)}
                    data={p().data}
                    tableColumns={[
                      { header: 'Product', cell: (r: { name: string }) => r.name },
                      {
                        header: 'Revenue',
                        cell: (r: { revenue: number }) => money(r.revenue),
                        numeric: true,
                        sortValue: (r: { revenue: number }) => r.revenue,
                      },
                      {
                        header: 'Cumulative share',
                        cell: (r: { cumulative: number }) => percent(r.cumulative, 1),
                        numeric: true,
                        sortValue: (r: { cumulative: number }) => r.cumulative,
                      },
                      { header: 'Class', cell: (r: { abc: string }) => r.abc },
                    ]}
                    tableRows={p().table}
                    testId="chart-pareto"
                    sql={statsSql()}
                  />
                )}
              </Show>
              <SimpleBars
                title="Margin by category"
                caption="Gross margin as a share of revenue, over lines whose unit cost is known."
                rows={v().byCategory.filter((r) => r.margin_pct !== null)}
                label={(r) => r.label}
                value={(r) => 100 * r.margin_pct!}
                seriesLabel="Margin %"
                format={(n) => `${n.toFixed(1)}%`}
                axisFormat={(n) => `${n.toFixed(0)}%`}
                columns={MARGIN_COLUMNS('Category')}
                testId="chart-margin-category"
                sql={marginByCategorySql(filters())}
                empty="No unit costs in this data: add unit_cost (or a products file with it) to see margins."
              />
              <Show when={scatter()}>
                {(sc) => (
                  <ChartCard
                    title="Revenue and margin by product"
                    caption="Each dot is a product: its revenue against its margin %, coloured by category. Top right earns the most."
                    options={sc().options}
                    data={sc().data}
                    tableColumns={SCATTER_COLUMNS}
                    tableRows={sc().plotted}
                    testId="chart-revenue-margin"
                    sql={statsSql()}
                  />
                )}
              </Show>
              <SimpleBars
                title="Discount and margin"
                caption="Gross margin by how deep the line’s discount was: what discounting costs in margin."
                rows={hasDiscounts() ? v().byDiscount.filter((r) => r.margin_pct !== null) : []}
                label={(r) => r.label}
                value={(r) => 100 * r.margin_pct!}
                seriesLabel="Margin %"
                format={(n) => `${n.toFixed(1)}%`}
                axisFormat={(n) => `${n.toFixed(0)}%`}
                columns={MARGIN_COLUMNS('Discount')}
                testId="chart-discount-margin"
                sql={marginByDiscountSql(filters())}
                empty={
                  hasDiscounts()
                    ? 'No unit costs in this data: add unit_cost (or a products file with it) to see margins.'
                    : 'This data has no discount column: map one on the Data page to see what discounting does to margin.'
                }
              />
            </div>
            <AbcXyzMatrix matrix={v().matrix} abc={v().thresholds} xyz={DEFAULT_XYZ_THRESHOLDS} sql={statsSql()} />
          </>
        )}
      </Show>
    </PageShell>
  );
}

/** A percentage typed into a threshold box, as a share within bounds (the old value when blank). */
function clampShare(typed: number, lo: number, hi: number, previous: number): number {
  if (!Number.isFinite(typed)) return previous;
  return Math.min(hi, Math.max(lo, typed / 100));
}
