import type uPlot from 'uplot';
import type { ChartOptions } from '../components/Chart';
import { axisColours, SERIES_COLOURS } from './palette';

/** Points of one group: x and y values, same length. */
export interface ScatterGroup {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** What each point is (a customer id), shown in the tooltip. */
  names?: readonly string[];
}

/**
 * uPlot draws lines over one shared, ascending x; a scatter is that with lines off and points
 * on, one series per group. Equal x values are nudged apart by a hair so x stays strictly
 * ascending. Returns the options and the aligned data.
 */
export function scatterChart(
  groups: readonly ScatterGroup[],
  axes: { x: string; y: string; yLog?: boolean },
  format: { x: (v: number) => string; y: (v: number) => string },
): { options: ChartOptions; data: uPlot.AlignedData } {
  const points: { x: number; y: number; g: number; name: string }[] = [];
  groups.forEach((g, gi) => {
    for (let i = 0; i < g.x.length; i++) {
      const y = g.y[i]!;
      if (Number.isFinite(g.x[i]!) && Number.isFinite(y) && (!axes.yLog || y > 0))
        points.push({ x: g.x[i]!, y, g: gi, name: g.names?.[i] ?? '' });
    }
  });
  points.sort((a, b) => a.x - b.x || a.g - b.g || a.y - b.y);
  const xs = new Float64Array(points.length);
  let last = -Infinity;
  points.forEach((p, i) => {
    last = Math.max(p.x, last + 1e-6);
    xs[i] = last;
  });
  const ys = groups.map((_, gi) => points.map((p) => (p.g === gi ? p.y : null)));
  const { text, grid } = axisColours();
  // A tooltip naming the point under the cursor (text only: names are user data).
  let tip: HTMLDivElement | undefined;
  const showTip = (u: uPlot) => {
    tip ??= Object.assign(document.createElement('div'), { className: 'chart-tooltip' });
    if (!tip.isConnected) u.over.append(tip);
    const i = u.cursor.idx;
    const p = i == null ? undefined : points[i];
    const left = u.cursor.left ?? -1;
    if (!p || left < 0) {
      tip.hidden = true;
      return;
    }
    tip.hidden = false;
    tip.textContent = `${p.name ? `${p.name} · ` : ''}${groups[p.g]?.label ?? ''}: ${format.x(p.x)} ${axes.x.toLowerCase()}, ${format.y(p.y)}`;
    tip.style.left = `${Math.min(left + 12, u.over.clientWidth - 220)}px`;
    tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 28)}px`;
  };
  const options: ChartOptions = {
    legend: { show: true },
    cursor: { points: { show: false } },
    hooks: { setCursor: [showTip] },
    scales: { x: { time: false }, y: axes.yLog ? { distr: 3 } : {} },
    axes: [
      { stroke: text, grid: { stroke: grid }, label: axes.x, values: (_u, ticks) => ticks.map(format.x) },
      { stroke: text, grid: { stroke: grid }, label: axes.y, size: 70, values: (_u, ticks) => ticks.map(format.y) },
    ],
    series: [
      { label: axes.x, value: (_u, v) => (v == null ? '—' : format.x(v)) },
      ...groups.map((g, gi) => ({
        label: g.label,
        stroke: SERIES_COLOURS[gi % SERIES_COLOURS.length],
        fill: `${SERIES_COLOURS[gi % SERIES_COLOURS.length] ?? '#0072b2'}aa`,
        paths: () => null,
        points: { show: true, size: 5, width: 0 },
        value: (_u: uPlot, v: number | null) => (v == null ? '—' : format.y(v)),
      })),
    ],
  };
  return { options, data: [Array.from(xs), ...ys] as uPlot.AlignedData };
}
