import uPlot from 'uplot';
import type { ChartOptions } from '../components/Chart';
import { axisColours, SERIES_COLOURS } from './palette';

/** One line of a time chart. */
export interface TimeSeriesLine {
  label: string;
  /** Formats a value for the legend. */
  format: (v: number) => string;
  fill?: boolean;
}

/** A time chart over UTC wall-time seconds (as DuckDB TIMESTAMPs are), one y scale. */
export function timeSeriesOptions(lines: readonly TimeSeriesLine[], axisFormat: (v: number) => string): ChartOptions {
  const { text, grid } = axisColours();
  return {
    // DuckDB's TIMESTAMPs are wall times: show them as written, whatever the viewer's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true } },
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    axes: [
      { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: 70,
        values: (_u, splits) => splits.map((v) => axisFormat(v)),
      },
    ],
    series: [
      { label: 'Period' },
      ...lines.map((line, i) => {
        const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#0072b2';
        return {
          label: line.label,
          stroke: colour,
          width: 2,
          fill: line.fill ? `${colour}22` : undefined,
          points: { show: true, size: 5 },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : line.format(v)),
        };
      }),
    ],
  };
}
