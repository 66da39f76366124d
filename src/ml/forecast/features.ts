/**
 * Feature rows for the machine-learning forecasters (random forest, LSTM): what the model
 * knows about period t before it sees the value of t.
 *
 * The columns, in order (a column is left out when its layout switch is off):
 *
 * | column                     | meaning                                                                 |
 * |----------------------------|-------------------------------------------------------------------------|
 * | weekday sin, weekday cos   | position in the week on a circle (daily grain, `weekday: 'sin-cos'`)     |
 * | Mon … Sun                  | 1 on that weekday, else 0 (daily grain, `weekday: 'one-hot'`)            |
 * | year sin/cos 1, 2          | position in the year, first and second harmonic (mid-period day)        |
 * | holiday                    | 1 when a retail holiday falls on the day (in the week at weekly grain)  |
 * | discount                   | the period's average discount, 0..1 (`discount: true`)                  |
 * | lag s, lag 2s              | the value one and two seasons earlier                                   |
 * | mean last s, mean last 4s  | means of the previous s and 4·s values                                  |
 *
 * Lags read `values`, which is the history followed by the model's own forecasts, so the
 * same function builds training rows and, one step at a time, the recursive forecast's rows.
 * With `lags: 'relative'` the lag columns are divided by the level (mean of the last season)
 * and "mean last s" is dropped, being 1 by construction: a tree can then reuse what it
 * learnt at one sales level at another, which it cannot do with raw values.
 *
 * Lags before the start of the data fall back (lag 2s → lag s → mean of what there is), so
 * weekly series shorter than 2 or 4 years still get every column; models start their
 * training rows at t = season, where "lag s" is always real.
 */
import { holidaysBetween, periodDay, periodLength, weekdayOf, yearFraction } from './calendar';
import type { Grain } from './types';

/** Which columns {@link featureRows} builds, and for which series. */
export interface FeatureLayout {
  /** First period of the series, 'YYYY-MM-DD'. */
  start: string;
  grain: Grain;
  /** Season length in periods (7 daily, 52 weekly). */
  season: number;
  /** How the weekday enters at daily grain (ignored at weekly grain). */
  weekday: 'sin-cos' | 'one-hot';
  /** Whether to add the discount column (then {@link featureRows} needs a discount array). */
  discount: boolean;
  /** Lag columns: none, in the series' units, or divided by the level. */
  lags: 'none' | 'raw' | 'relative';
  /** Smallest level divided by in 'relative' mode, so a closed week cannot divide by zero. */
  levelFloor?: number;
  /** Periods the level averages over (default: one season). */
  levelWindow?: number;
  /** A level to use at every step instead of the trailing mean (for forecasting: see random-forest.ts). */
  fixedLevel?: number;
}

/** One column: a short name for tables and a sentence for the page. */
export interface FeatureColumn {
  name: string;
  meaning: string;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** The columns {@link featureRows} produces for `layout`, in order. */
export function featureColumns(layout: FeatureLayout): FeatureColumn[] {
  const cols: FeatureColumn[] = [];
  if (layout.grain === 'day') {
    if (layout.weekday === 'sin-cos') {
      cols.push({ name: 'weekday sin', meaning: 'sin(2π·weekday/7), Monday = 0' });
      cols.push({ name: 'weekday cos', meaning: 'cos(2π·weekday/7), Monday = 0' });
    } else {
      for (const name of WEEKDAY_NAMES) cols.push({ name, meaning: `1 on ${name}, else 0` });
    }
  }
  for (const k of [1, 2]) {
    cols.push({ name: `year sin ${k}`, meaning: `sin(2π·${k}·year fraction)` });
    cols.push({ name: `year cos ${k}`, meaning: `cos(2π·${k}·year fraction)` });
  }
  const where = layout.grain === 'day' ? 'on the day' : 'in the week';
  cols.push({ name: 'holiday', meaning: `1 when a retail holiday falls ${where}` });
  if (layout.discount) cols.push({ name: 'discount', meaning: 'average discount of the period (0..1)' });
  const s = layout.season;
  if (layout.lags === 'raw') {
    cols.push({ name: `lag ${s}`, meaning: `value ${s} periods earlier` });
    cols.push({ name: `lag ${2 * s}`, meaning: `value ${2 * s} periods earlier` });
    cols.push({ name: `mean last ${s}`, meaning: `mean of the previous ${s} values (the level)` });
    cols.push({ name: `mean last ${4 * s}`, meaning: `mean of the previous ${4 * s} values` });
  } else if (layout.lags === 'relative') {
    cols.push({ name: `lag ${s} ÷ level`, meaning: `value ${s} periods earlier ÷ mean of the previous ${s}` });
    cols.push({ name: `lag ${2 * s} ÷ level`, meaning: `value ${2 * s} periods earlier ÷ mean of the previous ${s}` });
    cols.push({
      name: `mean last ${4 * s} ÷ level`,
      meaning: `mean of the previous ${4 * s} ÷ mean of the previous ${s}`,
    });
  }
  return cols;
}

/** Mean of values[t − span .. t − 1], clipped at the start; 0 when t = 0. */
export function trailingMean(values: ArrayLike<number>, t: number, span: number): number {
  const from = Math.max(0, t - span);
  if (t <= from) return 0;
  let sum = 0;
  for (let i = from; i < t; i++) sum += values[i]!;
  return sum / (t - from);
}

/** The level the relative lags (and the random forest's target) are divided by. */
export function levelAt(values: ArrayLike<number>, t: number, layout: FeatureLayout): number {
  if (layout.fixedLevel !== undefined) return layout.fixedLevel;
  return Math.max(trailingMean(values, t, layout.levelWindow ?? layout.season), layout.levelFloor ?? Number.MIN_VALUE);
}

/**
 * Feature rows of periods from ≤ t < to, one array per period, columns as in
 * {@link featureColumns}. `values` must hold every value before `to − 1` (history, then
 * forecasts); `discount` must cover [from, to) when the layout has the discount column.
 *
 * @example
 * // the row of the first forecast step, after the history's n values and nothing else
 * const [row] = featureRows(layout, extendedValues, extendedDiscount, n, n + 1);
 */
export function featureRows(
  layout: FeatureLayout,
  values: ArrayLike<number>,
  discount: ArrayLike<number> | undefined,
  from: number,
  to: number,
): number[][] {
  if (layout.discount && !discount) {
    throw new Error('featureRows: the layout has a discount column but no discount was given');
  }
  const drivers = layout.discount ? discount : undefined;
  const days = periodLength(layout.grain);
  const holidays = holidaysBetween(
    periodDay(layout.start, layout.grain, from),
    periodDay(layout.start, layout.grain, to) - 1,
  );
  const rows: number[][] = [];
  for (let t = from; t < to; t++) {
    const row: number[] = [];
    const day = periodDay(layout.start, layout.grain, t);
    if (layout.grain === 'day') pushWeekday(row, weekdayOf(day), layout.weekday);
    // A week is placed in the year by its Thursday, the day ISO week numbering uses too.
    const f = yearFraction(day + (days === 7 ? 3 : 0));
    row.push(
      Math.sin(2 * Math.PI * f),
      Math.cos(2 * Math.PI * f),
      Math.sin(4 * Math.PI * f),
      Math.cos(4 * Math.PI * f),
    );
    row.push(anyHoliday(holidays, day, days) ? 1 : 0);
    if (drivers) row.push(drivers[t] ?? 0);
    if (layout.lags !== 'none') pushLags(row, values, t, layout);
    rows.push(row);
  }
  return rows;
}

function pushWeekday(row: number[], weekday: number, mode: FeatureLayout['weekday']): void {
  if (mode === 'sin-cos') {
    row.push(Math.sin((2 * Math.PI * weekday) / 7), Math.cos((2 * Math.PI * weekday) / 7));
  } else {
    for (let d = 0; d < 7; d++) row.push(d === weekday ? 1 : 0);
  }
}

function anyHoliday(holidays: Map<number, unknown>, day: number, days: number): boolean {
  for (let d = day; d < day + days; d++) if (holidays.has(d)) return true;
  return false;
}

function pushLags(row: number[], values: ArrayLike<number>, t: number, layout: FeatureLayout): void {
  const s = layout.season;
  const meanS = trailingMean(values, t, s);
  const lagS = t - s >= 0 ? values[t - s]! : meanS;
  const lag2S = t - 2 * s >= 0 ? values[t - 2 * s]! : lagS;
  const mean4S = trailingMean(values, t, 4 * s);
  if (layout.lags === 'raw') {
    row.push(lagS, lag2S, meanS, mean4S);
  } else {
    const level = levelAt(values, t, layout);
    row.push(lagS / level, lag2S / level, mean4S / level);
  }
}
