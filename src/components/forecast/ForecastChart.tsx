import { createMemo, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { forecastChartOptions } from '../../charts/forecast-chart';
import { money, moneyCompact } from '../../format';
import { isoDay, periodDay } from '../../ml/forecast/calendar';
import type { Forecast, SeriesData } from '../../ml/forecast/types';
import { ChartCard } from '../ChartCard';
import type { Column } from '../DataTable';
import type { Statement } from '../../data/queries/statement';

interface Row {
  day: string;
  actual: number | null;
  point: number | null;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  whatIf: number | null;
}

const COLUMNS: Column<Row>[] = [
  { header: 'Period', cell: (r) => r.day },
  { header: 'Actual', cell: (r) => money(r.actual), numeric: true, sortValue: (r) => r.actual },
  { header: 'Forecast', cell: (r) => money(r.point), numeric: true, sortValue: (r) => r.point },
  { header: '80% low', cell: (r) => money(r.lower80), numeric: true, sortValue: (r) => r.lower80 },
  { header: '80% high', cell: (r) => money(r.upper80), numeric: true, sortValue: (r) => r.upper80 },
  { header: '95% low', cell: (r) => money(r.lower95), numeric: true, sortValue: (r) => r.lower95 },
  { header: '95% high', cell: (r) => money(r.upper95), numeric: true, sortValue: (r) => r.upper95 },
];

/** History periods drawn before the forecast: enough to see the season and the recent level. */
function historyShown(series: SeriesData, horizon: number): number {
  const wanted = series.grain === 'week' ? series.values.length : Math.max(2 * horizon, 120);
  return Math.min(series.values.length, wanted);
}

/** History, forecast and its 80% / 95% bands (and a what-if line when a scenario is set). */
export function ForecastChart(props: {
  series: SeriesData;
  forecast: Forecast;
  modelLabel: string;
  caption: string;
  whatIf?: Float64Array | undefined;
  /** The sales history the models were fitted on, for "View SQL". */
  sql: Statement;
}): JSX.Element {
  const rows = createMemo<Row[]>(() => {
    const s = props.series;
    const f = props.forecast;
    const n = s.values.length;
    const shown = historyShown(s, f.point.length);
    const out: Row[] = [];
    for (let i = n - shown; i < n; i++) {
      out.push({
        day: isoDay(periodDay(s.start, s.grain, i)),
        actual: s.values[i]!,
        point: null,
        lower80: null,
        upper80: null,
        lower95: null,
        upper95: null,
        whatIf: null,
      });
    }
    for (let i = 0; i < f.point.length; i++) {
      out.push({
        day: isoDay(periodDay(s.start, s.grain, n + i)),
        actual: null,
        point: f.point[i]!,
        lower80: f.lower80[i]!,
        upper80: f.upper80[i]!,
        lower95: f.lower95[i]!,
        upper95: f.upper95[i]!,
        whatIf: props.whatIf?.[i] ?? null,
      });
    }
    return out;
  });
  const withWhatIf = () => Boolean(props.whatIf);
  const options = createMemo(() => forecastChartOptions(money, moneyCompact, withWhatIf()));
  const data = createMemo<uPlot.AlignedData>(() => {
    const r = rows();
    const x = r.map((row) => Date.parse(`${row.day}T00:00:00Z`) / 1000);
    const col = (pick: (row: Row) => number | null) => r.map(pick);
    const columns: (number | null)[][] = [
      col((row) => row.actual),
      col((row) => row.point),
      col((row) => row.lower95),
      col((row) => row.upper95),
      col((row) => row.lower80),
      col((row) => row.upper80),
    ];
    if (withWhatIf()) columns.push(col((row) => row.whatIf));
    return [x, ...columns] as uPlot.AlignedData;
  });
  return (
    <ChartCard
      title={`Forecast: ${props.modelLabel}`}
      caption={props.caption}
      options={options()}
      data={data()}
      tableColumns={
        withWhatIf()
          ? [...COLUMNS, { header: 'What-if', cell: (r) => money(r.whatIf), numeric: true, sortValue: (r) => r.whatIf }]
          : COLUMNS
      }
      tableRows={rows()}
      testId="chart-forecast"
      sql={props.sql}
    />
  );
}
