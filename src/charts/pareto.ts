import type { ChartOptions } from '../components/Chart';
import { axisColours, SERIES_COLOURS } from './palette';

/**
 * The Pareto curve: share of products (x, ranked by revenue) against their cumulative share
 * of revenue (y), with the A/B thresholds drawn as flat reference lines.
 */
export function paretoOptions(thresholds: readonly [number, number]): ChartOptions {
  const { text, grid } = axisColours();
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return {
    scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    axes: [
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        values: (_u, splits) => splits.map(pct),
        label: 'Share of products (by revenue, highest first)',
      },
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: 50,
        values: (_u, splits) => splits.map(pct),
      },
    ],
    series: [
      { label: 'Products', value: (_u, v) => (v == null ? '—' : pct(v)) },
      {
        label: 'Cumulative revenue',
        stroke: SERIES_COLOURS[0],
        width: 2,
        value: (_u, v) => (v == null ? '—' : pct(v)),
      },
      {
        label: `A (${pct(thresholds[0])})`,
        stroke: SERIES_COLOURS[1],
        width: 1,
        dash: [6, 4],
        points: { show: false },
        value: (_u, v) => (v == null ? '—' : pct(v)),
      },
      {
        label: `A+B (${pct(thresholds[1])})`,
        stroke: SERIES_COLOURS[2],
        width: 1,
        dash: [6, 4],
        points: { show: false },
        value: (_u, v) => (v == null ? '—' : pct(v)),
      },
    ],
  };
}
