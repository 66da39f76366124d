import uPlot from 'uplot';
import type { ChartOptions } from '../components/Chart';
import { axisColours, SERIES_COLOURS } from './palette';

/** One line of a time chart. */
export interface TimeSeriesLine {
  label: string;
  /** Formats a value for the legend. */
  format: (v: number) => string;
  fill?: boolean;
  /** Drawn dashed and lighter, e.g. the previous period laid over the current one. */
  dashed?: boolean;
  /** Plotted against a second y axis on the right (e.g. orders next to revenue). */
  secondAxis?: { format: (v: number) => string };
}

/** Called with the dragged range (UTC wall-time seconds) when the user brushes across the chart. */
export type BrushHandler = (fromSec: number, toSec: number) => void;

/** A time chart over UTC wall-time seconds (as DuckDB TIMESTAMPs are), one y scale. */
export function timeSeriesOptions(
  lines: readonly TimeSeriesLine[],
  axisFormat: (v: number) => string,
  onBrush?: BrushHandler,
): ChartOptions {
  const { text, grid } = axisColours();
  return {
    hooks: onBrush
      ? {
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              const from = u.posToVal(u.select.left, 'x');
              const to = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              onBrush(from, to);
            },
          ],
        }
      : {},
    // DuckDB's TIMESTAMPs are wall times: show them as written, whatever the viewer's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    // One point would make uPlot spread the axis over years around it: a day either side instead.
    scales: { x: { time: true, range: (_u, min, max) => (min === max ? [min - 86400, max + 86400] : [min, max]) } },
    // With a brush handler a drag selects a range for the filter; otherwise it zooms the chart.
    cursor: { drag: { x: true, y: false, setScale: !onBrush } },
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
      ...lines
        .filter((line) => line.secondAxis)
        .slice(0, 1)
        .map((line) => ({
          scale: 'right',
          side: 1 as const,
          stroke: text,
          grid: { show: false },
          ticks: { stroke: grid },
          size: 50,
          values: (_u: uPlot, splits: number[]) => splits.map((v) => line.secondAxis?.format(v) ?? String(v)),
        })),
    ],
    series: [
      { label: 'Period' },
      ...lines.map((line, i) => {
        // Second-axis lines keep one colour whatever else is drawn, so "orders" is always orange.
        const colour = line.dashed
          ? text
          : line.secondAxis
            ? (SERIES_COLOURS[1] ?? '#e69f00')
            : (SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#0072b2');
        return {
          label: line.label,
          scale: line.secondAxis ? 'right' : 'y',
          stroke: colour,
          width: line.dashed ? 1.5 : 2,
          dash: line.dashed ? [6, 4] : undefined,
          fill: line.fill ? `${colour}22` : undefined,
          points: { show: true, size: 5 },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : line.format(v)),
        };
      }),
    ],
  };
}
