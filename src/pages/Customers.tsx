import { A } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { SimpleBars } from '../components/analytics/SimpleBars';
import { ChartCard } from '../components/ChartCard';
import { CohortHeatmap } from '../components/customers/CohortHeatmap';
import { SegmentCards, type SegmentSummary } from '../components/customers/SegmentCards';
import { DataTable, type Column } from '../components/DataTable';
import { downloadText } from '../components/download';
import { PageShell } from '../components/PageShell';
import { scatterChart } from '../charts/scatter';
import { tableToCsv } from '../data/export/csv';
import { cohortRetention, customerRfm, type CustomerRfmColumns } from '../data/queries/customers';
import { cohortRetentionSql } from '../data/queries/customers/cohorts';
import { customerRfmSql } from '../data/queries/customers/rfm';
import type { Statement } from '../data/queries/statement';
import { ViewSql } from '../components/ViewSql';
import { count, money, moneyCompact, percent } from '../format';
import { AT_RISK_RULE, type CustomerAnalysis } from '../ml/segment/analyse';
import { countBins, logBins, type Bin } from '../ml/segment/bins';
import { NAMING_RULE } from '../ml/segment/kmeans';
import { RFM_GRID_RULE, RFM_SEGMENTS } from '../ml/segment/rfm-scores';
import { analyseInWorker, chooseKInWorker } from '../ml/segment/segment-worker';
import { datasetStore } from '../state/dataset';
import { useFilters } from '../state/filters';
import { settings } from '../state/settings';
import { pseudonyms } from '../data/export/pseudonymise';

const STEP_WORDS: Record<string, string> = {
  rfm: 'Scoring recency, frequency and value',
  kmeans: 'Clustering customers',
  chooseK: 'Comparing 2 to 8 segments',
  models: 'Fitting the purchase and spend models',
  pAlive: 'Estimating who is still active',
  clv: 'Predicting lifetime value',
};

/** One customer's row in the table and the at-risk export. */
interface CustomerRow extends Record<string, unknown> {
  id: string;
  segment: string;
  rfm: string;
  orders: number;
  revenue: number;
  recency: number;
  pAlive: number | null;
  clv: number | null;
  atRisk: boolean;
}

const mean = (values: number[]) => {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
};

function summarise(rfm: CustomerRfmColumns, a: CustomerAnalysis): SegmentSummary[] {
  const s = a.segmentation;
  const total = s.revenue.reduce((x, y) => x + y, 0);
  return s.names.map((name, k) => {
    const members: number[] = [];
    for (let i = 0; i < s.labels.length; i++) if (s.labels[i] === k) members.push(i);
    const c = s.centroids[k];
    return {
      name,
      size: s.sizes[k] ?? 0,
      revenue: s.revenue[k] ?? 0,
      share: total > 0 ? (s.revenue[k] ?? 0) / total : 0,
      typical: { recencyDays: c?.recencyDays ?? 0, frequency: c?.frequency ?? 0, monetary: c?.monetary ?? 0 },
      meanPAlive: mean(members.map((i) => a.pAlive[i]!)),
      meanClv: mean(members.map((i) => a.clv[i]!)),
    };
  });
}

function rows(rfm: CustomerRfmColumns, a: CustomerAnalysis): CustomerRow[] {
  return rfm.ids.map((id, i) => ({
    id,
    segment: a.segmentation.names[a.segmentation.labels[i]!] ?? '',
    rfm: RFM_SEGMENTS[a.rfmSegment[i]!] ?? '',
    orders: rfm.frequency[i]!,
    revenue: rfm.monetary[i]!,
    recency: rfm.recencyDays[i]!,
    pAlive: Number.isFinite(a.pAlive[i]!) ? a.pAlive[i]! : null,
    clv: Number.isFinite(a.clv[i]!) ? a.clv[i]! : null,
    atRisk: a.atRisk[i] === 1,
  }));
}

const TABLE_COLUMNS: Column<CustomerRow>[] = [
  { header: 'Customer', cell: (r) => r.id, sortValue: (r) => r.id, customerId: true },
  { header: 'Segment', cell: (r) => r.segment, sortValue: (r) => r.segment },
  { header: 'RFM segment', cell: (r) => r.rfm, sortValue: (r) => r.rfm },
  { header: 'Orders', cell: (r) => count(r.orders), numeric: true, sortValue: (r) => r.orders },
  { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
  { header: 'Days since last order', cell: (r) => count(r.recency), numeric: true, sortValue: (r) => r.recency },
  {
    header: 'P(active)',
    cell: (r) => (r.pAlive === null ? '—' : percent(r.pAlive, 0)),
    numeric: true,
    sortValue: (r) => r.pAlive,
  },
  {
    header: 'Predicted 12-month value',
    cell: (r) => (r.clv === null ? '—' : money(r.clv)),
    numeric: true,
    sortValue: (r) => r.clv,
  },
];

const BIN_COLUMNS = (what: string, format: (b: Bin) => string): Column<Bin>[] => [
  { header: what, cell: format },
  { header: 'Customers', cell: (b) => count(b.count), numeric: true, csvValue: (b) => b.count },
];

// The scatter's text alternative: where each segment's typical customer sits.
const SCATTER_TABLE: Column<SegmentSummary>[] = [
  { header: 'Segment', cell: (s) => s.name },
  { header: 'Customers', cell: (s) => count(s.size), numeric: true, csvValue: (s) => s.size },
  {
    header: 'Typical days since last order',
    cell: (s) => count(s.typical.recencyDays),
    numeric: true,
    csvValue: (s) => s.typical.recencyDays,
  },
  {
    header: 'Typical revenue',
    cell: (s) => money(s.typical.monetary),
    numeric: true,
    csvValue: (s) => s.typical.monetary,
  },
];

const SHOWN_ROWS = 100;

/** Customers per log-spaced band of a money amount (order value, predicted value). */
function MoneyHistogram(props: {
  title: string;
  caption: string;
  values: ArrayLike<number>;
  testId: string;
  sql: Statement;
}): JSX.Element {
  return (
    <SimpleBars
      title={props.title}
      caption={props.caption}
      rows={logBins(props.values)}
      label={(b) => moneyCompact(b.lower)}
      value={(b) => b.count}
      seriesLabel="Customers"
      format={(n) => count(n)}
      axisFormat={(n) => count(n)}
      columns={BIN_COLUMNS('From', (b) => `${money(b.lower)} – ${money(b.upper)}`)}
      testId={props.testId}
      sql={props.sql}
    />
  );
}

/** The Customers page: segments, their value and who is slipping away. */
export function CustomersPage(): JSX.Element {
  const { filters } = useFilters();
  const [k, setK] = createSignal(4);
  const [step, setStep] = createSignal<string>();
  const hasCustomers = () => datasetStore.dataset()?.profile.present.has('customer_id') ?? true;
  let running: AbortController | undefined;
  const [data] = createResource(
    () => {
      const d = datasetStore.dataset();
      return d && hasCustomers() ? { d, f: filters(), k: k() } : undefined;
    },
    async ({ d, f, k: clusters }) => {
      running?.abort();
      const ctl = new AbortController();
      running = ctl;
      performance.mark('tillsight:customers-start');
      const [rfm, cohorts] = await Promise.all([customerRfm(d.db, f), cohortRetention(d.db, f)]);
      performance.mark('tillsight:customers-queried', { detail: { customers: rfm.length } });
      if (rfm.length < clusters) return { rfm, cohorts, analysis: undefined };
      // The comparison of k = 2..8 is the slowest step: it runs only when that section is opened.
      const analysis = await analyseInWorker(
        rfm,
        { k: clusters, chooseK: false },
        (s) => setStep(STEP_WORDS[s] ?? s),
        ctl.signal,
      );
      setStep(undefined);
      performance.mark('tillsight:customers-analysed', { detail: analysis.timings });
      return { rfm, cohorts, analysis };
    },
  );

  const state = () => {
    if (datasetStore.status() === 'error' || data.state === 'errored') return 'error' as const;
    if (datasetStore.dataset() && !hasCustomers()) return 'empty' as const;
    if (!data.latest) return 'loading' as const;
    return data.latest.rfm.length === 0 ? ('empty' as const) : ('ready' as const);
  };
  const view = createMemo(() => {
    const v = data.latest;
    if (!v?.analysis) return undefined;
    // Sorted once by predicted value (else revenue); searching then only filters.
    const table = rows(v.rfm, v.analysis).sort((a, b) => (b.clv ?? b.revenue) - (a.clv ?? a.revenue));
    return { ...v, analysis: v.analysis, segments: summarise(v.rfm, v.analysis), table };
  });

  // The charts below are computed (in a worker) from each customer's row of this query.
  const rfmSql = createMemo(() => customerRfmSql(filters()));
  const [kOpen, setKOpen] = createSignal(false);
  const [kFit] = createResource(
    () => (kOpen() && data.latest?.analysis ? data.latest.rfm : undefined),
    (rfm) => chooseKInWorker(rfm),
  );

  const [search, setSearch] = createSignal('');
  const shown = createMemo(() => {
    const q = search().trim().toLowerCase();
    const all = view()?.table ?? [];
    if (!q) return all.slice(0, SHOWN_ROWS);
    const hits: CustomerRow[] = [];
    for (const r of all) {
      if (r.id.toLowerCase().includes(q) || r.segment.toLowerCase().includes(q) || r.rfm.toLowerCase().includes(q))
        hits.push(r);
      if (hits.length === SHOWN_ROWS) break;
    }
    return hits;
  });

  async function exportAtRisk(): Promise<void> {
    const v = view();
    if (!v) return;
    const list = v.table.filter((r) => r.atRisk).sort((a, b) => b.revenue - a.revenue);
    const ids = settings.pseudonymiseExports()
      ? await pseudonyms(
          list.map((r) => r.id),
          settings.salt,
        )
      : undefined;
    downloadText(
      'tillsight-at-risk-customers.csv',
      tableToCsv(
        [
          'customer_id',
          'segment',
          'orders',
          'revenue',
          'days_since_last_order',
          'p_active',
          'predicted_12_month_value',
        ],
        list.map((r) => [ids?.get(r.id) ?? r.id, r.segment, r.orders, r.revenue, r.recency, r.pAlive, r.clv]),
      ),
    );
  }

  const scatter = createMemo(() => {
    const v = view();
    if (!v) return undefined;
    const s = v.analysis.segmentation;
    // At most a few thousand points: more only hide each other and slow the drawing.
    const stride = Math.max(1, Math.ceil(v.rfm.length / 4000));
    const groups = s.names.map((name, g) => {
      const x: number[] = [];
      const y: number[] = [];
      const names: string[] = [];
      for (let i = 0; i < v.rfm.length; i += stride) {
        if (s.labels[i] === g) {
          x.push(v.rfm.recencyDays[i]!);
          y.push(v.rfm.monetary[i]!);
          names.push(v.rfm.ids[i]!);
        }
      }
      return { label: name, x, y, names };
    });
    return scatterChart(
      groups,
      { x: 'Days since last order', y: 'Revenue', yLog: true },
      { x: (d) => count(d), y: moneyCompact },
    );
  });

  return (
    <PageShell
      title="Customers"
      state={state()}
      error={data.error instanceof Error ? data.error.message : datasetStore.error()?.message}
      onRetry={() => datasetStore.start()}
    >
      <Show when={datasetStore.dataset() && !hasCustomers()}>
        <section class="card empty-state">
          <p>
            This data has no customer column, so there is nothing to segment. <A href="/data">Map a customer column</A>{' '}
            (a customer id or e-mail) to see segments, lifetime value and who is slipping away.
          </p>
        </section>
      </Show>
      <Show when={state() === 'loading' && step()}>
        <p class="status-pill" role="status">
          <span class="spinner" aria-hidden="true" /> {step()}…
        </p>
      </Show>
      <Show when={data.latest && !data.latest.analysis && data.latest.rfm.length > 0}>
        <p class="notice">
          Too few customers in this selection to form {k()} segments. Widen the dates or clear a filter.
        </p>
      </Show>
      <Show when={view()}>
        {(v) => (
          <>
            <p class="period-note">
              {count(v().rfm.length)} customers · {AT_RISK_RULE} {count(v().analysis.atRisk.reduce((a, b) => a + b, 0))}{' '}
              are at risk. <ViewSql statement={rfmSql()} what="the customers' recency, frequency and value" />
            </p>
            <SegmentCards segments={v().segments} />
            <div class="chart-grid">
              <Show when={scatter()}>
                {(sc) => (
                  <ChartCard
                    title="Recency and value"
                    caption={`Each dot is a customer: days since the last order against revenue (log scale), coloured by segment${v().rfm.length > 4000 ? '; a sample of 4,000' : ''}.`}
                    options={sc().options}
                    data={sc().data}
                    tableColumns={SCATTER_TABLE}
                    tableRows={v().segments}
                    testId="chart-rfm-scatter"
                    sql={rfmSql()}
                  />
                )}
              </Show>
              <SimpleBars
                title="Orders per customer"
                caption={`${percent(v().rfm.frequency.filter((f) => f > 1).length / Math.max(1, v().rfm.length), 0)} of customers ordered more than once.`}
                rows={countBins(v().rfm.frequency)}
                label={(b) => (b.lower >= 10 ? '10+' : String(b.lower))}
                value={(b) => b.count}
                seriesLabel="Customers"
                format={(n) => count(n)}
                axisFormat={(n) => count(n)}
                columns={BIN_COLUMNS('Orders', (b) => (b.lower >= 10 ? '10 or more' : String(b.lower)))}
                testId="chart-frequency"
                sql={rfmSql()}
              />
              <MoneyHistogram
                title="Average order value"
                caption="Customers by their average order value (log-spaced bins)."
                values={v().rfm.aov}
                testId="chart-aov"
                sql={rfmSql()}
              />
              <Show when={v().analysis.models.gammaGamma}>
                <MoneyHistogram
                  title="Predicted 12-month value"
                  caption="Customers by predicted value over the next 12 months (BG/NBD × Gamma–Gamma, discounted 1 % a month; log-spaced bins)."
                  values={v().analysis.clv}
                  testId="chart-clv"
                  sql={rfmSql()}
                />
              </Show>
              <CohortHeatmap cells={v().cohorts} sql={cohortRetentionSql(filters())} />
            </div>

            <section class="card" aria-labelledby="customers-table-title">
              <div class="card-head">
                <h2 class="card-title" id="customers-table-title">
                  Customers
                </h2>
                <ViewSql statement={rfmSql()} what="Customers" />
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => void exportAtRisk()}
                  data-testid="export-at-risk"
                >
                  Download the at-risk list (CSV)
                </button>
              </div>
              <label class="field customer-search">
                <span class="filter-label">Search by customer, segment or RFM segment</span>
                <input
                  type="search"
                  value={search()}
                  onInput={(e) => setSearch(e.currentTarget.value)}
                  data-testid="customer-search"
                />
              </label>
              <DataTable
                caption={`Customers by predicted value (the first ${SHOWN_ROWS} that match)`}
                columns={TABLE_COLUMNS}
                rows={shown()}
                testId="customer-table"
                filename="Customers.csv"
              />
            </section>

            <details class="card" onToggle={(e) => setKOpen(e.currentTarget.open)} data-testid="choose-k">
              <summary>How many segments</summary>
              <label class="field">
                <span class="filter-label">Segments (k-means on log recency, frequency and revenue)</span>
                <select
                  value={String(k())}
                  onChange={(e) => setK(Number(e.currentTarget.value))}
                  data-testid="segment-k"
                >
                  <For each={[2, 3, 4, 5, 6, 7, 8]}>{(n) => <option value={String(n)}>{n}</option>}</For>
                </select>
              </label>
              <Show when={kFit()} fallback={<p class="muted">{kFit.loading ? 'Comparing 2 to 8 segments…' : ''}</p>}>
                {(c) => (
                  <DataTable
                    caption={`Fit of 2 to 8 segments: a higher silhouette means better separated groups; inertia always falls as k grows${c().silhouetteSampleSize < (data.latest?.rfm.length ?? 0) ? ` (silhouette on a sample of ${count(c().silhouetteSampleSize)})` : ''}`}
                    columns={[
                      { header: 'Segments', cell: (r) => String(r.k), numeric: true, sortValue: (r) => r.k },
                      {
                        header: 'Silhouette',
                        cell: (r) => r.silhouette.toFixed(3),
                        numeric: true,
                        sortValue: (r) => r.silhouette,
                      },
                      { header: 'Inertia', cell: (r) => count(r.inertia), numeric: true, sortValue: (r) => r.inertia },
                    ]}
                    rows={c().scores}
                  />
                )}
              </Show>
              <p class="muted">
                {NAMING_RULE} <ViewSql statement={rfmSql()} what="the customers the segments are formed from" />
              </p>
            </details>

            <details class="card model-details" data-testid="model-details">
              <summary>Model details</summary>
              <Show when={v().analysis.models.note}>{(n) => <p class="notice">{n()}</p>}</Show>
              <Show when={v().analysis.models.bgnbd}>
                {(b) => (
                  <p
                    data-testid="bgnbd-params"
                    data-r={b().r}
                    data-alpha={b().alpha}
                    data-a={b().a}
                    data-b={b().b}
                    data-ll={b().logLikelihood}
                  >
                    BG/NBD (purchases, in weeks): r = {b().r.toFixed(3)}, α = {b().alpha.toFixed(3)}, a ={' '}
                    {b().a.toFixed(3)}, b = {b().b.toFixed(3)}; log-likelihood {b().logLikelihood.toFixed(1)} after{' '}
                    {b().iterations} iterations{b().converged ? '' : ' (not converged)'}.
                  </p>
                )}
              </Show>
              <Show when={v().analysis.models.gammaGamma}>
                {(g) => (
                  <p data-testid="gamma-gamma-params">
                    Gamma–Gamma (spend): p = {g().p.toFixed(3)}, q = {g().q.toFixed(3)}, v = {g().v.toFixed(3)};
                    log-likelihood {g().logLikelihood.toFixed(1)} over {count(g().customers)} repeat customers.
                  </p>
                )}
              </Show>
              <p class="muted">RFM segments: {RFM_GRID_RULE}</p>
            </details>
          </>
        )}
      </Show>
    </PageShell>
  );
}
