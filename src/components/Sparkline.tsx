import { createMemo, type JSX } from 'solid-js';

/** Sparkline's props. */
export interface SparklineProps {
  /** The series, oldest first (e.g. 12 weekly unit counts); a typed-array view works too. */
  values: ArrayLike<number>;
  /** Width in CSS pixels (default 96). */
  width?: number;
  /** Height in CSS pixels (default 24). */
  height?: number;
  /** What the series is, e.g. "Weekly units, last 12 weeks": the accessible name adds the values. */
  label?: string;
  /** The whole accessible name, used as given instead of one built from `label`. */
  ariaLabel?: string;
  testId?: string;
}

// Keeps the 1.5 px stroke (and its round ends) inside the box.
const INSET = 1;
const VALUE_TEXT = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, useGrouping: false });

/**
 * SVG polyline points for `values` in a `width` × `height` box: x evenly spaced, y scaled from
 * 0 (or the lowest value, if negative) at the bottom to the series' own max at the top. A flat
 * series (all zero) lies along the bottom; one value is a level line; non-finite values count as 0.
 */
export function sparklinePoints(values: ArrayLike<number>, width: number, height: number): string {
  const n = values.length;
  if (n === 0) return '';
  const at = (i: number) => {
    const v = values[i]!;
    return Number.isFinite(v) ? v : 0;
  };
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, at(i));
    hi = Math.max(hi, at(i));
  }
  const bottom = height - INSET;
  const span = bottom - INSET;
  const y = (v: number) => (hi > lo ? bottom - ((v - lo) / (hi - lo)) * span : bottom);
  const round = (v: number) => Math.round(v * 100) / 100;
  const right = width - INSET;
  if (n === 1) return `${INSET},${round(y(at(0)))} ${right},${round(y(at(0)))}`;
  const step = (right - INSET) / (n - 1);
  const points: string[] = [];
  for (let i = 0; i < n; i++) points.push(`${round(INSET + i * step)},${round(y(at(i)))}`);
  return points.join(' ');
}

/** The default accessible name: the label, then every value ("Weekly units, last 12 weeks: 3, 5, 0"). */
export function sparklineLabel(values: ArrayLike<number>, label = 'Trend'): string {
  if (values.length === 0) return `${label}: no data`;
  return `${label}: ${Array.from(values, (v) => (Number.isFinite(v) ? VALUE_TEXT.format(v) : 'no value')).join(', ')}`;
}

/**
 * A tiny inline line chart of a short series, drawn in the text colour of its `.sparkline`
 * class (the accent). An image to screen readers, named with the values themselves.
 */
export function Sparkline(props: SparklineProps): JSX.Element {
  const width = () => props.width ?? 96;
  const height = () => props.height ?? 24;
  const points = createMemo(() => sparklinePoints(props.values, width(), height()));
  return (
    <svg
      class="sparkline"
      width={width()}
      height={height()}
      viewBox={`0 0 ${width()} ${height()}`}
      role="img"
      aria-label={props.ariaLabel ?? sparklineLabel(props.values, props.label)}
      data-testid={props.testId}
    >
      <polyline
        points={points()}
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
        stroke-linecap="round"
        vector-effect="non-scaling-stroke"
      />
    </svg>
  );
}
