import type { Connector } from '../../engine/connector';
import type { Filters } from '../../filters';
import { cubeClause } from './cube-where';

/** One day of the slice: its mean discount and how much sold. */
export interface DiscountDay extends Record<string, unknown> {
  day: number;
  discount: number;
  units: number;
  revenue: number;
}

/** Days grouped by how deep the discount was, with what an average such day sold. */
export interface DiscountBand extends Record<string, unknown> {
  band: string;
  /** Lower edge of the band (fraction), for ordering. */
  lower: number;
  days: number;
  units_per_day: number;
  revenue_per_day: number;
}

/** Does promotion lift sales? Per-day discount vs units, and the same in discount bands. */
export async function discountEffect(db: Connector, f: Filters): Promise<{ days: DiscountDay[]; bands: DiscountBand[] }> {
  const c = cubeClause(f);
  const days = await db.query<DiscountDay>(
    `SELECT CAST(c.day AS TIMESTAMP) AS day, 1 - sum(c.paid_value) / sum(c.list_value) AS discount,
            sum(c.units) AS units, sum(c.revenue) AS revenue
     FROM cube_day c WHERE ${c.sql}
     GROUP BY c.day HAVING sum(c.list_value) > 0
     ORDER BY c.day`,
    c.params,
  );
  return { days, bands: bandsOf(days) };
}

const BANDS = [
  // From -∞: cent rounding can leave an undiscounted day a hair below zero.
  { band: 'no discount (< 1%)', lower: -Infinity, upper: 0.01 },
  { band: '1–5%', lower: 0.01, upper: 0.05 },
  { band: '5–10%', lower: 0.05, upper: 0.1 },
  { band: '10–20%', lower: 0.1, upper: 0.2 },
  { band: '20% or more', lower: 0.2, upper: Infinity },
];

function bandsOf(days: DiscountDay[]): DiscountBand[] {
  return BANDS.map(({ band, lower, upper }) => {
    const inBand = days.filter((d) => d.discount >= lower && d.discount < upper);
    const n = inBand.length;
    return {
      band,
      lower,
      days: n,
      units_per_day: n ? inBand.reduce((a, d) => a + d.units, 0) / n : 0,
      revenue_per_day: n ? inBand.reduce((a, d) => a + d.revenue, 0) / n : 0,
    };
  }).filter((b) => b.days > 0);
}
