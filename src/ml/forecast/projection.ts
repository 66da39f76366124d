/**
 * Growth projections: forecast totals over the next windows against the same windows a year
 * earlier. The total's interval adds the per-period calibrated half-widths in quadrature
 * (errors taken as independent from period to period), which understates it if errors run
 * in streaks; the backtest totals shown next to it tell how far off past totals really were.
 */
import type { Forecast, Grain } from './types';
import type { OriginForecast } from './backtest';

export interface ProjectionWindow {
  label: string;
  /** First forecast period of the window (0 = the first day or week after the history). */
  from: number;
  /** Periods in the window. */
  periods: number;
}

export interface Projection extends ProjectionWindow {
  total: number;
  low80: number;
  high80: number;
  /** The same periods one year (52 weeks, so weekdays line up) earlier; null when the history is shorter. */
  lastYear: number | null;
  /** Relative error of this window's total at each backtest origin: (forecast − actual) ÷ actual. */
  backtestErrors: number[];
}

/**
 * The windows shown: the next 30 and 90 days (4 and 13 weeks), the next calendar quarter at
 * daily grain, and the whole horizon — each only if the horizon covers it.
 */
export function projectionWindows(grain: Grain, horizon: number, firstDay: number): ProjectionWindow[] {
  const windows: ProjectionWindow[] =
    grain === 'week'
      ? [
          { label: 'Next 4 weeks', from: 0, periods: 4 },
          { label: 'Next 13 weeks (a quarter)', from: 0, periods: 13 },
        ]
      : [
          { label: 'Next 30 days', from: 0, periods: 30 },
          { label: 'Next 90 days', from: 0, periods: 90 },
        ];
  if (grain === 'day') {
    const date = new Date(firstDay * 86_400_000);
    const quarter = Math.floor(date.getUTCMonth() / 3);
    // The next quarter that has not started yet (or starts on the first forecast day).
    const startsToday = date.getUTCDate() === 1 && date.getUTCMonth() % 3 === 0;
    const q = startsToday ? quarter : quarter + 1;
    const year = date.getUTCFullYear() + Math.floor(q / 4);
    const start = Date.UTC(year, (q % 4) * 3, 1) / 86_400_000;
    const end = Date.UTC(year, (q % 4) * 3 + 3, 1) / 86_400_000;
    windows.push({ label: `Q${(q % 4) + 1} ${year}`, from: start - firstDay, periods: end - start });
  }
  const fits = windows.filter((w) => w.from + w.periods <= horizon);
  if (!fits.some((w) => w.from === 0 && w.periods === horizon)) {
    fits.push({
      label: `Next ${horizon} ${grain === 'week' ? 'weeks' : 'days'} (the horizon)`,
      from: 0,
      periods: horizon,
    });
  }
  return fits;
}

function sum(values: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i]!;
  return s;
}

/** `floor` is the lowest value a period can take (0 for sales that never went negative). */
export function projections(
  history: Float64Array,
  grain: Grain,
  forecast: Forecast,
  backtests: readonly OriginForecast[],
  windows: readonly ProjectionWindow[],
  floor = -Infinity,
): Projection[] {
  const n = history.length;
  const yearBack = grain === 'week' ? 52 : 364;
  return windows.map((w) => {
    const end = w.from + w.periods;
    const total = sum(forecast.point, w.from, end);
    let variance = 0;
    // From the upper bound: the lower one may have been clipped at the floor.
    for (let i = w.from; i < end; i++) variance += (forecast.upper80[i]! - forecast.point[i]!) ** 2;
    const half = Math.sqrt(variance);
    const start = n + w.from - yearBack;
    const lastYear = start >= 0 && start + w.periods <= n ? sum(history, start, start + w.periods) : null;
    const backtestErrors = backtests
      .filter((b) => b.origin + end <= n && b.forecast.point.length >= end)
      .map((b) => {
        const actual = sum(history, b.origin + w.from, b.origin + end);
        return actual !== 0 ? (sum(b.forecast.point, w.from, end) - actual) / actual : Number.NaN;
      });
    return {
      ...w,
      total,
      low80: Math.max(total - half, floor * w.periods),
      high80: total + half,
      lastYear,
      backtestErrors,
    };
  });
}
