import type { SqlColumn, SqlValue } from '../data/engine/sql-session';

/**
 * The console's quick chart, chosen from the result's column types alone:
 * - a line over time when the first column is a DATE or TIMESTAMP and every other column is numeric;
 * - bars when the first column is text and a later one is numeric (the first such column);
 * - otherwise none, with the reason, so the user knows what shape of query gets a chart.
 */
export type ChartChoice =
  { kind: 'line'; x: number; ys: number[] } | { kind: 'bar'; x: number; y: number } | { kind: 'none'; reason: string };

/** At most this many bars: beyond it a bar chart stops being readable (the table has them all). */
export const MAX_BARS = 50;

/** Picks the chart for a result's columns. */
export function chooseChart(columns: readonly SqlColumn[]): ChartChoice {
  const first = columns[0];
  if (!first) return { kind: 'none', reason: 'No chart: the result has no columns.' };
  if (columns.length < 2) {
    return { kind: 'none', reason: 'No chart: a chart needs a second column with numbers to plot.' };
  }
  const rest = columns.slice(1);
  if (first.kind === 'date' || first.kind === 'timestamp') {
    const other = rest.find((c) => c.kind !== 'number');
    if (other) {
      return {
        kind: 'none',
        reason: `No chart: a line over time needs every column after “${first.name}” to be numeric, and “${other.name}” is ${other.type}.`,
      };
    }
    return { kind: 'line', x: 0, ys: rest.map((_, i) => i + 1) };
  }
  if (first.kind === 'text') {
    const y = rest.findIndex((c) => c.kind === 'number');
    if (y === -1) {
      return { kind: 'none', reason: `No chart: bars by “${first.name}” need a numeric column after it.` };
    }
    return { kind: 'bar', x: 0, y: y + 1 };
  }
  return {
    kind: 'none',
    reason: `No chart: the first column, “${first.name}”, is ${first.type}. Put a date or timestamp first for a line, or text first for bars.`,
  };
}

/** Numbers only: anything else (null, text of an oversized BIGINT) plots as a gap. */
function num(v: SqlValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The line chart's data: x in seconds (uPlot's time unit), sorted ascending as uPlot needs,
 * rows without a date left out; one y array per numeric column.
 */
export function lineSeries(rows: readonly (readonly SqlValue[])[], choice: { x: number; ys: readonly number[] }) {
  const kept = rows.filter((r) => num(r[choice.x]) !== null);
  kept.sort((a, b) => (a[choice.x] as number) - (b[choice.x] as number));
  const x = Float64Array.from(kept, (r) => (r[choice.x] as number) / 1000);
  const ys = choice.ys.map((c) => kept.map((r) => num(r[c])));
  return { x, ys, dropped: rows.length - kept.length };
}

/** The bar chart's data: the first `MAX_BARS` rows in result order (the query's ORDER BY decides which). */
export function barSeries(rows: readonly (readonly SqlValue[])[], choice: { x: number; y: number }) {
  const shown = rows.slice(0, MAX_BARS);
  return {
    labels: shown.map((r) => (r[choice.x] == null ? '(null)' : String(r[choice.x]))),
    values: shown.map((r) => num(r[choice.y])),
    total: rows.length,
  };
}
