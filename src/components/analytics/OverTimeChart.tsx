import { createMemo, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { timeSeriesOptions } from '../../charts/time-series';
import type { Grain } from '../../data/filters';
import type { SalesOverTime, TimePoint } from '../../data/queries/analytics';
import { isoOfDay } from '../../data/cube/sales-cube';
import { nextPeriod, periodStart } from '../../data/cube/periods-of-days';
import { count, day, money, moneyCompact, month } from '../../format';
import type { Statement } from '../../data/queries/statement';
import { ChartCard } from '../ChartCard';
import type { Column } from '../DataTable';

interface Props {
  data: SalesOverTime;
  grain: Grain;
  /** Called with the brushed days (YYYY-MM-DD, inclusive). */
  onBrush: (from: string, to: string) => void;
  /** The query behind the chart, for "View SQL". */
  sql: Statement;
}

/** Revenue per period with the previous period dashed underneath; drag across it to narrow the dates. */
export function OverTimeChart(props: Props): JSX.Element {
  const label = (ms: number | undefined) => (props.grain === 'month' ? month(ms) : day(ms));
  // A memo, so new data only redraws the chart; options (a rebuild) change when this flips.
  const hasPrevious = createMemo(() => props.data.previous.length > 0);
  const options = createMemo(() =>
    timeSeriesOptions(
      [
        { label: 'Revenue', format: money, fill: true },
        ...(hasPrevious() ? [{ label: 'Previous period', format: money, dashed: true }] : []),
        { label: 'Orders', format: (v: number) => count(v), secondAxis: { format: (v: number) => count(v) } },
      ],
      moneyCompact,
      // Whole periods: from the start of the one under the left edge to the end of the one under the right.
      (from, to) => {
        const first = periodStart(Math.floor(from / 86_400), props.grain);
        const last = periodStart(Math.floor(Math.max(from, to) / 86_400), props.grain);
        props.onBrush(isoOfDay(first), isoOfDay(nextPeriod(last, props.grain) - 1));
      },
    ),
  );
  const data = createMemo<uPlot.AlignedData>(() => {
    const cur = props.data.current;
    const x = cur.map((p) => p.period / 1000);
    const series: (number | null)[][] = [cur.map((p) => p.revenue)];
    if (hasPrevious()) series.push(cur.map((_, i) => props.data.previous[i]?.revenue ?? null));
    series.push(cur.map((p) => p.orders));
    return [x, ...series] as uPlot.AlignedData;
  });
  const caption = createMemo(() => {
    const cur = props.data.current;
    const total = cur.reduce((a, p) => a + p.revenue, 0);
    const orders = cur.reduce((a, p) => a + p.orders, 0);
    const before = props.data.previous.reduce((a, p) => a + p.revenue, 0);
    const vs = hasPrevious() ? ` The previous period had ${money(before)}.` : '';
    return `${money(total)} from ${count(orders)} orders over ${cur.length} ${props.grain}s.${vs} Drag across the chart to narrow the dates.`;
  });
  const columns = createMemo<Column<TimePoint & { previous: number | null }>[]>(() => [
    {
      header: `${props.grain[0]?.toUpperCase()}${props.grain.slice(1)} starting`,
      cell: (r) => label(r.period),
      sortValue: (r) => r.period,
    },
    { header: 'Orders', cell: (r) => count(r.orders), numeric: true, sortValue: (r) => r.orders },
    { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
    { header: 'Previous period', cell: (r) => money(r.previous), numeric: true, sortValue: (r) => r.previous },
  ]);
  const rows = createMemo(() =>
    props.data.current.map((p, i) => ({ ...p, previous: props.data.previous[i]?.revenue ?? null })),
  );
  return (
    <ChartCard
      title="Revenue over time"
      caption={caption()}
      options={options()}
      data={data()}
      tableColumns={columns()}
      tableRows={rows()}
      testId="chart-over-time"
      sql={props.sql}
    />
  );
}
