import { createMemo, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { barChartOptions } from '../../charts/bar-chart';
import type { BreakdownRow } from '../../data/queries/analytics';
import { change, count, money, moneyCompact, percent } from '../../format';
import type { Statement } from '../../data/queries/statement';
import { ChartCard } from '../ChartCard';
import type { Column } from '../DataTable';

interface Props {
  title: string;
  noun: 'category' | 'region';
  rows: BreakdownRow[];
  /** Values currently filtered on, to mark in the caption. */
  selected: readonly string[];
  /** Toggles one value in the filter (a click on its bar). */
  onToggle: (value: string) => void;
  testId: string;
  /** The query behind the bars, for "View SQL". */
  sql: Statement;
}

/** Revenue per category or region with share and growth; a click on a bar toggles it in the filters. */
export function BreakdownChart(props: Props): JSX.Element {
  const none = () => `(no ${props.noun})`;
  const labels = createMemo(() => props.rows.map((r) => r.label ?? none()), undefined, {
    equals: (a, b) => a.join('\u0000') === b.join('\u0000'),
  });
  const total = () => props.rows.reduce((a, r) => a + r.revenue, 0);
  const options = createMemo(() =>
    barChartOptions(
      labels(),
      'Revenue',
      (v) => `${money(v)} (${percent(total() ? v / total() : null)} of total)`,
      moneyCompact,
      (i) => {
        const label = props.rows[i]?.label;
        if (label != null) props.onToggle(label);
      },
      () => props.rows.map((r) => r.label != null && props.selected.includes(r.label)),
    ),
  );
  const data = createMemo<uPlot.AlignedData>(() => [props.rows.map((_, i) => i), props.rows.map((r) => r.revenue)]);
  const caption = createMemo(() => {
    const top = props.rows[0];
    if (!top) return '';
    const grow = top.growth == null ? '' : `, ${change(top.growth)} on the previous period`;
    const hint = ` Click a bar, or use the ${props.noun === 'category' ? 'Categories' : 'Regions'} filter above, to add or remove it.`;
    const chosen = props.selected.length ? ` Filtered on ${props.selected.join(', ')}.` : '';
    return `Largest: ${top.label ?? none()} with ${money(top.revenue)} (${percent(top.share)} of revenue${grow}).${chosen}${hint}`;
  });
  const columns = createMemo<Column<BreakdownRow>[]>(() => [
    {
      header: props.noun === 'category' ? 'Category' : 'Region',
      cell: (r) => r.label ?? none(),
      sortValue: (r) => r.label,
    },
    { header: 'Revenue', cell: (r) => money(r.revenue), numeric: true, sortValue: (r) => r.revenue },
    { header: 'Share', cell: (r) => percent(r.share), numeric: true, sortValue: (r) => r.share },
    { header: 'Growth', cell: (r) => change(r.growth), numeric: true, sortValue: (r) => r.growth },
    { header: 'Orders', cell: (r) => count(r.orders), numeric: true, sortValue: (r) => r.orders },
    { header: 'Avg order', cell: (r) => money(r.aov), numeric: true, sortValue: (r) => r.aov },
    { header: 'Units', cell: (r) => count(r.units), numeric: true, sortValue: (r) => r.units },
    { header: 'Avg discount', cell: (r) => percent(r.discount), numeric: true, sortValue: (r) => r.discount },
  ]);
  return (
    <ChartCard
      title={props.title}
      caption={caption()}
      options={options()}
      data={data()}
      tableColumns={columns()}
      tableRows={props.rows}
      testId={props.testId}
      sql={props.sql}
    />
  );
}
