/**
 * What-if scenarios on a forecast, with effects estimated from the data: the discount effect
 * from the Prophet-style model's regression (revenue per percentage point of average
 * discount) and the price elasticity from elasticity.ts. Each effect's uncertainty becomes
 * a low–high range by moving it ±1.96 standard errors.
 */
import type { Grain } from './types';

export interface Scenario {
  /** Change of list prices over the horizon, as a fraction (−0.1 = 10% cheaper). */
  priceChange: number;
  /** Discount during the promotion, as a fraction of price. */
  promoDiscount: number;
  /** Days of promotion, from the first day of the horizon. */
  promoDays: number;
}

export interface ScenarioEffects {
  /** Revenue per period for +1 percentage point of the period's average discount. */
  discount: { perPoint: number; se: number } | null;
  /** The average discount assumed by the baseline forecast (fraction). */
  baselineDiscount: number;
  /** Price elasticity of units. */
  elasticity: { value: number; se: number } | null;
}

export interface ScenarioForecast {
  point: Float64Array;
  low: Float64Array;
  high: Float64Array;
  /** Which parts of the scenario had no estimate and were left out. */
  ignored: string[];
}

const Z = 1.959963984540054;

/**
 * Revenue factor of a price change: units move by (1 + p)^ε and each unit earns (1 + p)
 * more, so revenue moves by (1 + p)^(1 + ε). A constant-elasticity curve, trusted only near
 * the prices the data has seen.
 */
export function priceFactor(priceChange: number, elasticity: number): number {
  return Math.pow(1 + priceChange, 1 + elasticity);
}

/** Promotion days falling in each forecast period (promotions run from the first day). */
export function promoDaysPerPeriod(periods: number, grain: Grain, promoDays: number): Float64Array {
  const length = grain === 'week' ? 7 : 1;
  const out = new Float64Array(periods);
  for (let i = 0; i < periods; i++) out[i] = Math.max(0, Math.min(length, promoDays - i * length));
  return out;
}

export function applyScenario(
  base: ArrayLike<number>,
  grain: Grain,
  scenario: Scenario,
  effects: ScenarioEffects,
): ScenarioForecast {
  const h = base.length;
  const ignored: string[] = [];
  const days = promoDaysPerPeriod(h, grain, scenario.promoDays);
  const length = grain === 'week' ? 7 : 1;
  const lift = scenario.promoDays > 0 ? (scenario.promoDiscount - effects.baselineDiscount) * 100 : 0;
  const discount = effects.discount;
  if (lift !== 0 && !discount)
    ignored.push('the promotion (the data has no discount column, or its discounts never varied)');
  const elasticity = effects.elasticity;
  if (scenario.priceChange !== 0 && !elasticity)
    ignored.push('the price change (no price elasticity could be estimated from this data)');
  const factors =
    scenario.priceChange !== 0 && elasticity
      ? [
          priceFactor(scenario.priceChange, elasticity.value),
          priceFactor(scenario.priceChange, elasticity.value - Z * elasticity.se),
          priceFactor(scenario.priceChange, elasticity.value + Z * elasticity.se),
        ]
      : [1, 1, 1];
  const point = new Float64Array(h);
  const low = new Float64Array(h);
  const high = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    const share = days[i]! / length;
    const effect = discount ? discount.perPoint * lift * share : 0;
    const spread = discount ? Z * discount.se * Math.abs(lift) * share : 0;
    const candidates: number[] = [];
    for (const f of factors) for (const e of [effect - spread, effect + spread]) candidates.push((base[i]! + e) * f);
    point[i] = (base[i]! + effect) * factors[0]!;
    low[i] = Math.min(...candidates);
    high[i] = Math.max(...candidates);
  }
  return { point, low, high, ignored };
}
