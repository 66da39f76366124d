/**
 * A Prophet-style decomposable forecaster (Taylor & Letham 2018, "Forecasting at scale"):
 *
 *   y(t) = trend(t) + weekly(t) + yearly(t) + Σ holiday effects + β·discount(t) + ε
 *
 * Prophet fits this by MAP in Stan with Laplace and normal priors. Here every prior is
 * Gaussian, which makes the MAP fit one ridge regression (linear.ts): deterministic, a few
 * milliseconds for two years of days, and with closed-form coefficient covariances for the
 * holiday and discount effects the page shows with ± SE.
 *
 * Units. y is divided by its mean |y| and time runs 0..1 over the history, so the prior
 * scales below mean the same thing for a corner shop and a chain, at daily and weekly grain.
 * A prior scale τ (the prior sd of a coefficient, in those units) becomes the ridge penalty
 * λ = σ²/τ², σ being the residual sd: the exact MAP correspondence. σ is not known before
 * the fit, so it is found as a fixed point: fit, re-estimate σ, refit (a handful of
 * O(p³) solves on normal equations built once).
 *
 * Known difference from Prophet: its Laplace changepoint prior prefers one sharp kink, an L2
 * prior prefers many small bends. Below a year that costs little (a kink is still found
 * where it is). Between one and two years, though, a yearly shape and a spread of small
 * bends explain one kink about equally well, so the kink's date blurs and the forecast
 * slope can be off by 10-30% (synthetic kinks in 1.1-1.9 years of daily data). The
 * backtest, not this model, has to catch that.
 */
import { fitProphetAuto } from './prophet-mode';
import {
  dayNumber,
  holidaysBetween,
  isoDay,
  periodLength,
  weekdayOf,
  yearFraction,
  HOLIDAY_NAMES,
  type HolidayName,
} from './calendar';
import {
  fitFromNormalEquations,
  multiply,
  normalEquations,
  solveNormalEquations,
  type NormalEquations,
  type PenalisedFit,
} from './linear';
import {
  normalForecast,
  type FitContext,
  type FittedModel,
  type Forecast,
  type Forecaster,
  type FutureDrivers,
  type Grain,
  type ModelParameter,
  type SeriesData,
} from './types';

/** The history split into the model's additive parts, in original units, one entry per period. */
export interface Decomposition {
  trend: Float64Array;
  weekly: Float64Array;
  yearly: Float64Array;
  holidays: Float64Array;
  /** The discount effect relative to the history's average discount (so it averages 0). */
  drivers: Float64Array;
  /** The sum of the parts: the model's in-sample fit. */
  fitted: Float64Array;
}

/** One holiday's estimated effect, in revenue per holiday day (per period at daily grain). */
export interface HolidayEffect {
  name: string;
  effect: number;
  se: number;
  /** Days of this holiday in the history. */
  occurrences: number;
}

/** Revenue change per period for +1 percentage point of discount, with its standard error. */
export interface DiscountEffect {
  perPoint: number;
  se: number;
}

/** A potential trend changepoint and how much the slope changed there. */
export interface Changepoint {
  /** First day of the period the hinge starts at, 'YYYY-MM-DD'. */
  day: string;
  /** Change of the trend's slope, in revenue per period per period. */
  slopeChange: number;
}

/** A fitted model whose forecast is a sum of named parts the page can chart separately. */
export interface DecomposableFit extends FittedModel {
  decompose(): Decomposition;
  /** Weekly effect by ISO weekday (Monday first), in revenue per day; null at weekly grain. */
  weeklyProfile(): Float64Array | null;
  /** Yearly effect at `points` evenly spaced year fractions from 1 January; null if not modelled. */
  yearlyProfile(points: number): Float64Array | null;
  /** Holidays that occur in the history, in calendar order. */
  holidayEffects(): HolidayEffect[];
  /** Null when the history has no discount column or its discount never varies. */
  discountEffect(): DiscountEffect | null;
  /** Every potential changepoint with its fitted slope change (mostly near 0: the prior damps them). */
  changepoints(): Changepoint[];
  /** The discount (fraction) assumed for future periods when no scenario gives one. */
  baselineDiscount(): number;
}

/** Whether a fitted model can be split into trend, seasonality, holiday and driver parts. */
export function isDecomposable(f: FittedModel): f is DecomposableFit {
  const candidate = f as Partial<DecomposableFit>;
  return (
    typeof candidate.decompose === 'function' &&
    typeof candidate.weeklyProfile === 'function' &&
    typeof candidate.yearlyProfile === 'function' &&
    typeof candidate.holidayEffects === 'function' &&
    typeof candidate.discountEffect === 'function'
  );
}

// Structure, as in Prophet: up to 25 potential changepoints over the first 80% of the
// history (the last 20% is left to pin down the slope the forecast extrapolates).
const MAX_CHANGEPOINTS = 25;
const CHANGEPOINT_RANGE = 0.8;
const WEEKLY_ORDER = 3; // order 3 of a 7-day period spans every weekday pattern
const YEARLY_ORDER: Record<Grain, number> = { day: 10, week: 6 };
// Yearly terms need one full cycle to be told apart from the trend; 52 weeks count as one.
const MIN_YEARLY_SPAN_DAYS = 364;

// Prior scales (prior sd of each coefficient) in scaled units: y / mean|y|, t over 0..1.
//
// Changepoints: Prophet's default is Laplace(0, 0.05) on y / max|y|, sd 0.05·√2 ≈ 0.07;
// mean|y| is typically ~0.7 of max|y| for sales, so ≈ 0.1 here. Each hinge may bend the
// slope by ~10% of the mean level per history length; 25 of them let the trend drift by a
// few tens of percent over the history without chasing noise.
const CHANGEPOINT_SCALE = 0.1;
// Fourier coefficients: a seasonal swing as large as the mean level is already extreme, so
// sd 1 barely shrinks real seasonality; it only tames high orders on short histories and
// keeps the solve well conditioned (Prophet's 10 on max-scaled y plays the same role).
const SEASONALITY_SCALE = 1;
// Holidays: a holiday typically moves its day by up to about half an ordinary day's sales
// (closures at −1 and gift peaks at +1..3 are the tails, which the data still reach). An
// estimate seen m times keeps m/(m + σ²/τ²) of its data value: for noisy daily sales
// (σ ≈ 0.3) and three Christmases that is ~0.9, so a holiday that does nothing comes out as
// damped noise within a couple of SE of 0. An L2 prior shrinks; it does not select.
// (Prophet's near-flat 10 would not shrink at all.) At weekly grain one day is 1/7 of the
// scaled unit, so the scale shrinks with the period.
const HOLIDAY_SCALE_PER_DAY = 0.5;
// Discount: per unit fraction (100 points). Promotions that lift sales by 2-3× per 100
// points are common, so sd 10 is effectively unpenalised and only guards the solve.
const DISCOUNT_SCALE = 10;

// The σ fixed point settles in two or three rounds; more would only polish the third digit.
const MAX_SIGMA_ROUNDS = 6;
const SIGMA_TOLERANCE = 1e-3;
// Keeps penalties positive (so collinear holiday weeks stay identifiable) on noise-free input.
const MIN_SIGMA = 1e-6;

/** Seasons of history whose median discount stands in for an unspecified future discount. */
const DISCOUNT_HISTORY_SEASONS = 8;

/** A contiguous run of design-matrix columns. */
interface Block {
  start: number;
  size: number;
}

/** Which column means what, and where the calendar starts. */
interface Layout {
  p: number;
  grain: Grain;
  startDay: number;
  /** The time axis: period i sits at t = i / tSpan, so the history spans 0..1. */
  tSpan: number;
  /** Changepoint positions on the t axis, ascending. */
  changepoints: Float64Array;
  /** History index of each changepoint. */
  changepointIndex: Int32Array;
  trend: Block;
  weekly: Block;
  yearly: Block;
  holidays: Block;
  discount: Block;
  holidayNames: HolidayName[];
  holidayColumn: Map<HolidayName, number>;
  /** Mean discount of the history: the regressor is centred on it for conditioning. */
  discountMean: number;
}

function prophetMinHistory(season: number): number {
  return season <= 7 ? 2 * season + 2 : 26;
}

/** Prophet-style model: see the module comment. */
export const prophetModel: Forecaster = {
  id: 'prophet',
  label: 'Prophet-style',
  summary:
    'Piecewise-linear trend with damped changepoints, weekly and yearly Fourier seasonality, holiday and discount effects, fitted as one ridge regression.',
  usesDrivers: true,
  // Two weeks pin the weekly terms at daily grain (plus two periods so the trend's intercept
  // and slope leave residual degrees of freedom); at weekly grain the year is Fourier terms,
  // not a season to repeat, so half a year of weeks is enough to fit a trend.
  minHistory: prophetMinHistory,
  // Additive or multiplicative seasonality, chosen on held-out training data (prophet-mode.ts).
  fit: (history, context) => Promise.resolve(fitProphetAuto(history, context, prophetMinHistory(context.season))),
};

/** Fits the model synchronously (the {@link prophetModel} `fit` wraps this in a promise). */
export function fitProphet(history: SeriesData, context: Pick<FitContext, 'season'>): DecomposableFit {
  const n = history.values.length;
  if (n < 3) throw new RangeError(`the Prophet-style model needs at least 3 periods, got ${n}`);
  const scale = meanAbsolute(history.values) || 1;
  const y = history.values.map((v) => v / scale);
  const discount = varyingDiscount(history, n);
  const layout = buildLayout(history, n, discount);
  const rows = designRows(layout, 0, n, discount);
  const priorScales = priorScalesOf(layout);

  const ne = normalEquations(rows, y);
  const sigma = settleSigma(ne, priorScales, standardDeviation(y));
  const fit = withUsableSigma(fitFromNormalEquations(ne, rows, y, penaltiesFor(priorScales, sigma)), y);
  const futureDiscount = discount ? medianOfTail(discount, DISCOUNT_HISTORY_SEASONS * context.season) : 0;
  return new ProphetFit(layout, fit, rows, scale, n, discount !== null, futureDiscount);
}

class ProphetFit implements DecomposableFit {
  constructor(
    private readonly layout: Layout,
    private readonly fit: PenalisedFit,
    private readonly rows: Float64Array[],
    /** mean|y|: multiply scaled quantities by it to get revenue. */
    private readonly scale: number,
    private readonly n: number,
    private readonly hasDiscount: boolean,
    /** Discount assumed for future periods the caller gives no value for. */
    private readonly defaultDiscount: number,
  ) {}

  predict(horizon: number, drivers?: FutureDrivers): Forecast {
    const { layout, fit, scale } = this;
    const discount = new Float64Array(horizon);
    for (let k = 0; k < horizon; k++) {
      const given = drivers?.discount?.[k];
      discount[k] = given !== undefined && Number.isFinite(given) ? given : this.defaultDiscount;
    }
    const rows = designRows(layout, this.n, horizon, this.hasDiscount ? discount : null);
    const point = multiply(rows, fit.beta).map((v) => v * scale);
    const sigma = fit.residualSd;
    const drift = this.trendDriftRate();
    const sd = new Float64Array(horizon);
    // Var = σ² (noise) + xᵀCx (the fitted coefficients' uncertainty at this step: it grows
    // with the horizon through the slope and hinge columns, and is larger on holidays seen
    // only a few times) + trend changes still to come, Prophet's way (trendDriftRate).
    for (let k = 0; k < horizon; k++) {
      const ahead = (k + 1) / layout.tSpan;
      const variance = sigma * sigma + quadraticForm(fit.covariance, rows[k]!) + drift * ahead ** 3;
      sd[k] = Math.sqrt(variance) * scale;
    }
    return normalForecast(point, sd);
  }

  decompose(): Decomposition {
    const { layout, rows, scale } = this;
    const part = (block: Block) => Float64Array.from(rows, (row) => blockDot(row, this.fit.beta, block) * scale);
    const trend = part(layout.trend);
    const weekly = part(layout.weekly);
    const yearly = part(layout.yearly);
    const holidays = part(layout.holidays);
    const drivers = part(layout.discount);
    const fitted = trend.map((v, i) => v + weekly[i]! + yearly[i]! + holidays[i]! + drivers[i]!);
    return { trend, weekly, yearly, holidays, drivers, fitted };
  }

  weeklyProfile(): Float64Array | null {
    const { weekly } = this.layout;
    if (weekly.size === 0) return null;
    const row = new Float64Array(weekly.size);
    return Float64Array.from({ length: 7 }, (_, weekday) => {
      fillFourier(row, 0, (2 * Math.PI * weekday) / 7, weekly.size / 2);
      return this.blockEffect(row, weekly);
    });
  }

  yearlyProfile(points: number): Float64Array | null {
    const { yearly } = this.layout;
    if (yearly.size === 0) return null;
    const row = new Float64Array(yearly.size);
    return Float64Array.from({ length: points }, (_, i) => {
      fillFourier(row, 0, (2 * Math.PI * i) / points, yearly.size / 2);
      return this.blockEffect(row, yearly);
    });
  }

  holidayEffects(): HolidayEffect[] {
    const { layout, fit, scale } = this;
    const occurrences = holidayOccurrences(layout.startDay, this.n, layout.grain);
    return layout.holidayNames.map((name) => {
      const column = layout.holidayColumn.get(name)!;
      return {
        name,
        effect: fit.beta[column]! * scale,
        se: Math.sqrt(fit.covariance[column * layout.p + column]!) * scale,
        occurrences: occurrences.get(name) ?? 0,
      };
    });
  }

  baselineDiscount(): number {
    return this.defaultDiscount;
  }

  discountEffect(): DiscountEffect | null {
    const { layout, fit, scale } = this;
    if (layout.discount.size === 0) return null;
    const column = layout.discount.start;
    // The regressor is a fraction: one percentage point is 1/100 of it.
    return {
      perPoint: (fit.beta[column]! * scale) / 100,
      se: (Math.sqrt(fit.covariance[column * layout.p + column]!) * scale) / 100,
    };
  }

  changepoints(): Changepoint[] {
    const { layout, fit } = this;
    return Array.from(layout.changepointIndex, (index, k) => ({
      day: isoDay(layout.startDay + index * periodLength(layout.grain)),
      slopeChange: this.perPeriodSlope(fit.beta[2 + k]!),
    }));
  }

  describe(): ModelParameter[] {
    const { layout, fit, scale } = this;
    const unit = layout.grain === 'week' ? 'week' : 'day';
    const params: ModelParameter[] = [];
    const changes = this.changepoints();
    params.push({
      name: 'Changepoints',
      value: `${changes.length} potential, over the first ${CHANGEPOINT_RANGE * 100}% of history (prior sd ${CHANGEPOINT_SCALE} × mean level per history length)`,
    });
    const largest = changes.reduce<Changepoint | null>(
      (best, c) => (best === null || Math.abs(c.slopeChange) > Math.abs(best.slopeChange) ? c : best),
      null,
    );
    if (largest) {
      params.push({
        name: 'Largest slope change',
        value: `${signed(largest.slopeChange)} per ${unit} per ${unit}, from ${largest.day}`,
      });
    }
    let endSlope = fit.beta[1]!;
    for (let k = 0; k < layout.changepoints.length; k++) endSlope += fit.beta[2 + k]!;
    params.push({
      name: 'Trend slope at end of history',
      value: `${signed(this.perPeriodSlope(endSlope))} per ${unit}`,
    });
    params.push({
      name: 'Weekly seasonality',
      value: layout.weekly.size > 0 ? `Fourier order ${layout.weekly.size / 2}` : 'off (weekly data)',
    });
    params.push({
      name: 'Yearly seasonality',
      value: layout.yearly.size > 0 ? `Fourier order ${layout.yearly.size / 2}` : 'off (history shorter than a year)',
    });
    const holidays = this.holidayEffects();
    const biggest = holidays.reduce<HolidayEffect | null>(
      (best, h) => (best === null || Math.abs(h.effect) > Math.abs(best.effect) ? h : best),
      null,
    );
    params.push({
      name: 'Holidays estimated',
      value: biggest
        ? `${holidays.length} (largest: ${biggest.name} ${signed(biggest.effect)} ± ${format(biggest.se)})`
        : '0 (none in the history)',
    });
    const discount = this.discountEffect();
    params.push({
      name: 'Discount effect',
      value: discount
        ? `${signed(discount.perPoint)} per ${unit} per +1 point of discount (± ${format(discount.se)})`
        : 'not modelled (no varying discount in the history)',
    });
    params.push({ name: 'Residual SD', value: format(fit.residualSd * scale) });
    params.push({ name: 'Effective parameters', value: `${format(fit.effectiveDf)} of ${layout.p}` });
    return params;
  }

  /** A slope on the scaled t axis, as revenue per period. */
  private perPeriodSlope(slope: number): number {
    return (slope * this.scale) / this.layout.tSpan;
  }

  private blockEffect(row: Float64Array, block: Block): number {
    let s = 0;
    for (let j = 0; j < block.size; j++) s += row[j]! * this.fit.beta[block.start + j]!;
    return s * this.scale;
  }

  /**
   * Variance growth rate of the trend from changepoints the future has not shown yet, as
   * Prophet simulates them: changes arrive at the history's rate (K per unit t) with
   * Laplace magnitudes of the mean fitted |δ|. A change at u adds δ·(H − u) at H, so the
   * variance at H is K · 2·mean|δ|² · H³/3; this returns the factor in front of H³.
   */
  private trendDriftRate(): number {
    const count = this.layout.changepoints.length;
    if (count === 0) return 0;
    let meanAbs = 0;
    for (let k = 0; k < count; k++) meanAbs += Math.abs(this.fit.beta[2 + k]!) / count;
    return (count * 2 * meanAbs * meanAbs) / 3;
  }
}

/**
 * The residual sd σ that the penalties λ = σ²/τ² it implies reproduce. It starts from the
 * series' sd, which bounds the noise of any model with an intercept, so the rounds come down
 * to the noise level from above without needing a guess of it.
 */
function settleSigma(ne: NormalEquations, priorScales: Float64Array, start: number): number {
  let sigma = Math.max(start, MIN_SIGMA);
  for (let round = 0; round < MAX_SIGMA_ROUNDS; round++) {
    const next = solveNormalEquations(ne, penaltiesFor(priorScales, sigma)).residualSd;
    if (!Number.isFinite(next)) break;
    const settled = Math.abs(next - sigma) <= SIGMA_TOLERANCE * sigma;
    sigma = Math.max(next, MIN_SIGMA);
    if (settled) break;
  }
  return sigma;
}

/**
 * On a history barely longer than the model has columns the residuals leave no degrees of
 * freedom and σ̂ is 0/0. Then nothing the model explains can be told from noise, so the
 * series' own sd stands in: wide intervals, but finite and honest about it.
 */
function withUsableSigma(fit: PenalisedFit, y: Float64Array): PenalisedFit {
  if (Number.isFinite(fit.residualSd)) return fit;
  const sigma = standardDeviation(y);
  return { ...fit, residualSd: sigma, covariance: fit.unscaledCovariance.map((v) => v * sigma * sigma) };
}

function buildLayout(history: SeriesData, n: number, discount: Float64Array | null): Layout {
  const grain = history.grain;
  const startDay = dayNumber(history.start);
  const { changepoints, changepointIndex } = placeChangepoints(n);
  let p = 0;
  const take = (size: number): Block => {
    const block = { start: p, size };
    p += size;
    return block;
  };
  const trend = take(2 + changepoints.length);
  const weekly = take(grain === 'day' ? 2 * WEEKLY_ORDER : 0);
  const yearly = take(n * periodLength(grain) >= MIN_YEARLY_SPAN_DAYS ? 2 * YEARLY_ORDER[grain] : 0);
  const occurrences = holidayOccurrences(startDay, n, grain);
  // Only holidays the history has seen get a column: an unseen one has no data to estimate
  // it from, so the forecast gives it no effect.
  const holidayNames = HOLIDAY_NAMES.filter((name) => (occurrences.get(name) ?? 0) > 0);
  const holidays = take(holidayNames.length);
  const holidayColumn = new Map(holidayNames.map((name, i) => [name, holidays.start + i] as const));
  const discountBlock = take(discount ? 1 : 0);
  return {
    p,
    grain,
    startDay,
    tSpan: n - 1,
    changepoints,
    changepointIndex,
    trend,
    weekly,
    yearly,
    holidays,
    discount: discountBlock,
    holidayNames,
    holidayColumn,
    discountMean: discount ? mean(discount) : 0,
  };
}

/** Prophet's placement: K = min(25, ⌊0.8n⌋ − 1) hinges evenly spaced over the first 80%. */
function placeChangepoints(n: number): { changepoints: Float64Array; changepointIndex: Int32Array } {
  const span = Math.floor(n * CHANGEPOINT_RANGE);
  const count = Math.max(0, Math.min(MAX_CHANGEPOINTS, span - 1));
  const changepointIndex = Int32Array.from({ length: count }, (_, k) => Math.round(((k + 1) * (span - 1)) / count));
  const changepoints = Float64Array.from(changepointIndex, (index) => index / (n - 1));
  return { changepoints, changepointIndex };
}

/** Prior sd per column (Infinity = unpenalised), in the scaled units of the module comment. */
function priorScalesOf(layout: Layout): Float64Array {
  const scales = new Float64Array(layout.p).fill(Number.POSITIVE_INFINITY);
  const set = (block: Block, value: number) => scales.fill(value, block.start, block.start + block.size);
  // Intercept and base slope stay unpenalised, as in Prophet (its priors there are flat-ish).
  set({ start: layout.trend.start + 2, size: layout.trend.size - 2 }, CHANGEPOINT_SCALE);
  set(layout.weekly, SEASONALITY_SCALE);
  set(layout.yearly, SEASONALITY_SCALE);
  set(layout.holidays, HOLIDAY_SCALE_PER_DAY / periodLength(layout.grain));
  set(layout.discount, DISCOUNT_SCALE);
  return scales;
}

/** λⱼ = σ²/τⱼ²: the ridge penalty whose solution is the MAP under βⱼ ~ N(0, τⱼ²), ε ~ N(0, σ²). */
function penaltiesFor(priorScales: Float64Array, sigma: number): Float64Array {
  return priorScales.map((tau) => (sigma / tau) ** 2);
}

/**
 * Design rows for periods `from` … `from + count − 1` (history indices; ≥ n is the future),
 * as views into one buffer.
 */
function designRows(layout: Layout, from: number, count: number, discount: ArrayLike<number> | null): Float64Array[] {
  const { p, grain, changepoints } = layout;
  const length = periodLength(grain);
  const firstDay = layout.startDay + from * length;
  const holidays = holidaysBetween(firstDay, firstDay + count * length - 1);
  const buffer = new Float64Array(count * p);
  const rows: Float64Array[] = [];
  // The week's middle day stands for a week's place in the year.
  const yearOffset = grain === 'week' ? 3 : 0;
  for (let r = 0; r < count; r++) {
    const row = buffer.subarray(r * p, (r + 1) * p);
    const day = firstDay + r * length;
    const t = (from + r) / layout.tSpan;
    row[layout.trend.start] = 1;
    row[layout.trend.start + 1] = t;
    for (let k = 0; k < changepoints.length; k++) row[layout.trend.start + 2 + k] = Math.max(0, t - changepoints[k]!);
    if (layout.weekly.size > 0) {
      fillFourier(row, layout.weekly.start, (2 * Math.PI * weekdayOf(day)) / 7, layout.weekly.size / 2);
    }
    if (layout.yearly.size > 0) {
      fillFourier(row, layout.yearly.start, 2 * Math.PI * yearFraction(day + yearOffset), layout.yearly.size / 2);
    }
    for (let d = 0; d < length; d++) {
      const name = holidays.get(day + d);
      const column = name === undefined ? undefined : layout.holidayColumn.get(name);
      if (column !== undefined) row[column]! += 1;
    }
    if (discount && layout.discount.size > 0) row[layout.discount.start] = discount[r]! - layout.discountMean;
    rows.push(row);
  }
  return rows;
}

/** sin(kθ), cos(kθ) for k = 1…order into row[start…start + 2·order). */
function fillFourier(row: Float64Array, start: number, angle: number, order: number): void {
  for (let k = 1; k <= order; k++) {
    row[start + 2 * (k - 1)] = Math.sin(k * angle);
    row[start + 2 * (k - 1) + 1] = Math.cos(k * angle);
  }
}

/** Days of each holiday within the n periods from startDay. */
function holidayOccurrences(startDay: number, n: number, grain: Grain): Map<HolidayName, number> {
  const counts = new Map<HolidayName, number>();
  for (const name of holidaysBetween(startDay, startDay + n * periodLength(grain) - 1).values()) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** The history's discount when it exists and moves: a constant column would only alias the intercept. */
function varyingDiscount(history: SeriesData, n: number): Float64Array | null {
  const discount = history.discount;
  if (!discount || discount.length !== n) return null;
  if (!discount.every(Number.isFinite)) return null;
  return standardDeviation(discount) > 1e-6 ? discount : null;
}

function blockDot(row: Float64Array, beta: Float64Array, block: Block): number {
  let s = 0;
  for (let j = block.start; j < block.start + block.size; j++) s += row[j]! * beta[j]!;
  return s;
}

/** xᵀCx for a symmetric p×p row-major C. */
function quadraticForm(c: Float64Array, x: Float64Array): number {
  const p = x.length;
  let s = 0;
  for (let j = 0; j < p; j++) {
    const xj = x[j]!;
    if (xj === 0) continue;
    let cx = 0;
    for (let k = 0; k < p; k++) cx += c[j * p + k]! * x[k]!;
    s += xj * cx;
  }
  return Math.max(s, 0);
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : 0;
}

function meanAbsolute(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]!);
  return values.length > 0 ? s / values.length : 0;
}

function standardDeviation(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i]! - m) ** 2;
  return values.length > 1 ? Math.sqrt(s / (values.length - 1)) : 0;
}

function medianOfTail(values: Float64Array, count: number): number {
  const tail = Float64Array.from(values.subarray(Math.max(0, values.length - count))).sort();
  if (tail.length === 0) return 0;
  const mid = tail.length >> 1;
  return tail.length % 2 === 1 ? tail[mid]! : (tail[mid - 1]! + tail[mid]!) / 2;
}

function format(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const size = Math.abs(x);
  if (size >= 100) return x.toFixed(0);
  if (size >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

function signed(x: number): string {
  return x >= 0 ? `+${format(x)}` : format(x);
}
