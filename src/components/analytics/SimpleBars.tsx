import { createMemo, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { barChartOptions } from '../../charts/bar-chart';
import type { Statement } from '../../data/queries/statement';
import { ChartCard } from '../ChartCard';
import type { Column } from '../DataTable';

interface Props<T> {
  title: string;
  caption: string;
  rows: T[];
  label: (row: T) => string;
  value: (row: T) => number;
  seriesLabel: string;
  format: (v: number) => string;
  axisFormat: (v: number) => string;
  columns: Column<T>[];
  testId: string;
  /** The query behind the bars, for "View SQL". */
  sql: Statement;
  empty?: string;
}

/** A titled bar chart over a fixed set of labels (weekdays, hours, bands, bins) with its table. */
export function SimpleBars<T>(props: Props<T>): JSX.Element {
  const labels = createMemo(() => props.rows.map(props.label), undefined, {
    equals: (a, b) => a.join('\u0000') === b.join('\u0000'),
  });
  const options = createMemo(() => barChartOptions(labels(), props.seriesLabel, props.format, props.axisFormat));
  const data = createMemo<uPlot.AlignedData>(() => [props.rows.map((_, i) => i), props.rows.map(props.value)]);
  return (
    <ChartCard
      title={props.title}
      caption={props.caption}
      options={options()}
      data={data()}
      tableColumns={props.columns}
      tableRows={props.rows}
      testId={props.testId}
      sql={props.sql}
      empty={props.empty}
    />
  );
}
