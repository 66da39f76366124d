/**
 * Price elasticity of demand from the data's own price variation: a log–log regression of
 * units sold per day on the price index (price paid ÷ the product's usual price), with the
 * weekday, the time of year and a linear trend as controls, so a December peak or a growing
 * shop is not read as a price effect. Only days with sales enter (log 0 is undefined); the
 * coefficient on log price is the elasticity: −1.5 means 1% dearer sells 1.5% fewer units.
 */
import { dayNumber, weekdayOf, yearFraction } from './calendar';
import { ordinaryLeastSquares } from './linear';

export interface Elasticity {
  category: string;
  /** % change in units for a 1% change in price. */
  value: number;
  se: number;
  days: number;
  /** Standard deviation of log price index: how much price variation the estimate rests on. */
  priceSpread: number;
}

export interface ElasticityEstimate {
  estimates: Elasticity[];
  /** Categories that could not be estimated, with the reason. */
  skipped: { category: string; reason: string }[];
}

/** Fewest days with sales a category needs: the regression has 13 coefficients. */
export const MIN_DAYS = 60;
/** Below this spread of log prices (about ±1%), there is no price variation to learn from. */
export const MIN_PRICE_SPREAD = 0.01;

export function estimateElasticity(
  day: readonly string[],
  units: ArrayLike<number>,
  priceIndex: ArrayLike<number>,
  category: string,
): Elasticity | string {
  const rows: Float64Array[] = [];
  const y: number[] = [];
  let first = Infinity;
  for (const d of day) first = Math.min(first, dayNumber(d));
  for (let i = 0; i < day.length; i++) {
    if (!(units[i]! > 0) || !(priceIndex[i]! > 0)) continue;
    const dn = dayNumber(day[i]!);
    const wd = weekdayOf(dn);
    const yf = yearFraction(dn) * 2 * Math.PI;
    const row = new Float64Array(13);
    row[0] = 1;
    row[1] = Math.log(priceIndex[i]!);
    for (let k = 1; k < 7; k++) row[1 + k] = wd === k ? 1 : 0;
    row[8] = Math.sin(yf);
    row[9] = Math.cos(yf);
    row[10] = Math.sin(2 * yf);
    row[11] = Math.cos(2 * yf);
    row[12] = (dn - first) / 365;
    rows.push(row);
    y.push(Math.log(units[i]!));
  }
  if (rows.length < MIN_DAYS) return `only ${rows.length} days with sales; at least ${MIN_DAYS} are needed`;
  let mean = 0;
  for (const r of rows) mean += r[1]!;
  mean /= rows.length;
  let spread = 0;
  for (const r of rows) spread += (r[1]! - mean) ** 2;
  spread = Math.sqrt(spread / (rows.length - 1));
  if (spread < MIN_PRICE_SPREAD) return 'prices barely varied, so their effect cannot be measured';
  const fit = ordinaryLeastSquares(rows, y);
  return { category, value: fit.beta[1]!, se: fit.standardErrors[1]!, days: rows.length, priceSpread: spread };
}

/** Units and price index per category and day (see data/queries/forecast/price-points.ts). */
export interface PricePointsInput {
  categories: string[];
  category: ArrayLike<number>;
  day: readonly string[];
  units: ArrayLike<number>;
  priceIndex: ArrayLike<number>;
}

/** Elasticity per category, and over all of them together (units summed per day, prices weighted by units). */
export function elasticities(points: PricePointsInput): {
  overall: Elasticity | string;
  byCategory: ElasticityEstimate;
} {
  const estimates: Elasticity[] = [];
  const skipped: { category: string; reason: string }[] = [];
  const totals = new Map<string, { units: number; weighted: number }>();
  points.categories.forEach((name, c) => {
    const idx: number[] = [];
    for (let i = 0; i < points.day.length; i++) if (points.category[i] === c) idx.push(i);
    const result = estimateElasticity(
      idx.map((i) => points.day[i]!),
      idx.map((i) => points.units[i]!),
      idx.map((i) => points.priceIndex[i]!),
      name,
    );
    if (typeof result === 'string') skipped.push({ category: name, reason: result });
    else estimates.push(result);
  });
  for (let i = 0; i < points.day.length; i++) {
    const t = totals.get(points.day[i]!) ?? { units: 0, weighted: 0 };
    t.units += points.units[i]!;
    t.weighted += points.units[i]! * points.priceIndex[i]!;
    totals.set(points.day[i]!, t);
  }
  const days = [...totals.keys()].sort();
  const overall = estimateElasticity(
    days,
    days.map((d) => totals.get(d)!.units),
    days.map((d) => totals.get(d)!.weighted / totals.get(d)!.units),
    'All',
  );
  return { overall, byCategory: { estimates, skipped } };
}
