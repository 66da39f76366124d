import uPlot from 'uplot';
import type { ChartOptions } from '../components/Chart';
import { axisColours, SERIES_COLOURS } from './palette';

/**
 * Vertical bars over categories. uPlot has no categorical axis, so x is the index 0..n-1
 * and the axis prints `labels[i]`.
 */
export function barChartOptions(
  labels: readonly string[],
  seriesLabel: string,
  valueFormat: (v: number) => string,
  axisFormat: (v: number) => string,
  onPick?: (index: number) => void,
  /** Which bars are picked (read at each draw): the others are drawn faded while any is. */
  picked?: () => readonly boolean[],
): ChartOptions {
  const { text, grid } = axisColours();
  const colour = SERIES_COLOURS[0] ?? '#0072b2';
  const fills = (_u: uPlot, _s: number, i0: number, i1: number) => {
    const on = picked?.() ?? [];
    const any = on.some(Boolean);
    const out: string[] = [];
    for (let i = i0; i <= i1; i++) out.push(!any || on[i] ? `${colour}cc` : `${colour}40`);
    return out;
  };
  // 3 = BarsPathBuilderFacetUnit.Color (a const enum that isolated modules cannot import).
  const bars = uPlot.paths.bars?.({
    size: [0.7, 80],
    align: 0,
    ...(picked ? { disp: { fill: { unit: 3, values: fills } } } : {}),
  });
  return {
    hooks: onPick
      ? {
          ready: [
            (u) => {
              // A click on a bar picks it (e.g. toggles that category in the filters).
              u.over.style.cursor = 'pointer';
              u.over.addEventListener('click', (e) => {
                // From the click's own position, not the cursor's last hover state.
                const i = Math.round(u.posToVal(e.offsetX, 'x'));
                if (i >= 0 && i < labels.length) onPick(i);
              });
            },
          ],
        }
      : {},
    scales: {
      x: { time: false, range: () => [-0.5, Math.max(0.5, labels.length - 0.5)] },
      y: { range: (_u, min, max) => [Math.min(0, min), Math.max(0, max) * 1.08 || 1] },
    },
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    legend: { live: true },
    axes: [
      {
        stroke: text,
        grid: { show: false },
        ticks: { show: false },
        splits: () => labels.map((_, i) => i),
        // Fit each label to its bar's width (about 7 px a character), so a phone shows "Electr…" not an overlap.
        values: (u, splits) => {
          const perBar = u.bbox.width / devicePixelRatio / Math.max(1, labels.length);
          // Too narrow for any text: label every n-th bar in full instead of all of them in bits.
          const every = perBar < 36 ? Math.ceil(36 / perBar) : 1;
          const maxChars = Math.max(3, Math.floor((perBar * every) / 7));
          return splits.map((i) => (i % every === 0 ? shorten(labels[i] ?? '', maxChars) : ''));
        },
        size: 40,
      },
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: 70,
        values: (_u, splits) => splits.map((v) => axisFormat(v)),
      },
    ],
    series: [
      { label: 'Item', value: (_u, i) => (i == null ? '—' : (labels[i] ?? '')) },
      {
        label: seriesLabel,
        stroke: colour,
        fill: `${colour}cc`,
        width: 0,
        paths: bars,
        points: { show: false },
        value: (_u, v) => (v == null ? '—' : valueFormat(v)),
      },
    ],
  };
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
